import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call } from '../support/wallet.js';

/** Security headers, the Content-Security-Policy and CORS, as a browser would receive them. */
let t: TestApp;
let open: TestApp;
let frontendDir: string;

beforeAll(async () => {
  // A stand-in for frontend/dist, so the app files are served whether or not the frontend was built.
  frontendDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-dist-'));
  mkdirSync(path.join(frontendDir, 'assets'));
  writeFileSync(path.join(frontendDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(frontendDir, 'assets', 'app.js'), 'console.log("app")');
  [t, open] = await Promise.all([
    startTestApp({ FRONTEND_DIR: frontendDir }),
    startTestApp({ FRONTEND_DIR: frontendDir, CORS_ORIGINS: 'https://partner.example.org,http://localhost:5173' }),
  ]);
});

afterAll(async () => {
  await Promise.all([t?.close(), open?.close()]);
  rmSync(frontendDir, { recursive: true, force: true });
});

function directivesOf(headers: Headers): Map<string, string[]> {
  const csp = headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** A page (an app area, its files, the API docs) runs under the apps' policy; JSON answers load and frame nothing. */
function expectSecurityHeaders(headers: Headers, what: string, kind: 'page' | 'api'): void {
  const directives = directivesOf(headers);
  if (kind === 'page') {
    expect(directives.get('default-src'), what).toEqual(["'self'"]);
    expect(directives.get('script-src'), what).toEqual(["'self'"]);
    expect(directives.get('object-src'), what).toEqual(["'none'"]);
    expect(directives.get('connect-src'), what).toEqual(["'self'"]);
  } else {
    expect([...directives.keys()], what).toEqual(['default-src', 'frame-ancestors']);
    expect(directives.get('default-src'), what).toEqual(["'none'"]);
  }
  expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('x-powered-by'), what).toBeNull();
  // The public URL is http here: no HSTS (it is set when PUBLIC_URL is https).
  expect(headers.get('strict-transport-security'), what).toBeNull();
  // Rate-limit counters are not announced on every answer (Retry-After comes with a 429).
  expect(headers.get('x-ratelimit-remaining'), what).toBeNull();
}

describe('security headers', () => {
  it('are on API answers, errors, unknown routes, the app pages, app files and the API docs', async () => {
    const cases: Array<[string, string, Record<string, string>, number, 'page' | 'api']> = [
      ['API answer', '/api/health', {}, 200, 'api'],
      ['401 error', '/api/auth/me', {}, 401, 'api'],
      ['invalid token', '/api/projects', { authorization: 'Bearer nope' }, 401, 'api'],
      ['unknown API route', '/api/nope', {}, 404, 'api'],
      ['unknown file', '/favicon-nope.ico', {}, 404, 'page'],
      ['app page', '/label/projects/3', {}, 200, 'page'],
      ['console page', '/admin/review', {}, 200, 'page'],
      ['app file', '/assets/app.js', {}, 200, 'page'],
      ['API docs', '/api/docs', {}, 200, 'page'],
      ['OpenAPI document', '/api/docs/openapi.json', {}, 200, 'page'],
    ];
    for (const [what, route, headers, status, kind] of cases) {
      const response = await fetch(`${t.baseUrl}${route}`, { headers });
      expect(response.status, what).toBe(status);
      expectSecurityHeaders(response.headers, what, kind);
      await response.arrayBuffer();
    }
  });

  it('keeps the error shape on errors that carry the headers', async () => {
    const response = await call<{ statusCode: number; code: string; message: string }>(t.baseUrl, undefined, 'GET', '/api/nope');
    expect(response.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(response.headers.get('content-type')).toContain('application/json');
  });
});

describe('CORS', () => {
  async function preflight(baseUrl: string, origin: string): Promise<Response> {
    return fetch(`${baseUrl}/api/projects`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
  }

  it('answers a foreign origin with no CORS headers by default (same origin only)', async () => {
    const simple = await fetch(`${t.baseUrl}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const asked = await preflight(t.baseUrl, 'https://evil.example');
    expect(asked.headers.get('access-control-allow-origin')).toBeNull();
    expect(asked.headers.get('access-control-allow-methods')).toBeNull();
    expect(asked.status).toBeGreaterThanOrEqual(400);
  });

  it('lets CORS_ORIGINS in, and no one else', async () => {
    const allowed = await fetch(`${open.baseUrl}/api/health`, { headers: { origin: 'https://partner.example.org' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example.org');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('Content-Range');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const asked = await preflight(open.baseUrl, 'http://localhost:5173');
    expect(asked.status).toBe(204);
    expect(asked.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(asked.headers.get('access-control-allow-methods')).toContain('POST');
    expect(asked.headers.get('access-control-allow-headers')).toContain('authorization');

    const foreign = await fetch(`${open.baseUrl}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(
      (await preflight(open.baseUrl, 'https://partner.example.org.evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});
