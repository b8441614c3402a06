import { Wallet } from 'ethers';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

/** Privileges that change take effect at once; sessions are short, renewable, and end for good. */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function newUser(): Promise<Session> {
  return signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
}

async function setRoles(user: Session, roles: string[]): Promise<void> {
  const response = await call(t.baseUrl, t.admin, 'PUT', `/api/users/${user.user.id}`, { roles });
  expect(response.status).toBe(200);
}

/** A token as this server signs them, for sessions the test cannot wait for (signed in days ago). */
async function tokenSignedInAt(user: Session, signedInAt: Date, expiresAt: Date): Promise<Session> {
  const token = await new SignJWT({ addr: user.address, auth_time: Math.floor(signedInAt.getTime() / 1000) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(user.user.id))
    .setIssuedAt()
    .setIssuer(t.config.publicUrl.origin)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(new TextEncoder().encode(t.config.jwtSecret));
  return { ...user, token };
}

describe('roles come from the database on every request', () => {
  it('a role granted in the console works with the token already held, and a demoted admin is refused on the next request', async () => {
    const deputy = await newUser();
    expect((await call(t.baseUrl, deputy, 'GET', '/api/users')).status).toBe(403);
    await setRoles(deputy, ['annotator', 'admin']);
    expect((await call(t.baseUrl, deputy, 'GET', '/api/users')).status).toBe(200);

    await setRoles(deputy, ['annotator']);
    const refused = await call<{ code: string }>(t.baseUrl, deputy, 'GET', '/api/users');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const me = await call<{ roles: string[] }>(t.baseUrl, deputy, 'GET', '/api/auth/me');
    expect(me.body.roles).toEqual(['annotator']);
    // Still an annotator: work that needs no admin goes on.
    expect((await call(t.baseUrl, deputy, 'GET', '/api/projects')).status).toBe(200);
  });

  it("refuses a deleted user's token", async () => {
    const leaving = await newUser();
    expect((await call(t.baseUrl, leaving, 'GET', '/api/projects')).status).toBe(200);
    expect((await call(t.baseUrl, t.admin, 'DELETE', `/api/users/${leaving.user.id}`)).status).toBe(200);
    const refused = await call<{ statusCode: number; code: string; message: string }>(t.baseUrl, leaving, 'GET', '/api/projects');
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'This account no longer exists' });
    expect((await call(t.baseUrl, leaving, 'POST', '/api/auth/renew')).status).toBe(401);
    // Signing in again makes a new account, whose token works; the old one stays refused.
    const back = await signIn(t.baseUrl, leaving.wallet);
    expect(back.user.id).not.toBe(leaving.user.id);
    expect((await call(t.baseUrl, back, 'GET', '/api/projects')).status).toBe(200);
    expect((await call(t.baseUrl, leaving, 'GET', '/api/projects')).status).toBe(401);
  });
});

describe('short sessions with renewal', () => {
  interface SessionBody {
    token: string;
    expiresAt: string;
    renewableUntil: string;
    user: { id: number; roles: string[] };
  }

  it('signs in for JWT_TTL_SECONDS (one hour by default), renewable up to SESSION_MAX_AGE_SECONDS after signing', async () => {
    const started = Date.now();
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const session = await signIn(t.baseUrl, wallet);
    const renewed = await call<SessionBody>(t.baseUrl, session, 'POST', '/api/auth/renew');
    expect(renewed.status).toBe(200);
    const body = renewed.body;
    expect(t.config.jwtTtlSeconds).toBe(3600);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(started + 3600_000 - 5_000);
    expect(Date.parse(body.expiresAt)).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(Date.parse(body.renewableUntil)).toBeGreaterThan(started + t.config.sessionMaxAgeSeconds * 1000 - 5_000);
    expect(Date.parse(body.renewableUntil)).toBeLessThanOrEqual(Date.now() + t.config.sessionMaxAgeSeconds * 1000);
    expect(body.user.id).toBe(session.user.id);
    // The renewed token works, and carries the roles of now.
    await setRoles(session, ['annotator', 'reviewer']);
    const next = await call<SessionBody>(t.baseUrl, { ...session, token: body.token }, 'POST', '/api/auth/renew');
    expect(next.status).toBe(200);
    expect(next.body.user.roles).toEqual(['annotator', 'reviewer']);
    expect(next.body.renewableUntil).toBe(body.renewableUntil);
  });

  it('never renews past the maximum age: the expiry stops at renewableUntil', async () => {
    const user = await newUser();
    const signedInAt = new Date(Date.now() - (t.config.sessionMaxAgeSeconds - 120) * 1000);
    const old = await tokenSignedInAt(user, signedInAt, new Date(Date.now() + 60_000));
    const renewed = await call<SessionBody>(t.baseUrl, old, 'POST', '/api/auth/renew');
    expect(renewed.status).toBe(200);
    const limit = signedInAt.getTime() + t.config.sessionMaxAgeSeconds * 1000;
    expect(Date.parse(renewed.body.renewableUntil)).toBe(Math.floor(limit / 1000) * 1000);
    expect(Date.parse(renewed.body.expiresAt)).toBeLessThanOrEqual(limit);
    expect(Date.parse(renewed.body.expiresAt)).toBeLessThan(Date.now() + 3600_000 - 60_000);
  });

  it('refuses a session older than SESSION_MAX_AGE_SECONDS, even with an unexpired token: the wallet signs in again', async () => {
    const user = await newUser();
    const stale = await tokenSignedInAt(
      user,
      new Date(Date.now() - (t.config.sessionMaxAgeSeconds + 60) * 1000),
      new Date(Date.now() + 3600_000),
    );
    for (const [method, route] of [
      ['GET', '/api/auth/me'],
      ['POST', '/api/auth/renew'],
    ] as const) {
      const refused = await call<{ statusCode: number; code: string }>(t.baseUrl, stale, method, route);
      expect(refused.status, route).toBe(401);
      expect(refused.body).toMatchObject({ statusCode: 401, code: 'SESSION_TOO_OLD' });
    }
  });

  it('refuses tokens without a sign-in time (issued before roles left the token)', async () => {
    const user = await newUser();
    const legacy = await new SignJWT({ addr: user.address, roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(user.user.id))
      .setIssuedAt()
      .setIssuer(t.config.publicUrl.origin)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(t.config.jwtSecret));
    const refused = await call<{ code: string }>(t.baseUrl, { ...user, token: legacy }, 'GET', '/api/users');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
  });
});
