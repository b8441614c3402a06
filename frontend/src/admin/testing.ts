import { vi } from 'vitest';
import { saveSession, type Session } from '../session/session';

/** A signed-in session for tests (stored where loadSession reads it). */
export function signIn(roles: string[] = ['admin'], token = 'test-token'): Session {
  const session: Session = {
    token,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { id: 7, address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', roles },
  };
  saveSession(session);
  return session;
}

export interface FetchCall {
  url: URL;
  method: string;
  body: unknown;
}

export type FetchRoute = (call: FetchCall) => Response | Promise<Response>;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A simple-rest list answer: the rows and their Content-Range. */
export function listResponse(resource: string, rows: unknown[], total = rows.length): Response {
  const range = rows.length === 0 ? `${resource} */${total}` : `${resource} 0-${rows.length - 1}/${total}`;
  return jsonResponse(rows, 200, { 'content-range': range });
}

/**
 * Stubs `fetch` with routes keyed "METHOD /path" (query string aside), recording every call. Unknown
 * routes answer 404 so a test fails on what it did not expect.
 */
export function stubFetch(routes: Record<string, FetchRoute>): FetchCall[] {
  const calls: FetchCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const call: FetchCall = {
        url: new URL(raw, 'http://localhost'),
        method: (init.method ?? 'GET').toUpperCase(),
        body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      };
      calls.push(call);
      const route = routes[`${call.method} ${call.url.pathname}`];
      return route ? route(call) : jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: `no route ${call.url.pathname}` }, 404);
    }),
  );
  return calls;
}
