/**
 * The outbox's lane lock is a session advisory lock on a connection of its own. When that connection
 * is cut (a proxy, a failover, pg_terminate_backend) PostgreSQL releases the lock while the holder is
 * still at work, and another process takes the lane. What keeps a payout or a mint from being sent
 * twice then is markSigned's compare-and-set: a version is stored (and so sent) only from the state
 * its sender read. Real PostgreSQL, the real repository.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { ChainTxsRepository, type SignedVersion } from '../../src/chain/chain-txs.repository.js';
import { openDatabase } from '../../src/database/data-source.js';
import { sqlRows } from '../../src/database/sql.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let db: DataSource;
let txs: ChainTxsRepository;
const CHAIN = 31337;
const SENDER = '0x' + '11'.repeat(20);

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, poolSize: 6 });
  txs = new ChainTxsRepository(db);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

function version(nonce: number, hash: string): SignedVersion {
  return {
    nonce,
    raw: '0x02' + hash.slice(2),
    hash,
    gasLimit: 21_000n,
    fees: { maxFeePerGas: 2n, maxPriorityFeePerGas: 1n },
    sender: SENDER,
  };
}
const hash = (n: number) => '0x' + n.toString(16).padStart(64, '0');

async function intent(purpose: string): Promise<number> {
  await db.transaction((manager) => txs.addIntents(manager, CHAIN, [{ purpose, to: SENDER, data: '0x' }]));
  const [row] = await sqlRows<{ id: number }>(db, 'SELECT id FROM chain_txs WHERE purpose = $1', [purpose]);
  return row!.id;
}

async function storedVersions(id: number): Promise<string[]> {
  return (await txs.versions(id)).map((v) => v.hash);
}

describe('two senders of one lane', () => {
  it('the lane lock goes with its connection: cut it and another sender takes the lane while the first works on', async () => {
    let holderPid = 0;
    let released!: () => void;
    const holderDone = new Promise<void>((resolve) => (released = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const first = txs
      .whileLaneLocked(901, async () => {
        const [row] = await sqlRows<{ pid: number }>(
          db,
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 7243554 AND objid = 901 AND granted`,
        );
        holderPid = row!.pid;
        holding();
        await holderDone;
      })
      .catch(() => 'lost');
    await held;
    expect(await txs.whileLaneLocked(901, () => Promise.resolve())).toBe(false);
    await sqlRows(db, 'SELECT pg_terminate_backend($1)', [holderPid]);
    // The lock goes when the holder's backend has exited: wait for that state, then take the lane.
    const alive = async () => (await sqlRows(db, 'SELECT 1 FROM pg_stat_activity WHERE pid = $1', [holderPid])).length > 0;
    while (await alive());
    expect(await txs.whileLaneLocked(901, () => Promise.resolve())).toBe(true);
    released();
    await first;
  });

  it('an intent gets one first version: the second sender to store one is refused, and only the first is kept', async () => {
    const id = await intent('two-senders:first');
    const results = await Promise.all([txs.markSigned(id, version(7, hash(1)), null), txs.markSigned(id, version(8, hash(2)), null)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const kept = results[0] ? hash(1) : hash(2);
    expect(await storedVersions(id)).toEqual([kept]);
    const [row] = await sqlRows<{ hash: string; status: string }>(db, 'SELECT hash, status FROM chain_txs WHERE id = $1', [id]);
    expect(row).toEqual({ hash: kept, status: 'signed' });
  });

  it('a replacement is stored only over the version its sender read, so a stale sender cannot re-sign under a new nonce', async () => {
    const id = await intent('two-senders:replace');
    expect(await txs.markSigned(id, version(3, hash(10)), null)).toBe(true);
    // Both senders read version hash(10); one replaces it first.
    expect(await txs.markSigned(id, version(3, hash(11)), hash(10))).toBe(true);
    // The other, from its stale read (or signing afresh with the next nonce), is refused.
    expect(await txs.markSigned(id, version(3, hash(12)), hash(10))).toBe(false);
    expect(await txs.markSigned(id, version(4, hash(13)), hash(10))).toBe(false);
    expect(await txs.markSigned(id, version(4, hash(14)), null)).toBe(false);
    expect(await storedVersions(id)).toEqual([hash(10), hash(11)]);
    // A settled row takes no version at all.
    await sqlRows(db, `UPDATE chain_txs SET status = 'confirmed' WHERE id = $1`, [id]);
    expect(await txs.markSigned(id, version(3, hash(15)), hash(11))).toBe(false);
  });
});
