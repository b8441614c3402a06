import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { textProject } from '../support/projects.js';
import { call, signIn, type Session } from '../support/wallet.js';

let t: TestApp;

interface Assignment {
  assignmentId: number;
  item: { id: string; data: { text: string } };
}
interface ErrorBody {
  statusCode: number;
  code: string;
}
interface Annotation {
  id: number;
  annotatorId: number;
  leadTimeMs: number;
  serverTimeMs: number | null;
}
interface Suspension {
  annotatorId: number;
  reasons: Array<{ rule: string; medianServerTimeMs?: number; labels?: number }>;
}

// The engine's speed rule, made small enough to judge a few labels in a short test.
const MIN_LABELS = 4;
const MIN_MEDIAN_MS = 400;
/** How long the human of these tests looks at each item before answering. */
const HUMAN_MS = 900;
const LABELS = ['a', 'b', 'c'];

beforeAll(async () => {
  t = await startTestApp({ ANTI_CHEAT_MIN_LABELS: String(MIN_LABELS), ANTI_CHEAT_MIN_MEDIAN_MS: String(MIN_MEDIAN_MS) });
});

afterAll(async () => {
  await t?.close();
});

async function annotator(): Promise<Session> {
  return signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
}

function project(items: number): Promise<number> {
  return textProject(t, { name: 'Speed', labels: LABELS, overlap: 2 }, items, (n) => `sentence ${n}`);
}

async function next(session: Session, projectId: number) {
  return call<Assignment>(t.baseUrl, session, 'GET', `/api/projects/${projectId}/next`);
}

async function submit(session: Session, assignment: Assignment, label: string, leadTimeMs: number) {
  const submitted = await call<{ annotationId: number }>(t.baseUrl, session, 'POST', `/api/assignments/${assignment.assignmentId}/submit`, {
    result: { label },
    leadTimeMs,
  });
  expect(submitted.status).toBe(201);
  return submitted.body.annotationId;
}

async function annotationsOf(session: Session, projectId: number): Promise<Annotation[]> {
  const filter = encodeURIComponent(JSON.stringify({ projectId, annotatorId: session.user.id }));
  const list = await call<Annotation[]>(t.baseUrl, t.admin, 'GET', `/api/annotations?filter=${filter}&range=[0,99]`);
  expect(list.status).toBe(200);
  return list.body;
}

async function activeSuspensions(session: Session): Promise<Suspension[]> {
  const filter = encodeURIComponent(JSON.stringify({ annotatorId: session.user.id, active: true }));
  const list = await call<Suspension[]>(t.baseUrl, t.admin, 'GET', `/api/suspensions?filter=${filter}`);
  expect(list.status).toBe(200);
  return list.body;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('time per label, as the server measured it', () => {
  it('suspends a bot that claims 5 s per label but answers in milliseconds, and leaves a human-paced annotator alone', async () => {
    const projectId = await project(MIN_LABELS);
    const [bot, human] = await Promise.all([annotator(), annotator()]);
    for (let n = 0; n < MIN_LABELS; n++) {
      const assignment = await next(bot, projectId);
      expect(assignment.status).toBe(200);
      await submit(bot, assignment.body, LABELS[n % 3]!, 5000);
    }
    for (let n = 0; n < MIN_LABELS; n++) {
      const assignment = await next(human, projectId);
      expect(assignment.status).toBe(200);
      // A person reads the item: the lease is held for real before the answer.
      const shown = Date.now();
      await pause(HUMAN_MS);
      await submit(human, assignment.body, LABELS[(n + 1) % 3]!, Date.now() - shown);
    }

    // The client's figure is kept as it was sent; the server's own figure sits beside it.
    const botLabels = await annotationsOf(bot, projectId);
    expect(botLabels).toHaveLength(MIN_LABELS);
    for (const label of botLabels) {
      expect(label.leadTimeMs).toBe(5000);
      expect(label.serverTimeMs).toBeGreaterThanOrEqual(0);
      expect(label.serverTimeMs).toBeLessThan(MIN_MEDIAN_MS);
    }
    for (const label of await annotationsOf(human, projectId)) expect(label.serverTimeMs).toBeGreaterThanOrEqual(HUMAN_MS - 50);

    const aggregated = await call(t.baseUrl, t.admin, 'POST', `/api/projects/${projectId}/quality/aggregate`);
    expect(aggregated.status).toBe(200);
    const suspended = await activeSuspensions(bot);
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.reasons).toEqual([{ rule: 'too_fast', medianServerTimeMs: expect.any(Number) as number, labels: MIN_LABELS }]);
    expect(suspended[0]!.reasons[0]!.medianServerTimeMs).toBeLessThan(MIN_MEDIAN_MS);
    expect(await activeSuspensions(human)).toEqual([]);

    // The bot is out (its suspension reaches the assignment routes within a couple of seconds); the human works on.
    const deadline = Date.now() + 10_000;
    let refused = await next(bot, projectId);
    while (refused.status !== 403 && Date.now() < deadline) {
      await pause(100);
      refused = await next(bot, projectId);
    }
    expect((refused.body as unknown as ErrorBody).code).toBe('ANNOTATOR_SUSPENDED');
  });

  it('a reload resumes the lease with the time it was first handed out', async () => {
    const projectId = await project(2);
    const worker = await annotator();
    const first = await next(worker, projectId);
    expect(first.status).toBe(200);
    await pause(HUMAN_MS);
    const resumed = await next(worker, projectId);
    expect(resumed.body.assignmentId).toBe(first.body.assignmentId);
    // Answered at once after the reload, and claiming so: the server counts from the first hand-out.
    const annotationId = await submit(worker, resumed.body, 'a', 1);
    const stored = await call<Annotation>(t.baseUrl, t.admin, 'GET', `/api/annotations/${annotationId}`);
    expect(stored.body.leadTimeMs).toBe(1);
    expect(stored.body.serverTimeMs).toBeGreaterThanOrEqual(HUMAN_MS - 50);
  });
});
