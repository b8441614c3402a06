import { vi } from 'vitest';
import type { Session } from '../../session/session';

/** Test double for the API: routes `fetch` by "METHOD /path" and records every call. */
export interface Call {
  method: string;
  path: string;
  /** The query string, with its "?" ("" when none). */
  query: string;
  body: unknown;
  headers: Headers;
}

export type Reply = Response | Error | ((call: Call) => Response | Error | Promise<Response | Error>);

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function apiError(status: number, code: string, message: string, field?: string): Response {
  return json(status, { statusCode: status, code, message, ...(field ? { field } : {}) });
}

/** What `fetch` throws when there is no connection. */
export function offline(): Error {
  return new TypeError('Failed to fetch');
}

/**
 * Installs a fake `fetch`. Each route answers with its replies in turn; the last one repeats.
 * Unknown routes answer 404 so a test fails loudly instead of hanging.
 */
export function fakeApi(routes: Record<string, Reply | Reply[]>) {
  const calls: Call[] = [];
  const used = new Map<string, number>();
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const text = typeof init.body === 'string' ? init.body : undefined;
    const call: Call = {
      method,
      path: url.pathname,
      query: url.search,
      body: text === undefined ? undefined : JSON.parse(text),
      headers: new Headers(init.headers),
    };
    calls.push(call);
    const key = `${method} ${url.pathname}`;
    const route = routes[key];
    if (route === undefined) return apiError(404, 'NOT_FOUND', `no fake route for ${key}`);
    const replies = Array.isArray(route) ? route : [route];
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    const reply = replies[Math.min(index, replies.length - 1)] as Reply;
    const answer = typeof reply === 'function' ? await reply(call) : reply;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  });
  vi.stubGlobal('fetch', fetch);
  return {
    fetch,
    calls,
    callsTo: (method: string, path: string) => calls.filter((call) => call.method === method && call.path === path),
  };
}

export const testSession: Session = {
  token: 'test-token',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  user: { id: 7, address: '0x1234567890abcdef1234567890abcdef12345678', roles: ['annotator'] },
};

export function signIn(session: Session = testSession): void {
  localStorage.setItem('tessera.session', JSON.stringify(session));
}
