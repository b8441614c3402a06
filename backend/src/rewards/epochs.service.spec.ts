import { buildTree, leafHash, verify } from '@tessera/contracts/merkle';
import type { EntityManager } from 'typeorm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChainTxsService } from '../chain/chain-txs.service.js';
import type { TxReceipt } from '../chain/chain.port.js';
import type { ChainTxIntent } from '../chain/domain/tx-intent.js';
import type { OutboxService, SettledHandler, SettledTx } from '../chain/outbox.service.js';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import type { Allocation, Due } from './domain/epoch-close.js';
import type { EpochRow, EpochsRepository } from './epochs.repository.js';
import { EpochsService, PUSH_BATCH_SIZE } from './epochs.service.js';
import type { ContractCall, PayoutContractPort } from './payout-contract.port.js';
import { RewardsException } from './rewards.exception.js';

const MANAGER = {} as EntityManager;
const DAY_MS = 86_400_000;

function account(n: number): string {
  return `0x${n.toString(16).padStart(40, '0')}`;
}

/** Epochs and allocations in memory, as EpochsRepository stores them; `transaction` runs the work with no manager. */
class FakeEpochs {
  /** What the frozen ledger says each annotator is due. */
  due: Due[] = [];
  readonly rows = new Map<number, EpochRow & { closedBy: number | null }>();
  readonly allocationsOf = new Map<number, Allocation[]>();
  readonly payments: Array<{ epochId: number; leafIndex: number; account: string; amount: string; txHash: string }> = [];
  voided: number[] = [];

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(MANAGER);
  }
  dues(): Promise<{ cutoff: string; dues: Due[] }> {
    return Promise.resolve({ cutoff: '99', dues: this.due });
  }
  createEpoch(_m: EntityManager, mode: 'claim' | 'push', _cutoff: string, expiresAt: Date, closedBy: number | null): Promise<number> {
    const id = this.rows.size + 1;
    this.rows.set(id, { ...epochRow(id, mode, 'closed', expiresAt), closedBy });
    return Promise.resolve(id);
  }
  saveAllocations(_m: EntityManager, epochId: number, root: string, total: bigint, allocations: readonly Allocation[]): Promise<void> {
    Object.assign(this.rows.get(epochId)!, { root, total: total.toString(), recipients: allocations.length });
    this.allocationsOf.set(epochId, [...allocations]);
    return Promise.resolve();
  }
  setStatus(_m: EntityManager, epochId: number, status: string): Promise<void> {
    this.rows.get(epochId)!.status = status;
    return Promise.resolve();
  }
  lockStatus(_m: EntityManager, epochId: number): Promise<string | undefined> {
    return Promise.resolve(this.rows.get(epochId)?.status);
  }
  markVoided(_m: EntityManager, epochId: number): Promise<{ count: number; amount: string }> {
    this.voided.push(epochId);
    this.rows.get(epochId)!.status = 'voided';
    return Promise.resolve({ count: this.allocationsOf.get(epochId)?.length ?? 0, amount: '0' });
  }
  allocations(epochId: number, _m?: unknown, leaves = { from: 0, to: 2 ** 31 - 1 }): Promise<Allocation[]> {
    return Promise.resolve((this.allocationsOf.get(epochId) ?? []).filter((a) => a.leafIndex >= leaves.from && a.leafIndex < leaves.to));
  }
  recordPayments(
    _m: EntityManager,
    epochId: number,
    payments: ReadonlyArray<{ leafIndex: number; account: string; amount: string }>,
    txHash: string,
  ): Promise<void> {
    for (const p of payments) this.payments.push({ epochId, ...p, txHash });
    return Promise.resolve();
  }
  lastCreatedAt(): Promise<Date | undefined> {
    return Promise.resolve(undefined);
  }
  findById(id: number): Promise<EpochRow | undefined> {
    return Promise.resolve(this.rows.get(id));
  }
}

function epochRow(id: number, mode: 'claim' | 'push', status: string, expiresAt: Date): EpochRow {
  return {
    id,
    mode,
    status,
    total: '0',
    recipients: 0,
    root: null,
    expiresAt,
    createdAt: new Date(),
    postedAt: null,
    claimedCount: 0,
    claimedAmount: '0',
    postTxHash: null,
    voidedAt: null,
    pendingTxs: 0,
    retrying: false,
    lastError: null,
  };
}

/** The outbox and its records: intents kept in order with a status, relayed ones counted per annotator. */
class FakeOutbox {
  readonly intents: Array<ChainTxIntent & { status: string }> = [];
  readonly handlers: Array<{ prefix: string; handler: SettledHandler }> = [];
  relayed = { count: 0, oldest: null as Date | null };
  inFlight = 0;
  kicks = 0;

  enqueue(_m: EntityManager, intents: readonly ChainTxIntent[]): Promise<void> {
    for (const intent of intents)
      if (!this.intents.some((i) => i.purpose === intent.purpose)) this.intents.push({ ...intent, status: 'intent' });
    return Promise.resolve();
  }
  enqueueRelayed(
    intent: ChainTxIntent & { onBehalfOf: number },
    _windowMs: number,
    admit: (used: typeof this.relayed) => void,
  ): Promise<void> {
    admit(this.relayed);
    return this.enqueue(MANAGER, [{ ...intent, lane: 'relay' }]);
  }
  kick(): Promise<void> {
    this.kicks++;
    return Promise.resolve();
  }
  onSettled(prefix: string, handler: SettledHandler): void {
    this.handlers.push({ prefix, handler });
  }
  /** Settles the intent as the outbox does: its status recorded, then the handlers of its purpose run. */
  async settle(purpose: string, status: 'confirmed' | 'failed', receipt: TxReceipt | null): Promise<void> {
    const intent = this.intents.find((i) => i.purpose === purpose)!;
    intent.status = status;
    const tx: SettledTx = { purpose, status, hash: `0xhash-${purpose}`, error: null };
    for (const { prefix, handler } of this.handlers) if (purpose.startsWith(prefix)) await handler(MANAGER, tx, receipt);
  }
  // ChainTxsService
  cancelIntents(_m: EntityManager, prefix: string): Promise<number> {
    const open = this.intents.filter((i) => i.purpose.startsWith(prefix) && i.status === 'intent');
    for (const i of open) i.status = 'cancelled';
    return Promise.resolve(open.length);
  }
  countInFlight(): Promise<number> {
    return Promise.resolve(this.inFlight);
  }
  anyUnconfirmed(_m: EntityManager, prefix: string): Promise<boolean> {
    return Promise.resolve(this.intents.some((i) => i.purpose.startsWith(prefix) && i.status !== 'confirmed'));
  }
}

/** Calls spelled out as text, so a test reads what was asked of which contract. */
class FakeContract implements PayoutContractPort {
  received = new Map<string, bigint>();
  root: string | null | Error = null;

  mintToOperator(amount: bigint): ContractCall {
    return { to: 'token', data: `mint(operator, ${amount})` };
  }
  approveDistributor(amount: bigint): ContractCall {
    return { to: 'token', data: `approve(distributor, ${amount})` };
  }
  postEpoch(epoch: { id: number; root: string; total: bigint; expiresAt: Date }): ContractCall {
    return { to: 'distributor', data: `postEpoch(${epoch.id}, ${epoch.root}, ${epoch.total}, ${epoch.expiresAt.toISOString()})` };
  }
  batchPay(payments: ReadonlyArray<{ account: string; amount: bigint }>): ContractCall {
    return { to: 'distributor', data: `batchPay(${payments.map((p) => `${p.account}:${p.amount}`).join(' ')})` };
  }
  claim(leaf: { epochId: number; leafIndex: number; account: string; amount: bigint; proof: readonly string[] }): ContractCall {
    return { to: 'distributor', data: JSON.stringify({ ...leaf, amount: leaf.amount.toString() }) };
  }
  sweepToOperator(epochId: number): ContractCall {
    return { to: 'distributor', data: `sweep(${epochId}, operator)` };
  }
  tokensReceived(): Map<string, bigint> {
    return this.received;
  }
  claimedBetween(): Promise<never[]> {
    return Promise.resolve([]);
  }
  epochRoot(): Promise<string | null> {
    return this.root instanceof Error ? Promise.reject(this.root) : Promise.resolve(this.root);
  }
  token(): Promise<never> {
    return Promise.reject(new Error('not read here'));
  }
  tokenBalance(): Promise<bigint> {
    return Promise.resolve(0n);
  }
}

async function refusal(promise: Promise<unknown>): Promise<RewardsException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RewardsException)) throw new Error(`expected a RewardsException, got ${String(error)}`);
  return error;
}

const RECEIPT: TxReceipt = { status: 'success', blockNumber: 12, gasUsed: 50_000, logs: [] };

describe('EpochsService', () => {
  let epochs: FakeEpochs;
  let outbox: FakeOutbox;
  let contract: FakeContract;
  let config: AppConfig;
  let service: EpochsService;

  function start(chain: Partial<AppConfig['chain']> = {}): void {
    const base = loadConfig({}, process.cwd());
    config = { ...base, chain: { ...base.chain, epochIntervalHours: 0, epochExpiryDays: 30, relayDailyCap: 2, ...chain } };
    service = new EpochsService(
      epochs as unknown as EpochsRepository,
      outbox as unknown as OutboxService,
      outbox as unknown as ChainTxsService,
      contract,
      config,
    );
    service.onModuleInit();
  }

  beforeEach(() => {
    epochs = new FakeEpochs();
    outbox = new FakeOutbox();
    contract = new FakeContract();
    start();
  });

  function due(...amounts: Array<[annotatorId: number, amount: bigint]>): void {
    epochs.due = amounts.map(([annotatorId, amount]) => ({ annotatorId, account: account(annotatorId), amount }));
  }

  it('closes a claim epoch: one leaf per annotator in annotator order, then mint, approve and post of its root, in that order', async () => {
    due([3, 5n], [1, 10n], [2, 7n]);
    const epoch = await service.close('claim', 7, 42);
    const allocations = epochs.allocationsOf.get(epoch.id)!;
    expect(allocations.map((a) => [a.leafIndex, a.annotatorId, a.amount])).toEqual([
      [0, 1, 10n],
      [1, 2, 7n],
      [2, 3, 5n],
    ]);
    const tree = buildTree(allocations.map((a) => ({ epochId: epoch.id, index: a.leafIndex, account: a.account, amount: a.amount })));
    expect(epoch).toMatchObject({ root: tree.root, total: '22', recipients: 3, closedBy: 42 });
    expect(epoch.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(outbox.intents.map((i) => [i.purpose, i.to, i.data])).toEqual([
      [`epoch:${epoch.id}:mint`, 'token', 'mint(operator, 22)'],
      [`epoch:${epoch.id}:approve`, 'token', 'approve(distributor, 22)'],
      [`epoch:${epoch.id}:post`, 'distributor', `postEpoch(${epoch.id}, ${tree.root}, 22, ${epoch.expiresAt.toISOString()})`],
    ]);
    expect(outbox.kicks).toBe(1);
    // The tree built at the close serves proofs without reading the allocations again.
    expect((await service.tree(epoch.id)).root).toBe(tree.root);
  });

  it('cuts a push epoch into batches of PUSH_BATCH_SIZE recipients', async () => {
    due(...Array.from({ length: PUSH_BATCH_SIZE + 1 }, (_, i): [number, bigint] => [i + 1, 1n]));
    const epoch = await service.close('push', undefined, null);
    expect(outbox.intents.map((i) => i.purpose)).toEqual([
      `epoch:${epoch.id}:mint`,
      `epoch:${epoch.id}:approve`,
      `epoch:${epoch.id}:batch:0`,
      `epoch:${epoch.id}:batch:1`,
    ]);
    expect(outbox.intents[2]!.data.split(' ')).toHaveLength(PUSH_BATCH_SIZE);
    expect(outbox.intents[3]!.data).toBe(`batchPay(${account(PUSH_BATCH_SIZE + 1)}:1)`);
    expect(epoch.expiresAt.getTime() - Date.now()).toBeGreaterThan(30 * DAY_MS - 60_000);
  });

  it('closes nothing when nobody is due anything; the schedule takes that for "not yet"', async () => {
    due();
    expect((await refusal(service.close('claim', undefined, null))).code).toBe('NOTHING_TO_PAY');
    expect(epochs.rows.size).toBe(0);
    expect(outbox.intents).toEqual([]);
    expect(await service.closeIfDue(0)).toBeUndefined();
  });

  it('moves a claim epoch to posted when its post is confirmed, and to swept after the sweep', async () => {
    due([1, 10n]);
    const epoch = await service.close('claim', 7, null);
    await outbox.settle(`epoch:${epoch.id}:mint`, 'confirmed', RECEIPT);
    expect(epochs.rows.get(epoch.id)!.status).toBe('closed');
    await outbox.settle(`epoch:${epoch.id}:post`, 'confirmed', RECEIPT);
    expect(epochs.rows.get(epoch.id)!.status).toBe('posted');
    // A failed sweep leaves the epoch posted: annotators can still claim.
    epochs.rows.get(epoch.id)!.expiresAt = new Date(Date.now() - 1000);
    await service.sweep(epoch.id);
    expect(outbox.intents.at(-1)).toMatchObject({ purpose: `epoch:${epoch.id}:sweep`, data: `sweep(${epoch.id}, operator)` });
    await outbox.settle(`epoch:${epoch.id}:sweep`, 'failed', null);
    expect(epochs.rows.get(epoch.id)!.status).toBe('posted');
    const next = await service.close('claim', 7, null);
    await outbox.settle(`epoch:${next.id}:post`, 'confirmed', RECEIPT);
    epochs.rows.get(next.id)!.expiresAt = new Date(Date.now() - 1000);
    await service.sweep(next.id);
    await outbox.settle(`epoch:${next.id}:sweep`, 'confirmed', RECEIPT);
    expect(epochs.rows.get(next.id)!.status).toBe('swept');
  });

  it('records as paid only the recipients a batch transferred exactly their amount to; paid once every batch is confirmed', async () => {
    due(...Array.from({ length: PUSH_BATCH_SIZE + 2 }, (_, i): [number, bigint] => [i + 1, BigInt(100 + i)]));
    const epoch = await service.close('push', undefined, null);
    // Batch 1 holds leaves 300 and 301; the Transfer to the second one carried less than its due.
    contract.received = new Map([
      [account(301).toLowerCase(), 400n],
      [account(302).toLowerCase(), 1n],
    ]);
    await outbox.settle(`epoch:${epoch.id}:batch:1`, 'confirmed', RECEIPT);
    expect(epochs.payments).toEqual([
      { epochId: epoch.id, leafIndex: 300, account: account(301), amount: '400', txHash: `0xhash-epoch:${epoch.id}:batch:1` },
    ]);
    expect(epochs.rows.get(epoch.id)!.status).toBe('closed');
    contract.received = new Map();
    await outbox.settle(`epoch:${epoch.id}:batch:0`, 'confirmed', RECEIPT);
    expect(epochs.rows.get(epoch.id)!.status).toBe('paid');
  });

  it('fails the epoch when one of its transactions fails, and cancels those not sent yet', async () => {
    due([1, 10n]);
    const epoch = await service.close('claim', 7, null);
    await outbox.settle(`epoch:${epoch.id}:mint`, 'failed', null);
    expect(epochs.rows.get(epoch.id)!.status).toBe('failed');
    expect(outbox.intents.map((i) => i.status)).toEqual(['failed', 'cancelled', 'cancelled']);
  });

  it('voids only a failed epoch, never one whose root is on chain or whose signed transactions could still be mined', async () => {
    due([1, 10n]);
    const epoch = await service.close('claim', 7, null);
    expect((await refusal(service.void(epoch.id, 1))).code).toBe('EPOCH_NOT_FAILED');
    expect((await refusal(service.void(999, 1))).code).toBe('EPOCH_NOT_FOUND');
    await outbox.settle(`epoch:${epoch.id}:post`, 'failed', null);
    contract.root = '0x' + '11'.repeat(32);
    expect((await refusal(service.void(epoch.id, 1))).code).toBe('EPOCH_ROOT_POSTED');
    contract.root = new Error('connect ECONNREFUSED');
    const unreadable = await refusal(service.void(epoch.id, 1));
    expect(unreadable.code).toBe('CHAIN_UNAVAILABLE');
    expect(unreadable.message).toContain('ECONNREFUSED');
    contract.root = null;
    outbox.inFlight = 1;
    expect((await refusal(service.void(epoch.id, 1))).code).toBe('EPOCH_TX_IN_FLIGHT');
    expect(epochs.voided).toEqual([]);
    outbox.inFlight = 0;
    expect((await service.void(epoch.id, 1)).status).toBe('voided');
    expect(epochs.voided).toEqual([epoch.id]);
  });

  it('refuses to sweep an epoch that is not a posted claim epoch past its expiry', async () => {
    due([1, 10n]);
    const epoch = await service.close('claim', 7, null);
    expect((await refusal(service.sweep(epoch.id))).code).toBe('EPOCH_INVALID_STATE');
    await outbox.settle(`epoch:${epoch.id}:post`, 'confirmed', RECEIPT);
    const early = await refusal(service.sweep(epoch.id));
    expect(early.code).toBe('EPOCH_INVALID_STATE');
    expect(early.message).toContain('expires at');
    expect(outbox.intents.some((i) => i.purpose.endsWith(':sweep'))).toBe(false);
  });

  it('relays a claim with the proof of its leaf, until the daily cap', async () => {
    due([1, 10n], [2, 20n], [3, 30n]);
    const epoch = await service.close('claim', 7, null);
    outbox.relayed = { count: 1, oldest: new Date() };
    await service.relayClaim(2, epoch.id, 1, account(2), 20n);
    const relayed = outbox.intents.at(-1)!;
    expect(relayed).toMatchObject({ purpose: `claim:${epoch.id}:1`, lane: 'relay', onBehalfOf: 2 });
    const leaf = JSON.parse(relayed.data) as { leafIndex: number; account: string; amount: string; proof: string[] };
    expect(leaf).toMatchObject({ leafIndex: 1, account: account(2), amount: '20' });
    const hash = leafHash({ epochId: epoch.id, index: 1, account: account(2), amount: 20n });
    expect(verify(leaf.proof, epochs.rows.get(epoch.id)!.root!, hash)).toBe(true);

    const oldest = new Date(Date.now() - 3_600_000);
    outbox.relayed = { count: 2, oldest };
    const capped = await refusal(service.relayClaim(3, epoch.id, 2, account(3), 30n));
    expect(capped.code).toBe('RELAY_DAILY_CAP_REACHED');
    expect(capped.message).toContain(new Date(oldest.getTime() + DAY_MS).toISOString());
    start({ relayDailyCap: 0 });
    outbox.relayed = { count: 0, oldest: null };
    expect((await refusal(service.relayClaim(3, epoch.id, 2, account(3), 30n))).message).toContain('turned off');
  });
});
