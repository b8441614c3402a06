/**
 * Every route the server registers x every role, against a decision written out below. The routes
 * come from Fastify's own route table at run time (its onRoute hook), so a new route without a decision fails this
 * test, and so does a decision for a route that no longer exists. Each call is harmless (an id that
 * does not exist, an empty body), so "allowed" shows as anything but 401/403.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/access/access.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

/** `signed-url`: no session opens it, only a URL the API signed for one user (none is given here). */
type Access = 'public' | 'signed-in' | 'signed-url' | Permission;
type Caller = 'anonymous' | 'annotator' | 'reviewer' | 'buyer' | 'admin';
type Outcome = 401 | 403 | 'allowed';

/** Who gets what, by the access a route declares. Written out, not derived from access.ts. */
const EXPECTED: Record<Access, Record<Caller, Outcome>> = {
  public: { anonymous: 'allowed', annotator: 'allowed', reviewer: 'allowed', buyer: 'allowed', admin: 'allowed' },
  'signed-url': { anonymous: 403, annotator: 403, reviewer: 403, buyer: 403, admin: 403 },
  'signed-in': { anonymous: 401, annotator: 'allowed', reviewer: 'allowed', buyer: 'allowed', admin: 'allowed' },
  'project.read': { anonymous: 401, annotator: 'allowed', reviewer: 'allowed', buyer: 'allowed', admin: 'allowed' },
  'assignment.work': { anonymous: 401, annotator: 'allowed', reviewer: 'allowed', buyer: 403, admin: 'allowed' },
  'rewards.own': { anonymous: 401, annotator: 'allowed', reviewer: 'allowed', buyer: 403, admin: 'allowed' },
  'review.work': { anonymous: 401, annotator: 403, reviewer: 'allowed', buyer: 403, admin: 'allowed' },
  'annotation.read-all': { anonymous: 401, annotator: 403, reviewer: 'allowed', buyer: 403, admin: 'allowed' },
  'project.manage': { anonymous: 401, annotator: 403, reviewer: 403, buyer: 403, admin: 'allowed' },
  'item.manage': { anonymous: 401, annotator: 403, reviewer: 403, buyer: 403, admin: 'allowed' },
  'annotation.manage': { anonymous: 401, annotator: 403, reviewer: 403, buyer: 403, admin: 'allowed' },
  'user.manage': { anonymous: 401, annotator: 403, reviewer: 403, buyer: 403, admin: 'allowed' },
  'rewards.manage': { anonymous: 401, annotator: 403, reviewer: 403, buyer: 403, admin: 'allowed' },
  'dataset.manage': { anonymous: 401, annotator: 403, reviewer: 403, buyer: 403, admin: 'allowed' },
};

/** The decision for every route ("GET" also covers the HEAD Fastify adds for it). */
const ROUTES: Record<string, Access> = {
  // the browser app and the API documentation
  'GET /': 'public',
  'GET /index.html': 'public',
  'GET /label': 'public',
  'GET /label/*': 'public',
  'GET /admin': 'public',
  'GET /admin/*': 'public',
  'GET /market': 'public',
  'GET /market/*': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/*': 'public',
  'GET /api/docs/index.html': 'public',
  'GET /api/docs/LICENSE': 'public',
  'GET /api/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/*': 'public',
  'GET /api/docs/openapi.json': 'public',
  'GET /api/docs-yaml': 'public',
  'OPTIONS *': 'public',
  // auth and health
  'GET /api/health': 'public',
  'GET /api/health/ready': 'public',
  // Prometheus's scrape: open outside production unless METRICS_TOKEN is set (then a bearer of it only)
  'GET /metrics': 'public',
  'GET /api/auth/nonce': 'public',
  'POST /api/auth/verify': 'public',
  'GET /api/auth/me': 'signed-in',
  'POST /api/auth/renew': 'signed-in',
  // users and quality of annotators
  'GET /api/users': 'user.manage',
  'POST /api/users': 'user.manage',
  'GET /api/users/:id': 'user.manage',
  'PUT /api/users/:id': 'user.manage',
  'DELETE /api/users/:id': 'user.manage',
  'GET /api/annotators/:id/quality': 'user.manage',
  'GET /api/suspensions': 'user.manage',
  'POST /api/suspensions': 'user.manage',
  'GET /api/suspensions/:id': 'user.manage',
  'PUT /api/suspensions/:id': 'user.manage',
  // projects, items, files
  'GET /api/projects': 'project.read',
  'GET /api/projects/:id': 'project.read',
  'POST /api/projects': 'project.manage',
  'PUT /api/projects/:id': 'project.manage',
  'DELETE /api/projects/:id': 'project.manage',
  'GET /api/projects/:id/quality': 'project.manage',
  'POST /api/projects/:id/quality/aggregate': 'project.manage',
  'GET /api/projects/:id/quality/qualifications': 'project.manage',
  'DELETE /api/projects/:id/quality/qualifications/:annotatorId': 'project.manage',
  'GET /api/stats/dashboard': 'project.manage',
  'POST /api/projects/:id/items': 'item.manage',
  'GET /api/items': 'item.manage',
  'POST /api/items': 'item.manage',
  'GET /api/items/:id': 'item.manage',
  'PUT /api/items/:id': 'item.manage',
  'DELETE /api/items/:id': 'item.manage',
  'GET /api/files/:cid': 'signed-url',
  // labeling
  'GET /api/projects/:id/next': 'assignment.work',
  'GET /api/projects/:id/progress': 'assignment.work',
  'POST /api/assignments/:id/submit': 'assignment.work',
  'POST /api/assignments/:id/skip': 'assignment.work',
  'PUT /api/assignments/:id/draft': 'assignment.work',
  'GET /api/annotations': 'assignment.work',
  'GET /api/annotations/:id': 'assignment.work',
  'POST /api/annotations': 'annotation.manage',
  'PUT /api/annotations/:id': 'annotation.manage',
  'DELETE /api/annotations/:id': 'annotation.manage',
  'GET /api/me/labels': 'assignment.work',
  'GET /api/me/labels/:id': 'assignment.work',
  'PUT /api/me/labels/:id': 'assignment.work',
  'GET /api/me/suspension': 'assignment.work',
  'POST /api/me/suspension/review-request': 'assignment.work',
  'GET /api/review': 'review.work',
  'POST /api/review/:itemId': 'review.work',
  // rewards
  'GET /api/me/earnings': 'rewards.own',
  'GET /api/me/epochs/:id/proof': 'rewards.own',
  'POST /api/me/epochs/:id/claim': 'rewards.own',
  'GET /api/epochs': 'rewards.manage',
  'POST /api/epochs': 'rewards.manage',
  'GET /api/epochs/:id': 'rewards.manage',
  'POST /api/epochs/:id/sweep': 'rewards.manage',
  'POST /api/epochs/:id/void': 'rewards.manage',
  'GET /api/ledger': 'rewards.manage',
  'GET /api/payouts': 'rewards.manage',
  'GET /api/chain': 'rewards.manage',
  // datasets
  'GET /api/datasets': 'dataset.manage',
  'POST /api/datasets': 'dataset.manage',
  'GET /api/datasets/:id': 'dataset.manage',
  'GET /api/datasets/:id/files/:name': 'dataset.manage',
  'POST /api/datasets/:id/synthetic': 'dataset.manage',
  'POST /api/datasets/:id/publish': 'dataset.manage',
  // sales
  'GET /api/datasets/:id/listing': 'dataset.manage',
  'POST /api/datasets/:id/listing': 'dataset.manage',
  'GET /api/sales': 'dataset.manage',
  'GET /api/sales/revenue': 'dataset.manage',
  'GET /api/sales/settings': 'dataset.manage',
  'PUT /api/sales/settings': 'rewards.manage',
  'GET /api/sales/:id': 'dataset.manage',
  'GET /api/market/purchases': 'signed-in',
  'POST /api/market/buyer': 'signed-in',
  'POST /api/dev/faucet': 'public',
  // ocean
  'GET /api/ocean/config': 'public',
  // the metadata role (Ocean Node's Aquarius paths) and the catalogue
  'GET /api/aquarius/assets/ddo/:did': 'public',
  'GET /api/aquarius/assets/metadata/:did': 'public',
  'POST /api/aquarius/assets/query': 'public',
  'POST /api/aquarius/assets/metadata/query': 'public',
  'POST /api/aquarius/assets/ddo/validate': 'public',
  'GET /api/market/assets': 'public',
  'GET /api/market/assets/:did': 'public',
  'GET /api/market/assets/:did/croissant.json': 'public',
  'GET /api/market/assets/:did/sample': 'public',
  // provider (Ocean Node's paths; the checks are the order on chain and the consumer's signature)
  'GET /api/services/nonce': 'public',
  'GET /api/services/initialize': 'public',
  'GET /api/services/download': 'public',
  'POST /api/services/encrypt': 'public',
  'POST /api/services/fileInfo': 'public',
};

/** Stand-ins for path parameters: well-formed, and matching nothing stored. */
const PARAMS: Record<string, string> = {
  id: '2147483000',
  itemId: '2147483000',
  annotatorId: '2147483000',
  cid: 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o',
  name: 'data.jsonl',
  did: `did:op:${'0'.repeat(64)}`,
};

/** "METHOD /url" for each route Fastify registered; a GET stands for the HEAD Fastify adds beside it. */
function routeKeys(routes: ReadonlyArray<{ method: string; url: string }>): string[] {
  const keys = new Set(routes.map(({ method, url }) => `${method} ${url}`));
  return [...keys].filter((key) => !(key.startsWith('HEAD ') && keys.has(`GET ${key.slice('HEAD '.length)}`)));
}

function concretePath(url: string): string {
  return url
    .split('/')
    .map((part) => (part === '*' ? 'nothing-here' : part.startsWith(':') ? PARAMS[part.slice(1)]! : part))
    .join('/');
}

let t: TestApp;
let frontendDir: string;
let routes: string[];
const sessions: Partial<Record<Caller, Session>> = {};

async function signInAs(roles: string[]): Promise<Session> {
  const wallet = Wallet.createRandom() as unknown as Wallet;
  const created = await call(t.baseUrl, t.admin, 'POST', '/api/users', { address: wallet.address, roles });
  expect(created.status).toBe(201);
  return signIn(t.baseUrl, wallet);
}

beforeAll(async () => {
  // A stand-in build of the browser app, so its pages are registered (and the table is the same on every machine).
  frontendDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-frontend-'));
  writeFileSync(path.join(frontendDir, 'index.html'), '<!doctype html><title>Tessera</title>');
  t = await startTestApp({ FRONTEND_DIR: frontendDir });
  routes = routeKeys(t.tessera.routes);
  sessions.annotator = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
  sessions.reviewer = await signInAs(['reviewer']);
  sessions.buyer = await signInAs(['buyer']);
  sessions.admin = t.admin;
});

afterAll(async () => {
  await t?.close();
  rmSync(frontendDir, { recursive: true, force: true });
});

describe('authorization matrix', () => {
  it('has a decision for every route the server registers, and none for a route it does not', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((route) => !(route in ROUTES)).sort(), 'routes without a decision').toEqual([]);
    expect(
      Object.keys(ROUTES)
        .filter((route) => !routes.includes(route))
        .sort(),
      'decisions for routes that do not exist',
    ).toEqual([]);
  });

  it('gives every role the answer its decision says on every route', async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const access = ROUTES[route];
      if (access === undefined) continue;
      const [method, url] = route.split(' ') as [string, string];
      const target = url === '*' ? '/api/health' : concretePath(url);
      const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? (url === '/api/projects/:id/items' ? '[]' : '{}') : undefined;
      for (const caller of ['anonymous', 'annotator', 'reviewer', 'buyer', 'admin'] as const) {
        const response = await call(t.baseUrl, sessions[caller], method, target, body, body ? { 'content-type': 'application/json' } : {});
        calls++;
        const expected = EXPECTED[access][caller];
        const ok =
          expected === 'allowed'
            ? response.status !== 401 && response.status !== 403 && response.status < 500
            : response.status === expected;
        if (!ok)
          wrong.push(`${route} as ${caller}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)?.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBe(routes.filter((route) => route in ROUTES).length * 5);
  });
});
