/** What an annotator may see: never other annotators' work, never gold items or their answers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelingHelpers } from '../support/labeling.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call } from '../support/wallet.js';

let t: TestApp;
const { annotator, project, next, submit } = labelingHelpers(() => t);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('assignment rules', () => {
  it("hides other annotators' assignments and labels", async () => {
    const projectId = await project({ type: 'classification', labels: ['a', 'b'], overlap: 2 }, [{ data: { text: 'shared' } }]);
    const [a, b] = await Promise.all([annotator(), annotator()]);
    const assignmentA = await next(a, projectId);
    await submit(a, assignmentA.body.assignmentId, { label: 'b' });
    const assignmentB = await next(b, projectId);
    expect(JSON.stringify(assignmentB.body)).not.toContain('"label"');
    expect((await submit(b, assignmentA.body.assignmentId, { label: 'a' })).status).toBe(404);
    const mine = await call<Array<{ annotatorAddress: string }>>(
      t.baseUrl,
      b,
      'GET',
      `/api/annotations?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body).toHaveLength(0);
    const all = await call<unknown[]>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/annotations?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`,
    );
    expect(all.body).toHaveLength(1);
    const annotationId = (all.body[0] as { id: number }).id;
    expect((await call(t.baseUrl, b, 'GET', `/api/annotations/${annotationId}`)).status).toBe(404);
  });
});

describe('gold items', () => {
  it('never reveal themselves or their answers in any annotator-facing response', async () => {
    const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
      name: 'Privacy check',
      type: 'classification',
      labels: ['a', 'b'],
      overlap: 1,
      rewardPerLabel: '1',
      status: 'active',
    });
    const projectId = created.body.id;
    const imported = await call<{ imported: number; rejected: unknown[] }>(
      t.baseUrl,
      t.admin,
      'POST',
      `/api/projects/${projectId}/items`,
      JSON.stringify([
        { externalId: 'g1', data: { text: 'first text' }, gold: { label: 'b' } },
        { externalId: 'n1', data: { text: 'second text' } },
        { externalId: 'g2', data: { text: 'third text' }, gold: { label: 'zzz' } },
      ]),
      { 'content-type': 'application/json' },
    );
    expect(imported.body.imported).toBe(2);
    expect(imported.body.rejected).toEqual([{ line: 3, message: expect.stringContaining('gold.label') }]);
    const adminItems = await call<Array<{ externalId: string; gold: unknown }>>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/items?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`,
    );
    expect(adminItems.body.find((i) => i.externalId === 'g1')!.gold).toEqual({ label: 'b' });

    const worker = await annotator();
    const seen: string[] = [];
    for (;;) {
      const assignment = await next(worker, projectId);
      if (assignment.status === 204) break;
      seen.push(JSON.stringify(assignment.body));
      expect(Object.keys(assignment.body).sort()).toEqual(['assignmentId', 'expiresAt', 'item']);
      expect(Object.keys(assignment.body.item).sort()).toEqual(['data', 'files', 'id']);
      const submitted = await call(t.baseUrl, worker, 'POST', `/api/assignments/${assignment.body.assignmentId}/submit?next=true`, {
        result: { label: 'a' },
        leadTimeMs: 900,
      });
      seen.push(JSON.stringify(submitted.body));
    }
    for (const path of [`/api/projects/${projectId}`, `/api/projects`, `/api/projects/${projectId}/progress`, `/api/annotations`]) {
      const response = await call(t.baseUrl, worker, 'GET', path);
      seen.push(JSON.stringify(response.body));
    }
    expect(seen.length).toBeGreaterThan(4);
    for (const body of seen) {
      expect(body).not.toMatch(/gold/i);
      expect(body).not.toContain('"label":"b"');
    }
    expect((await call(t.baseUrl, worker, 'GET', `/api/items?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`)).status).toBe(
      403,
    );
    // Their labels name items by references of their own: neither a filter nor a sort by the raw id
    // may map a reference back to it (and so tell a gold item by its place in the import).
    const itemIds = adminItems.body.map((i) => (i as unknown as { id: number }).id);
    const byId = await call<{ field: string }>(
      t.baseUrl,
      worker,
      'GET',
      `/api/annotations?filter=${encodeURIComponent(JSON.stringify({ itemId: itemIds }))}`,
    );
    expect(byId.status).toBe(400);
    expect(byId.body.field).toBe('filter.itemId');
    const sorted = await call(t.baseUrl, worker, 'GET', `/api/annotations?sort=${encodeURIComponent('["itemId","ASC"]')}&range=[0,0]`);
    expect(sorted.status).toBe(400);
    // Those who read every label still filter by item.
    const forAdmin = await call<unknown[]>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/annotations?filter=${encodeURIComponent(JSON.stringify({ itemId: itemIds }))}&sort=${encodeURIComponent('["itemId","ASC"]')}`,
    );
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body.length).toBeGreaterThan(0);
    expect((await call(t.baseUrl, worker, 'GET', `/api/projects/${projectId}/quality`)).status).toBe(403);
  });
});
