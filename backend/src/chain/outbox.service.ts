import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, runsBackgroundWork, type AppConfig } from '../config/app-config.js';
import type { ChainTxEntity } from './chain-tx.entity.js';
import { CHAIN_PORT, type ChainPort, type SignerRole, type TxReceipt } from './chain.port.js';
import { ChainTxsRepository, type RelayedUse, type SettleOutcome, type TxVersion } from './chain-txs.repository.js';
import type { ChainTxIntent, TxLane } from './domain/tx-intent.js';
import {
  classifySendError,
  initialFees,
  MAX_ESTIMATE_REVERTS,
  replacementDue,
  replacementFees,
  retryDelayMs,
  type SendStage,
} from './domain/tx-sending.js';

/** A settled transaction as its handler sees it: `status` confirmed or failed, `hash` the version mined. */
export type SettledTx = Readonly<Pick<ChainTxEntity, 'purpose' | 'status' | 'hash' | 'error'>>;

/** Called in the transaction that records a transaction's outcome, so both land together or not at all. */
export type SettledHandler = (manager: EntityManager, tx: SettledTx, receipt: TxReceipt | null) => Promise<void>;

const TICK_MS = 2_000;
const RECEIPT_POLL_MS = 250;
const RECEIPT_WAIT_MS = 30_000;

/** A nonce sequence: one signer, the rows it sends, one transaction in flight at a time. */
interface Lane {
  readonly name: string;
  readonly rows: readonly TxLane[];
  readonly signer: SignerRole;
  /** The lane's lock key across instances (with the chain id folded in). */
  readonly lockKey: number;
  running: Promise<void> | undefined;
  again: boolean;
}

/** Thrown out of a step to record the error on the row and retry it later. */
class StepError extends Error {
  constructor(
    readonly stage: SendStage,
    readonly error: unknown,
  ) {
    super(String(error));
  }
}

/**
 * Sends the platform's transactions exactly once. Each is recorded as an intent first (with whatever
 * made it necessary, in one database transaction); the outbox then signs it, stores the signed bytes
 * and hash (a version), and only then broadcasts. After a crash at any point, the next run finds the
 * row: an intent is signed afresh (nothing was sent), a signed one is looked up by the hashes of all
 * its versions and re-broadcast byte for byte if none is mined: never a second transaction.
 *
 * Errors do not fail a transaction: only a mined receipt with status 0 does, or a revert that gas
 * estimation keeps finding (see domain/tx-sending.ts). Anything else is retried with capped,
 * jittered backoff, and shown on the row. A version broadcast without a receipt for
 * TX_REPLACE_AFTER_SECONDS is replaced by a new one with the same nonce and higher fees; whichever
 * version is mined settles the row, once.
 *
 * Payouts and relayed claims are two lanes, each one transaction at a time, strictly in order (an
 * advisory lock per lane across instances). With a relayer key each lane has its own signer and
 * nonces, so claims never hold a payout back; without one they share the operator's nonces and
 * payouts go first.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxService.name);
  private readonly handlers: Array<{ prefix: string; handler: SettledHandler }> = [];
  private readonly lanes: Lane[];
  private timer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly txs: ChainTxsRepository,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const chainId = chain.info.chainId;
    const lane = (name: string, rows: TxLane[], signer: SignerRole, index: number): Lane => ({
      name,
      rows,
      signer,
      lockKey: (chainId * 4 + index) | 0,
      running: undefined,
      again: false,
    });
    this.lanes = chain.info.relayer
      ? [lane('payout', ['payout'], 'operator', 0), lane('relay', ['relay'], 'relayer', 1)]
      : [lane('operator', ['payout', 'relay'], 'operator', 0)];
  }

  /** Registers what to record when a transaction whose purpose starts with `prefix` is settled. */
  onSettled(prefix: string, handler: SettledHandler): void {
    this.handlers.push({ prefix, handler });
  }

  onApplicationBootstrap(): void {
    // Reconcile what a previous process left, then keep an eye on the outbox (the workers do; an API
    // process still sends what it enqueues itself, through `kick`).
    if (!runsBackgroundWork(this.config)) return;
    void this.kick();
    this.timer = setInterval(() => void this.kick(), TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.wake);
    for (const lane of this.lanes) await lane.running;
  }

  /** Records transactions to send, in order, in the caller's transaction; an intent recorded already is kept as is. */
  async enqueue(manager: EntityManager, intents: readonly ChainTxIntent[]): Promise<void> {
    await this.txs.addIntents(manager, this.chain.info.chainId, intents);
  }

  /**
   * Records a relayed claim (relay lane) for `intent.onBehalfOf` once `admit` has seen the relayed
   * claims they have had in the last `windowMs`; `admit` throws to refuse. Concurrent requests of one
   * annotator are counted one after the other, so a cap checked in `admit` holds.
   */
  async enqueueRelayed(intent: ChainTxIntent & { onBehalfOf: number }, windowMs: number, admit: (used: RelayedUse) => void): Promise<void> {
    await this.txs.addRelayedIntent(this.chain.info.chainId, intent, windowMs, admit);
  }

  /** Processes every lane soon; answers when their current passes are done. */
  async kick(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => this.kickLane(lane)));
  }

  /** Waits until every recorded transaction is settled (tests, CLI). */
  async settle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.kick();
      if (!(await this.txs.anyPending(this.chain.info.chainId))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('outbox: transactions still pending');
  }

  private kickLane(lane: Lane): Promise<void> {
    if (lane.running) {
      lane.again = true;
      return lane.running;
    }
    lane.running = this.drain(lane)
      .catch((error: unknown) => this.logger.warn(`outbox (${lane.name}): ${String(error)}`))
      .finally(() => {
        lane.running = undefined;
        if (lane.again && !this.stopped) {
          lane.again = false;
          void this.kickLane(lane);
        }
      });
    return lane.running;
  }

  /** Wakes the outbox when a row's backoff ends before the next tick. */
  private wakeAt(at: Date): void {
    const delay = at.getTime() - Date.now();
    if (delay >= TICK_MS || this.stopped) return;
    clearTimeout(this.wake);
    this.wake = setTimeout(() => void this.kick(), Math.max(delay, 10));
    this.wake.unref();
  }

  private async drain(lane: Lane): Promise<void> {
    // Another instance holding the lane sends it meanwhile: nothing to do here then.
    await this.txs.whileLaneLocked(lane.lockKey, async () => {
      for (;;) {
        const tx = this.stopped ? null : await this.txs.nextPending(this.chain.info.chainId, lane.rows);
        if (!tx) return;
        if (tx.nextAttemptAt && tx.nextAttemptAt.getTime() > Date.now()) {
          // The head of the lane is backing off; what follows it waits (order and nonces).
          this.wakeAt(tx.nextAttemptAt);
          return;
        }
        if (!(await this.step(lane, tx))) return;
      }
    });
  }

  /** Moves one transaction forward; false when it is waiting (for the chain, or after an error). */
  private async step(lane: Lane, tx: ChainTxEntity): Promise<boolean> {
    try {
      if (tx.status === 'intent') {
        const signed = await this.signIntent(lane, tx);
        if (signed === 'failed') return true;
        if (!signed) return false;
      }
      return await this.pushSigned(tx);
    } catch (error) {
      const stage = error instanceof StepError ? error.stage : 'broadcast';
      const cause = error instanceof StepError ? error.error : error;
      return this.onError(tx, stage, cause);
    }
  }

  /** Signs an intent with the lane's signer and stores it; 'failed' when estimation keeps finding a revert. */
  private async signIntent(lane: Lane, tx: ChainTxEntity): Promise<boolean | 'failed'> {
    let gas: bigint;
    try {
      gas = await this.chain.estimateGas(lane.signer, { to: tx.to, data: tx.data });
    } catch (error) {
      const classified = classifySendError('estimate', error);
      if (classified.kind === 'revert' && tx.estimateReverts + 1 >= MAX_ESTIMATE_REVERTS) {
        // Nothing was signed for this intent: failing it cannot leave a transaction that gets mined later.
        await this.settleTx(tx, null, null, classified.message);
        return 'failed';
      }
      throw new StepError('estimate', error);
    }
    const fees = initialFees(await this.chain.feeMarket(), this.config.chain.txMaxFeeWei);
    const nonce = await this.chain.nonce(lane.signer, 'pending');
    const gasLimit = (gas * 12n) / 10n + 10_000n;
    const signed = await this.chain.sign(lane.signer, { to: tx.to, data: tx.data, nonce, gasLimit, fees });
    const sender = this.chain.address(lane.signer);
    if (!(await this.txs.markSigned(tx.id, { nonce, raw: signed.raw, hash: signed.hash, gasLimit, fees, sender }, null))) return false;
    Object.assign(tx, { status: 'signed', rawTx: signed.raw, hash: signed.hash, nonce, sender, broadcastAt: null });
    return true;
  }

  /**
   * A signed row: settles it if one of its versions is mined; else replaces a version stuck too long,
   * (re)broadcasts the current one and waits a while for a receipt.
   */
  private async pushSigned(tx: ChainTxEntity): Promise<boolean> {
    let versions = await this.txs.versions(tx.id);
    const mined = await this.findReceipt(tx, versions);
    if (mined) {
      await this.settleTx(tx, mined.receipt, mined.hash);
      return true;
    }
    if (replacementDue(tx.broadcastAt, new Date(), this.config.chain.txReplaceAfterMs)) {
      if ((await this.replace(tx, versions)) === 'stop') return false;
      versions = await this.txs.versions(tx.id);
    }
    try {
      await this.chain.broadcast(tx.rawTx!);
    } catch (error) {
      const refused = classifySendError('broadcast', error);
      if (refused.kind !== 'underpriced') throw new StepError('broadcast', error);
      // The node wants higher fees (a base fee above our cap, a pool holding a pricier version): bid again now.
      this.logger.warn(`${tx.purpose}: fees refused (${refused.message})`);
      const replaced = await this.replace(tx, versions);
      if (replaced === 'stop') return false;
      if (replaced === 'unchanged') throw new StepError('broadcast', error);
      versions = await this.txs.versions(tx.id);
      await this.chain.broadcast(tx.rawTx!);
    }
    await this.txs.markBroadcast(tx.id);
    tx.broadcastAt ??= new Date();
    this.logger.log(`${tx.purpose}: broadcast ${tx.hash}`);
    const crashOn = this.config.chain.crashAfterBroadcast;
    if (crashOn && tx.purpose.startsWith(crashOn)) process.kill(process.pid, 'SIGKILL');
    const replaceIn = tx.broadcastAt.getTime() + this.config.chain.txReplaceAfterMs - Date.now();
    const found = await this.waitForReceipt(tx, versions, Math.max(0, Math.min(RECEIPT_WAIT_MS, replaceIn)));
    if (!found) return false;
    await this.settleTx(tx, found.receipt, found.hash);
    return true;
  }

  /**
   * Re-signs the row's nonce with higher fees, stored before it is sent. When the nonce was taken by a
   * transaction that is none of ours (the key used elsewhere), none of our versions can ever be mined:
   * the row is signed afresh with the signer's next nonce instead.
   */
  private async replace(tx: ChainTxEntity, versions: readonly TxVersion[]): Promise<'replaced' | 'unchanged' | 'stop'> {
    const signer = this.signerOf(tx);
    if (!signer) {
      this.logger.warn(`${tx.purpose}: signed by ${tx.sender}, whose key is not configured: it can only be re-broadcast`);
      return 'unchanged';
    }
    const latest = versions[versions.length - 1];
    if (!latest) throw new Error(`${tx.purpose}: signed, but no version stored`);
    const mined = await this.chain.nonce(signer, 'latest');
    const market = await this.chain.feeMarket();
    let nonce = latest.nonce;
    let fees = replacementFees(latest.fees, market, this.config.chain.txMaxFeeWei);
    if (mined > latest.nonce) {
      // Mined between our receipt lookup and the nonce read? Then it is ours: settle it on the next pass.
      if (await this.findReceipt(tx, versions)) return 'stop';
      nonce = await this.chain.nonce(signer, 'pending');
      fees = initialFees(market, this.config.chain.txMaxFeeWei);
      this.logger.warn(`${tx.purpose}: nonce ${latest.nonce} was used by another transaction; signing again with nonce ${nonce}`);
    }
    if (!fees) {
      // Shown on the row and retried with backoff; the version already out is sent again meanwhile (a pool may have dropped it).
      const message = `stuck at a max fee of ${latest.fees.maxFeePerGas} wei per gas: TX_MAX_FEE_GWEI leaves no room for a replacement`;
      await this.onError(tx, 'broadcast', new Error(message));
      await this.chain.broadcast(tx.rawTx!).catch(() => undefined);
      return 'stop';
    }
    const signed = await this.chain.sign(signer, { to: tx.to, data: tx.data, nonce, gasLimit: latest.gasLimit, fees });
    const stored = await this.txs.markSigned(
      tx.id,
      { nonce, raw: signed.raw, hash: signed.hash, gasLimit: latest.gasLimit, fees, sender: this.chain.address(signer) },
      latest.hash,
    );
    if (!stored) return 'stop';
    this.logger.log(`${tx.purpose}: replacing ${tx.hash} by ${signed.hash} (nonce ${nonce}, max fee ${fees.maxFeePerGas} wei)`);
    Object.assign(tx, { rawTx: signed.raw, hash: signed.hash, nonce, broadcastAt: null });
    return 'replaced';
  }

  private signerOf(tx: ChainTxEntity): SignerRole | undefined {
    const roles: SignerRole[] = ['operator', 'relayer'];
    return roles.find((role) => this.chain.address(role).toLowerCase() === tx.sender?.toLowerCase());
  }

  /** The receipt of whichever version is mined (any version may be: they share a nonce). */
  private async findReceipt(tx: ChainTxEntity, versions: readonly TxVersion[]): Promise<{ receipt: TxReceipt; hash: string } | null> {
    const hashes = new Set(versions.map((v) => v.hash));
    if (tx.hash) hashes.add(tx.hash);
    for (const hash of hashes) {
      const receipt = await this.chain.receipt(hash);
      if (receipt) return { receipt, hash };
    }
    return null;
  }

  private async waitForReceipt(
    tx: ChainTxEntity,
    versions: readonly TxVersion[],
    waitMs: number,
  ): Promise<{ receipt: TxReceipt; hash: string } | null> {
    const deadline = Date.now() + waitMs;
    do {
      const found = await this.findReceipt(tx, versions);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, RECEIPT_POLL_MS));
    } while (Date.now() < deadline && !this.stopped);
    return null;
  }

  /** Records a failed try on the row and schedules the next; the row stays pending. */
  private async onError(tx: ChainTxEntity, stage: SendStage, error: unknown): Promise<false> {
    const classified = classifySendError(stage, error);
    const attempt = tx.attempts + 1;
    const delay = retryDelayMs(attempt, { baseMs: this.config.chain.txRetryBaseMs, maxMs: this.config.chain.txRetryMaxMs });
    const retryAt = new Date(Date.now() + delay);
    await this.txs.recordError(tx.id, { message: classified.message, retryAt, estimateRevert: classified.kind === 'revert' });
    this.logger.warn(`${tx.purpose}: ${classified.kind} error on try ${attempt} (${classified.message}); retrying in ${delay} ms`);
    this.wakeAt(retryAt);
    return false;
  }

  private async settleTx(tx: ChainTxEntity, receipt: TxReceipt | null, hash: string | null, error?: string): Promise<void> {
    const status = receipt?.status === 'success' ? 'confirmed' : 'failed';
    const why = error ?? `reverted on chain in block ${receipt?.blockNumber}`;
    const outcome: SettleOutcome = {
      status,
      hash,
      blockNumber: receipt?.blockNumber ?? null,
      gasUsed: receipt?.gasUsed ?? null,
      ...(status === 'failed' ? { error: why } : {}),
    };
    // Settled once: a concurrent instance (or a retried step) finds it settled and records nothing twice.
    await this.txs.settle(tx.id, outcome, async (manager) => {
      tx.status = status;
      if (hash) tx.hash = hash;
      if (outcome.error) tx.error = outcome.error;
      for (const { prefix, handler } of this.handlers) if (tx.purpose.startsWith(prefix)) await handler(manager, tx, receipt);
    });
    if (status === 'failed') this.logger.warn(`${tx.purpose}: failed for good (${why})`);
    else this.logger.log(`${tx.purpose}: confirmed in block ${receipt!.blockNumber} (${hash})`);
  }
}
