import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import './focus.css';
import { Menu } from './Menu';

/**
 * Tables fit the viewport: react-admin's layout grows to fit its widest content (`min-width:
 * fit-content`) and flex items do not shrink below theirs, so the page scrolled sideways on a phone;
 * here the columns may shrink and a table wider than the screen scrolls inside its own box.
 */
const fitViewport = {
  minWidth: 0,
  '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 },
  '& .RaList-main, & .RaList-content, & .RaShow-main, & .RaShow-card': { minWidth: 0 },
  '& .RaDatagrid-tableWrapper': { overflowX: 'auto' },
  '& .RaDatagrid-root': { maxWidth: '100%' },
} as const;

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout className="tessera-console" menu={Menu} sx={fitViewport}>
      {children}
    </RaLayout>
  );
}
