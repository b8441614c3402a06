import { describe, expect, it } from 'vitest';
import type { Eip1193Provider } from '../session/eip1193';
import { connectedAccount } from './wallet';

/** A wallet on chain 1 that knows no other chain until it is added. */
function wallet() {
  let chainId = 1;
  const known = new Set([1]);
  const calls: string[] = [];
  const provider: Eip1193Provider = {
    request({ method, params }) {
      calls.push(method);
      const wanted = Number.parseInt(((params as Array<{ chainId?: string }> | undefined)?.[0]?.chainId ?? '0x0').slice(2), 16);
      switch (method) {
        case 'eth_requestAccounts':
          return Promise.resolve(['0x00000000000000000000000000000000000000b1']);
        case 'eth_chainId':
          return Promise.resolve(`0x${chainId.toString(16)}`);
        case 'wallet_switchEthereumChain':
          if (!known.has(wanted)) return Promise.reject(Object.assign(new Error('Unrecognized chain ID'), { code: 4902 }));
          chainId = wanted;
          return Promise.resolve(null);
        case 'wallet_addEthereumChain':
          known.add(wanted);
          chainId = wanted;
          return Promise.resolve(null);
        default:
          return Promise.reject(new Error(method));
      }
    },
  };
  return { provider, calls };
}

describe('connectedAccount', () => {
  it('adds the deployment chain when the wallet does not know it, then answers the account', async () => {
    const { provider, calls } = wallet();
    const { account } = await connectedAccount({ chainId: 8996, rpcUrl: 'http://localhost:8545' }, provider);
    expect(account).toBe('0x00000000000000000000000000000000000000B1');
    expect(calls).toContain('wallet_addEthereumChain');
    // Known from then on: a switch is enough.
    const again = wallet();
    await connectedAccount({ chainId: 1, rpcUrl: 'x' }, again.provider);
    expect(again.calls).not.toContain('wallet_switchEthereumChain');
  });
});
