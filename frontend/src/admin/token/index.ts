/** The Token page's path under /admin (a custom route with its own menu entry). */
export { CONSOLE_TOKEN_PAGE as TOKEN_PATH } from '../../appPaths';

export { TokenPage } from './TokenPage';
