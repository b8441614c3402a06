import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { textProject } from '../support/projects.js';
import { call, signIn, type Session } from '../support/wallet.js';

let t: TestApp;

interface Assignment {
  assignmentId: number;
  expiresAt: string;
}
interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

const MAX_NEW_LEASES = 2;

beforeAll(async () => {
  t = await startTestApp({ NEW_ANNOTATOR_MAX_LEASES: String(MAX_NEW_LEASES), NEW_ANNOTATOR_MIN_LABELS: '1' });
});

afterAll(async () => {
  await t?.close();
});

async function annotator(): Promise<Session> {
  return signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
}

function project(fields: Record<string, unknown>, items = 5): Promise<number> {
  return textProject(t, { name: 'Budget', labels: ['a', 'b'], overlap: 1, ...fields }, items);
}

async function next(session: Session, projectId: number) {
  return call<Assignment & ErrorBody>(t.baseUrl, session, 'GET', `/api/projects/${projectId}/next`);
}

async function skip(session: Session, assignmentId: number) {
  expect((await call(t.baseUrl, session, 'POST', `/api/assignments/${assignmentId}/skip`)).status).toBe(204);
}

async function submit(session: Session, assignmentId: number) {
  const submitted = await call(t.baseUrl, session, 'POST', `/api/assignments/${assignmentId}/submit`, {
    result: { label: 'a' },
    leadTimeMs: 2000,
  });
  expect(submitted.status).toBe(201);
}

function expectRefused(response: { status: number; body: ErrorBody }, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.body.code).toBe(code);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('leases against the reward budget', () => {
  it('a wallet reloading its assignment holds one label of the budget, and a skipped lease frees it at once', async () => {
    const projectId = await project({ rewardBudget: '2' });
    const bot = await annotator();
    const leased = await next(bot, projectId);
    expect(leased.status).toBe(200);
    for (let n = 0; n < 3; n++) {
      const reload = await next(bot, projectId);
      expect(reload.status).toBe(200);
      expect(reload.body.assignmentId).toBe(leased.body.assignmentId);
    }
    const [first, second] = await Promise.all([annotator(), annotator()]);
    expect((await next(first, projectId)).status).toBe(200);
    // Two live leases hold the whole budget of two labels.
    expectRefused(await next(second, projectId), 409, 'PROJECT_BUDGET_SPENT');
    await skip(bot, leased.body.assignmentId);
    expect((await next(second, projectId)).status).toBe(200);
  });

  it('a lease stops counting against the budget when it runs out', async () => {
    const projectId = await project({ rewardBudget: '1', leaseSeconds: 10 });
    const holder = await annotator();
    const held = await next(holder, projectId);
    expect(held.status).toBe(200);
    const waiting = await annotator();
    expectRefused(await next(waiting, projectId), 409, 'PROJECT_BUDGET_SPENT');
    const expiresAt = Date.parse(held.body.expiresAt);
    let answer = await next(waiting, projectId);
    while (answer.status !== 200 && Date.now() < expiresAt + 10_000) {
      await pause(100);
      answer = await next(waiting, projectId);
    }
    expect(answer.status).toBe(200);
    // Work came back with the lease's end, not with a later refresh of the budget.
    expect(Date.now() - expiresAt).toBeLessThan(2_500);
  });
});

describe('new annotators', () => {
  it(`hold at most ${MAX_NEW_LEASES} live leases across all projects; established annotators are not capped`, async () => {
    const projects = await Promise.all([1, 2, 3, 4].map(() => project({})));
    const newcomer = await annotator();
    const first = await next(newcomer, projects[0]!);
    const second = await next(newcomer, projects[1]!);
    expect([first.status, second.status]).toEqual([200, 200]);
    const capped = await next(newcomer, projects[2]!);
    expectRefused(capped, 409, 'LEASE_LIMIT_REACHED');
    expect(capped.body.message).toContain(String(MAX_NEW_LEASES));
    // The leases held still resume; finishing or skipping one makes room.
    expect((await next(newcomer, projects[0]!)).body.assignmentId).toBe(first.body.assignmentId);
    await skip(newcomer, first.body.assignmentId);
    expect((await next(newcomer, projects[2]!)).status).toBe(200);
    await submit(newcomer, second.body.assignmentId);
    expect((await next(newcomer, projects[3]!)).status).toBe(200);

    // Requests sent at once do not get past the cap either.
    const swarm = await annotator();
    const answers = await Promise.all(projects.map((id) => next(swarm, id)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(MAX_NEW_LEASES);
    for (const refused of answers.filter((a) => a.status !== 200)) expectRefused(refused, 409, 'LEASE_LIMIT_REACHED');

    // One accepted (rewarded) label makes an annotator established here.
    const veteran = await annotator();
    const earning = await project({ targetConfidence: 0.5 }, 1);
    const assignment = await next(veteran, earning);
    await submit(veteran, assignment.body.assignmentId);
    expect((await call(t.baseUrl, t.admin, 'POST', `/api/projects/${earning}/quality/aggregate`)).status).toBe(200);
    const deadline = Date.now() + 30_000;
    let pending = '0';
    while (pending === '0' && Date.now() < deadline) {
      const earnings = await call<{ totals: { pending: string } }>(t.baseUrl, veteran, 'GET', '/api/me/earnings');
      pending = earnings.body.totals.pending;
      if (pending === '0') await pause(200);
    }
    expect(pending).not.toBe('0');
    const leases = await Promise.all(projects.map((id) => next(veteran, id)));
    expect(leases.map((l) => l.status)).toEqual(projects.map(() => 200));
  });
});
