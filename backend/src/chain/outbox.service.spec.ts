import type { EntityManager } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/app-config.js';
import type { ChainTxEntity } from './chain-tx.entity.js';
import type { ChainTxsRepository, SettleOutcome, SignedVersion, TxVersion } from './chain-txs.repository.js';
import type { ChainInfo, ChainPort, TxReceipt } from './chain.port.js';
import type { ChainTxIntent, TxLane } from './domain/tx-intent.js';
import { MAX_ESTIMATE_REVERTS } from './domain/tx-sending.js';
import { OutboxService, type SettledTx } from './outbox.service.js';

const INFO: ChainInfo = {
  chainId: 8996,
  publicRpcUrl: 'http://127.0.0.1:8545',
  operator: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  relayer: null,
  rewardToken: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  payoutDistributor: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  fromBlock: 1,
  explorerTxUrl: null,
};

/** The outbox's table in memory; every step it takes is written to `events`, in order. */
class FakeTxs {
  readonly rows: ChainTxEntity[] = [];
  readonly versionsOf = new Map<number, TxVersion[]>();
  readonly events: string[] = [];
  laneHeldElsewhere = false;
  /** A concurrent instance settles the row first: `settle` then finds it settled. */
  settledElsewhere = false;

  addIntents(_m: EntityManager, chainId: number, intents: readonly ChainTxIntent[]): Promise<void> {
    for (const intent of intents) {
      if (this.rows.some((r) => r.purpose === intent.purpose)) continue;
      this.rows.push({
        ...intent,
        id: this.rows.length + 1,
        chainId,
        lane: intent.lane ?? 'payout',
        onBehalfOf: intent.onBehalfOf ?? null,
        status: 'intent',
        sender: null,
        nonce: null,
        rawTx: null,
        hash: null,
        blockNumber: null,
        gasUsed: null,
        error: null,
        attempts: 0,
        estimateReverts: 0,
        lastError: null,
        nextAttemptAt: null,
        broadcastAt: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    }
    return Promise.resolve();
  }
  async whileLaneLocked(_lane: number, send: () => Promise<void>): Promise<boolean> {
    if (this.laneHeldElsewhere) return false;
    await send();
    return true;
  }
  /** A copy, as a query returns a fresh entity: the outbox's changes to it are not the table's. */
  nextPending(_chainId: number, lanes: readonly TxLane[]): Promise<ChainTxEntity | null> {
    const row = this.rows.find((r) => ['intent', 'signed'].includes(r.status) && lanes.includes(r.lane as TxLane));
    this.events.push('next');
    return Promise.resolve(row ? { ...row } : null);
  }
  anyPending(): Promise<boolean> {
    return Promise.resolve(this.rows.some((r) => ['intent', 'signed'].includes(r.status)));
  }
  markSigned(id: number, version: SignedVersion, replacing: string | null): Promise<boolean> {
    const row = this.rows[id - 1]!;
    if (replacing === null ? row.status !== 'intent' : row.status !== 'signed' || row.hash !== replacing) return Promise.resolve(false);
    this.events.push(`stored ${version.hash}`);
    Object.assign(row, { status: 'signed', nonce: version.nonce, rawTx: version.raw, hash: version.hash, sender: version.sender });
    this.versionsOf.set(id, [...(this.versionsOf.get(id) ?? []), version]);
    return Promise.resolve(true);
  }
  markBroadcast(id: number): Promise<void> {
    this.rows[id - 1]!.broadcastAt ??= new Date();
    return Promise.resolve();
  }
  recordError(id: number, error: { message: string; retryAt: Date; estimateRevert: boolean }): Promise<void> {
    const row = this.rows[id - 1]!;
    this.events.push(`error ${error.message}`);
    Object.assign(row, {
      attempts: row.attempts + 1,
      estimateReverts: row.estimateReverts + (error.estimateRevert ? 1 : 0),
      lastError: error.message,
      nextAttemptAt: error.retryAt,
    });
    return Promise.resolve();
  }
  versions(id: number): Promise<TxVersion[]> {
    return Promise.resolve(this.versionsOf.get(id) ?? []);
  }
  async settle(id: number, outcome: SettleOutcome, andThen: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    if (this.settledElsewhere) {
      this.rows[id - 1]!.status = outcome.status;
      return false;
    }
    this.events.push(`settled ${outcome.status}`);
    Object.assign(this.rows[id - 1]!, { ...outcome, error: outcome.error ?? null });
    await andThen({} as EntityManager);
    return true;
  }
}

/** An automining chain: a broadcast transaction is mined at once; estimation reverts while `reverts` says so. */
class FakeChain {
  readonly info = INFO;
  readonly mined = new Map<string, TxReceipt>();
  reverts = false;
  signed = 0;

  constructor(private readonly events: string[]) {}

  address(): string {
    return INFO.operator;
  }
  nonce(): Promise<number> {
    return Promise.resolve(this.signed);
  }
  estimateGas(): Promise<bigint> {
    this.events.push('estimate');
    if (this.reverts) {
      return Promise.reject(Object.assign(new Error('execution reverted'), { code: 'CALL_EXCEPTION', data: '0x12345678' }));
    }
    return Promise.resolve(50_000n);
  }
  feeMarket() {
    return Promise.resolve({ baseFeePerGas: 1_000_000_000n, gasPrice: 2_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n });
  }
  sign(): Promise<{ raw: string; hash: string }> {
    this.signed++;
    this.events.push(`signed 0xhash${this.signed}`);
    return Promise.resolve({ raw: `0xraw${this.signed}`, hash: `0xhash${this.signed}` });
  }
  broadcast(raw: string): Promise<void> {
    this.events.push(`broadcast ${raw}`);
    this.mined.set(raw.replace('raw', 'hash'), { status: 'success', blockNumber: 7, gasUsed: 48_000, logs: [] });
    return Promise.resolve();
  }
  receipt(hash: string): Promise<TxReceipt | null> {
    return Promise.resolve(this.mined.get(hash) ?? null);
  }
}

describe('OutboxService', () => {
  let outbox: OutboxService | undefined;

  afterEach(async () => {
    await outbox?.onApplicationShutdown();
  });

  function start(): { txs: FakeTxs; chain: FakeChain; settled: SettledTx[] } {
    const txs = new FakeTxs();
    const chain = new FakeChain(txs.events);
    const config = loadConfig({}, process.cwd());
    outbox = new OutboxService(txs as unknown as ChainTxsRepository, chain as unknown as ChainPort, config);
    const settled: SettledTx[] = [];
    outbox.onSettled('epoch:', (_manager, tx) => {
      settled.push({ purpose: tx.purpose, status: tx.status, hash: tx.hash, error: tx.error });
      return Promise.resolve();
    });
    return { txs, chain, settled };
  }

  it('stores the signed transaction before it broadcasts it, then records its receipt once, with what it means', async () => {
    const { txs, settled } = start();
    await outbox!.enqueue({} as EntityManager, [
      { purpose: 'epoch:1:mint', to: INFO.rewardToken, data: '0x01' },
      { purpose: 'claim:1:0', to: INFO.payoutDistributor, data: '0x02', lane: 'relay', onBehalfOf: 9 },
    ]);
    await outbox!.kick();
    expect(txs.events.filter((e) => e !== 'next')).toEqual([
      'estimate',
      'signed 0xhash1',
      'stored 0xhash1',
      'broadcast 0xraw1',
      'settled confirmed',
      // Without a relayer key the claim goes on the operator's nonces, after the payout.
      'estimate',
      'signed 0xhash2',
      'stored 0xhash2',
      'broadcast 0xraw2',
      'settled confirmed',
    ]);
    expect(txs.rows.map((r) => [r.purpose, r.status, r.hash, r.blockNumber])).toEqual([
      ['epoch:1:mint', 'confirmed', '0xhash1', 7],
      ['claim:1:0', 'confirmed', '0xhash2', 7],
    ]);
    // Only the handler of the purpose's prefix runs.
    expect(settled).toEqual([{ purpose: 'epoch:1:mint', status: 'confirmed', hash: '0xhash1', error: null }]);
    expect(await txs.anyPending()).toBe(false);
  });

  it('retries a revert found by estimation, then fails the intent for good without signing anything', async () => {
    const { txs, chain, settled } = start();
    chain.reverts = true;
    await outbox!.enqueue({} as EntityManager, [{ purpose: 'epoch:2:post', to: INFO.payoutDistributor, data: '0x03' }]);
    for (let attempt = 1; attempt <= MAX_ESTIMATE_REVERTS; attempt++) {
      // The backoff is over: the next pass tries again.
      txs.rows[0]!.nextAttemptAt = null;
      await outbox!.kick();
    }
    expect(txs.events.filter((e) => e !== 'next')).toEqual([
      'estimate',
      'error execution reverted',
      'estimate',
      'error execution reverted',
      'estimate',
      'settled failed',
    ]);
    expect(chain.signed).toBe(0);
    expect(txs.rows[0]).toMatchObject({ status: 'failed', hash: null, error: 'execution reverted' });
    // Its handler learns why, as the row records it.
    expect(settled).toEqual([{ purpose: 'epoch:2:post', status: 'failed', hash: null, error: 'execution reverted' }]);
  });

  it('sends nothing while another process holds the lane, and records nothing twice', async () => {
    const { txs, settled } = start();
    await outbox!.enqueue({} as EntityManager, [{ purpose: 'epoch:3:mint', to: INFO.rewardToken, data: '0x04' }]);
    txs.laneHeldElsewhere = true;
    await outbox!.kick();
    expect(txs.events).toEqual([]);
    txs.laneHeldElsewhere = false;
    txs.settledElsewhere = true;
    await outbox!.kick();
    expect(txs.events.filter((e) => e !== 'next')).toEqual(['estimate', 'signed 0xhash1', 'stored 0xhash1', 'broadcast 0xraw1']);
    expect(settled).toEqual([]);
  });
});
