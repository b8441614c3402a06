import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { Menu } from './Menu';

/**
 * Tables fit the viewport: the content column may shrink below its widest table (flex items do not by
 * default), and a table wider than the screen scrolls inside its own box rather than the page.
 */
const fitViewport = {
  '& .RaLayout-content': { minWidth: 0 },
  '& .RaDatagrid-tableWrapper': { overflowX: 'auto' },
  '& .RaDatagrid-root': { maxWidth: '100%' },
} as const;

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout menu={Menu} sx={fitViewport}>
      {children}
    </RaLayout>
  );
}
