import { useSyncExternalStore } from 'react';

/** The annotator app's pages; a history.pushState router small enough to not need a library. */
export type Route = { page: 'projects' } | { page: 'workspace'; projectId: number } | { page: 'earnings' } | { page: 'notFound' };

export const PROJECTS_PATH = '/label';
export const EARNINGS_PATH = '/label/earnings';

export function projectPath(projectId: number): string {
  return `/label/projects/${projectId}`;
}

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === PROJECTS_PATH) return { page: 'projects' };
  if (path === EARNINGS_PATH) return { page: 'earnings' };
  const match = /^\/label\/projects\/([1-9]\d{0,9})$/.exec(path);
  if (match) return { page: 'workspace', projectId: Number(match[1]) };
  return { page: 'notFound' };
}

const NAVIGATE = 'tessera:navigate';

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

function pathname(): string {
  return window.location.pathname;
}

/** The current route, following pushState navigation and the back/forward buttons. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, pathname));
}
