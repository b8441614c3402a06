/** Admins and reviewers over the labels: deleting a label, suspensions, the review queue, the dashboard. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelingHelpers, type ErrorBody } from '../support/labeling.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn } from '../support/wallet.js';

let t: TestApp;
const { annotator, project, next, submit, dbRows } = labelingHelpers(() => t);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('assignment rules', () => {
  it('lets admins moderate: delete a label frees its slot for another annotator', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: 'x' } }]);
    const [a, b] = await Promise.all([annotator(), annotator()]);
    const assignment = await next(a, projectId);
    const { body } = await submit(a, assignment.body.assignmentId, { label: 'a' });
    expect((await next(b, projectId)).status).toBe(204);
    expect((await call(t.baseUrl, a, 'DELETE', `/api/annotations/${body.annotationId}`)).status).toBe(403);
    expect((await call(t.baseUrl, t.admin, 'DELETE', `/api/annotations/${body.annotationId}`)).status).toBe(200);
    expect((await next(b, projectId)).status).toBe(200);
    const progress = await call<{ remaining: number; done: number }>(t.baseUrl, a, 'GET', `/api/projects/${projectId}/progress`);
    expect(progress.body).toEqual({ remaining: 0, done: 0 });
  });
});

describe('suspensions', () => {
  it('an admin suspends an annotator by hand and lifts it; both apply to the very next request', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: 'x' } }, { data: { text: 'y' } }]);
    const worker = await annotator();
    // Working: the server has just seen this annotator as not suspended.
    expect((await next(worker, projectId)).status).toBe(200);
    const created = await call<{ id: number; active: boolean; reasons: Array<{ rule: string }> }>(
      t.baseUrl,
      t.admin,
      'POST',
      '/api/suspensions',
      {
        annotatorId: worker.user.id,
        note: 'copied answers',
      },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ active: true, reasons: [{ rule: 'admin' }] });
    const unknown = await call<ErrorBody>(t.baseUrl, t.admin, 'POST', '/api/suspensions', { annotatorId: 987_654 });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'USER_NOT_FOUND', field: 'annotatorId' });
    const refused = await next(worker, projectId);
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as ErrorBody).code).toBe('ANNOTATOR_SUSPENDED');
    const list = await call<unknown[]>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/suspensions?filter=${encodeURIComponent(JSON.stringify({ active: true }))}`,
    );
    expect(list.headers.get('content-range')).toMatch(/^suspensions 0-\d+\/\d+$/);
    expect((await call(t.baseUrl, worker, 'GET', '/api/suspensions')).status).toBe(403);
    const badLift = await call<ErrorBody>(t.baseUrl, t.admin, 'PUT', `/api/suspensions/${created.body.id}`, { active: 'no' });
    expect(badLift.status).toBe(400);
    const lifted = await call<{ active: boolean; liftedAt: string }>(t.baseUrl, t.admin, 'PUT', `/api/suspensions/${created.body.id}`, {
      active: false,
    });
    expect(lifted.body.active).toBe(false);
    expect((await next(worker, projectId)).status).toBe(200);
  });
});

describe('review queue', () => {
  it('reviewers accept, fix or reject items the engine could not settle; a rejected item goes back to the pool', async () => {
    const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
      name: 'Review',
      type: 'classification',
      labels: ['cat', 'dog'],
      overlap: 2,
      targetConfidence: 0.9,
      rewardPerLabel: '1',
      status: 'active',
    });
    const projectId = created.body.id;
    await call(
      t.baseUrl,
      t.admin,
      'POST',
      `/api/projects/${projectId}/items`,
      JSON.stringify([1, 2, 3].map((n) => ({ externalId: `r${n}`, data: { text: `picture ${n}` } }))),
      { 'content-type': 'application/json' },
    );
    const [a, b, c] = await Promise.all([annotator(), annotator(), annotator()]);
    for (const [worker, label] of [
      [a, 'cat'],
      [b, 'dog'],
    ] as const) {
      for (let assignment = await next(worker, projectId); assignment.status === 200; assignment = await next(worker, projectId)) {
        await submit(worker, assignment.body.assignmentId, { label }, 3000);
      }
    }
    const quality = await call<{ statuses: Record<string, number> }>(
      t.baseUrl,
      t.admin,
      'POST',
      `/api/projects/${projectId}/quality/aggregate`,
    );
    expect(quality.body.statuses).toEqual({ needs_review: 3 });
    const reviewer = await annotator();
    expect((await call(t.baseUrl, reviewer, 'GET', '/api/review')).status).toBe(403);
    const reviewerUser = await call<{ id: number }>(t.baseUrl, t.admin, 'PUT', `/api/users/${reviewer.user.id}`, {
      roles: ['annotator', 'reviewer'],
    });
    expect(reviewerUser.status).toBe(200);
    const asReviewer = await signIn(t.baseUrl, reviewer.wallet);
    const queue = await call<Array<{ id: number; labels: Array<{ annotatorAddress: string; result: unknown }> }>>(
      t.baseUrl,
      asReviewer,
      'GET',
      `/api/review?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`,
    );
    expect(queue.status).toBe(200);
    expect(queue.body).toHaveLength(3);
    expect(queue.body[0]!.labels.map((l) => l.result)).toEqual([{ label: 'cat' }, { label: 'dog' }]);
    const [first, second, third] = queue.body.map((q) => q.id);
    expect((await call(t.baseUrl, asReviewer, 'POST', `/api/review/${first}`, { outcome: 'accepted' })).status).toBe(200);
    const badFix = await call<ErrorBody>(t.baseUrl, asReviewer, 'POST', `/api/review/${second}`, {
      outcome: 'fixed_and_accepted',
      result: { label: 'cow' },
    });
    expect(badFix.status).toBe(400);
    expect(badFix.body.field).toBe('result.label');
    expect(
      (await call(t.baseUrl, asReviewer, 'POST', `/api/review/${second}`, { outcome: 'fixed_and_accepted', result: { label: 'dog' } }))
        .status,
    ).toBe(200);
    expect((await call(t.baseUrl, asReviewer, 'POST', `/api/review/${third}`, { outcome: 'rejected' })).status).toBe(200);
    expect(
      (await call<unknown[]>(t.baseUrl, asReviewer, 'GET', `/api/review?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`)).body,
    ).toHaveLength(0);
    // The rejected item is open again, for someone who has not labeled it.
    const again = await next(c, projectId);
    const reopened = await call<{ data: unknown }>(t.baseUrl, t.admin, 'GET', `/api/items/${third}`);
    expect(again.body.item.data).toEqual(reopened.body.data);
    // Reviews count as ground truth in the next aggregation: the two settled items stay settled.
    const after = await call<{ statuses: Record<string, number>; workers: Array<{ annotatorId: number; goldSeen: number }> }>(
      t.baseUrl,
      t.admin,
      'POST',
      `/api/projects/${projectId}/quality/aggregate`,
    );
    expect(after.body.statuses['confident']).toBe(2);
    expect(after.body.workers.find((w) => w.annotatorId === a.user.id)!.goldSeen).toBe(2);
  });
});

describe('console dashboard', () => {
  it('counts labels per day, active annotators and project progress', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'], name: 'Dashboard' }, [
      { data: { text: 'x' } },
      { data: { text: 'y' } },
    ]);
    const worker = await annotator();
    const assignment = await next(worker, projectId);
    await submit(worker, assignment.body.assignmentId, { label: 'a' });
    const dashboard = await call<{
      labelsPerDay: Array<{ day: string; labels: number }>;
      activeAnnotators: { today: number; last7Days: number; last30Days: number };
      totals: { annotations: number; annotators: number };
      projects: Array<{ id: number; items: number; completedItems: number; annotations: number }>;
    }>(t.baseUrl, t.admin, 'GET', '/api/stats/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.labelsPerDay).toHaveLength(30);
    const today = new Date().toISOString().slice(0, 10);
    const [rows] = await dbRows<{ n: number }>('SELECT count(*)::int AS n FROM annotations');
    expect(dashboard.body.labelsPerDay.at(-1)).toEqual({ day: today, labels: rows!.n });
    expect(dashboard.body.totals.annotations).toBe(rows!.n);
    expect(dashboard.body.activeAnnotators.today).toBeGreaterThanOrEqual(1);
    expect(dashboard.body.projects.find((p) => p.id === projectId)).toMatchObject({ items: 2, completedItems: 1, annotations: 1 });
    expect((await call(t.baseUrl, worker, 'GET', '/api/stats/dashboard')).status).toBe(403);
  });
});

describe('console counts', () => {
  it('counts every submitted label the same way on the dashboard, the project and the annotations list, with the discarded ones apart', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'], name: 'Counts' }, [
      { data: { text: 'x' } },
      { data: { text: 'y' } },
    ]);
    const [kept, suspended] = await Promise.all([annotator(), annotator()]);
    for (const worker of [kept, suspended]) {
      const assignment = await next(worker, projectId);
      await submit(worker, assignment.body.assignmentId, { label: 'a' });
    }
    // A suspension discards the annotator's labels: they stay on record but stop counting.
    expect((await call(t.baseUrl, t.admin, 'POST', '/api/suspensions', { annotatorId: suspended.user.id })).status).toBe(201);

    const dashboard = await call<{
      totals: { annotations: number; discardedAnnotations: number; pendingReviews: number; activeSuspensions: number };
      projects: Array<{ id: number; annotations: number; discardedAnnotations: number }>;
    }>(t.baseUrl, t.admin, 'GET', '/api/stats/dashboard');
    const [all] = await dbRows<{ n: number; discarded: number; suspensions: number; reviews: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE discarded_at IS NOT NULL)::int AS discarded,
              (SELECT count(*)::int FROM suspensions WHERE lifted_at IS NULL) AS suspensions,
              (SELECT count(*)::int FROM item_results WHERE status = 'needs_review') AS reviews
         FROM annotations`,
    );
    expect(dashboard.body.totals).toMatchObject({
      annotations: all!.n,
      discardedAnnotations: all!.discarded,
      activeSuspensions: all!.suspensions,
      pendingReviews: all!.reviews,
    });
    expect(all!.discarded).toBeGreaterThanOrEqual(1);
    expect(dashboard.body.projects.find((p) => p.id === projectId)).toMatchObject({ annotations: 2, discardedAnnotations: 1 });
    const shown = await call<{ stats: { annotations: number; discardedAnnotations: number } }>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/projects/${projectId}`,
    );
    expect(shown.body.stats).toMatchObject({ annotations: 2, discardedAnnotations: 1 });

    const listed = async (filter: Record<string, unknown>) => {
      const response = await fetch(`${t.baseUrl}/api/annotations?filter=${encodeURIComponent(JSON.stringify(filter))}`, {
        headers: { authorization: `Bearer ${t.admin.token}` },
      });
      const rows = (await response.json()) as Array<{ annotatorId: number; status: string; discardedAt: string | null }>;
      return { rows, total: Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')![1]) };
    };
    expect((await listed({})).total).toBe(all!.n);
    const inProject = await listed({ projectId });
    expect(inProject.total).toBe(2);
    expect(inProject.rows.find((r) => r.annotatorId === suspended.user.id)).toMatchObject({
      status: 'discarded',
      discardedAt: expect.any(String),
    });
    expect((await listed({ projectId, status: 'counted' })).rows).toEqual([
      expect.objectContaining({ annotatorId: kept.user.id, status: 'counted' }),
    ]);
    expect((await listed({ projectId, status: 'discarded' })).total).toBe(1);
    // Each item: its counted and discarded labels are the labels listed under it.
    const items = await call<Array<{ id: number; annotationCount: number; discardedAnnotationCount: number }>>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/items?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`,
    );
    expect(items.body.map((i) => [i.annotationCount, i.discardedAnnotationCount]).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    for (const item of items.body) {
      expect((await listed({ itemId: item.id })).total).toBe(item.annotationCount + item.discardedAnnotationCount);
    }
    const refused = await fetch(`${t.baseUrl}/api/annotations?filter=${encodeURIComponent(JSON.stringify({ status: 'gone' }))}`, {
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(refused.status).toBe(400);
  });
});
