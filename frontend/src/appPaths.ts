/**
 * Which paths are pages of the three browser apps. The apps route with these, and the backend's
 * fallback answers a path under /label, /admin or /market that none of them matches with HTTP 404
 * (still the app's HTML, so the app draws its own 404 page). No imports: the backend compiles it too.
 */

export const LABEL_BASE = '/label';
export const CONSOLE_BASE = '/admin';
export const MARKET_BASE = '/market';

/** The console's resources, in menu order; each answers /admin/<name>[/create | /<id>[/show[/<tab>]]]. */
export const CONSOLE_RESOURCES = [
  'projects',
  'items',
  'annotations',
  'review',
  'users',
  'suspensions',
  'datasets',
  'sales',
  'epochs',
  'ledger',
  'payouts',
] as const;

export type ConsoleResource = (typeof CONSOLE_RESOURCES)[number];

/** The console's pages that are no resource (relative to CONSOLE_BASE): its sign-in page and the Token page. */
export const CONSOLE_LOGIN_PAGE = '/login';
export const CONSOLE_TOKEN_PAGE = '/token';
const CONSOLE_PAGES = [CONSOLE_LOGIN_PAGE, CONSOLE_TOKEN_PAGE];

export const LABEL_PROJECT_PATTERN = /^\/label\/projects\/([1-9]\d{0,9})$/;
export const LABEL_EARNINGS_PATH = `${LABEL_BASE}/earnings`;
export const MARKET_ASSET_PATTERN = /^\/market\/assets\/([^/]+)$/;
export const MARKET_PURCHASES_PATH = `${MARKET_BASE}/purchases`;

const CONSOLE_RESOURCE_PATTERN = new RegExp(`^${CONSOLE_BASE}/(${CONSOLE_RESOURCES.join('|')})(/create|/[^/]+(/show(/[^/]+)?)?)?$`);

/** The path without its trailing slashes, as the apps read it. */
export function trimPath(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

/** The DID in a market asset page's path, or undefined when the path is none (or not decodable). */
export function marketAssetDid(path: string): string | undefined {
  const match = MARKET_ASSET_PATTERN.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

/** Whether the path (no query) is a page of one of the apps. */
export function isAppPage(pathname: string): boolean {
  const path = trimPath(pathname);
  if (path === LABEL_BASE || path === LABEL_EARNINGS_PATH || LABEL_PROJECT_PATTERN.test(path)) return true;
  if (path === MARKET_BASE || path === MARKET_PURCHASES_PATH || marketAssetDid(path) !== undefined) return true;
  if (path === CONSOLE_BASE || CONSOLE_PAGES.some((page) => path === `${CONSOLE_BASE}${page}`)) return true;
  return CONSOLE_RESOURCE_PATTERN.test(path);
}
