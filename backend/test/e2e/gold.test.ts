import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { importRecords } from '../support/projects.js';
import { call, signIn, type Session } from '../support/wallet.js';

let t: TestApp;

interface Assignment {
  assignmentId: number;
  item: { id: string; data: { text: string } };
  expiresAt: string;
}
interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

const LABELS = ['cat', 'dog', 'bird'];

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t.close();
});

/** A project of `regular` items and `gold` gold items, their texts telling nothing; answers what is gold. */
async function goldProject(
  settings: Record<string, unknown>,
  regular: number,
  gold: number,
): Promise<{ projectId: number; goldAnswer: Map<string, string> }> {
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: 'Gold',
    type: 'classification',
    labels: LABELS,
    overlap: 1,
    rewardPerLabel: '1',
    status: 'active',
    ...settings,
  });
  expect(created.status).toBe(201);
  const goldAnswer = new Map<string, string>();
  // Gold items imported last, as admins usually do: their ids come after every regular item's.
  const records = [
    ...Array.from({ length: regular }, (_, n) => ({ data: { text: `question ${n}` } })),
    ...Array.from({ length: gold }, (_, n) => {
      const text = `question ${regular + n}`;
      goldAnswer.set(text, LABELS[n % 3]!);
      return { data: { text }, gold: { label: LABELS[n % 3] } };
    }),
  ];
  await importRecords(t, created.body.id, records);
  return { projectId: created.body.id, goldAnswer };
}

async function annotator(): Promise<Session> {
  return signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
}

async function next(session: Session, projectId: number) {
  return call<Assignment>(t.baseUrl, session, 'GET', `/api/projects/${projectId}/next`);
}

async function progressOf(session: Session, projectId: number): Promise<{ remaining: number; done: number }> {
  const progress = await call<{ remaining: number; done: number }>(t.baseUrl, session, 'GET', `/api/projects/${projectId}/progress`);
  expect(progress.status).toBe(200);
  return progress.body;
}

async function skip(session: Session, assignment: Assignment) {
  expect((await call(t.baseUrl, session, 'POST', `/api/assignments/${assignment.assignmentId}/skip`)).status).toBe(204);
}

async function submit(session: Session, assignment: Assignment, label: string, n: number) {
  const submitted = await call(t.baseUrl, session, 'POST', `/api/assignments/${assignment.assignmentId}/submit`, {
    result: { label },
    leadTimeMs: 2000 + (n % 7) * 300,
  });
  expect(submitted.status).toBe(201);
}

describe('gold mixing', () => {
  it('mixes gold items in at the project rate, and nothing in an assignment tells them apart', async () => {
    const { projectId, goldAnswer } = await goldProject({ goldRate: 0.2, qualificationSize: 0 }, 300, 60);
    const worker = await annotator();
    const progress = await call<{ remaining: number }>(t.baseUrl, worker, 'GET', `/api/projects/${projectId}/progress`);
    // Gold items the annotator has not seen count as work left while regular work remains.
    expect(progress.body.remaining).toBe(360);
    const goldKeys = new Set<string>();
    const regularKeys = new Set<string>();
    const refs = new Set<string>();
    let goldAssignments = 0;
    for (let n = 0; n < 100; n++) {
      const assignment = await next(worker, projectId);
      expect(assignment.status).toBe(200);
      const raw = JSON.stringify(assignment.body);
      expect(raw).not.toMatch(/gold/i);
      expect(assignment.body.item.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      refs.add(assignment.body.item.id);
      const isGold = goldAnswer.has(assignment.body.item.data.text);
      const keys = JSON.stringify(Object.keys(assignment.body).sort()) + JSON.stringify(Object.keys(assignment.body.item).sort());
      (isGold ? goldKeys : regularKeys).add(keys);
      if (isGold) goldAssignments++;
      // Gold answered right: this test is about mixing, and wrong gold answers would suspend the annotator.
      await submit(worker, assignment.body, isGold ? goldAnswer.get(assignment.body.item.data.text)! : LABELS[n % 3]!, n);
    }
    expect(refs.size).toBe(100);
    // Binomial(100, 0.2): 8..34 holds with probability > 0.999.
    expect(goldAssignments).toBeGreaterThanOrEqual(8);
    expect(goldAssignments).toBeLessThanOrEqual(34);
    expect([...goldKeys]).toEqual([...regularKeys]);
    // The annotator's own labels name items by the same opaque references, not by ids.
    const mine = await call<Array<{ itemId: unknown }>>(t.baseUrl, worker, 'GET', '/api/annotations?range=[0,99]');
    expect(mine.body).toHaveLength(100);
    for (const annotation of mine.body) expect(refs.has(String(annotation.itemId))).toBe(true);
    expect(JSON.stringify(mine.body)).not.toMatch(/gold/i);
    // Annotators are not told the project's checking settings either.
    const visible = await call<Record<string, unknown>>(t.baseUrl, worker, 'GET', `/api/projects/${projectId}`);
    expect(visible.body).not.toHaveProperty('goldRate');
    expect(visible.body).not.toHaveProperty('qualificationSize');
    const managed = await call<Record<string, unknown>>(t.baseUrl, t.admin, 'GET', `/api/projects/${projectId}`);
    expect(managed.body).toMatchObject({ goldRate: 0.2, qualificationSize: 0, qualificationMinAccuracy: 0.75 });
  });

  it('stops serving gold once the regular work is done', async () => {
    const { projectId, goldAnswer } = await goldProject({ goldRate: 0.5, qualificationSize: 0 }, 3, 20);
    const worker = await annotator();
    let assignments = 0;
    for (let assignment = await next(worker, projectId); assignment.status === 200; assignment = await next(worker, projectId)) {
      await submit(worker, assignment.body, goldAnswer.get(assignment.body.item.data.text) ?? LABELS[assignments % 3]!, assignments);
      assignments++;
    }
    const progress = await call<{ remaining: number; done: number }>(t.baseUrl, worker, 'GET', `/api/projects/${projectId}/progress`);
    expect(progress.body).toEqual({ remaining: 0, done: assignments });
    expect(assignments).toBeGreaterThanOrEqual(3);
    expect(assignments).toBeLessThan(23);
  });
});

describe('qualification', () => {
  it('new annotators answer gold-heavy work first; those who fail lose their labels in the project and get no more work', async () => {
    const { projectId, goldAnswer } = await goldProject({ goldRate: 0.1, qualificationSize: 4, qualificationMinAccuracy: 0.75 }, 60, 10);
    const careful = await annotator();
    const careless = await annotator();
    const assignmentCounts = new Map<Session, { assignments: number; gold: number }>();
    for (const session of [careful, careless]) {
      const counts = { assignments: 0, gold: 0 };
      while (counts.gold < 4) {
        const assignment = await next(session, projectId);
        expect(assignment.status).toBe(200);
        const truth = goldAnswer.get(assignment.body.item.data.text);
        if (truth !== undefined) counts.gold++;
        const label =
          truth === undefined ? LABELS[counts.assignments % 3]! : session === careful ? truth : LABELS[(LABELS.indexOf(truth) + 1) % 3]!;
        await submit(session, assignment.body, label, counts.assignments);
        counts.assignments++;
      }
      assignmentCounts.set(session, counts);
    }
    const aggregated = await call<{ workers: Array<{ annotatorId: number; trust: number }> }>(
      t.baseUrl,
      t.admin,
      'POST',
      `/api/projects/${projectId}/quality/aggregate`,
    );
    expect(aggregated.status).toBe(200);
    const verdicts = await call<Array<{ annotatorId: number; status: string; goldSeen: number; goldCorrect: number }>>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/projects/${projectId}/quality/qualifications`,
    );
    expect(verdicts.status).toBe(200);
    const verdictOf = new Map(verdicts.body.map((v) => [v.annotatorId, v]));
    expect(verdictOf.get(careful.user.id)).toMatchObject({ status: 'passed', goldSeen: 4, goldCorrect: 4 });
    expect(verdictOf.get(careless.user.id)).toMatchObject({ status: 'failed', goldSeen: 4, goldCorrect: 0 });
    // The careless annotator's labels no longer count, and they get no more work here.
    expect(aggregated.body.workers.map((w) => w.annotatorId)).toEqual([careful.user.id]);
    const refused = await next(careless, projectId);
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as ErrorBody).code).toBe('QUALIFICATION_FAILED');
    // The careful one keeps working, their qualifying labels counted.
    expect((await next(careful, projectId)).status).toBe(200);
    expect(aggregated.body.workers[0]!.trust).toBeGreaterThan(0.7);

    // Only managers see or reset qualifications; a reset lets the annotator try again.
    expect((await call(t.baseUrl, careful, 'GET', `/api/projects/${projectId}/quality/qualifications`)).status).toBe(403);
    const missing = await call<ErrorBody>(t.baseUrl, t.admin, 'DELETE', `/api/projects/${projectId}/quality/qualifications/987654`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('QUALIFICATION_NOT_FOUND');
    const reset = await call(t.baseUrl, t.admin, 'DELETE', `/api/projects/${projectId}/quality/qualifications/${careless.user.id}`);
    expect(reset.status).toBe(204);
    // The reset applies to the very next assignment.
    expect((await next(careless, projectId)).status).toBe(200);
  });
});

describe('gold stays invisible', () => {
  it('progress moves the same way whether the assignment leased and submitted is a gold item or a regular one', async () => {
    const { projectId, goldAnswer } = await goldProject({ goldRate: 0.5, qualificationSize: 0 }, 40, 20);
    const worker = await annotator();
    const moves = { gold: new Set<string>(), regular: new Set<string>() };
    const counts = { gold: 0, regular: 0 };
    for (let n = 0; n < 40 && (counts.gold < 3 || counts.regular < 3); n++) {
      const before = await progressOf(worker, projectId);
      const assignment = await next(worker, projectId);
      expect(assignment.status).toBe(200);
      const leased = await progressOf(worker, projectId);
      await submit(worker, assignment.body, LABELS[n % 3]!, n);
      const after = await progressOf(worker, projectId);
      const kind = goldAnswer.has(assignment.body.item.data.text) ? 'gold' : 'regular';
      counts[kind]++;
      moves[kind].add(
        JSON.stringify({
          lease: { remaining: leased.remaining - before.remaining, done: leased.done - before.done },
          submit: { remaining: after.remaining - leased.remaining, done: after.done - leased.done },
        }),
      );
    }
    expect(counts.gold).toBeGreaterThanOrEqual(3);
    expect(counts.regular).toBeGreaterThanOrEqual(3);
    const expected = JSON.stringify({ lease: { remaining: 0, done: 0 }, submit: { remaining: -1, done: 1 } });
    expect([...moves.gold]).toEqual([expected]);
    expect([...moves.regular]).toEqual([expected]);
  });

  it('a skipped gold item counts as a wrong answer; a skipped regular item changes nothing', async () => {
    const { projectId, goldAnswer } = await goldProject({ goldRate: 0.1, qualificationSize: 4, qualificationMinAccuracy: 0.75 }, 60, 10);
    // Answers two gold items right, then skips the next two (as a bot that spotted them would).
    const dodger = await annotator();
    // Skips every other regular item, answers every gold item right.
    const picky = await annotator();
    for (const session of [dodger, picky]) {
      let gold = 0;
      for (let n = 0; gold < 4; n++) {
        const assignment = await next(session, projectId);
        expect(assignment.status).toBe(200);
        const truth = goldAnswer.get(assignment.body.item.data.text);
        if (truth !== undefined) {
          gold++;
          if (session === dodger && gold > 2) await skip(session, assignment.body);
          else await submit(session, assignment.body, truth, n);
        } else if (session === picky && n % 2 === 1) {
          await skip(session, assignment.body);
        } else {
          await submit(session, assignment.body, LABELS[n % 3]!, n);
        }
      }
    }
    const aggregated = await call(t.baseUrl, t.admin, 'POST', `/api/projects/${projectId}/quality/aggregate`);
    expect(aggregated.status).toBe(200);
    const verdicts = await call<Array<{ annotatorId: number; status: string; goldSeen: number; goldCorrect: number }>>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/projects/${projectId}/quality/qualifications`,
    );
    const verdictOf = new Map(verdicts.body.map((v) => [v.annotatorId, v]));
    expect(verdictOf.get(dodger.user.id)).toMatchObject({ status: 'failed', goldSeen: 4, goldCorrect: 2 });
    expect(verdictOf.get(picky.user.id)).toMatchObject({ status: 'passed', goldSeen: 4, goldCorrect: 4 });
    const refused = await next(dodger, projectId);
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as ErrorBody).code).toBe('QUALIFICATION_FAILED');
  });

  it('names the same item differently for each annotator, in their assignments and in their own labels', async () => {
    const { projectId } = await goldProject({ goldRate: 0, qualificationSize: 0, overlap: 2 }, 1, 0);
    const [a, b] = await Promise.all([annotator(), annotator()]);
    const assignmentA = await next(a, projectId);
    const assignmentB = await next(b, projectId);
    expect(assignmentA.body.item.data).toEqual(assignmentB.body.item.data);
    expect(assignmentA.body.item.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(assignmentB.body.item.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(assignmentA.body.item.id).not.toBe(assignmentB.body.item.id);
    // Each annotator's reference stays the same for them: on a reload, and in their own labels.
    expect((await next(a, projectId)).body.item.id).toBe(assignmentA.body.item.id);
    for (const [session, assignment] of [
      [a, assignmentA],
      [b, assignmentB],
    ] as const) {
      await submit(session, assignment.body, 'cat', 1);
      const mine = await call<Array<{ projectId: number; itemId: unknown }>>(t.baseUrl, session, 'GET', '/api/annotations');
      expect(mine.body.filter((l) => l.projectId === projectId).map((l) => l.itemId)).toEqual([assignment.body.item.id]);
    }
  });
});
