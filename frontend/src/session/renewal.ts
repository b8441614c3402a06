import type { Schemas } from '../api';
import { api, ApiError, NetworkError } from './api';
import { loadSession, onSessionChange, saveSession, type Session } from './session';

/** Renew this long before the token expires (or halfway through what is left of a shorter one). */
const RENEW_BEFORE_MS = 5 * 60_000;
/** After a failed attempt (offline, server down), try again this much later while the token lasts. */
const RETRY_MS = 30_000;
/** The longest delay setTimeout accepts. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * When to renew this session, in ms from `now`; undefined when it cannot be extended any more
 * (its token already runs to the session's maximum age) or has expired.
 */
export function renewalDelay(session: Session, now: number): number | undefined {
  const expires = Date.parse(session.expiresAt);
  const renewableUntil = session.renewableUntil === undefined ? Number.POSITIVE_INFINITY : Date.parse(session.renewableUntil);
  const left = expires - now;
  if (!(left > 0) || expires >= renewableUntil) return undefined;
  return left - Math.min(RENEW_BEFORE_MS, left / 2);
}

/** Trades the session's token for a fresh one (with the user's current roles); a 401 ends the session. */
export async function renewSession(): Promise<Session> {
  const { body } = await api<Schemas['SessionDto']>('POST', '/api/auth/renew');
  saveSession(body);
  return body;
}

/**
 * Keeps the signed-in session alive while an app is open: renews the token before it expires, for
 * as long as the server allows (SESSION_MAX_AGE_SECONDS after the wallet signed). Follows sign-ins,
 * sign-outs and renewals made in other tabs. Answers a function that stops it.
 */
export function keepSessionFresh(renew: () => Promise<unknown> = renewSession): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (delay?: number): void => {
    clearTimeout(timer);
    timer = undefined;
    const session = loadSession();
    const wait = delay ?? (session ? renewalDelay(session, Date.now()) : undefined);
    if (stopped || !session || wait === undefined) return;
    timer = setTimeout(() => void attempt(session.token), Math.min(wait, MAX_TIMEOUT_MS));
  };

  const attempt = async (token: string): Promise<void> => {
    const session = loadSession();
    // Signed out, or another tab renewed meanwhile: nothing to do now but plan again.
    if (!session || session.token !== token) {
      schedule();
      return;
    }
    try {
      await renew();
    } catch (error) {
      // A 401 ended the session (api() said so to every listener); other failures are retried.
      if (error instanceof ApiError && error.status === 401) return;
      if (error instanceof NetworkError || error instanceof ApiError) {
        const left = Date.parse(session.expiresAt) - Date.now();
        if (left > 0) schedule(Math.min(RETRY_MS, left / 2));
        return;
      }
      throw error;
    }
  };

  const stopListening = onSessionChange(() => schedule());
  // Background tabs run timers late: catch up when the page is seen again.
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') schedule();
  };
  document.addEventListener('visibilitychange', onVisible);
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stopListening();
    document.removeEventListener('visibilitychange', onVisible);
  };
}
