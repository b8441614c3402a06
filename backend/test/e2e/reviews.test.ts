import { Wallet } from 'ethers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

let t: TestApp;

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

const OUTCOMES = [{ outcome: 'accepted' }, { outcome: 'fixed_and_accepted', result: { label: 'dog' } }, { outcome: 'rejected' }] as const;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

async function annotator(): Promise<Session> {
  return signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
}

async function reviewer(session?: Session): Promise<Session> {
  const user = session ?? (await annotator());
  const updated = await call(t.baseUrl, t.admin, 'PUT', `/api/users/${user.user.id}`, { roles: ['annotator', 'reviewer'] });
  expect(updated.status).toBe(200);
  return signIn(t.baseUrl, user.wallet);
}

async function importItems(projectId: number, texts: string[]): Promise<void> {
  const imported = await call<{ imported: number }>(
    t.baseUrl,
    t.admin,
    'POST',
    `/api/projects/${projectId}/items`,
    JSON.stringify(texts.map((text) => ({ externalId: text, data: { text } }))),
    { 'content-type': 'application/json' },
  );
  expect(imported.body.imported).toBe(texts.length);
}

async function itemIds(projectId: number): Promise<Map<string, number>> {
  const filter = encodeURIComponent(JSON.stringify({ projectId }));
  const items = await call<Array<{ id: number; externalId: string }>>(
    t.baseUrl,
    t.admin,
    'GET',
    `/api/items?filter=${filter}&range=[0,99]`,
  );
  return new Map(items.body.map((i) => [i.externalId, i.id]));
}

/** A project whose every item the engine leaves for review: two annotators, always disagreeing. */
async function disputedProject(items: number): Promise<{ projectId: number; ids: Map<string, number>; a: Session; b: Session }> {
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: 'Disputed',
    type: 'classification',
    labels: ['cat', 'dog'],
    overlap: 2,
    targetConfidence: 0.9,
    rewardPerLabel: '1',
    status: 'active',
  });
  const projectId = created.body.id;
  await importItems(
    projectId,
    Array.from({ length: items }, (_, n) => `d${n}`),
  );
  const [a, b] = await Promise.all([annotator(), annotator()]);
  for (const [worker, label] of [
    [a, 'cat'],
    [b, 'dog'],
  ] as const) {
    for (;;) {
      const assignment = await call<{ assignmentId: number }>(t.baseUrl, worker, 'GET', `/api/projects/${projectId}/next`);
      if (assignment.status === 204) break;
      const submitted = await call(t.baseUrl, worker, 'POST', `/api/assignments/${assignment.body.assignmentId}/submit`, {
        result: { label },
        leadTimeMs: 3000,
      });
      expect(submitted.status).toBe(201);
    }
  }
  const quality = await call<{ statuses: Record<string, number> }>(
    t.baseUrl,
    t.admin,
    'POST',
    `/api/projects/${projectId}/quality/aggregate`,
  );
  expect(quality.body.statuses).toEqual({ needs_review: items });
  return { projectId, ids: await itemIds(projectId), a, b };
}

async function decide(session: Session, itemId: number, decision: (typeof OUTCOMES)[number]) {
  return call<ErrorBody & { itemId: number; outcome: string }>(t.baseUrl, session, 'POST', `/api/review/${itemId}`, decision);
}

async function reviewsOf(itemId: number): Promise<Array<{ reviewer_id: number; outcome: string }>> {
  const client = new pg.Client({ connectionString: t.config.databaseUrl });
  await client.connect();
  try {
    return (await client.query('SELECT reviewer_id, outcome FROM reviews WHERE item_id = $1 ORDER BY id', [itemId])).rows as Array<{
      reviewer_id: number;
      outcome: string;
    }>;
  } finally {
    await client.end();
  }
}

async function queueOf(session: Session, projectId: number): Promise<number[]> {
  const queue = await call<Array<{ id: number }>>(
    t.baseUrl,
    session,
    'GET',
    `/api/review?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`,
  );
  expect(queue.status).toBe(200);
  return queue.body.map((q) => q.id).sort((x, y) => x - y);
}

describe('review decisions', () => {
  it('refuses every outcome on an item that is not waiting for review, and leaves it as it was', async () => {
    const { projectId, ids } = await disputedProject(1);
    const decider = await reviewer();
    const disputed = ids.get('d0')!;
    expect((await decide(decider, disputed, OUTCOMES[0])).status).toBe(200);
    // One item the engine never saw (nobody labelled it), one already decided.
    await importItems(projectId, ['fresh']);
    const fresh = (await itemIds(projectId)).get('fresh')!;
    for (const itemId of [fresh, disputed]) {
      for (const decision of OUTCOMES) {
        const refused = await decide(decider, itemId, decision);
        expect(refused.status, `${decision.outcome} on item ${itemId}`).toBe(409);
        expect(refused.body.code).toBe('REVIEW_NOT_PENDING');
        expect(refused.body.message).toContain(String(itemId));
      }
    }
    expect((await reviewsOf(disputed)).map((r) => r.outcome)).toEqual(['accepted']);
    expect(await reviewsOf(fresh)).toEqual([]);
    const quality = await call<{ statuses: Record<string, number> }>(t.baseUrl, t.admin, 'GET', `/api/projects/${projectId}/quality`);
    expect(quality.body.statuses).toEqual({ confident: 1 });
    const missing = await decide(decider, 987_654, OUTCOMES[2]);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('ITEM_NOT_FOUND');
  });

  it('never lets reviewers decide items they labelled themselves, nor offers them', async () => {
    const { projectId, ids, a } = await disputedProject(2);
    const labelled = await reviewer(a);
    const other = await reviewer();
    for (const decision of OUTCOMES) {
      const refused = await decide(labelled, ids.get('d0')!, decision);
      expect(refused.status, decision.outcome).toBe(403);
      expect(refused.body.code).toBe('REVIEW_OWN_LABEL');
    }
    expect(await reviewsOf(ids.get('d0')!)).toEqual([]);
    expect(await queueOf(labelled, projectId)).toEqual([]);
    expect(await queueOf(other, projectId)).toEqual([ids.get('d0')!, ids.get('d1')!].sort((x, y) => x - y));
    expect((await decide(other, ids.get('d0')!, OUTCOMES[0])).status).toBe(200);
  });

  it('lets exactly one of two concurrent decisions land; the other gets 409', async () => {
    const { ids } = await disputedProject(3);
    const [first, second] = await Promise.all([reviewer(), reviewer()]);
    const pairs = [
      [OUTCOMES[0], OUTCOMES[2]],
      [OUTCOMES[1], OUTCOMES[0]],
      [OUTCOMES[2], OUTCOMES[1]],
    ] as const;
    for (const [n, [one, two]] of pairs.entries()) {
      const itemId = ids.get(`d${n}`)!;
      const answers = await Promise.all([decide(first, itemId, one), decide(second, itemId, two)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = answers.find((r) => r.status === 409)!;
      expect(loser.body.code).toBe('REVIEW_NOT_PENDING');
      const winner = answers.find((r) => r.status === 200)!;
      expect((await reviewsOf(itemId)).map((r) => r.outcome)).toEqual([winner.body.outcome]);
    }
  });
});
