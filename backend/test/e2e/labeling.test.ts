import { Wallet } from 'ethers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

let t: TestApp;

interface Task {
  assignmentId: number;
  item: { id: number; data: Record<string, unknown> };
  expiresAt: string;
  draft?: unknown;
}
interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
}

async function annotator(): Promise<Session> {
  return signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
}

async function project(fields: Record<string, unknown>, items: unknown[]): Promise<number> {
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: 'Labeling',
    labels: ['PER', 'LOC'],
    overlap: 1,
    rewardPerLabel: '1',
    status: 'active',
    ...fields,
  });
  expect(created.status).toBe(201);
  const imported = await call<{ imported: number }>(
    t.baseUrl,
    t.admin,
    'POST',
    `/api/projects/${created.body.id}/items`,
    JSON.stringify(items),
    {
      'content-type': 'application/json',
    },
  );
  expect(imported.body.imported).toBe(items.length);
  return created.body.id;
}

async function next(session: Session, projectId: number) {
  return call<Task>(t.baseUrl, session, 'GET', `/api/projects/${projectId}/next`);
}

async function submit(session: Session, assignmentId: number, result: unknown, leadTimeMs: unknown = 1500) {
  return call<{ annotationId: number } & ErrorBody>(t.baseUrl, session, 'POST', `/api/assignments/${assignmentId}/submit`, {
    result,
    leadTimeMs,
  });
}

async function dbRows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: t.config.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('labeling each project type', () => {
  const cases: Array<{
    type: string;
    labels: string[];
    data: Record<string, unknown>;
    good: unknown;
    stored: unknown;
    bad: Array<[unknown, string]>;
  }> = [
    {
      type: 'classification',
      labels: ['cat', 'dog'],
      data: { text: 'a photo caption' },
      good: { label: 'dog' },
      stored: { label: 'dog' },
      bad: [
        [{ label: 'horse' }, 'result.label'],
        [{ label: 3 }, 'result.label'],
        [{ labels: ['cat'] }, 'result.labels'],
        ['dog', 'result'],
      ],
    },
    {
      type: 'multilabel',
      labels: ['sports', 'politics', 'tech'],
      data: { text: 'the minister played football' },
      good: { labels: ['politics', 'sports'] },
      stored: { labels: ['sports', 'politics'] },
      bad: [
        [{ labels: ['sports', 'weather'] }, 'result.labels[1]'],
        [{ labels: 'sports' }, 'result.labels'],
        [{ labels: ['tech', 'tech'] }, 'result.labels'],
      ],
    },
    {
      type: 'spans',
      labels: ['PER', 'LOC'],
      data: { text: 'Alice flew to Paris' },
      good: {
        spans: [
          { start: 13, end: 18, label: 'LOC' },
          { start: 0, end: 5, label: 'PER' },
        ],
      },
      stored: {
        spans: [
          { start: 0, end: 5, label: 'PER' },
          { start: 13, end: 18, label: 'LOC' },
        ],
      },
      bad: [
        [{ spans: [{ start: 13, end: 40, label: 'LOC' }] }, 'result.spans[0].end'],
        [{ spans: [{ start: -1, end: 3, label: 'PER' }] }, 'result.spans[0].start'],
        [{ spans: [{ start: 5, end: 5, label: 'PER' }] }, 'result.spans[0].end'],
        [{ spans: [{ start: 0, end: 5, label: 'ORG' }] }, 'result.spans[0].label'],
        [{ spans: [{ start: '0', end: 5, label: 'PER' }] }, 'result.spans[0].start'],
      ],
    },
    {
      type: 'boxes',
      labels: ['car', 'person'],
      data: { image: 'https://images.example/street.jpg', width: 640, height: 480 },
      good: { boxes: [{ x: 10, y: 20, w: 100.5, h: 50, label: 'car' }] },
      stored: { boxes: [{ x: 10, y: 20, w: 100.5, h: 50, label: 'car' }] },
      bad: [
        [{ boxes: [{ x: 600, y: 20, w: 100, h: 50, label: 'car' }] }, 'result.boxes[0].w'],
        [{ boxes: [{ x: 10, y: 470, w: 10, h: 50, label: 'car' }] }, 'result.boxes[0].h'],
        [{ boxes: [{ x: -1, y: 0, w: 10, h: 10, label: 'car' }] }, 'result.boxes[0].x'],
        [{ boxes: [{ x: 0, y: 0, w: 0, h: 10, label: 'car' }] }, 'result.boxes[0].w'],
        [{ boxes: [{ x: 0, y: 0, w: 10, h: 10, label: 'tree' }] }, 'result.boxes[0].label'],
      ],
    },
    {
      type: 'text',
      labels: [],
      data: { text: 'Translate: bonjour' },
      good: { text: 'hello' },
      stored: { text: 'hello' },
      bad: [
        [{ text: '   ' }, 'result.text'],
        [{ text: 42 }, 'result.text'],
        [{ text: 'x'.repeat(10_001) }, 'result.text'],
      ],
    },
  ];

  for (const c of cases) {
    it(`${c.type}: refuses each bad result with 400 and its field, keeps the lease, then stores the good one`, async () => {
      const projectId = await project({ type: c.type, labels: c.labels }, [{ data: c.data }]);
      const worker = await annotator();
      const task = await next(worker, projectId);
      expect(task.status).toBe(200);
      expect(task.body.item.data).toEqual(c.data);
      for (const [result, field] of c.bad) {
        const refused = await submit(worker, task.body.assignmentId, result);
        expect(refused.status, JSON.stringify(result)).toBe(400);
        expect(refused.body).toMatchObject({ statusCode: 400, code: 'RESULT_INVALID', field });
      }
      const wrongLeadTime = await submit(worker, task.body.assignmentId, c.good, 'fast');
      expect(wrongLeadTime.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'leadTimeMs' });
      const accepted = await submit(worker, task.body.assignmentId, c.good);
      expect(accepted.status).toBe(201);
      const [row] = await dbRows<{ result: unknown; lead_time_ms: number }>('SELECT result, lead_time_ms FROM annotations WHERE id = $1', [
        accepted.body.annotationId,
      ]);
      expect(row).toEqual({ result: c.stored, lead_time_ms: 1500 });
      expect((await next(worker, projectId)).status).toBe(204);
    });
  }
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
        const task = await next(worker, projectId);
        if (task.status === 204) break;
        items.push(task.body.item.id);
        expect((await submit(worker, task.body.assignmentId, { label: 'a' })).status).toBe(201);
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

  it('submits and returns the next task in one call with ?next=true', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: '1' } }, { data: { text: '2' } }]);
    const worker = await annotator();
    const first = await next(worker, projectId);
    const chained = await call<{ annotationId: number; next: Task | null }>(
      t.baseUrl,
      worker,
      'POST',
      `/api/assignments/${first.body.assignmentId}/submit?next=true`,
      { result: { label: 'a' }, leadTimeMs: 10 },
    );
    expect(chained.status).toBe(201);
    expect(chained.body.next!.item.id).not.toBe(first.body.item.id);
    const last = await call<{ annotationId: number; next: Task | null }>(
      t.baseUrl,
      worker,
      'POST',
      `/api/assignments/${chained.body.next!.assignmentId}/submit?next=true`,
      { result: { label: 'a' }, leadTimeMs: 10 },
    );
    expect(last.body).toEqual({ annotationId: expect.any(Number), next: null });
  });

  it('answers a retried submit with the same annotation, never a second one', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: 'x' } }]);
    const worker = await annotator();
    const task = await next(worker, projectId);
    const results = await Promise.all([1, 2, 3].map(() => submit(worker, task.body.assignmentId, { label: 'a' })));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.annotationId)).size).toBe(1);
    const retry = await submit(worker, task.body.assignmentId, { label: 'a' });
    expect(retry.body.annotationId).toBe(results[0]!.body.annotationId);
    const [count] = await dbRows<{ n: string }>('SELECT count(*) AS n FROM annotations WHERE project_id = $1', [projectId]);
    expect(count!.n).toBe('1');
  });

  it('returns an expired lease to the pool and refuses its late submit with 409 LEASE_EXPIRED', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'], leaseSeconds: 10 }, [{ data: { text: 'slow' } }]);
    const [slow, quick] = await Promise.all([annotator(), annotator()]);
    const task = await next(slow, projectId);
    expect((await next(quick, projectId)).status).toBe(204);
    // Let the lease run out without waiting ten seconds.
    await dbRows(`UPDATE assignments SET expires_at = now() - interval '1 second' WHERE id = $1`, [task.body.assignmentId]);
    const taken = await next(quick, projectId);
    expect(taken.status).toBe(200);
    // The same item (each annotator has their own reference to it).
    expect(taken.body.item.data).toEqual(task.body.item.data);
    const late = await submit(slow, task.body.assignmentId, { label: 'a' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('LEASE_EXPIRED');
    const lateDraft = await call<ErrorBody>(t.baseUrl, slow, 'PUT', `/api/assignments/${task.body.assignmentId}/draft`, { result: {} });
    expect(lateDraft.body.code).toBe('LEASE_EXPIRED');
    expect((await submit(quick, taken.body.assignmentId, { label: 'a' })).status).toBe(201);
  });

  it('skips: the item goes to someone else, never back to the skipper', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: 'hard' } }]);
    const [skipper, other] = await Promise.all([annotator(), annotator()]);
    const task = await next(skipper, projectId);
    expect((await call(t.baseUrl, skipper, 'POST', `/api/assignments/${task.body.assignmentId}/skip`)).status).toBe(204);
    expect((await next(skipper, projectId)).status).toBe(204);
    expect((await next(other, projectId)).body.item.data).toEqual(task.body.item.data);
    const again = await call<ErrorBody>(t.baseUrl, skipper, 'POST', `/api/assignments/${task.body.assignmentId}/skip`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ASSIGNMENT_CLOSED');
  });

  it("hides other annotators' assignments and labels", async () => {
    const projectId = await project({ type: 'classification', labels: ['a', 'b'], overlap: 2 }, [{ data: { text: 'shared' } }]);
    const [a, b] = await Promise.all([annotator(), annotator()]);
    const taskA = await next(a, projectId);
    await submit(a, taskA.body.assignmentId, { label: 'b' });
    const taskB = await next(b, projectId);
    expect(JSON.stringify(taskB.body)).not.toContain('"label"');
    expect((await submit(b, taskA.body.assignmentId, { label: 'a' })).status).toBe(404);
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

  it('refuses an oversized body with 413 and keeps the lease', async () => {
    const projectId = await project({ type: 'text', labels: [] }, [{ data: { text: 'x' } }]);
    const worker = await annotator();
    const task = await next(worker, projectId);
    const huge = await submit(worker, task.body.assignmentId, { text: 'y'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await submit(worker, task.body.assignmentId, { text: 'fine' })).status).toBe(201);
  });

  it('lets admins moderate: delete a label frees its slot for another annotator', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: 'x' } }]);
    const [a, b] = await Promise.all([annotator(), annotator()]);
    const task = await next(a, projectId);
    const { body } = await submit(a, task.body.assignmentId, { label: 'a' });
    expect((await next(b, projectId)).status).toBe(204);
    expect((await call(t.baseUrl, a, 'DELETE', `/api/annotations/${body.annotationId}`)).status).toBe(403);
    expect((await call(t.baseUrl, t.admin, 'DELETE', `/api/annotations/${body.annotationId}`)).status).toBe(200);
    expect((await next(b, projectId)).status).toBe(200);
    const progress = await call<{ remaining: number; done: number }>(t.baseUrl, a, 'GET', `/api/projects/${projectId}/progress`);
    expect(progress.body).toEqual({ remaining: 0, done: 0 });
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
      const task = await next(worker, projectId);
      if (task.status === 204) break;
      seen.push(JSON.stringify(task.body));
      expect(Object.keys(task.body).sort()).toEqual(['assignmentId', 'expiresAt', 'item']);
      expect(Object.keys(task.body.item).sort()).toEqual(['data', 'files', 'id']);
      const submitted = await call(t.baseUrl, worker, 'POST', `/api/assignments/${task.body.assignmentId}/submit?next=true`, {
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
    expect((await call(t.baseUrl, worker, 'GET', `/api/projects/${projectId}/quality`)).status).toBe(403);
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
      for (let task = await next(worker, projectId); task.status === 200; task = await next(worker, projectId)) {
        await submit(worker, task.body.assignmentId, { label }, 3000);
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
    const task = await next(worker, projectId);
    await submit(worker, task.body.assignmentId, { label: 'a' });
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
