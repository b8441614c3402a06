import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { keepSessionFresh } from './session/renewal';

// Each area is its own chunk: annotators never download the console (react-admin, MUI, charts).
const LabelApp = lazy(() => import('./label/LabelApp'));
const AdminApp = lazy(() => import('./admin/AdminApp'));
const MarketApp = lazy(() => import('./market/MarketApp'));

function area(pathname: string) {
  if (pathname.startsWith('/admin')) return <AdminApp />;
  if (pathname.startsWith('/market')) return <MarketApp />;
  return <LabelApp />;
}

if (window.location.pathname === '/' || window.location.pathname === '') window.history.replaceState(null, '', '/label');

// Every area shares one session: its token is renewed before it expires while any of them is open.
keepSessionFresh();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<p className="loading">Loading…</p>}>{area(window.location.pathname)}</Suspense>
  </StrictMode>,
);
