import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn } from '../support/wallet.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/annotators/:id/quality', () => {
  it('answers admins, refuses annotators (403), bad ids (400) and unknown users (404) with the error shape', async () => {
    const worker = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
    const path = `/api/annotators/${worker.user.id}/quality`;

    const forbidden = await call<{ code: string }>(t.baseUrl, worker, 'GET', path);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');

    const answered = await call(t.baseUrl, t.admin, 'GET', path);
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({
      annotatorId: worker.user.id,
      address: worker.address,
      projectId: null,
      projects: [],
      days: [],
      confusion: [],
      suspensions: [],
    });

    expect(await call(t.baseUrl, t.admin, 'GET', '/api/annotators/abc/quality')).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'id' },
    });
    expect(await call(t.baseUrl, t.admin, 'GET', `${path}?projectId=0`)).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'projectId' },
    });
    expect(await call(t.baseUrl, t.admin, 'GET', '/api/annotators/987654/quality')).toMatchObject({
      status: 404,
      body: { statusCode: 404, code: 'USER_NOT_FOUND', message: 'User 987654 not found' },
    });
  });
});
