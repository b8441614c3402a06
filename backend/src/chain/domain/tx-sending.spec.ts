import { FetchRequest, JsonRpcProvider, makeError } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import {
  classifySendError,
  initialFees,
  replacementDue,
  replacementFees,
  retryDelayMs,
  type FeeBid,
  type FeeMarket,
} from './tx-sending.js';

// ethers turns a node's JSON-RPC error into the error the outbox sees: build them the same way.
const provider = new JsonRpcProvider('http://127.0.0.1:9', 1, { staticNetwork: true });
afterAll(() => provider.destroy());

function rpcError(method: string, error: { code: number; message: string; data?: unknown }): Error {
  return provider.getRpcError(
    { method, params: [{ to: '0x0000000000000000000000000000000000000001', data: '0x' }], id: 1, jsonrpc: '2.0' },
    {
      id: 1,
      error,
    },
  );
}

const CUSTOM_ERROR = '0xe2517d3f000000000000000000000000fdf40d7dbdc026129998acc69b0d813c4d18c7ca';

describe('classifySendError', () => {
  it('takes a revert found by gas estimation for a revert, with the decoded reason when there is one', () => {
    const hardhat = rpcError('eth_estimateGas', {
      code: -32603,
      message: `Error: VM Exception while processing transaction: reverted with an unrecognized custom error (return data: ${CUSTOM_ERROR})`,
      data: { message: 'reverted with an unrecognized custom error', data: CUSTOM_ERROR },
    });
    expect(classifySendError('estimate', hardhat).kind).toBe('revert');
    Object.assign(hardhat, { reason: 'AccessControlUnauthorizedAccount(0xFdf4…, OPERATOR_ROLE)' });
    expect(classifySendError('estimate', hardhat)).toEqual({
      kind: 'revert',
      message: 'execution reverted: AccessControlUnauthorizedAccount(0xFdf4…, OPERATOR_ROLE)',
    });
    // geth: a bare revert() carries empty revert data.
    expect(classifySendError('estimate', rpcError('eth_estimateGas', { code: 3, message: 'execution reverted', data: '0x' })).kind).toBe(
      'revert',
    );
  });

  it('takes every other estimation failure for transient', () => {
    // CALL_EXCEPTION without revert data: the node failed, the call did not revert.
    const noData = rpcError('eth_estimateGas', { code: -32000, message: 'header not found' });
    expect((noData as { code?: string }).code).toBe('CALL_EXCEPTION');
    expect(classifySendError('estimate', noData)).toMatchObject({ kind: 'transient' });
    expect(classifySendError('estimate', noData).message).toContain('header not found');
    const poor = rpcError('eth_estimateGas', { code: -32000, message: 'insufficient funds for gas * price + value' });
    expect(classifySendError('estimate', poor).kind).toBe('transient');
    const rateLimited = makeError('server response 429 Too Many Requests', 'SERVER_ERROR', { request: new FetchRequest('http://rpc') });
    expect(classifySendError('estimate', rateLimited)).toEqual({ kind: 'transient', message: 'server response 429 Too Many Requests' });
    expect(classifySendError('estimate', makeError('server response 503 Service Unavailable', 'SERVER_ERROR')).kind).toBe('transient');
    expect(classifySendError('estimate', makeError('timeout', 'TIMEOUT', { operation: 'request.send', reason: 'timeout' })).kind).toBe(
      'transient',
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8545'), { code: 'ECONNREFUSED' });
    expect(classifySendError('estimate', refused)).toEqual({ kind: 'transient', message: 'connect ECONNREFUSED 127.0.0.1:8545' });
    expect(classifySendError('estimate', 'something odd')).toEqual({ kind: 'transient', message: 'something odd' });
  });

  it('never takes a broadcast error for a revert: sending runs nothing', () => {
    const poor = rpcError('eth_sendRawTransaction', {
      code: -32603,
      message: "Sender doesn't have enough funds to send tx. The max upfront cost is: 300000 and the sender's account only has: 0",
    });
    expect(classifySendError('broadcast', poor)).toMatchObject({ kind: 'transient' });
    expect(classifySendError('broadcast', poor).message).toContain("Sender doesn't have enough funds");
    const geth = rpcError('eth_sendRawTransaction', { code: -32000, message: 'insufficient funds for gas * price + value' });
    expect((geth as { code?: string }).code).toBe('INSUFFICIENT_FUNDS');
    expect(classifySendError('broadcast', geth).kind).toBe('transient');
    const nonce = rpcError('eth_sendRawTransaction', { code: -32000, message: 'nonce too low' });
    expect(classifySendError('broadcast', nonce).kind).toBe('transient');
    const reverted = rpcError('eth_sendRawTransaction', { code: -32000, message: 'execution reverted' });
    expect(classifySendError('broadcast', reverted).kind).toBe('transient');
  });

  it('takes refused fees for underpriced, so the transaction is re-signed with higher ones', () => {
    const replacement = rpcError('eth_sendRawTransaction', {
      code: -32000,
      message: 'Replacement transaction underpriced. A gasPrice/maxFeePerGas of at least 1867566609 is necessary',
    });
    expect(classifySendError('broadcast', replacement).kind).toBe('underpriced');
    for (const message of [
      'transaction underpriced',
      'max fee per gas less than block base fee: address 0x1, maxFeePerGas: 1 baseFee: 7',
    ]) {
      expect(classifySendError('broadcast', rpcError('eth_sendRawTransaction', { code: -32000, message })).kind).toBe('underpriced');
    }
  });
});

describe('retryDelayMs', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles from the base, with the upper half random', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(2, policy, () => 0)).toBe(1_000);
    expect(retryDelayMs(4, policy, () => 0.5)).toBe(6_000);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [7, 8, 50, 10_000]) {
      expect(retryDelayMs(attempt, policy, () => 1)).toBe(60_000);
      expect(retryDelayMs(attempt, policy, () => 0)).toBe(30_000);
    }
    expect(retryDelayMs(0, policy, () => 1)).toBe(1_000);
  });
});

describe('fees', () => {
  const gwei = 1_000_000_000n;
  const market: FeeMarket = { baseFeePerGas: 10n * gwei, gasPrice: 11n * gwei, maxPriorityFeePerGas: gwei };
  const cap = 500n * gwei;

  it('bids twice the base fee plus the tip, within the cap', () => {
    expect(initialFees(market, cap)).toEqual({ maxFeePerGas: 21n * gwei, maxPriorityFeePerGas: gwei });
    expect(initialFees(market, 15n * gwei)).toEqual({ maxFeePerGas: 15n * gwei, maxPriorityFeePerGas: gwei });
    expect(initialFees({ baseFeePerGas: null, gasPrice: 3n * gwei, maxPriorityFeePerGas: gwei }, cap).maxFeePerGas).toBe(7n * gwei);
  });

  it('replaces with at least 12.5% more on both the cap and the tip (nodes ask 10% or 12.5%)', () => {
    const previous: FeeBid = { maxFeePerGas: 21n * gwei, maxPriorityFeePerGas: gwei };
    const next = replacementFees(previous, market, cap)!;
    expect(next.maxFeePerGas * 1000n).toBeGreaterThanOrEqual(previous.maxFeePerGas * 1125n);
    expect(next.maxPriorityFeePerGas * 1000n).toBeGreaterThanOrEqual(previous.maxPriorityFeePerGas * 1125n);
    expect(next.maxPriorityFeePerGas).toBeLessThanOrEqual(next.maxFeePerGas);
    // Odd values round up, never down below the bump.
    const odd = replacementFees(
      { maxFeePerGas: 7n, maxPriorityFeePerGas: 3n },
      { baseFeePerGas: 1n, gasPrice: 1n, maxPriorityFeePerGas: 1n },
      cap,
    )!;
    expect(odd).toEqual({ maxFeePerGas: 8n, maxPriorityFeePerGas: 4n });
  });

  it('follows a market that rose above the bump', () => {
    const previous: FeeBid = { maxFeePerGas: 21n * gwei, maxPriorityFeePerGas: gwei };
    const next = replacementFees(previous, { baseFeePerGas: 40n * gwei, gasPrice: 41n * gwei, maxPriorityFeePerGas: 2n * gwei }, cap)!;
    expect(next).toEqual({ maxFeePerGas: 82n * gwei, maxPriorityFeePerGas: 2n * gwei });
  });

  it('gives up when the cap leaves no room for the bump, and caps what it can', () => {
    expect(replacementFees({ maxFeePerGas: 480n * gwei, maxPriorityFeePerGas: gwei }, market, cap)).toBeNull();
    const capped = replacementFees(
      { maxFeePerGas: 400n * gwei, maxPriorityFeePerGas: gwei },
      { ...market, baseFeePerGas: 900n * gwei },
      cap,
    )!;
    expect(capped.maxFeePerGas).toBe(cap);
  });

  it('is due for replacement once broadcast that long ago, never before its first broadcast', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    expect(replacementDue(at, new Date('2026-12-01T00:02:59Z'), 180_000)).toBe(false);
    expect(replacementDue(at, new Date('2026-12-01T00:03:00Z'), 180_000)).toBe(true);
    expect(replacementDue(null, new Date('2027-01-01T00:00:00Z'), 180_000)).toBe(false);
  });
});
