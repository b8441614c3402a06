/** An annotator's own labels against the quality check, corrections while open, and their suspension's review request. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelingHelpers, type ErrorBody } from '../support/labeling.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, type Session } from '../support/wallet.js';

let t: TestApp;
const { annotator, project, next, submit } = labelingHelpers(() => t);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface MyLabel {
  id: number;
  itemId: string;
  result: { label: string };
  status: string;
  correctable: boolean;
  earned: string;
}

interface MyLabels {
  counts: Record<'submitted' | 'pending' | 'accepted' | 'rejected' | 'discarded', number>;
  recent: MyLabel[];
}

async function myLabels(session: Session): Promise<MyLabels> {
  const answer = await call<MyLabels>(t.baseUrl, session, 'GET', '/api/me/labels');
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Labels every item the annotator is given, answering by the item's text. */
async function labelAll(session: Session, projectId: number, answer: (text: string) => string): Promise<void> {
  for (;;) {
    const assignment = await next(session, projectId);
    if (assignment.status === 204) return;
    expect(assignment.status).toBe(200);
    const text = String(assignment.body.item.data['text']);
    expect((await submit(session, assignment.body.assignmentId, { label: answer(text) }, 3000)).status).toBe(201);
  }
}

async function aggregate(projectId: number): Promise<void> {
  expect((await call(t.baseUrl, t.admin, 'POST', `/api/projects/${projectId}/quality/aggregate`)).status).toBeLessThan(300);
}

describe("an annotator's own labels", () => {
  it('stay pending until their item settles, a check item looking like any other, and can be corrected until then', async () => {
    // Twenty regular items and one check item, mixed in at half the leases until it is given.
    const regular = Array.from({ length: 20 }, (_, n) => ({ data: { text: `cat ${n}` } }));
    const projectId = await project({ type: 'classification', labels: ['cat', 'dog'], overlap: 2, goldRate: 0.5, qualificationSize: 0 }, [
      ...regular,
      { data: { text: 'known cat' }, gold: { label: 'cat' } },
    ]);
    const first = await annotator();
    // The check item answered wrong, the others right.
    await labelAll(first, projectId, (text) => (text === 'known cat' ? 'dog' : 'cat'));
    await aggregate(projectId);

    const mine = await myLabels(first);
    expect(mine.counts).toEqual({ submitted: 21, pending: 21, accepted: 0, rejected: 0, discarded: 0 });
    // The check item is settled by its known answer at once, yet its label reads exactly as the others.
    expect(new Set(mine.recent.map((l) => JSON.stringify([l.status, l.correctable, l.earned])))).toEqual(
      new Set([JSON.stringify(['pending', true, '0'])]),
    );
    expect(JSON.stringify(mine)).not.toMatch(/gold/i);
    expect(mine.recent.every((l) => /^[A-Za-z0-9_-]{22}$/.test(l.itemId))).toBe(true);

    // Corrected while open: the result changes, and is checked against the project's labels.
    const details = await Promise.all(
      mine.recent.map(
        async (l) => (await call<MyLabel & { item: { data: { text: string } } }>(t.baseUrl, first, 'GET', `/api/me/labels/${l.id}`)).body,
      ),
    );
    const wrong = details.find((l) => l.item.data.text === 'known cat')!;
    expect(wrong.result).toEqual({ label: 'dog' });
    const invalid = await call<ErrorBody>(t.baseUrl, first, 'PUT', `/api/me/labels/${wrong.id}`, { result: { label: 'bird' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('RESULT_INVALID');
    const corrected = await call<MyLabel>(t.baseUrl, first, 'PUT', `/api/me/labels/${wrong.id}`, { result: { label: 'cat' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ result: { label: 'cat' }, status: 'pending', correctable: true });

    // Someone else's label is not found; nobody else sees it.
    const other = await annotator();
    const foreign = await call<ErrorBody>(t.baseUrl, other, 'PUT', `/api/me/labels/${wrong.id}`, { result: { label: 'dog' } });
    expect(foreign.status).toBe(404);
    expect((await call(t.baseUrl, other, 'GET', `/api/me/labels/${wrong.id}`)).status).toBe(404);

    // A second annotator agrees: every item settles, the labels are accepted and can no longer change.
    await labelAll(other, projectId, () => 'cat');
    await aggregate(projectId);
    const settled = await myLabels(first);
    expect(settled.counts).toMatchObject({ submitted: 21, pending: 0, accepted: 21, rejected: 0 });
    expect(settled.recent.every((l) => l.status === 'accepted' && !l.correctable)).toBe(true);
    const refused = await call<ErrorBody>(t.baseUrl, first, 'PUT', `/api/me/labels/${wrong.id}`, { result: { label: 'dog' } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ASSIGNMENT_CLOSED');
    expect((await myLabels(first)).recent.find((l) => l.id === wrong.id)!.result).toEqual({ label: 'cat' });
    // The gold score judges the answer first submitted: a trust score that moved after an
    // aggregation cannot be followed back to the check item and fixed with a correction.
    const quality = await call<{ projects: Array<{ projectId: number; score: { goldSeen: number; goldCorrect: number } }> }>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/annotators/${first.user.id}/quality`,
    );
    expect(quality.body.projects.find((p) => p.projectId === projectId)?.score).toMatchObject({ goldSeen: 1, goldCorrect: 0 });
  });

  it('a suspended annotator cannot correct, sees their suspension, and asks for a review once suspended only', async () => {
    const projectId = await project({ type: 'classification', labels: ['cat', 'dog'], overlap: 2 }, [{ data: { text: 'x' } }]);
    const worker = await annotator();
    await labelAll(worker, projectId, () => 'cat');
    expect((await call(t.baseUrl, worker, 'GET', '/api/me/suspension')).body).toEqual({ suspension: null });
    const early = await call<ErrorBody>(t.baseUrl, worker, 'POST', '/api/me/suspension/review-request', { message: 'why?' });
    expect(early.status).toBe(404);
    expect(early.body.code).toBe('SUSPENSION_NOT_FOUND');

    const suspended = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/suspensions', {
      annotatorId: worker.user.id,
      note: 'spam',
    });
    expect(suspended.status).toBe(201);
    const mine = await myLabels(worker);
    expect(mine.counts).toMatchObject({ submitted: 1, pending: 0, discarded: 1 });
    expect(mine.recent[0]).toMatchObject({ status: 'discarded', correctable: false });
    const refused = await call<ErrorBody>(t.baseUrl, worker, 'PUT', `/api/me/labels/${mine.recent[0]!.id}`, { result: { label: 'dog' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ANNOTATOR_SUSPENDED');

    const standing = await call<{ suspension: Record<string, unknown> }>(t.baseUrl, worker, 'GET', '/api/me/suspension');
    expect(standing.body.suspension).toMatchObject({
      id: suspended.body.id,
      projectId: null,
      scope: 'all_projects',
      reasons: [{ rule: 'admin', note: 'spam' }],
      reviewRequestedAt: null,
    });
    const blank = await call<ErrorBody>(t.baseUrl, worker, 'POST', '/api/me/suspension/review-request', {});
    expect(blank.status).toBe(400);
    const asked = await call<{ suspension: Record<string, unknown> }>(t.baseUrl, worker, 'POST', '/api/me/suspension/review-request', {
      message: '  I read every item.  ',
    });
    expect(asked.status).toBe(200);
    expect(asked.body.suspension).toMatchObject({ reviewMessage: 'I read every item.', reviewRequestedAt: expect.any(String) });
    const listed = await call<Array<Record<string, unknown>>>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/suspensions?filter=${encodeURIComponent(JSON.stringify({ reviewRequested: true, annotatorId: worker.user.id }))}`,
    );
    expect(listed.body).toEqual([expect.objectContaining({ id: suspended.body.id, reviewMessage: 'I read every item.' })]);
  });
});
