import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from './api';
import { keepSessionFresh, renewalDelay, renewSession } from './renewal';
import { expireSession, loadSession, saveSession, type Session } from './session';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

function session(token: string, expiresInMs: number, renewableForMs = 24 * 60 * MINUTE): Session {
  return {
    token,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    renewableUntil: new Date(NOW + renewableForMs).toISOString(),
    user: { id: 7, address: '0x1234567890abcdef1234567890abcdef12345678', roles: ['annotator'] },
  };
}

describe('renewalDelay', () => {
  const at = (expiresInMs: number, renewableForMs?: number): Session => ({
    ...session('t', 0, renewableForMs),
    expiresAt: new Date(NOW + expiresInMs).toISOString(),
  });

  it('renews five minutes before a one-hour token ends, halfway through a shorter one', () => {
    expect(renewalDelay(at(60 * MINUTE), NOW)).toBe(55 * MINUTE);
    expect(renewalDelay(at(MINUTE), NOW)).toBe(MINUTE / 2);
    expect(renewalDelay(at(4 * MINUTE), NOW)).toBe(2 * MINUTE);
  });

  it('does not renew an expired session, nor one already running to its maximum age', () => {
    expect(renewalDelay(at(-1), NOW)).toBeUndefined();
    expect(renewalDelay(at(0), NOW)).toBeUndefined();
    expect(renewalDelay(at(30 * MINUTE, 30 * MINUTE), NOW)).toBeUndefined();
    expect(renewalDelay({ ...at(30 * MINUTE), renewableUntil: undefined }, NOW)).toBe(25 * MINUTE);
  });
});

describe('keepSessionFresh', () => {
  let stop: (() => void) | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('renews before expiry, again and again, until the maximum age', async () => {
    saveSession(session('first', 10 * MINUTE, 2 * 60 * MINUTE));
    let n = 0;
    const renew = vi.fn(() => {
      n++;
      const expiresIn = Math.min(60 * MINUTE, NOW + 2 * 60 * MINUTE - Date.now());
      saveSession(session(`renewed-${n}`, expiresIn, 2 * 60 * MINUTE));
      return Promise.resolve();
    });
    stop = keepSessionFresh(renew);
    await vi.advanceTimersByTimeAsync(5 * MINUTE - 1);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(loadSession()?.token).toBe('renewed-1');
    // 55 minutes into the new hour-long token, the next renewal: it runs to the maximum age (2 h).
    await vi.advanceTimersByTimeAsync(55 * MINUTE);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(loadSession()?.expiresAt).toBe(loadSession()?.renewableUntil);
    // Nothing left to renew: the session ends, and the wallet signs in again.
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(renew).toHaveBeenCalledTimes(2);
  });

  it('stops when the server refuses the session (401), retries after a network failure', async () => {
    saveSession(session('first', 2 * MINUTE));
    const renew = vi
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(new NetworkError(new TypeError('offline')))
      .mockImplementationOnce(() => {
        expireSession();
        return Promise.reject(new ApiError(401, 'SESSION_TOO_OLD', 'sign in again'));
      });
    stop = keepSessionFresh(renew);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(loadSession()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(renew).toHaveBeenCalledTimes(2);
  });

  it('follows a sign-in and does nothing once stopped', async () => {
    const renew = vi.fn(() => Promise.resolve());
    stop = keepSessionFresh(renew);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(renew).not.toHaveBeenCalled();
    saveSession(session('signed-in', 60 * MINUTE));
    await vi.advanceTimersByTimeAsync(55 * MINUTE);
    expect(renew).toHaveBeenCalledTimes(1);
    stop();
    saveSession(session('again', 60 * MINUTE));
    await vi.advanceTimersByTimeAsync(120 * MINUTE);
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('renewSession posts to /api/auth/renew with the bearer token and stores the answer', async () => {
    saveSession(session('old-token', 3 * MINUTE));
    const renewed = session('new-token', 60 * MINUTE);
    const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(new Response(JSON.stringify(renewed), { status: 200 })));
    vi.stubGlobal('fetch', fetch);
    await renewSession();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/auth/renew');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer old-token');
    expect(loadSession()).toEqual(renewed);
  });
});
