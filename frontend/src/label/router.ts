import { useSyncExternalStore } from 'react';
import { LABEL_BASE, LABEL_EARNINGS_PATH, LABEL_PROJECT_PATTERN, trimPath } from '../appPaths';

/** The annotator app's pages; a history.pushState router small enough to not need a library. */
export type Route = { page: 'projects' } | { page: 'workspace'; projectId: number } | { page: 'earnings' } | { page: 'notFound' };

export const PROJECTS_PATH = LABEL_BASE;
export const EARNINGS_PATH = LABEL_EARNINGS_PATH;

export function projectPath(projectId: number): string {
  return `/label/projects/${projectId}`;
}

export function parseRoute(pathname: string): Route {
  const path = trimPath(pathname);
  if (path === '/' || path === PROJECTS_PATH) return { page: 'projects' };
  if (path === EARNINGS_PATH) return { page: 'earnings' };
  const match = LABEL_PROJECT_PATTERN.exec(path);
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
