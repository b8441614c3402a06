import { describe, expect, it } from 'vitest';
import { isAppPage } from './appPaths';
import { parseRoute, projectPath } from './label/router';
import { assetPath, parseMarketRoute } from './market/router';

describe('app pages', () => {
  it('are the pages the annotator app and the market route to, and nothing they answer as not found', () => {
    for (const path of ['/label', '/label/earnings', projectPath(42), '/label/projects/0', '/label/x', '/label/earnings/x']) {
      expect(isAppPage(path), path).toBe(parseRoute(path).page !== 'notFound');
    }
    for (const path of ['/market', '/market/purchases', assetPath('did:op:ab'), '/market/assets/%E0%A4%A', '/market/x']) {
      expect(isAppPage(path), path).toBe(parseMarketRoute(path).page !== 'notFound');
    }
  });

  it('are the console’s resources with their views and tabs, its sign-in and Token pages', () => {
    for (const path of [
      '/admin',
      '/admin/login',
      '/admin/token',
      '/admin/users/create',
      '/admin/users/3',
      '/admin/datasets/3/show/files',
    ]) {
      expect(isAppPage(path), path).toBe(true);
    }
    for (const path of ['/admin/nope', '/admin/users/3/edit', '/admin/token/x', '/adminx']) expect(isAppPage(path), path).toBe(false);
  });
});
