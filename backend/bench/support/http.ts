import type { Pool as HttpPool } from 'undici';

export interface Reply {
  status: number;
  text: string;
}

type Method = 'GET' | 'POST';

/** A JSON call through the bench's connection pool, with a bearer token when given. */
export async function call(http: HttpPool, method: Method, urlPath: string, token?: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await http.request({ path: urlPath, method, headers, body: payload });
  return { status: res.statusCode, text: await res.body.text() };
}

/** The reply's JSON body, or an error naming the request when the status is not the expected one. */
export function parse<T>(reply: Reply, what: string, expected: number | readonly number[]): T {
  const ok = typeof expected === 'number' ? reply.status === expected : expected.includes(reply.status);
  if (!ok) throw new Error(`${what}: expected ${String(expected)}, got ${reply.status} ${reply.text.slice(0, 500)}`);
  return JSON.parse(reply.text) as T;
}
