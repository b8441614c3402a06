/** Submitting labels: each project type's result rules, the chained submit, retries and the body limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelingHelpers, type Assignment } from '../support/labeling.js';
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
      const assignment = await next(worker, projectId);
      expect(assignment.status).toBe(200);
      expect(assignment.body.item.data).toEqual(c.data);
      for (const [result, field] of c.bad) {
        const refused = await submit(worker, assignment.body.assignmentId, result);
        expect(refused.status, JSON.stringify(result)).toBe(400);
        expect(refused.body).toMatchObject({ statusCode: 400, code: 'RESULT_INVALID', field });
      }
      const wrongLeadTime = await submit(worker, assignment.body.assignmentId, c.good, 'fast');
      expect(wrongLeadTime.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'leadTimeMs' });
      const accepted = await submit(worker, assignment.body.assignmentId, c.good);
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
  it('submits and returns the next assignment in one call with ?next=true', async () => {
    const projectId = await project({ type: 'classification', labels: ['a'] }, [{ data: { text: '1' } }, { data: { text: '2' } }]);
    const worker = await annotator();
    const first = await next(worker, projectId);
    const chained = await call<{ annotationId: number; next: Assignment | null }>(
      t.baseUrl,
      worker,
      'POST',
      `/api/assignments/${first.body.assignmentId}/submit?next=true`,
      { result: { label: 'a' }, leadTimeMs: 10 },
    );
    expect(chained.status).toBe(201);
    expect(chained.body.next!.item.id).not.toBe(first.body.item.id);
    const last = await call<{ annotationId: number; next: Assignment | null }>(
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
    const assignment = await next(worker, projectId);
    const results = await Promise.all([1, 2, 3].map(() => submit(worker, assignment.body.assignmentId, { label: 'a' })));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.annotationId)).size).toBe(1);
    const retry = await submit(worker, assignment.body.assignmentId, { label: 'a' });
    expect(retry.body.annotationId).toBe(results[0]!.body.annotationId);
    const [count] = await dbRows<{ n: string }>('SELECT count(*) AS n FROM annotations WHERE project_id = $1', [projectId]);
    expect(count!.n).toBe('1');
  });

  it('refuses an oversized body with 413 and keeps the lease', async () => {
    const projectId = await project({ type: 'text', labels: [] }, [{ data: { text: 'x' } }]);
    const worker = await annotator();
    const assignment = await next(worker, projectId);
    const huge = await submit(worker, assignment.body.assignmentId, { text: 'y'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await submit(worker, assignment.body.assignmentId, { text: 'fine' })).status).toBe(201);
  });
});
