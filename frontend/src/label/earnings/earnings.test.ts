import { describe, expect, it } from 'vitest';
import { epochState, gasFreeAllowed, shortHash, signedAmount, transactionUrl } from './earnings';
import type { EpochShare } from './types';

const NOW = Date.parse('2026-12-01T00:00:00.000Z');

function epoch(extra: Partial<EpochShare>): EpochShare {
  return {
    epochId: 3,
    mode: 'claim',
    status: 'posted',
    amount: '12.5',
    amountWei: '12500000000000000000',
    leafIndex: 0,
    expiresAt: '2026-12-31T00:00:00.000Z',
    claimable: false,
    claimed: false,
    voided: false,
    txHash: null,
    ...extra,
  };
}

describe('epochState', () => {
  it('follows a claim-mode epoch from closed to claimed or expired', () => {
    expect(epochState(epoch({ status: 'closed' }), NOW)).toBe('preparing');
    expect(epochState(epoch({ status: 'failed' }), NOW)).toBe('onHold');
    expect(epochState(epoch({ claimable: true }), NOW)).toBe('claimable');
    expect(epochState(epoch({}), NOW)).toBe('claiming');
    expect(epochState(epoch({ claimed: true, txHash: '0xabc' }), NOW)).toBe('claimed');
    expect(epochState(epoch({ expiresAt: '2026-11-30T00:00:00.000Z' }), NOW)).toBe('expired');
    expect(epochState(epoch({ status: 'swept' }), NOW)).toBe('expired');
  });

  it('shows a push-mode epoch as being sent until it is paid', () => {
    expect(epochState(epoch({ mode: 'push', status: 'closed' }), NOW)).toBe('sending');
    expect(epochState(epoch({ mode: 'push', status: 'posted' }), NOW)).toBe('sending');
    expect(epochState(epoch({ mode: 'push', status: 'paid', txHash: '0xabc' }), NOW)).toBe('paid');
  });

  it('shows a voided share as back in pending, and a share paid before the void as paid', () => {
    expect(epochState(epoch({ status: 'voided', voided: true }), NOW)).toBe('voided');
    expect(epochState(epoch({ mode: 'push', status: 'voided', voided: true }), NOW)).toBe('voided');
    expect(epochState(epoch({ mode: 'push', status: 'voided', claimed: true, txHash: '0xabc' }), NOW)).toBe('paid');
    expect(epochState(epoch({ mode: 'push', status: 'failed' }), NOW)).toBe('onHold');
  });
});

describe('gasFreeAllowed', () => {
  const relay = { minAmount: '1', minAmountWei: '1000000000000000000', dailyCap: 3 };

  it('allows a gas-free claim from the minimum on, and never when the platform turned them off', () => {
    expect(gasFreeAllowed(epoch({ amountWei: '1000000000000000000' }), relay)).toBe(true);
    expect(gasFreeAllowed(epoch({ amountWei: '999999999999999999' }), relay)).toBe(false);
    expect(gasFreeAllowed(epoch({}), { ...relay, dailyCap: 0 })).toBe(false);
  });
});

describe('signedAmount', () => {
  it('makes reversals negative, whether or not the server signed them', () => {
    expect(signedAmount({ kind: 'reward', amount: '0.5' })).toBe('0.5');
    expect(signedAmount({ kind: 'reversal', amount: '0.5' })).toBe('-0.5');
    expect(signedAmount({ kind: 'reversal', amount: '-0.5' })).toBe('-0.5');
    expect(signedAmount({ kind: 'reversal', amount: '0' })).toBe('0');
    expect(signedAmount({ kind: 'adjustment', amount: '-2' })).toBe('-2');
  });
});

describe('transaction links', () => {
  const hash = '0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060';

  it('links to the explorer when there is one', () => {
    expect(transactionUrl('https://etherscan.io/tx/', hash)).toBe(`https://etherscan.io/tx/${hash}`);
    expect(transactionUrl(null, hash)).toBeUndefined();
    expect(shortHash(hash)).toBe('0x5c50…2060');
  });
});
