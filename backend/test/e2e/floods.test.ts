import { Wallet } from 'ethers';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../src/database/sql.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

/** Rate limits (per account, per IP, strictest on sign-in), trusted proxies, and the nonce purge. */
let t: TestApp;
let proxied: TestApp;
let annotator: Session;
// Loopback is 127.0.0.0/8 on Linux: a client bound to 127.0.0.2 is another IP as the server sees it.
const otherIp = new Agent({ localAddress: '127.0.0.2' });

beforeAll(async () => {
  [t, proxied] = await Promise.all([
    startTestApp(),
    startTestApp({
      TRUSTED_PROXIES: '127.0.0.1',
      RATE_LIMIT_SIGN_IN_PER_IP: '5',
      RATE_LIMIT_PER_USER: '20',
      RATE_LIMIT_PER_IP: '20',
      NONCE_PURGE_SECONDS: '1',
    }),
  ]);
  annotator = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
});

afterAll(async () => {
  await Promise.all([t?.close(), proxied?.close()]);
  await otherIp.close();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { statusCode?: number; code?: string; message?: string };
}

async function get(baseUrl: string, route: string, headers: Record<string, string> = {}, dispatcher?: Agent): Promise<Answer> {
  const response = await request(`${baseUrl}${route}`, { headers, ...(dispatcher ? { dispatcher } : {}) });
  const retryAfter = response.headers['retry-after'];
  return {
    status: response.statusCode,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
    body: (await response.body.json()) as Answer['body'],
  };
}

/** `count` requests, `parallel` at a time, each with its own headers. */
async function burst(count: number, parallel: number, send: (i: number) => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, i) => send(start + i));
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

// First: it signs in from the loopback address whose sign-in quota the floods below use up.
describe('catalogue searches', () => {
  it('count by client network whatever session each request carries: free accounts bring no quota of their own', async () => {
    const limit = t.config.rateLimits.perIp;
    const accounts = await Promise.all(Array.from({ length: 3 }, () => signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet)));
    const answers = await burst(limit + 3, 25, (i) =>
      get(t.baseUrl, '/api/market/assets', { authorization: `Bearer ${accounts[i % accounts.length]!.token}` }, otherIp),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(limit);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(3);
    // Another network still searches, and the accounts' own quotas are untouched.
    expect((await get(t.baseUrl, '/api/market/assets')).status).toBe(200);
    expect((await get(t.baseUrl, '/api/auth/me', { authorization: `Bearer ${accounts[0]!.token}` }, otherIp)).status).toBe(200);
  });
});

describe('sign-in floods', () => {
  it('answers a burst of 3,000 nonce requests from one client with 429 and Retry-After, and serves others meanwhile', async () => {
    // X-Forwarded-For from a client that is not a trusted proxy is not believed: rotating it does not help.
    const answers = await burst(3000, 50, (i) => get(t.baseUrl, '/api/auth/nonce', { 'x-forwarded-for': `198.51.100.${i % 250}` }));
    const served = answers.filter((a) => a.status === 200).length;
    const limited = answers.filter((a) => a.status === 429);
    expect(served).toBeLessThanOrEqual(t.config.rateLimits.signInPerIp);
    expect(limited.length).toBe(3000 - served);
    expect(Number(limited[0]!.retryAfter)).toBeGreaterThan(0);
    expect(Number(limited[0]!.retryAfter)).toBeLessThanOrEqual(t.config.rateLimits.windowSeconds);
    expect(limited[0]!.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/try again in/) });
    // The nonce table grew by what was served, not by the flood.
    const [{ n } = { n: -1 }] = await sqlRows<{ n: number }>(
      t.tessera.dataSource,
      'SELECT count(*)::int AS n FROM auth_nonces WHERE used_at IS NULL',
    );
    expect(n).toBeLessThanOrEqual(t.config.rateLimits.signInPerIp);

    // Another IP still gets nonces, and a signed-in annotator is counted by account, not by IP.
    expect((await get(t.baseUrl, '/api/auth/nonce', {}, otherIp)).status).toBe(200);
    const me = await call(t.baseUrl, annotator, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    // Verify has its own counter: a signature can still be checked (and refused on its merits).
    const verify = await call<{ code: string }>(t.baseUrl, undefined, 'POST', '/api/auth/verify', { message: 'x', signature: '0x' });
    expect(verify.status).toBe(400);
  });
});

describe('faucet floods', () => {
  it('grants at most RATE_LIMIT_FAUCET_PER_IP made-up addresses per client network and window, then answers 429', async () => {
    const limit = t.config.rateLimits.faucetPerIp;
    const post = async (address: string): Promise<Answer> => {
      const response = await request(`${t.baseUrl}/api/dev/faucet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ address }),
      });
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
        body: (await response.body.json()) as Answer['body'],
      };
    };
    const addresses = Array.from({ length: limit + 15 }, () => Wallet.createRandom().address);
    const answers = await burst(addresses.length, 5, (i) => post(addresses[i]!));
    const granted = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(granted).toHaveLength(limit);
    expect(limited).toHaveLength(15);
    // The network's limit, not an address's window: no field, and a Retry-After within the window.
    expect(limited[0]!.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/try again in/) });
    expect(Number(limited[0]!.retryAfter)).toBeGreaterThan(0);
    const [{ n } = { n: -1 }] = await sqlRows<{ n: number }>(
      t.tessera.dataSource,
      'SELECT count(*)::int AS n FROM faucet_grants WHERE address = ANY($1)',
      [addresses.map((a) => a.toLowerCase())],
    );
    expect(n).toBe(limit);
    // Another client network still reaches the faucet (refused here on its merits).
    const other = await request(`${t.baseUrl}/api/dev/faucet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: 'nope' }),
      dispatcher: otherIp,
    });
    expect(other.statusCode).toBe(400);
    await other.body.dump();
  });
});

describe('trusted proxies', () => {
  it('believes X-Forwarded-For from TRUSTED_PROXIES only', async () => {
    const limit = proxied.config.rateLimits.signInPerIp;
    // Through the trusted proxy (127.0.0.1): each forwarded client has its own quota.
    const first = await burst(limit + 3, 1, () => get(proxied.baseUrl, '/api/auth/nonce', { 'x-forwarded-for': '203.0.113.7' }));
    expect(first.slice(0, limit).every((a) => a.status === 200)).toBe(true);
    expect(first.slice(limit).every((a) => a.status === 429)).toBe(true);
    expect((await get(proxied.baseUrl, '/api/auth/nonce', { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    // Straight from 127.0.0.2 (no proxy of ours): its own address counts, whatever it claims to forward.
    const direct = await burst(limit + 3, 1, (i) =>
      get(proxied.baseUrl, '/api/auth/nonce', { 'x-forwarded-for': `203.0.113.${100 + i}` }, otherIp),
    );
    expect(direct.slice(0, limit).every((a) => a.status === 200)).toBe(true);
    expect(direct.slice(limit).every((a) => a.status === 429)).toBe(true);
  });
});

describe('per-account and per-IP limits', () => {
  it('limits a signed-in account by account, whatever IP it comes from, and anonymous callers by IP', async () => {
    const limit = proxied.config.rateLimits.perUser;
    const [busy, calm] = [
      await signIn(proxied.baseUrl, Wallet.createRandom() as unknown as Wallet),
      await signIn(proxied.baseUrl, Wallet.createRandom() as unknown as Wallet),
    ];
    const answers = await burst(limit + 5, 5, (i) =>
      get(proxied.baseUrl, '/api/auth/me', { authorization: `Bearer ${busy.token}`, 'x-forwarded-for': `192.0.2.${i}` }),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(limit);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
    expect((await get(proxied.baseUrl, '/api/auth/me', { authorization: `Bearer ${calm.token}` })).status).toBe(200);

    const anonymous = await burst(proxied.config.rateLimits.perIp + 2, 1, () => get(proxied.baseUrl, '/api/health', {}, otherIp));
    expect(anonymous.at(-1)!.status).toBe(429);
    expect(anonymous.at(-1)!.body.code).toBe('RATE_LIMITED');
    // A made-up bearer token is no account: it is counted by IP too.
    expect((await get(proxied.baseUrl, '/api/health', { authorization: 'Bearer made-up' }, otherIp)).status).toBe(429);
  });
});

describe('nonce purge', () => {
  it('deletes expired and used nonces on a timer and keeps the live ones', async () => {
    const db = proxied.tessera.dataSource;
    await sqlRows(
      db,
      `INSERT INTO auth_nonces (nonce, expires_at, used_at) VALUES
         ('purgeExpired1', now() - interval '1 minute', NULL),
         ('purgeExpired2', now() - interval '2 days', NULL),
         ('purgeUsed0001', now() + interval '5 minutes', now()),
         ('purgeLive0001', now() + interval '5 minutes', NULL)`,
    );
    const deadline = Date.now() + 20_000;
    let left: string[] = [];
    for (;;) {
      left = (await sqlRows<{ nonce: string }>(db, `SELECT nonce FROM auth_nonces WHERE nonce LIKE 'purge%' ORDER BY nonce`)).map(
        (r) => r.nonce,
      );
      if (left.length === 1 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(left).toEqual(['purgeLive0001']);
  });
});
