import { useState } from 'react';
import { Admin, CustomRoutes, Resource, type ResourceProps } from 'react-admin';
import { createBrowserRouter, Navigate, Route, RouterProvider, useLocation } from 'react-router-dom';
import { CONSOLE_RESOURCES, type ConsoleResource } from '../appPaths';
import { loadSession } from '../session/session';
import { AccessDenied } from './AccessDenied';
import annotations from './annotations';
import { authProvider } from './authProvider';
import { CONSOLE_BASE, consoleRouterProvider, LOGIN_PATH } from './consoleRouter';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import datasets from './datasets';
import epochs from './epochs';
import { i18nProvider } from './i18n/i18nProvider';
import items from './items';
import { Layout } from './Layout';
import ledger from './ledger';
import { LoginPage } from './LoginPage';
import payouts from './payouts';
import projects from './projects';
import review from './review';
import sales from './sales';
import suspensions from './suspensions';
import { TOKEN_PATH, TokenPage } from './token';
import users from './users';

/** Each resource's views; their names (and so the paths the server knows as console pages) are CONSOLE_RESOURCES. */
const RESOURCES: Record<ConsoleResource, Omit<ResourceProps, 'name'>> = {
  projects,
  items,
  annotations,
  review,
  users,
  suspensions,
  datasets,
  sales,
  epochs,
  ledger,
  payouts,
};

/** The console: wiring only; each resource lives in its own folder. */
function Console() {
  return (
    <Admin
      disableTelemetry
      basename={CONSOLE_BASE}
      routerProvider={consoleRouterProvider}
      title="Tessera"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={Layout}
      loginPage={LoginPage}
      accessDenied={AccessDenied}
      requireAuth
    >
      {CONSOLE_RESOURCES.map((name) => (
        <Resource key={name} name={name} {...RESOURCES[name]} />
      ))}
      <CustomRoutes>
        <Route path={TOKEN_PATH} element={<TokenPage />} />
      </CustomRoutes>
    </Admin>
  );
}

/**
 * Without a session, every console page but the sign-in page goes straight to sign-in, replacing the
 * history entry and remembering the page, so that signing in lands where the link pointed and Back
 * leaves the console. A signed-in visit to the sign-in page goes on to the console.
 */
function SessionGate() {
  const location = useLocation();
  const signedIn = loadSession() !== undefined;
  const onLogin = location.pathname === LOGIN_PATH;
  if (!signedIn && !onLogin) {
    return <Navigate to={LOGIN_PATH} replace state={{ nextPathname: location.pathname, nextSearch: location.search }} />;
  }
  if (signedIn && onLogin) {
    const next = (location.state as { nextPathname?: string; nextSearch?: string } | null) ?? {};
    return <Navigate to={`${next.nextPathname ?? CONSOLE_BASE}${next.nextSearch ?? ''}`} replace />;
  }
  return <Console />;
}

/**
 * Served at /admin/* (the backend answers every /admin path with index.html), so the console uses
 * real paths under a browser data router rather than react-admin's default hash router.
 */
export default function AdminApp() {
  const [router] = useState(() =>
    createBrowserRouter([
      { path: `${CONSOLE_BASE}/*`, element: <SessionGate /> },
      { path: '*', element: <Navigate to={CONSOLE_BASE} replace /> },
    ]),
  );
  return <RouterProvider router={router} />;
}
