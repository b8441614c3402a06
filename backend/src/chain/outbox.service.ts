import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { sqlRows } from '../database/sql.js';
import type { ChainTxEntity } from './chain-tx.entity.js';
import { CHAIN_PORT, type ChainPort, type TxReceipt } from './chain.port.js';
import { ChainTxsRepository, type ChainTxIntent } from './chain-txs.repository.js';

/** Called in the transaction that records a transaction's outcome, so both land together or not at all. */
export type SettledHandler = (manager: EntityManager, tx: ChainTxEntity, receipt: TxReceipt | null) => Promise<void>;

const OUTBOX_LOCK = 7243554;
const TICK_MS = 2_000;
const RECEIPT_POLL_MS = 250;
const RECEIPT_WAIT_MS = 30_000;

/**
 * Sends the platform's transactions exactly once. Each is recorded as an intent first (with whatever
 * made it necessary, in one database transaction); the outbox then signs it, stores the signed bytes
 * and hash, and only then broadcasts. After a crash at any point, the next run finds the row: an intent
 * is signed afresh (nothing was sent), a signed one is looked up by hash and re-broadcast byte for byte
 * if the chain does not have it — the same transaction, never a second one. Strictly in order, one
 * instance at a time (an advisory lock), so nonces never collide.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxService.name);
  private readonly handlers: Array<{ prefix: string; handler: SettledHandler }> = [];
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly txs: ChainTxsRepository,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registers what to record when a transaction whose purpose starts with `prefix` is settled. */
  onSettled(prefix: string, handler: SettledHandler): void {
    this.handlers.push({ prefix, handler });
  }

  onApplicationBootstrap(): void {
    // Reconcile what a previous process left, then keep an eye on the outbox.
    void this.kick();
    this.timer = setInterval(() => void this.kick(), TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  async enqueue(manager: EntityManager, intents: readonly ChainTxIntent[]): Promise<void> {
    await this.txs.addIntents(manager, this.chain.info.chainId, intents);
  }

  /** Processes the outbox soon; answers when the current pass is done. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.warn(`outbox: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.kick();
        }
      });
    return this.running;
  }

  /** Waits until every recorded transaction is settled (tests, CLI). */
  async settle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.kick();
      if (!(await this.txs.nextPending(this.chain.info.chainId))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('outbox: transactions still pending');
  }

  private async drain(): Promise<void> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [OUTBOX_LOCK, this.chain.info.chainId])) as Array<{
        ok: boolean;
      }>;
      if (!lock?.ok) return;
      try {
        for (
          let tx = await this.txs.nextPending(this.chain.info.chainId);
          tx && !this.stopped;
          tx = await this.txs.nextPending(this.chain.info.chainId)
        ) {
          if (!(await this.step(tx))) return;
        }
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, $2)', [OUTBOX_LOCK, this.chain.info.chainId]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Moves one transaction forward; false when it is waiting for the chain (try again later). */
  private async step(tx: ChainTxEntity): Promise<boolean> {
    if (tx.status === 'intent') {
      const nonce = await this.chain.operatorNonce();
      let signed: { raw: string; hash: string };
      try {
        signed = await this.chain.signOperatorTx({ to: tx.to, data: tx.data, nonce });
      } catch (error) {
        // Gas estimation runs the call: a revert here means it can never succeed as it is.
        await this.settleTx(tx, null, String((error as { shortMessage?: string }).shortMessage ?? error));
        return true;
      }
      await this.txs.markSigned(tx.id, nonce, signed.raw, signed.hash);
      tx.status = 'signed';
      tx.rawTx = signed.raw;
      tx.hash = signed.hash;
      tx.nonce = nonce;
    }
    let receipt = await this.chain.receipt(tx.hash!);
    if (!receipt) {
      await this.chain.broadcast(tx.rawTx!);
      this.logger.log(`${tx.purpose}: broadcast ${tx.hash}`);
      const crashOn = this.config.chain.crashAfterBroadcast;
      if (crashOn && tx.purpose.startsWith(crashOn)) process.kill(process.pid, 'SIGKILL');
      receipt = await this.waitForReceipt(tx.hash!);
      if (!receipt) return false;
    }
    await this.settleTx(tx, receipt);
    return true;
  }

  private async waitForReceipt(hash: string): Promise<TxReceipt | null> {
    const deadline = Date.now() + RECEIPT_WAIT_MS;
    while (Date.now() < deadline && !this.stopped) {
      const receipt = await this.chain.receipt(hash);
      if (receipt) return receipt;
      await new Promise((resolve) => setTimeout(resolve, RECEIPT_POLL_MS));
    }
    return null;
  }

  private async settleTx(tx: ChainTxEntity, receipt: TxReceipt | null, error?: string): Promise<void> {
    const status = receipt?.status === 'success' ? 'confirmed' : 'failed';
    await this.db.transaction(async (manager) => {
      // Settled once: a concurrent instance (or a retried step) finds it settled and records nothing twice.
      const open = await sqlRows(manager, `SELECT 1 FROM chain_txs WHERE id = $1 AND status IN ('intent', 'signed') FOR UPDATE`, [tx.id]);
      if (open.length === 0) return;
      await this.txs.markSettled(manager, tx.id, {
        status,
        blockNumber: receipt?.blockNumber ?? null,
        gasUsed: receipt?.gasUsed ?? null,
        ...(status === 'failed' ? { error: error ?? 'reverted' } : {}),
      });
      tx.status = status;
      for (const { prefix, handler } of this.handlers) if (tx.purpose.startsWith(prefix)) await handler(manager, tx, receipt);
    });
    if (status === 'failed') this.logger.warn(`${tx.purpose}: failed (${error ?? 'reverted'})`);
    else this.logger.log(`${tx.purpose}: confirmed in block ${receipt!.blockNumber}`);
  }
}
