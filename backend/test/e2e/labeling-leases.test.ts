/** Leases: who gets which item, resuming with a draft, expiry, skips, and where work is refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelingHelpers, type ErrorBody } from '../support/labeling.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call } from '../support/wallet.js';

let t: TestApp;
const { annotator, project, next, submit, dbRows } = labelingHelpers(() => t);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('assignment rules', () => {
  it('gives an item to at most `overlap` annotators and never twice to the same one', async () => {
    const projectId = await project({ type: 'classification', labels: ['a', 'b'], overlap: 2 }, [
      { data: { text: 'one' } },
      { data: { text: 'two' } },
    ]);
    const [a, b, c] = await Promise.all([annotator(), annotator(), annotator()]);
    const seen = new Map<string, number[]>();
    for (const worker of [a, b, c]) {
      const items: number[] = [];
      for (;;) {
        const assignment = await next(worker, projectId);
        if (assignment.status === 204) break;
        items.push(assignment.body.item.id);
        expect((await submit(worker, assignment.body.assignmentId, { label: 'a' })).status).toBe(201);
      }
      seen.set(worker.address, items);
    }
    expect(seen.get(a.address)).toHaveLength(2);
    expect(seen.get(b.address)).toHaveLength(2);
    expect(seen.get(c.address)).toHaveLength(0);
    const counts = await dbRows<{ n: string }>('SELECT count(*) AS n FROM annotations WHERE project_id = $1 GROUP BY item_id', [projectId]);
    expect(counts.map((r) => Number(r.n))).toEqual([2, 2]);
  });

  it('resumes the live lease on reload, with its draft', async () => {
    const projectId = await project({ type: 'spans' }, [{ data: { text: 'Bob in Rome' } }, { data: { text: 'Eve' } }]);
    const worker = await annotator();
    const first = await next(worker, projectId);
    const draft = { spans: [{ start: 0, end: 3, label: 'PER' }] };
    const saved = await call<{ expiresAt: string }>(t.baseUrl, worker, 'PUT', `/api/assignments/${first.body.assignmentId}/draft`, {
      result: draft,
    });
    expect(saved.status).toBe(200);
    const again = await next(worker, projectId);
    expect(again.body.assignmentId).toBe(first.body.assignmentId);
    expect(again.body.draft).toEqual(draft);
    await submit(worker, first.body.assignmentId, draft);
    const after = await next(worker, projectId);
    expect(after.body.item.id).not.toBe(first.body.item.id);
    expect(after.body.draft).toBeUndefined();
  });

  it('returns an expired lease to the pool and refuses its late submit with 409 LEASE_EXPIRED', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'], leaseSeconds: 10 }, [{ data: { text: 'slow' } }]);
    const [slow, quick] = await Promise.all([annotator(), annotator()]);
    const assignment = await next(slow, projectId);
    expect((await next(quick, projectId)).status).toBe(204);
    // Let the lease run out without waiting ten seconds.
    await dbRows(`UPDATE assignments SET expires_at = now() - interval '1 second' WHERE id = $1`, [assignment.body.assignmentId]);
    const taken = await next(quick, projectId);
    expect(taken.status).toBe(200);
    // The same item (each annotator has their own reference to it).
    expect(taken.body.item.data).toEqual(assignment.body.item.data);
    const late = await submit(slow, assignment.body.assignmentId, { label: 'a' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('LEASE_EXPIRED');
    const lateDraft = await call<ErrorBody>(t.baseUrl, slow, 'PUT', `/api/assignments/${assignment.body.assignmentId}/draft`, {
      result: {},
    });
    expect(lateDraft.body.code).toBe('LEASE_EXPIRED');
    expect((await submit(quick, taken.body.assignmentId, { label: 'a' })).status).toBe(201);
  });

  it('skips: the item goes to someone else, never back to the skipper', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: 'hard' } }]);
    const [skipper, other] = await Promise.all([annotator(), annotator()]);
    const assignment = await next(skipper, projectId);
    expect((await call(t.baseUrl, skipper, 'POST', `/api/assignments/${assignment.body.assignmentId}/skip`)).status).toBe(204);
    expect((await next(skipper, projectId)).status).toBe(204);
    expect((await next(other, projectId)).body.item.data).toEqual(assignment.body.item.data);
    const again = await call<ErrorBody>(t.baseUrl, skipper, 'POST', `/api/assignments/${assignment.body.assignmentId}/skip`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ASSIGNMENT_CLOSED');
  });

  it('refuses work on projects that are not active, and unknown assignments', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: 'x' } }]);
    await call(t.baseUrl, t.admin, 'PUT', `/api/projects/${projectId}`, { status: 'paused' });
    const worker = await annotator();
    expect((await next(worker, projectId)).status).toBe(404);
    const adminNext = await call<ErrorBody>(t.baseUrl, t.admin, 'GET', `/api/projects/${projectId}/next`);
    expect(adminNext.status).toBe(409);
    expect(adminNext.body.code).toBe('PROJECT_NOT_ACTIVE');
    const unknown = await submit(worker, 987_654, { label: 'a' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ASSIGNMENT_NOT_FOUND');
  });
});
