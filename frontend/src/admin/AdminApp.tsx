import { useState } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { createBrowserRouter, Navigate, Route, RouterProvider } from 'react-router-dom';
import { AccessDenied } from './AccessDenied';
import annotations from './annotations';
import { authProvider } from './authProvider';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import epochs from './epochs';
import { i18nProvider } from './i18n/i18nProvider';
import items from './items';
import { Layout } from './Layout';
import ledger from './ledger';
import { LoginPage } from './LoginPage';
import payouts from './payouts';
import projects from './projects';
import review from './review';
import suspensions from './suspensions';
import { TOKEN_PATH, TokenPage } from './token';
import users from './users';

/** The console: wiring only; each resource lives in its own folder. */
function Console() {
  return (
    <Admin
      disableTelemetry
      basename="/admin"
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
      <Resource name="projects" {...projects} />
      <Resource name="items" {...items} />
      <Resource name="annotations" {...annotations} />
      <Resource name="review" {...review} />
      <Resource name="users" {...users} />
      <Resource name="suspensions" {...suspensions} />
      <Resource name="epochs" {...epochs} />
      <Resource name="ledger" {...ledger} />
      <Resource name="payouts" {...payouts} />
      <CustomRoutes>
        <Route path={TOKEN_PATH} element={<TokenPage />} />
      </CustomRoutes>
    </Admin>
  );
}

/**
 * Served at /admin/* (the backend answers every /admin path with index.html), so the console uses
 * real paths under a browser data router rather than react-admin's default hash router.
 */
export default function AdminApp() {
  const [router] = useState(() =>
    createBrowserRouter([
      { path: '/admin/*', element: <Console /> },
      { path: '*', element: <Navigate to="/admin" replace /> },
    ]),
  );
  return <RouterProvider router={router} />;
}
