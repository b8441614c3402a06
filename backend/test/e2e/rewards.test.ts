import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn } from '../support/wallet.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t.close();
});

interface ErrorBody {
  statusCode: number;
  code: string;
  field?: string;
}

describe('rewards API', () => {
  it('annotators read their own earnings; epochs, ledger, payouts and the chain are for admins', async () => {
    const annotator = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
    const earnings = await call<{ totals: Record<string, string>; epochs: unknown[]; chain: { chainId: number; distributor: string } }>(
      t.baseUrl,
      annotator,
      'GET',
      '/api/me/earnings',
    );
    expect(earnings.status).toBe(200);
    expect(earnings.body.totals).toEqual({ pending: '0', claimable: '0', claimed: '0', expired: '0' });
    expect(earnings.body.epochs).toEqual([]);
    expect(earnings.body.chain).toMatchObject({ chainId: 8996, distributor: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) });
    for (const [method, route] of [
      ['GET', '/api/epochs'],
      ['POST', '/api/epochs'],
      ['GET', '/api/ledger'],
      ['GET', '/api/payouts'],
      ['GET', '/api/chain'],
      ['POST', '/api/epochs/1/sweep'],
      ['POST', '/api/epochs/1/void'],
    ] as const) {
      expect((await call(t.baseUrl, annotator, method, route, method === 'POST' ? { mode: 'claim' } : undefined)).status, route).toBe(403);
    }
    const noProof = await call<ErrorBody>(t.baseUrl, annotator, 'GET', '/api/me/epochs/1/proof');
    expect(noProof.status).toBe(404);
    expect(noProof.body.code).toBe('EPOCH_NOT_FOUND');
    expect((await call(t.baseUrl, undefined, 'GET', '/api/me/earnings')).status).toBe(401);
  });

  it('closing an epoch validates its input and refuses an empty one', async () => {
    const bad = await call<ErrorBody>(t.baseUrl, t.admin, 'POST', '/api/epochs', { mode: 'airdrop' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('mode');
    const badDays = await call<ErrorBody>(t.baseUrl, t.admin, 'POST', '/api/epochs', { mode: 'claim', expiresInDays: 0 });
    expect(badDays.status).toBe(400);
    const empty = await call<ErrorBody>(t.baseUrl, t.admin, 'POST', '/api/epochs', { mode: 'claim' });
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('NOTHING_TO_PAY');
    const list = await call<unknown[]>(t.baseUrl, t.admin, 'GET', '/api/epochs');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toBe('epochs */0');
    expect((await call<ErrorBody>(t.baseUrl, t.admin, 'GET', '/api/epochs/99')).body.code).toBe('EPOCH_NOT_FOUND');
    const voidMissing = await call<ErrorBody>(t.baseUrl, t.admin, 'POST', '/api/epochs/99/void');
    expect(voidMissing.status).toBe(404);
    expect(voidMissing.body).toMatchObject({ statusCode: 404, code: 'EPOCH_NOT_FOUND' });
    const chain = await call<{ token: { symbol: string; totalSupply: string }; operatorEth: string }>(
      t.baseUrl,
      t.admin,
      'GET',
      '/api/chain',
    );
    expect(chain.body.token.symbol).toBe('TSR');
    expect(Number(chain.body.operatorEth)).toBeGreaterThan(0);
  });

  it('a project budget is a token amount, shown to managers only', async () => {
    const bad = await call<ErrorBody>(t.baseUrl, t.admin, 'POST', '/api/projects', {
      name: 'Budget',
      type: 'classification',
      labels: ['a', 'b'],
      overlap: 1,
      rewardPerLabel: '1',
      rewardBudget: '-5',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('rewardBudget');
    const created = await call<{ id: number; rewardBudget: string }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
      name: 'Budget',
      type: 'classification',
      labels: ['a', 'b'],
      overlap: 1,
      rewardPerLabel: '1',
      rewardBudget: '250.5',
      status: 'active',
    });
    expect(created.body.rewardBudget).toBe('250.5');
    const annotator = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
    const seen = await call<Record<string, unknown>>(t.baseUrl, annotator, 'GET', `/api/projects/${created.body.id}`);
    expect(seen.body).not.toHaveProperty('rewardBudget');
    const cleared = await call<{ rewardBudget: string | null }>(t.baseUrl, t.admin, 'PUT', `/api/projects/${created.body.id}`, {
      rewardBudget: null,
    });
    expect(cleared.body.rewardBudget).toBeNull();
  });
});
