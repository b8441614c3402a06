/** The Token page's path under /admin (a custom route with its own menu entry). */
export const TOKEN_PATH = '/token';

export { TokenPage } from './TokenPage';
