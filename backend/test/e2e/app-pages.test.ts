import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The browser apps' pages: each app's HTML, with status 404 on a path that is none of its pages. */
let t: TestApp;
let frontendDir: string;
const INDEX = '<!doctype html><title>Tessera</title><div id="root"></div>';

beforeAll(async () => {
  frontendDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-dist-'));
  mkdirSync(path.join(frontendDir, 'assets'));
  writeFileSync(path.join(frontendDir, 'index.html'), INDEX);
  t = await startTestApp({ FRONTEND_DIR: frontendDir });
});

afterAll(async () => {
  await t?.close();
  rmSync(frontendDir, { recursive: true, force: true });
});

async function page(route: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(`${t.baseUrl}${route}`, { headers: { accept: 'text/html' } });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

describe('app pages', () => {
  it.each([
    '/label',
    '/label/',
    '/label/earnings',
    '/label/projects/12',
    '/label/projects/12?from=list',
    '/market',
    '/market/purchases',
    `/market/assets/${encodeURIComponent('did:op:0123abcd')}`,
    '/admin',
    '/admin/login',
    '/admin/token',
    '/admin/projects',
    '/admin/projects/create',
    '/admin/projects/7',
    '/admin/projects/7/show',
    '/admin/projects/7/show/quality',
    '/admin/review',
    '/admin/payouts?filter=%7B%7D',
  ])('%s answers 200 with the app', async (route) => {
    expect(await page(route)).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: INDEX });
  });

  it.each([
    '/label/no-such-page',
    '/label/projects/0',
    '/label/projects/abc',
    '/label/earnings/more',
    '/market/no-such-page',
    '/market/assets/',
    '/market/assets/did/extra',
    '/admin/no-such-page',
    '/admin/projects/7/edit/more',
    '/admin/projects/7/show/quality/more',
    '/admin/login/again',
  ])('%s answers 404 with the app, which draws its 404 page', async (route) => {
    expect(await page(route)).toEqual({ status: 404, type: 'text/html; charset=utf-8', body: INDEX });
  });

  it('keeps API answers for paths outside the apps', async () => {
    const response = await fetch(`${t.baseUrl}/labels`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
