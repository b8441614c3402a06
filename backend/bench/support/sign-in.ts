import type { Wallet } from 'ethers';
import { signIn, type Session } from '../../test/support/wallet.js';

export type { Session };

/**
 * Signs every wallet in (nonce, EIP-4361 message, verify: the tests' sign-in), `concurrency` at a
 * time; the sessions in the wallets' order.
 */
export async function signInAll(baseUrl: string, wallets: readonly Wallet[], chainId: number, concurrency: number): Promise<Session[]> {
  return mapLimit(wallets, concurrency, (wallet) => signIn(baseUrl, wallet, chainId));
}

async function mapLimit<T, R>(inputs: readonly T[], limit: number, fn: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(inputs.length);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await fn(inputs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, run));
  return results;
}
