import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import './focus.css';
import { Menu } from './Menu';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout className="tessera-console" menu={Menu}>
      {children}
    </RaLayout>
  );
}
