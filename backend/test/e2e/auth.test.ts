import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, getNonce, signIn, siweMessage } from '../support/wallet.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function verify(message: string, signature: string) {
  return call<{ code: string; field?: string; token?: string }>(t.baseUrl, undefined, 'POST', '/api/auth/verify', { message, signature });
}

async function signed(wallet: Wallet, overrides: Partial<Parameters<typeof siweMessage>[0]> = {}) {
  const url = new URL(t.baseUrl);
  const nonce = await getNonce(t.baseUrl);
  const message = siweMessage({ domain: url.host, address: wallet.address, uri: url.origin, chainId: 8996, nonce, ...overrides });
  return { message, signature: await wallet.signMessage(message), nonce };
}

describe('wallet sign-in (EIP-4361)', () => {
  it('signs in a new wallet as an annotator and answers /me', async () => {
    const wallet = Wallet.createRandom();
    const session = await signIn(t.baseUrl, wallet as unknown as Wallet);
    expect(session.user.address).toBe(wallet.address);
    expect(session.user.roles).toEqual(['annotator']);
    const me = await call<{ address: string; roles: string[] }>(t.baseUrl, session, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.address).toBe(wallet.address);
  });

  it('gives the admin role to ADMIN_ADDRESSES', () => {
    expect(t.admin.user.roles).toContain('admin');
    expect(t.admin.user.roles).toContain('annotator');
  });

  it('hands out distinct nonces of at least 8 alphanumerics', async () => {
    const [a, b] = await Promise.all([getNonce(t.baseUrl), getNonce(t.baseUrl)]);
    expect(a).toMatch(/^[A-Za-z0-9]{8,}$/);
    expect(a).not.toBe(b);
  });

  it('refuses a replayed message: the nonce is single-use', async () => {
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const { message, signature } = await signed(wallet);
    expect((await verify(message, signature)).status).toBe(200);
    const replay = await verify(message, signature);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('NONCE_INVALID');
  });

  it('refuses a nonce the server never issued', async () => {
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const url = new URL(t.baseUrl);
    const message = siweMessage({ domain: url.host, address: wallet.address, uri: url.origin, chainId: 8996, nonce: 'madeUpNonce123' });
    const response = await verify(message, await wallet.signMessage(message));
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('NONCE_INVALID');
  });

  it('refuses a tampered message (signature no longer matches) and keeps the nonce usable', async () => {
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const other = Wallet.createRandom();
    const { message, signature } = await signed(wallet);
    const tampered = message.replace(wallet.address, other.address);
    const response = await verify(tampered, signature);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('SIGNATURE_INVALID');
    expect((await verify(message, signature)).status).toBe(200);
  });

  it('refuses a message for another domain, URI or chain', async () => {
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const cases = [
      [{ domain: 'evil.example' }, 'SIWE_DOMAIN_MISMATCH'],
      [{ uri: 'https://evil.example/login' }, 'SIWE_URI_MISMATCH'],
      [{ chainId: 1 }, 'SIWE_CHAIN_MISMATCH'],
    ] as const;
    for (const [override, code] of cases) {
      const { message, signature } = await signed(wallet, override);
      const response = await verify(message, signature);
      expect(response.status, code).toBe(401);
      expect(response.body.code).toBe(code);
    }
  });

  it('refuses an expired message', async () => {
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const { message, signature } = await signed(wallet, { expirationTime: new Date(Date.now() - 3_600_000).toISOString() });
    const response = await verify(message, signature);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('SIWE_EXPIRED');
  });

  it('answers 400 with the field for a malformed body', async () => {
    const noSignature = await call<{ code: string; field: string }>(t.baseUrl, undefined, 'POST', '/api/auth/verify', { message: 'x' });
    expect(noSignature.status).toBe(400);
    expect(noSignature.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', field: 'signature' });
    const garbage = await verify('hello', `0x${'1'.repeat(130)}`);
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('SIWE_MALFORMED');
    const badJson = await call<{ code: string }>(t.baseUrl, undefined, 'POST', '/api/auth/verify', '{"message":', {
      'content-type': 'application/json',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('INVALID_JSON');
  });

  it('requires a valid bearer token', async () => {
    const none = await call<{ code: string }>(t.baseUrl, undefined, 'GET', '/api/auth/me');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const forged = await call<{ code: string }>(t.baseUrl, { ...t.admin, token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }, 'GET', '/api/auth/me');
    expect(forged.status).toBe(401);
  });

  it('serves OpenAPI at /api/docs and health without sign-in', async () => {
    const doc = await call<{ openapi: string; paths: Record<string, unknown> }>(t.baseUrl, undefined, 'GET', '/api/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths).toHaveProperty('/api/projects/{id}/next');
    const ui = await fetch(`${t.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    const health = await call<{ status: string; database: string }>(t.baseUrl, undefined, 'GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await call<{ code: string; statusCode: number }>(t.baseUrl, undefined, 'GET', '/api/nope');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });
});
