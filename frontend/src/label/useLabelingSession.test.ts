import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi, json, noContent, signIn, testSession, type Reply } from './testing/fakeApi';
import type { Project, Assignment } from './types';
import { useLabelingSession } from './useLabelingSession';

const PROJECT: Project = {
  id: 3,
  name: 'Pets',
  type: 'classification',
  labels: ['cat', 'dog'],
  overlap: 1,
  maxOverlap: 1,
  targetConfidence: 0.8,
  leaseSeconds: 600,
  rewardPerLabel: '0.5',
  instructions: '',
  status: 'active',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

function assignment(assignmentId: number): Assignment {
  return {
    assignmentId,
    item: { id: `ref${assignmentId}`, data: { text: `item ${assignmentId}` }, files: {} },
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
  };
}

function server(routes: Record<string, Reply | Reply[]> = {}) {
  return fakeApi({
    'GET /api/projects/3': json(200, PROJECT),
    'GET /api/projects/3/progress': json(200, { remaining: 5, done: 2 }),
    'GET /api/projects/3/next': [json(200, assignment(11)), json(200, assignment(12))],
    'POST /api/assignments/11/submit': json(201, { annotationId: 500 }),
    'POST /api/assignments/11/skip': noContent(),
    ...routes,
  });
}

async function working() {
  const hook = renderHook(() => useLabelingSession(3, testSession));
  expect(hook.result.current.phase).toEqual({ kind: 'loading' });
  await waitFor(() => expect(hook.result.current.phase).toEqual({ kind: 'working' }));
  expect(hook.result.current.assignment?.assignmentId).toBe(11);
  return hook;
}

describe('useLabelingSession phases', () => {
  beforeEach(() => {
    signIn();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('loading -> working; a submit is sending, then working on the next item with the count moved', async () => {
    server();
    const { result } = await working();
    await waitFor(() => expect(result.current.progress).toEqual({ remaining: 5, done: 2 }));
    act(() => result.current.answer.set({ type: 'classification', label: 'dog' }));
    let sent: Promise<void> | undefined;
    act(() => {
      sent = result.current.submit();
    });
    expect(result.current.phase).toEqual({ kind: 'sending', action: 'submit' });
    await act(() => sent);
    expect(result.current.phase).toEqual({ kind: 'working' });
    expect(result.current.assignment?.assignmentId).toBe(12);
    expect(result.current.progress).toEqual({ remaining: 4, done: 3 });
    expect(result.current.answer.value).toEqual({ type: 'classification', label: null });
  });

  it('stays working with a notice when there is no answer to submit', async () => {
    const api = server();
    const { result } = await working();
    await act(() => result.current.submit());
    expect(result.current.phase).toEqual({ kind: 'working' });
    expect(result.current.notice).toBe('Pick a label first (keys 1-9).');
    expect(api.callsTo('POST', '/api/assignments/11/submit')).toHaveLength(0);
  });

  it('empty when /next has nothing', async () => {
    server({ 'GET /api/projects/3/next': noContent() });
    const { result } = renderHook(() => useLabelingSession(3, testSession));
    await waitFor(() => expect(result.current.phase).toEqual({ kind: 'empty' }));
    expect(result.current.assignment).toBeUndefined();
  });

  it('failed when the project does not load; start() again recovers', async () => {
    server({ 'GET /api/projects/3': [apiError(403, 'FORBIDDEN', 'Not for you'), json(200, PROJECT)] });
    const { result } = renderHook(() => useLabelingSession(3, testSession));
    await waitFor(() => expect(result.current.phase.kind).toBe('failed'));
    await act(() => result.current.start());
    expect(result.current.phase).toEqual({ kind: 'working' });
  });

  it('ended when the lease runs out (countdown or submit), and back to working with nextAfterEnd', async () => {
    server({ 'POST /api/assignments/12/submit': apiError(409, 'LEASE_EXPIRED', 'The lease ran out') });
    const { result } = await working();
    act(() => result.current.onLeaseExpired());
    expect(result.current.phase).toEqual({ kind: 'ended', reason: 'expired' });
    act(() => result.current.nextAfterEnd());
    expect(result.current.phase).toEqual({ kind: 'loading' });
    await waitFor(() => expect(result.current.phase).toEqual({ kind: 'working' }));
    expect(result.current.assignment?.assignmentId).toBe(12);
    act(() => result.current.answer.set({ type: 'classification', label: 'cat' }));
    await act(() => result.current.submit());
    expect(result.current.phase).toEqual({ kind: 'ended', reason: 'expired' });
  });

  it('a skip is sending, then working on the next item', async () => {
    const api = server();
    const { result } = await working();
    let skipped: Promise<void> | undefined;
    act(() => {
      skipped = result.current.skip();
    });
    expect(result.current.phase).toEqual({ kind: 'sending', action: 'skip' });
    await act(() => skipped);
    expect(result.current.phase).toEqual({ kind: 'working' });
    expect(result.current.assignment?.assignmentId).toBe(12);
    expect(api.callsTo('POST', '/api/assignments/11/skip')).toHaveLength(1);
  });
});
