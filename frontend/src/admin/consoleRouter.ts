import { useCallback } from 'react';
import { reactRouterProvider, type RouterNavigateFunction, type RouterProvider } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { CONSOLE_BASE, CONSOLE_LOGIN_PAGE } from '../appPaths';

export { CONSOLE_BASE };

/** Where the console's wallet sign-in page is. */
export const LOGIN_PATH = `${CONSOLE_BASE}${CONSOLE_LOGIN_PAGE}`;

function pathOf(to: string | { pathname?: string }): string | undefined {
  return typeof to === 'string' ? to.split(/[?#]/)[0] : to.pathname;
}

/**
 * react-admin's navigation, with one change for the redirect to the sign-in page. React Router 7
 * applies a navigation inside a React transition, and react-admin's logout resets its store and query
 * cache right after navigating: that re-render interrupts the transition, the still-mounted page asks
 * for auth again, logs out again and navigates again — thousands of `pushState('/admin/login')` before
 * the page shows. Sent with `flushSync`, the redirect commits at once and the loop never starts;
 * `replace` keeps a page the visitor could not see out of the history, so Back leaves the console
 * instead of landing on a page that redirects to sign-in again.
 */
function useConsoleNavigate(): RouterNavigateFunction {
  const navigate = useNavigate();
  return useCallback<RouterNavigateFunction>(
    (to, options) => {
      if (typeof to === 'number') {
        void navigate(to);
        return;
      }
      const toLogin = pathOf(to) === LOGIN_PATH;
      void navigate(to, toLogin ? { ...options, replace: true, flushSync: true } : options);
    },
    [navigate],
  );
}

export const consoleRouterProvider: RouterProvider = { ...reactRouterProvider, useNavigate: useConsoleNavigate };
