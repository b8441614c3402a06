import { createRequire } from 'node:module';
import { BrowserProvider, type JsonRpcSigner } from 'ethers';
import type { HardhatRuntimeEnvironment } from 'hardhat/types/index.js';

// Hardhat's in-process network (EDR), configured by hardhat.config.cjs (chain id 8996).
const hre = createRequire(import.meta.url)('hardhat') as HardhatRuntimeEnvironment;

// No response cache: ethers otherwise answers a repeated call (estimateGas, getBalance) within 250 ms from
// its cache, stale after the transaction in between.
export const provider = new BrowserProvider(hre.network.provider, undefined, { cacheTimeout: -1 });

export function hardhat(): HardhatRuntimeEnvironment {
  return hre;
}

export async function signers(count: number): Promise<JsonRpcSigner[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => provider.getSigner(i)));
}

async function rpc<T>(method: string, params: unknown[] = []): Promise<T> {
  return (await hre.network.provider.request({ method, params })) as T;
}

/**
 * Runs `build` once and snapshots the chain; later calls revert to that snapshot (as Hardhat's
 * `loadFixture` does) and return the same value, so each test starts from the same state quickly.
 */
export function fixture<T>(build: () => Promise<T>): () => Promise<T> {
  let built: { value: T; snapshot: string } | undefined;
  return async () => {
    if (built === undefined) {
      const value = await build();
      built = { value, snapshot: await rpc<string>('evm_snapshot') };
      return value;
    }
    if (!(await rpc<boolean>('evm_revert', [built.snapshot]))) throw new Error('fixture snapshot could not be restored');
    built.snapshot = await rpc<string>('evm_snapshot');
    return built.value;
  };
}

export async function latestTimestamp(): Promise<number> {
  const block = await provider.getBlock('latest');
  if (!block) throw new Error('no latest block');
  return block.timestamp;
}

/** Mines the next block at `timestamp`; the chain clock goes on from there (calls and estimates too). */
export async function mineAt(timestamp: number): Promise<void> {
  await rpc('evm_setNextBlockTimestamp', [timestamp]);
  await rpc('evm_mine');
}
