import { useEffect, type ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { useLocation } from 'react-router-dom';
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

/**
 * After sign-in and after each navigation, focus moves to the page's heading (the title react-admin
 * writes into the app bar), so a keyboard or screen reader user starts on the new page, not on the
 * link they left. Its focus ring shows only for keyboard focus (focus.css).
 */
function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const heading = document.getElementById('react-admin-title');
      if (!heading) return;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

export function Layout({ children }: { children: ReactNode }) {
  useFocusHeadingOnNavigation();
  return (
    <RaLayout className="tessera-console" menu={Menu} sx={fitViewport}>
      {children}
    </RaLayout>
  );
}
