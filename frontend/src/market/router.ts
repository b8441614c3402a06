import { useSyncExternalStore } from 'react';
import { MARKET_BASE, MARKET_PURCHASES_PATH, marketAssetDid, trimPath } from '../appPaths';

/** The buyer's pages; a history.pushState router like the annotator app's. */
export type MarketRoute = { page: 'catalogue' } | { page: 'asset'; did: string } | { page: 'purchases' } | { page: 'notFound' };

export const CATALOGUE_PATH = MARKET_BASE;
export const PURCHASES_PATH = MARKET_PURCHASES_PATH;

export function assetPath(did: string): string {
  return `/market/assets/${encodeURIComponent(did)}`;
}

export function parseMarketRoute(pathname: string): MarketRoute {
  const path = trimPath(pathname);
  if (path === CATALOGUE_PATH) return { page: 'catalogue' };
  if (path === PURCHASES_PATH) return { page: 'purchases' };
  const did = marketAssetDid(path);
  return did === undefined ? { page: 'notFound' } : { page: 'asset', did };
}

const NAVIGATE = 'tessera:market-navigate';

export function navigateMarket(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
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

export function useMarketLocation(): { route: MarketRoute; search: string } {
  const href = useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  const url = new URL(href, window.location.origin);
  return { route: parseMarketRoute(url.pathname), search: url.search };
}
