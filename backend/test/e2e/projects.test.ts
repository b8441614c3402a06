import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

let t: TestApp;
let annotator: Session;

beforeAll(async () => {
  // A console served from another origin (e.g. a Vite dev server) must be listed to read the API.
  t = await startTestApp({ CORS_ORIGINS: 'http://localhost:5173' });
  annotator = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
});
afterAll(async () => {
  await t?.close();
});

const base = { name: 'Sentiment', type: 'classification', labels: ['positive', 'negative'], overlap: 2, rewardPerLabel: '0.25' };

interface Project {
  id: number;
  status: string;
  rewardPerLabel: string;
  leaseSeconds: number;
  stats?: { items: number };
}

describe('projects', () => {
  it('lets an admin create a project of each type, as a draft by default', async () => {
    for (const type of ['classification', 'multilabel', 'spans', 'boxes', 'text']) {
      const labels = type === 'text' ? [] : ['a', 'b'];
      const created = await call<Project>(t.baseUrl, t.admin, 'POST', '/api/projects', {
        ...base,
        type,
        labels,
        instructions: 'Be careful',
      });
      expect(created.status, type).toBe(201);
      expect(created.body).toMatchObject({ type, status: 'draft', rewardPerLabel: '0.25', leaseSeconds: 600, stats: { items: 0 } });
    }
  });

  it('refuses annotators (403) and anonymous callers (401)', async () => {
    const forbidden = await call<{ code: string }>(t.baseUrl, annotator, 'POST', '/api/projects', base);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    expect((await call(t.baseUrl, undefined, 'POST', '/api/projects', base)).status).toBe(401);
  });

  it.each([
    [{ type: 'poll' }, 'type'],
    [{ labels: 'a,b' }, 'labels'],
    [{ labels: [] }, 'labels'],
    [{ labels: ['a', 'a'] }, 'labels[1]'],
    [{ overlap: 0 }, 'overlap'],
    [{ overlap: '2' }, 'overlap'],
    [{ rewardPerLabel: 0.5 }, 'rewardPerLabel'],
    [{ rewardPerLabel: '-1' }, 'rewardPerLabel'],
    [{ rewardPerLabel: '1.0000000000000000001' }, 'rewardPerLabel'],
    [{ leaseSeconds: 5 }, 'leaseSeconds'],
    [{ leaseSeconds: 10 ** 7 }, 'leaseSeconds'],
    [{ name: '' }, 'name'],
  ])('refuses %j with 400 naming %s', async (change, field) => {
    const response = await call<{ code: string; field: string }>(t.baseUrl, t.admin, 'POST', '/api/projects', { ...base, ...change });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', field });
  });

  it('lists with filter, range and sort, and exposes Content-Range to a CORS_ORIGINS origin', async () => {
    for (let i = 0; i < 3; i++) await call(t.baseUrl, t.admin, 'POST', '/api/projects', { ...base, name: `Listing ${i}` });
    const query = `filter=${encodeURIComponent(JSON.stringify({ q: 'Listing' }))}&range=${encodeURIComponent('[0,1]')}&sort=${encodeURIComponent('["name","DESC"]')}`;
    const response = await fetch(`${t.baseUrl}/api/projects?${query}`, {
      headers: { authorization: `Bearer ${t.admin.token}`, origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(200);
    const rows = (await response.json()) as Array<{ name: string }>;
    expect(rows.map((r) => r.name)).toEqual(['Listing 2', 'Listing 1']);
    expect(response.headers.get('content-range')).toBe('projects 0-1/3');
    expect(response.headers.get('access-control-expose-headers')).toContain('Content-Range');
    const bad = await call<{ field: string }>(t.baseUrl, t.admin, 'GET', `/api/projects?sort=${encodeURIComponent('["secret","ASC"]')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('sort');
  });

  it('shows annotators active projects only', async () => {
    const draft = await call<Project>(t.baseUrl, t.admin, 'POST', '/api/projects', { ...base, name: 'Hidden' });
    const active = await call<Project>(t.baseUrl, t.admin, 'POST', '/api/projects', { ...base, name: 'Open', status: 'active' });
    const list = await call<Project[]>(t.baseUrl, annotator, 'GET', '/api/projects?range=[0,999]');
    const ids = list.body.map((p) => p.id);
    expect(ids).toContain(active.body.id);
    expect(ids).not.toContain(draft.body.id);
    expect(list.body.every((p) => p.status === 'active')).toBe(true);
    expect((await call(t.baseUrl, annotator, 'GET', `/api/projects/${draft.body.id}`)).status).toBe(404);
    expect((await call(t.baseUrl, annotator, 'GET', `/api/projects/${active.body.id}`)).status).toBe(200);
  });

  it('updates status and settings with PUT, and deletes an unlabeled project', async () => {
    const created = await call<Project>(t.baseUrl, t.admin, 'POST', '/api/projects', base);
    const id = created.body.id;
    for (const status of ['active', 'paused', 'completed', 'active']) {
      const updated = await call<Project>(t.baseUrl, t.admin, 'PUT', `/api/projects/${id}`, { ...created.body, status });
      expect(updated.status).toBe(200);
      expect(updated.body.status).toBe(status);
    }
    const bad = await call<{ field: string }>(t.baseUrl, t.admin, 'PUT', `/api/projects/${id}`, { status: 'archived' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('status');
    expect((await call(t.baseUrl, t.admin, 'DELETE', `/api/projects/${id}`)).status).toBe(200);
    expect((await call(t.baseUrl, t.admin, 'GET', `/api/projects/${id}`)).status).toBe(404);
    expect((await call(t.baseUrl, t.admin, 'GET', '/api/projects/abc')).status).toBe(400);
  });
});

describe('users (admin)', () => {
  it('lists users, changes roles, and refuses annotators', async () => {
    const list = await call<Array<{ id: number; address: string }>>(t.baseUrl, t.admin, 'GET', '/api/users');
    expect(list.status).toBe(200);
    const me = list.body.find((u) => u.address === annotator.address)!;
    const updated = await call<{ roles: string[] }>(t.baseUrl, t.admin, 'PUT', `/api/users/${me.id}`, { roles: ['annotator', 'reviewer'] });
    expect(updated.body.roles).toEqual(['annotator', 'reviewer']);
    const badRole = await call<{ field: string }>(t.baseUrl, t.admin, 'PUT', `/api/users/${me.id}`, { roles: ['king'] });
    expect(badRole.status).toBe(400);
    expect(badRole.body.field).toBe('roles');
    expect((await call(t.baseUrl, annotator, 'GET', '/api/users')).status).toBe(403);
    const invited = Wallet.createRandom().address;
    const created = await call<{ id: number; roles: string[] }>(t.baseUrl, t.admin, 'POST', '/api/users', {
      address: invited,
      roles: ['buyer'],
    });
    expect(created.status).toBe(201);
    expect(created.body.roles).toEqual(['buyer']);
    expect((await call(t.baseUrl, t.admin, 'POST', '/api/users', { address: invited })).status).toBe(409);
    expect((await call(t.baseUrl, t.admin, 'DELETE', `/api/users/${created.body.id}`)).status).toBe(200);
    expect((await call(t.baseUrl, t.admin, 'DELETE', `/api/users/${t.admin.user.id}`)).status).toBe(403);
  });
});
