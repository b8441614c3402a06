import type { EIP1193Provider } from 'hardhat/types/index.js';
import { JournalError, type JournalEntry } from './journal.js';
import { chainClockOffset } from './journaling-provider.js';

/**
 * Re-applies the journal to a fresh chain started from the journal's genesis: each block at its recorded
 * timestamp, each transaction checked to hash as before. Then sets the chain clock's lead over the wall
 * clock back to what it was, so that chain time kept running while the chain was down.
 */
export async function replay(provider: EIP1193Provider, entries: readonly JournalEntry[]): Promise<void> {
  const call = (method: string, params: unknown[]) => provider.request({ method, params });
  let offset = 0;
  for (const [i, entry] of entries.entries()) {
    const where = `journal entry ${i + 1} (${entry.kind})`;
    switch (entry.kind) {
      case 'tx':
      case 'send': {
        await call('evm_setNextBlockTimestamp', [entry.timestamp]);
        const hash =
          entry.kind === 'tx' ? await call('eth_sendRawTransaction', [entry.raw]) : await call('eth_sendTransaction', entry.params);
        if (hash !== entry.hash) throw new JournalError(`${where}: replayed as ${String(hash)}, journaled as ${entry.hash}`);
        break;
      }
      case 'mine':
        await call('evm_mine', [entry.timestamp]);
        break;
      case 'call':
        await call(entry.method, entry.params);
        break;
    }
    offset = entry.offset;
  }
  const lag = offset - (await chainClockOffset(provider));
  if (lag > 0) await call('evm_increaseTime', [lag]);
}
