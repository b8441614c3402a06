import { encodeFunctionResult, parseAbi, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import type { Eip1193Provider } from '../session/eip1193';
import { InsufficientFunds, NotYetConfirmed, purchase, TransactionReverted, waitForReceipt, type Orderable } from './purchase';

const ABI = parseAbi([
  'function balanceOf(address owner) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function calcBaseInGivenOutDT(bytes32 exchangeId, uint256 datatokenAmount, uint256 consumeMarketSwapFeeAmount) view returns (uint256 baseTokenAmount, uint256 oceanFeeAmount, uint256 publishMarketFeeAmount, uint256 consumeMarketFeeAmount)',
]);
const BUYER = '0x00000000000000000000000000000000000000b1';
const ASSET: Orderable = {
  did: 'did:op:1',
  serviceId: 'access',
  serviceIndex: 0,
  datatoken: '0x00000000000000000000000000000000000000d7',
  price: {
    type: 'fixedrate',
    exchangeContract: '0x00000000000000000000000000000000000000fe',
    exchangeId: `0x${'11'.repeat(32)}`,
    baseToken: '0x00000000000000000000000000000000000000ba',
  },
};
const FEE = {
  providerFeeAddress: '0x00000000000000000000000000000000000000f0',
  providerFeeToken: '0x00000000000000000000000000000000000000f1',
  providerFeeAmount: '0',
  v: 27,
  r: `0x${'00'.repeat(32)}`,
  s: `0x${'00'.repeat(32)}`,
  providerData: '0x',
  validUntil: '0',
};

/** A wallet on a chain where one datatoken costs `cost`, the buyer holds `balance`, and receipts come as `receipts` says. */
function wallet(cost: bigint, balance: bigint, receipts: Array<'fail' | null | '0x1' | '0x0'>) {
  const log: string[] = [];
  let sent = 0;
  const provider: Eip1193Provider = {
    request({ method, params }) {
      log.push(method);
      if (method === 'eth_call') {
        const { data } = (params as Array<{ data: Hex }>)[0]!;
        if (data.startsWith('0x70a08231'))
          return Promise.resolve(encodeFunctionResult({ abi: ABI, functionName: 'balanceOf', result: balance }));
        if (data.startsWith('0xdd62ed3e'))
          return Promise.resolve(encodeFunctionResult({ abi: ABI, functionName: 'allowance', result: cost }));
        return Promise.resolve(encodeFunctionResult({ abi: ABI, functionName: 'calcBaseInGivenOutDT', result: [cost, 0n, 0n, 0n] }));
      }
      if (method === 'eth_sendTransaction') return Promise.resolve(`0x${String(++sent).padStart(64, '0')}`);
      if (method === 'eth_getTransactionReceipt') {
        const next = receipts.shift();
        if (next === 'fail') return Promise.reject(new Error('node hiccup'));
        return Promise.resolve(next ? { status: next, blockNumber: '0x5' } : null);
      }
      return Promise.reject(new Error(`unexpected ${method}`));
    },
  };
  return { provider, log };
}

describe('purchase', () => {
  it('sends nothing when the balance cannot pay, and says how much is needed', async () => {
    const { provider, log } = wallet(5n, 2n, []);
    const failure = await purchase(provider, BUYER, ASSET, () => Promise.resolve(FEE)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InsufficientFunds);
    expect(failure).toMatchObject({ need: 5n, have: 2n });
    expect(log).not.toContain('eth_sendTransaction');
  });

  it('hands the order over as soon as it is sent, and waits through a node that fails now and then', async () => {
    const { provider } = wallet(5n, 9n, ['fail', null, 'fail', '0x1']);
    const steps: string[] = [];
    const order = await purchase(
      provider,
      BUYER,
      ASSET,
      () => Promise.resolve(FEE),
      (step) => steps.push(step),
      (hash) => steps.push(`sent ${hash.slice(-1)}`),
    );
    expect(order.orderTx.endsWith('1')).toBe(true);
    expect(steps).toEqual(['initialize', 'order', 'sent 1', 'confirm']);
  });

  it('tells a reverted order from one not mined yet', async () => {
    const reverted = wallet(5n, 9n, ['0x0']);
    await expect(purchase(reverted.provider, BUYER, ASSET, () => Promise.resolve(FEE))).rejects.toBeInstanceOf(TransactionReverted);
    const pending = wallet(5n, 9n, [null, null, null]);
    await expect(waitForReceipt(pending.provider, '0xabc', { pollMs: 1, timeoutMs: 5 })).rejects.toBeInstanceOf(NotYetConfirmed);
  });
});
