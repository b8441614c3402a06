import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { buildTree, type RewardTree } from '@tessera/contracts/merkle';
import type { EntityManager } from 'typeorm';
import { ChainTxsService } from '../chain/chain-txs.service.js';
import type { TxReceipt } from '../chain/chain.port.js';
import type { ChainTxIntent } from '../chain/domain/tx-intent.js';
import { OutboxService, type SettledTx } from '../chain/outbox.service.js';
import { APP_CONFIG, runsBackgroundWork, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { batches, closeEpoch } from './domain/epoch-close.js';
import { EpochsRepository, type EpochRow } from './epochs.repository.js';
import { PAYOUT_CONTRACT, type PayoutContractPort } from './payout-contract.port.js';
import { RewardsException } from './rewards.exception.js';

/** Recipients per push transaction: ~25k gas each keeps a batch well under the 16.7M per-transaction cap. */
export const PUSH_BATCH_SIZE = 300;

const DAY_MS = 86_400_000;

/**
 * Closing epochs and getting them paid. A close is one database transaction: the ledger is frozen
 * at a cutoff, each annotator's due becomes an allocation (a Merkle leaf), and the transactions that
 * fund and post the epoch (or pay it by batches) are recorded in the outbox, which sends them exactly
 * once. Their confirmations move the epoch on.
 */
@Injectable()
export class EpochsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EpochsService.name);
  private readonly trees = new Map<number, RewardTree>();
  private schedule: NodeJS.Timeout | undefined;

  constructor(
    private readonly epochs: EpochsRepository,
    private readonly outbox: OutboxService,
    private readonly txs: ChainTxsService,
    @Inject(PAYOUT_CONTRACT) private readonly contract: PayoutContractPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.outbox.onSettled('epoch:', (manager, tx, receipt) => this.onEpochTx(manager, tx, receipt));
    const hours = this.config.chain.epochIntervalHours;
    if (hours > 0 && runsBackgroundWork(this.config)) {
      this.schedule = setInterval(() => void this.closeIfDue(hours * 3_600_000), 60_000);
      this.schedule.unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.schedule);
  }

  /** The schedule: a claim epoch once the last one is `intervalMs` old and someone has something due. */
  async closeIfDue(intervalMs: number): Promise<EpochRow | undefined> {
    try {
      const last = await this.epochs.lastCreatedAt();
      if (last && Date.now() - last.getTime() < intervalMs) return undefined;
      return await this.close('claim', undefined, null);
    } catch (error) {
      if (error instanceof RewardsException && error.code === ErrorCode.NOTHING_TO_PAY) return undefined;
      this.logger.warn(`scheduled epoch: ${String(error)}`);
      return undefined;
    }
  }

  async close(mode: 'claim' | 'push', expiresInDays: number | undefined, closedBy: number | null): Promise<EpochRow> {
    const started = Date.now();
    const expiresAt = new Date(Date.now() + (expiresInDays ?? this.config.chain.epochExpiryDays) * 86_400_000);
    const epochId = await this.epochs.transaction(async (manager) => {
      const { cutoff, dues } = await this.epochs.dues(manager);
      if (dues.length === 0)
        throw new RewardsException(ErrorCode.NOTHING_TO_PAY, 'No annotator has anything due: there is no epoch to close');
      const id = await this.epochs.createEpoch(manager, mode, cutoff, expiresAt, closedBy);
      const closed = closeEpoch(id, dues);
      await this.epochs.saveAllocations(manager, id, closed.tree.root, closed.total, closed.allocations);
      this.trees.set(id, closed.tree);
      await this.outbox.enqueue(manager, this.payIntents(id, mode, closed.tree.root, closed.total, expiresAt, closed.allocations));
      return id;
    });
    this.logger.log(`epoch ${epochId} closed (${mode}) in ${Date.now() - started} ms`);
    void this.outbox.kick();
    return (await this.epochs.findById(epochId))!;
  }

  private payIntents(
    epochId: number,
    mode: 'claim' | 'push',
    root: string,
    total: bigint,
    expiresAt: Date,
    allocations: ReadonlyArray<{ account: string; amount: bigint }>,
  ): ChainTxIntent[] {
    const fund = [
      { purpose: `epoch:${epochId}:mint`, ...this.contract.mintToOperator(total) },
      { purpose: `epoch:${epochId}:approve`, ...this.contract.approveDistributor(total) },
    ];
    if (mode === 'claim') {
      return [...fund, { purpose: `epoch:${epochId}:post`, ...this.contract.postEpoch({ id: epochId, root, total, expiresAt }) }];
    }
    return [
      ...fund,
      ...batches(allocations, PUSH_BATCH_SIZE).map((batch, k) => ({
        purpose: `epoch:${epochId}:batch:${k}`,
        ...this.contract.batchPay(batch),
      })),
    ];
  }

  /** Records what an epoch's confirmed (or failed) transaction means, with the confirmation itself. */
  private async onEpochTx(manager: EntityManager, tx: SettledTx, receipt: TxReceipt | null): Promise<void> {
    const [, id, step, k] = tx.purpose.split(':');
    const epochId = Number(id);
    if (tx.status === 'failed') {
      // A failed sweep leaves a posted epoch posted (claims go on); anything else fails the epoch, and
      // its remaining transactions are never sent: an admin can then void it (see `void`).
      if (step === 'sweep') return;
      await this.epochs.setStatus(manager, epochId, 'failed');
      const cancelled = await this.txs.cancelIntents(manager, `epoch:${epochId}:`);
      this.logger.warn(`epoch ${epochId} failed: ${tx.error ?? 'a transaction failed'}; ${cancelled} of its transactions cancelled`);
      return;
    }
    if (step === 'post') await this.epochs.setStatus(manager, epochId, 'posted');
    if (step === 'batch' && receipt) {
      // Batch k paid leaves [k * size, (k + 1) * size), as `payIntents` cut them.
      const from = Number(k) * PUSH_BATCH_SIZE;
      const batch = await this.epochs.allocations(epochId, manager, { from, to: from + PUSH_BATCH_SIZE });
      // Each recipient is recorded as paid by the Transfer event this transaction emitted to them.
      const paid = this.contract.tokensReceived(receipt.logs);
      const payments = batch
        .filter((a) => paid.get(a.account.toLowerCase()) === a.amount)
        .map((a) => ({ leafIndex: a.leafIndex, account: a.account, amount: a.amount.toString() }));
      await this.epochs.recordPayments(manager, epochId, payments, tx.hash!, receipt.blockNumber);
      if (!(await this.txs.anyUnconfirmed(manager, `epoch:${epochId}:batch:`))) await this.epochs.setStatus(manager, epochId, 'paid');
    }
    if (step === 'sweep') await this.epochs.setStatus(manager, epochId, 'swept');
  }

  /** The tree of a closed epoch, rebuilt from its allocations (and kept for the next proof). */
  async tree(epochId: number): Promise<RewardTree> {
    const cached = this.trees.get(epochId);
    if (cached) return cached;
    const allocations = await this.epochs.allocations(epochId);
    const tree = buildTree(allocations.map((a) => ({ epochId, index: a.leafIndex, account: a.account, amount: a.amount })));
    if (this.trees.size >= 8) this.trees.delete(this.trees.keys().next().value!);
    this.trees.set(epochId, tree);
    return tree;
  }

  /**
   * Sends the claim on the annotator's behalf (the platform pays the gas, on the relay lane); the
   * tokens still go to their wallet. At most RELAY_DAILY_CAP of them per annotator in 24 hours,
   * counted under a lock so that concurrent requests cannot pass the cap together.
   */
  async relayClaim(annotatorId: number, epochId: number, leafIndex: number, account: string, amount: bigint): Promise<void> {
    const proof = (await this.tree(epochId)).proof(leafIndex);
    const cap = this.config.chain.relayDailyCap;
    const intent = {
      purpose: `claim:${epochId}:${leafIndex}`,
      ...this.contract.claim({ epochId, leafIndex, account, amount, proof }),
      onBehalfOf: annotatorId,
    };
    await this.outbox.enqueueRelayed(intent, DAY_MS, (used) => {
      if (used.count < cap) return;
      const next = used.oldest ? new Date(used.oldest.getTime() + DAY_MS) : null;
      throw new RewardsException(
        ErrorCode.RELAY_DAILY_CAP_REACHED,
        cap === 0
          ? 'Gas-free claims are turned off: claim from your wallet'
          : `You have used your ${cap} gas-free claim${cap === 1 ? '' : 's'} of the last 24 hours: claim from your wallet, ` +
              `or send this one gas-free after ${next!.toISOString()}`,
      );
    });
    void this.outbox.kick();
  }

  /**
   * Gives up an epoch that failed for good: its allocations not paid on chain stop counting, so their
   * amounts are due again and go into the next epoch; leaves already paid (push batches confirmed)
   * stay paid. Refused while one of its transactions could still be mined, and once a claim
   * epoch's root is on chain (annotators can claim from it). Its remaining intents are cancelled.
   */
  async void(epochId: number, voidedBy: number | null): Promise<EpochRow> {
    const epoch = await this.epochs.findById(epochId);
    if (!epoch) throw new RewardsException(ErrorCode.EPOCH_NOT_FOUND, `Epoch ${epochId} not found`);
    if (epoch.status !== 'failed') {
      throw new RewardsException(
        ErrorCode.EPOCH_NOT_FAILED,
        `Epoch ${epochId} is ${epoch.status}: only an epoch whose transactions failed for good can be voided`,
      );
    }
    if (epoch.mode === 'claim' && (await this.rootOnChain(epochId))) {
      throw new RewardsException(ErrorCode.EPOCH_ROOT_POSTED, `Epoch ${epochId}'s root is on chain: annotators can claim it`);
    }
    const released = await this.epochs.transaction(async (manager) => {
      if ((await this.epochs.lockStatus(manager, epochId)) !== 'failed') {
        throw new RewardsException(ErrorCode.EPOCH_NOT_FAILED, `Epoch ${epochId} changed meanwhile: only a failed epoch can be voided`);
      }
      // Cancel first, then look for signed ones: an intent signed concurrently is either cancelled
      // here (and never sent) or seen signed below (and the void refused).
      await this.txs.cancelIntents(manager, `epoch:${epochId}:`);
      const inFlight = await this.txs.countInFlight(manager, `epoch:${epochId}:`);
      if (inFlight > 0) {
        throw new RewardsException(
          ErrorCode.EPOCH_TX_IN_FLIGHT,
          `Epoch ${epochId} has ${inFlight} signed transaction${inFlight === 1 ? '' : 's'} not settled yet: ` +
            'they could still be mined; void it once they are',
        );
      }
      return this.epochs.markVoided(manager, epochId, voidedBy);
    });
    this.trees.delete(epochId);
    this.logger.log(`epoch ${epochId} voided: ${released.count} allocations (${released.amount} wei) due again`);
    return (await this.epochs.findById(epochId))!;
  }

  /** Whether the distributor holds a root for the epoch (it was posted, whatever our records say). */
  private async rootOnChain(epochId: number): Promise<boolean> {
    try {
      return (await this.contract.epochRoot(epochId)) !== null;
    } catch (error) {
      throw new RewardsException(ErrorCode.CHAIN_UNAVAILABLE, `The chain could not be read to check epoch ${epochId}: ${String(error)}`);
    }
  }

  /** After expiry: the unclaimed remainder goes back to the operator. */
  async sweep(epochId: number): Promise<void> {
    const epoch = await this.epochs.findById(epochId);
    if (!epoch) throw new RewardsException(ErrorCode.EPOCH_NOT_FOUND, `Epoch ${epochId} not found`);
    if (epoch.mode !== 'claim' || epoch.status !== 'posted') {
      throw new RewardsException(
        ErrorCode.EPOCH_INVALID_STATE,
        `Epoch ${epochId} is ${epoch.status}; only a posted claim epoch can be swept`,
      );
    }
    if (epoch.expiresAt.getTime() > Date.now()) {
      throw new RewardsException(ErrorCode.EPOCH_INVALID_STATE, `Epoch ${epochId} expires at ${epoch.expiresAt.toISOString()}`);
    }
    await this.epochs.transaction((manager) =>
      this.outbox.enqueue(manager, [{ purpose: `epoch:${epochId}:sweep`, ...this.contract.sweepToOperator(epochId) }]),
    );
    void this.outbox.kick();
  }
}
