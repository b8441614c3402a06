import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPending, isOffline, listPending, pendingKey, submitDurably, type PendingSubmit } from './pendingSubmits';
import { apiError, fakeApi, json, offline, signIn } from './testing/fakeApi';

const ENTRY: PendingSubmit = { assignmentId: 41, projectId: 3, userId: 7, result: { label: 'cat' }, leadTimeMs: 1200, queuedAt: 1 };

describe('pending submits', () => {
  beforeEach(() => {
    signIn();
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps a submit that failed on the network in localStorage and retries it until it lands', async () => {
    const server = fakeApi({ 'POST /api/assignments/41/submit': [offline(), offline(), json(201, { annotationId: 900 })] });
    const outcome = submitDurably(ENTRY);

    await vi.advanceTimersByTimeAsync(0);
    expect(server.fetch).toHaveBeenCalledTimes(1);
    expect(JSON.parse(localStorage.getItem(pendingKey(41)) ?? 'null')).toEqual(ENTRY);
    expect(isOffline()).toBe(true);

    // A second submit of the same assignment meanwhile joins the first instead of sending again.
    const joined = submitDurably(ENTRY);

    await vi.advanceTimersByTimeAsync(1300); // first retry after ~1 s
    expect(server.fetch).toHaveBeenCalledTimes(2);
    expect(localStorage.getItem(pendingKey(41))).not.toBeNull();

    await vi.advanceTimersByTimeAsync(2500); // second retry after ~2 s
    await expect(outcome).resolves.toEqual({ kind: 'submitted', annotationId: 900 });
    await expect(joined).resolves.toEqual({ kind: 'submitted', annotationId: 900 });
    expect(server.fetch).toHaveBeenCalledTimes(3);
    expect(server.calls.every((call) => JSON.stringify(call.body) === JSON.stringify({ result: { label: 'cat' }, leadTimeMs: 1200 }))).toBe(
      true,
    );
    expect(server.calls[0]?.headers.get('authorization')).toBe('Bearer test-token');
    expect(localStorage.getItem(pendingKey(41))).toBeNull();
    expect(isOffline()).toBe(false);
  });

  it('retries at once when the browser reports the connection is back', async () => {
    const server = fakeApi({ 'POST /api/assignments/41/submit': [offline(), json(201, { annotationId: 900 })] });
    const outcome = submitDurably(ENTRY);
    await vi.advanceTimersByTimeAsync(0);
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    await expect(outcome).resolves.toEqual({ kind: 'submitted', annotationId: 900 });
    expect(server.fetch).toHaveBeenCalledTimes(2);
  });

  it('drops a submit the server refused for good and says why', async () => {
    fakeApi({
      'POST /api/assignments/41/submit': apiError(409, 'LEASE_EXPIRED', 'The lease ran out'),
      'POST /api/assignments/42/submit': apiError(400, 'RESULT_INVALID', 'result.label is not a label', 'result.label'),
    });
    await expect(submitDurably(ENTRY)).resolves.toEqual({ kind: 'expired' });
    expect(localStorage.getItem(pendingKey(41))).toBeNull();
    await expect(submitDurably({ ...ENTRY, assignmentId: 42 })).resolves.toEqual({
      kind: 'invalid',
      message: 'result.label is not a label',
      field: 'result.label',
    });
    expect(localStorage.getItem(pendingKey(42))).toBeNull();
  });

  it('keeps the submit for after the next sign-in when the session has ended', async () => {
    fakeApi({ 'POST /api/assignments/41/submit': apiError(401, 'UNAUTHORIZED', 'expired') });
    await expect(submitDurably(ENTRY)).resolves.toEqual({ kind: 'signedOut' });
    expect(localStorage.getItem(pendingKey(41))).not.toBeNull();
  });

  it('flushes what an earlier visit left, for this user only, oldest first', async () => {
    localStorage.setItem(pendingKey(51), JSON.stringify({ ...ENTRY, assignmentId: 51, queuedAt: 20 }));
    localStorage.setItem(pendingKey(50), JSON.stringify({ ...ENTRY, assignmentId: 50, queuedAt: 10 }));
    localStorage.setItem(pendingKey(60), JSON.stringify({ ...ENTRY, assignmentId: 60, userId: 8 }));
    const server = fakeApi({
      'POST /api/assignments/50/submit': json(201, { annotationId: 1 }),
      'POST /api/assignments/51/submit': json(201, { annotationId: 2 }),
    });
    const outcomes = await flushPending(7);
    expect(server.calls.map((call) => call.path)).toEqual(['/api/assignments/50/submit', '/api/assignments/51/submit']);
    expect([...outcomes.keys()]).toEqual([50, 51]);
    expect(listPending(7)).toEqual([]);
    expect(listPending(8)).toHaveLength(1);
  });
});
