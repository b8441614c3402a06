import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import { TokenService } from './token.service.js';

const T0 = Date.parse('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

const config = {
  jwtSecret: 'a-secret-of-at-least-thirty-two-bytes',
  jwtTtlSeconds: 3_600,
  sessionMaxAgeSeconds: 86_400,
  publicUrl: new URL('https://tessera.example'),
} as AppConfig;

const alice = { id: 7, address: '0x0000000000000000000000000000000000000007' };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TokenService.verify', () => {
  it('answers a verified token’s claims from memory until the token expires, then refuses it', async () => {
    const tokens = new TokenService(config);
    const { token, expiresAt } = await tokens.issue(alice, new Date(T0));
    const claims = await tokens.verify(token);
    expect(claims).toEqual({ userId: 7, address: alice.address, signedInAt: new Date(T0), expiresAt });
    vi.setSystemTime(expiresAt.getTime() - 1);
    // The very object verified first: not verified again.
    expect(await tokens.verify(token)).toBe(claims);
    vi.setSystemTime(expiresAt.getTime());
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Session expired: sign in again' });
  });

  it('keeps each token for its own lifetime: one cut short by the session’s maximum age goes first', async () => {
    const tokens = new TokenService(config);
    // Signed in 23.5 hours ago: the session may last half an hour more.
    const late = await tokens.issue(alice, new Date(T0 - 23.5 * HOUR));
    const fresh = await tokens.issue(alice, new Date(T0));
    expect(late.expiresAt.getTime()).toBe(T0 + HOUR / 2);
    const freshClaims = await tokens.verify(fresh.token);
    await tokens.verify(late.token);
    vi.setSystemTime(T0 + HOUR / 2);
    await expect(tokens.verify(late.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await tokens.verify(fresh.token)).toBe(freshClaims);
  });

  it('refuses a token that is not one of ours, every time', async () => {
    const tokens = new TokenService(config);
    const foreign = await new SignJWT({ addr: alice.address, auth_time: T0 / 1000 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('7')
      .setIssuer(config.publicUrl.origin)
      .setExpirationTime(T0 / 1000 + 3_600)
      .sign(new TextEncoder().encode('another-secret-of-thirty-two-bytes!'));
    for (const token of [foreign, foreign, 'not a token']) {
      await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid token' });
    }
  });

  it('concurrent verifications of one token share one check', async () => {
    const tokens = new TokenService(config);
    const { token } = await tokens.issue(alice, new Date(T0));
    const [a, b] = await Promise.all([tokens.verify(token), tokens.verify(token)]);
    expect(a).toBe(b);
  });
});
