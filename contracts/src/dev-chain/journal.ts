import { closeSync, existsSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The dev chain's state on disk: every accepted state change, in order, one JSON object per line, written
 * and flushed before the client gets its answer. Replaying it into a fresh chain with the same genesis
 * rebuilds the same blocks (same hashes, addresses, balances).
 */

/** The chain that the journal belongs to: a restart must start the same chain to replay onto it. */
export interface JournalHeader {
  readonly kind: 'header';
  readonly version: 1;
  readonly chainId: number;
  readonly hardfork: string;
  /** Genesis time (ISO), reused on every start so that the genesis block, and every block after it, match. */
  readonly genesis: string;
  /** The first genesis account, standing for the mnemonic (which is not written down). */
  readonly firstAccount: string;
  readonly accountCount: number;
  readonly accountBalance: string;
}

/**
 * `offset` is the chain clock's lead over the wall clock (seconds) right after the entry: a restart sets it
 * back, so the chain's time keeps running while it is down and survives `evm_increaseTime`.
 */
export type JournalEntry =
  /** A transaction, mined alone in a block at `timestamp` (automine). */
  | { readonly kind: 'tx'; readonly raw: string; readonly hash: string; readonly timestamp: number; readonly offset: number }
  /** A transaction signed by the node (eth_sendTransaction) that could not be re-encoded: replayed as sent. */
  | { readonly kind: 'send'; readonly params: unknown[]; readonly hash: string; readonly timestamp: number; readonly offset: number }
  /** An empty block (evm_mine). */
  | { readonly kind: 'mine'; readonly timestamp: number; readonly offset: number }
  /** A state-changing development method (hardhat_setBalance, evm_increaseTime, ...), replayed as sent. */
  | { readonly kind: 'call'; readonly method: string; readonly params: unknown[]; readonly offset: number };

export const JOURNAL_FILE = 'chain-journal.jsonl';

export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class Journal {
  private constructor(
    private readonly fd: number,
    readonly header: JournalHeader,
    readonly entries: readonly JournalEntry[],
  ) {}

  /**
   * Opens the journal in `dataDir`, creating it with `fresh` as its header when there is none. A last line
   * cut short by a crash mid-write is dropped: its client never got an answer.
   */
  static open(dataDir: string, fresh: () => JournalHeader): Journal {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, JOURNAL_FILE);
    if (!existsSync(file)) {
      const fd = openSync(file, 'a');
      const header = fresh();
      writeLine(fd, header);
      return new Journal(fd, header, []);
    }
    const text = readFileSync(file, 'utf8');
    const complete = text.lastIndexOf('\n') + 1;
    const lines = text
      .slice(0, complete)
      .split('\n')
      .filter((line) => line !== '');
    const records = lines.map((line, i) => {
      try {
        return JSON.parse(line) as JournalHeader | JournalEntry;
      } catch {
        throw new JournalError(`${file}: line ${i + 1} is not JSON`);
      }
    });
    if (records.length === 0) {
      // Created, then killed before its header was flushed.
      const fd = openSync(file, 'w');
      const header = fresh();
      writeLine(fd, header);
      return new Journal(fd, header, []);
    }
    const [header, ...entries] = records;
    if (header?.kind !== 'header' || header.version !== 1) throw new JournalError(`${file}: no version 1 header on its first line`);
    const fd = openSync(file, 'r+');
    if (complete < Buffer.byteLength(text)) ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete)));
    closeSync(fd);
    return new Journal(openSync(file, 'a'), header, entries as JournalEntry[]);
  }

  append(entry: JournalEntry): void {
    writeLine(this.fd, entry);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function writeLine(fd: number, record: JournalHeader | JournalEntry): void {
  writeSync(fd, `${JSON.stringify(record)}\n`);
  fdatasyncSync(fd);
}
