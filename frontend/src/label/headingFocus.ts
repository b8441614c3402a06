import { useEffect, useRef } from 'react';
import type { Route } from './router';

/** Frames to wait for a page's heading to render (a lazily loaded page shows a fallback first). */
const MAX_FRAMES = 300;

/** What tells one page from another: a change of it is a navigation. */
export function routeKey(route: Route): string {
  return route.page === 'workspace' ? `workspace:${route.projectId}` : route.page;
}

/**
 * Puts the keyboard (and a screen reader's reading point) on the new page's heading after each
 * navigation, sign-in included, as a full page load would start at the top. Not on the first page
 * load: the browser starts there anyway. Pages that focus something of their own afterwards (the
 * workspace's widget, once its item has come) take it from there.
 */
export function useHeadingFocus(pageKey: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let frame = 0;
    let frames = 0;
    const focusHeading = () => {
      const heading = document.querySelector<HTMLElement>('.app-main h1');
      if (!heading) {
        if (frames++ < MAX_FRAMES) frame = requestAnimationFrame(focusHeading);
        return;
      }
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    };
    focusHeading();
    return () => cancelAnimationFrame(frame);
  }, [pageKey]);
}
