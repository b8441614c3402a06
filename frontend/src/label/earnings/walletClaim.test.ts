import { encodeFunctionData, parseAbi, toFunctionSelector } from 'viem';
import { describe, expect, it, vi } from 'vitest';
import type { Eip1193Provider } from '../../session/eip1193';
import type { ClaimProof } from './types';
import { claimCalldata, ensureChain, sendClaimTransaction, waitForReceipt, WalletClaimError } from './walletClaim';

const PROOF: ClaimProof = {
  epochId: 3,
  index: 1,
  account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  amountWei: '12500000000000000000',
  proof: [`0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`],
  distributor: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  chainId: 31337,
};

function providerError(code: number, message: string, data?: unknown) {
  return Object.assign(new Error(message), { code, data });
}

/** A wallet answering each method with a value, or throwing the Error given. */
function wallet(answers: Record<string, unknown>) {
  const calls: Array<{ method: string; params?: unknown[] }> = [];
  const used = new Map<string, number>();
  const provider: Eip1193Provider = {
    request: vi.fn(({ method, params }: { method: string; params?: unknown[] }) => {
      calls.push({ method, params });
      const answer = answers[method];
      const list = Array.isArray(answer) ? answer : [answer];
      const index = used.get(method) ?? 0;
      used.set(method, index + 1);
      const value = list[Math.min(index, list.length - 1)];
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
    }),
  };
  return { provider, calls, methods: () => calls.map((call) => call.method) };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WalletClaimError);
  return (error as WalletClaimError).failure;
}

describe('claimCalldata', () => {
  it("encodes PayoutDistributor.claim with the proof's arguments", () => {
    const expected = encodeFunctionData({
      abi: parseAbi(['function claim(uint256 epochId, uint256 index, address account, uint256 amount, bytes32[] proof)']),
      functionName: 'claim',
      args: [3n, 1n, PROOF.account as `0x${string}`, 12_500_000_000_000_000_000n, PROOF.proof as `0x${string}`[]],
    });
    expect(claimCalldata(PROOF)).toBe(expected);
    expect(claimCalldata(PROOF).slice(0, 10)).toBe(toFunctionSelector('claim(uint256,uint256,address,uint256,bytes32[])'));
  });
});

describe('ensureChain', () => {
  const chain = { chainId: 31337, rpcUrl: 'http://localhost:8545' };

  it('does nothing when the wallet is on the chain already', async () => {
    const { provider, methods } = wallet({ eth_chainId: '0x7a69' });
    await ensureChain(provider, chain);
    expect(methods()).toEqual(['eth_chainId']);
  });

  it('switches chains', async () => {
    const { provider, methods } = wallet({ eth_chainId: ['0x1', '0x7a69'], wallet_switchEthereumChain: null });
    await ensureChain(provider, chain);
    expect(methods()).toEqual(['eth_chainId', 'wallet_switchEthereumChain', 'eth_chainId']);
  });

  it('adds the chain with its RPC URL when the wallet does not know it (4902, also nested)', async () => {
    for (const unknown of [
      providerError(4902, 'Unrecognized chain'),
      providerError(-32603, 'Internal', { originalError: { code: 4902 } }),
    ]) {
      const { provider, calls } = wallet({
        eth_chainId: ['0x1', '0x7a69'],
        wallet_switchEthereumChain: unknown,
        wallet_addEthereumChain: null,
      });
      await ensureChain(provider, chain);
      const add = calls.find((call) => call.method === 'wallet_addEthereumChain');
      expect(add?.params).toEqual([
        {
          chainId: '0x7a69',
          chainName: 'Tessera (chain 31337)',
          rpcUrls: ['http://localhost:8545'],
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        },
      ]);
    }
  });

  it('says wrong chain when the switch is refused or did not happen', async () => {
    const refused = wallet({ eth_chainId: '0x1', wallet_switchEthereumChain: providerError(4001, 'User rejected') });
    expect(await failure(ensureChain(refused.provider, chain))).toEqual({ kind: 'wrong-chain', expected: 31337, actual: 1 });
    const ignored = wallet({ eth_chainId: '0x1', wallet_switchEthereumChain: null });
    expect(await failure(ensureChain(ignored.provider, chain))).toEqual({ kind: 'wrong-chain', expected: 31337, actual: 1 });
  });
});

describe('sendClaimTransaction', () => {
  it('sends the calldata to the distributor from the wallet account', async () => {
    const { provider, calls } = wallet({ eth_sendTransaction: '0xhash' });
    expect(await sendClaimTransaction(provider, '0xfrom', PROOF)).toBe('0xhash');
    expect(calls[0]?.params).toEqual([{ from: '0xfrom', to: PROOF.distributor, data: claimCalldata(PROOF), chainId: '0x7a69' }]);
  });

  it('tells a rejection and a lack of gas money apart from other failures', async () => {
    const rejected = wallet({ eth_sendTransaction: providerError(4001, 'User denied transaction signature') });
    expect(await failure(sendClaimTransaction(rejected.provider, '0xfrom', PROOF))).toEqual({ kind: 'rejected' });
    const broke = wallet({ eth_sendTransaction: providerError(-32000, 'insufficient funds for gas * price + value') });
    expect(await failure(sendClaimTransaction(broke.provider, '0xfrom', PROOF))).toEqual({ kind: 'insufficient-funds' });
    const nested = wallet({
      eth_sendTransaction: providerError(-32603, 'Internal JSON-RPC error.', { code: -32000, message: 'insufficient funds for transfer' }),
    });
    expect(await failure(sendClaimTransaction(nested.provider, '0xfrom', PROOF))).toEqual({ kind: 'insufficient-funds' });
    const other = wallet({ eth_sendTransaction: providerError(-32603, 'nonce too low') });
    expect(await failure(sendClaimTransaction(other.provider, '0xfrom', PROOF))).toEqual({ kind: 'failed', message: 'nonce too low' });
  });
});

describe('waitForReceipt', () => {
  it('polls until the receipt is there, through node hiccups', async () => {
    const { provider, methods } = wallet({ eth_getTransactionReceipt: [null, new Error('timeout'), { status: '0x1' }] });
    expect(await waitForReceipt(provider, '0xhash', { pollMs: 1, timeoutMs: 1000 })).toBe(true);
    expect(methods()).toHaveLength(3);
  });

  it('fails on a reverted transaction and gives up (false) after the timeout', async () => {
    const reverted = wallet({ eth_getTransactionReceipt: { status: '0x0' } });
    expect(await failure(waitForReceipt(reverted.provider, '0xhash', { pollMs: 1, timeoutMs: 1000 }))).toEqual({
      kind: 'reverted',
      txHash: '0xhash',
    });
    const slow = wallet({ eth_getTransactionReceipt: null });
    expect(await waitForReceipt(slow.provider, '0xhash', { pollMs: 1, timeoutMs: 5 })).toBe(false);
  });
});
