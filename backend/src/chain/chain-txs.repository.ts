import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import { ChainTxAttemptEntity } from './chain-tx-attempt.entity.js';
import { ChainTxEntity } from './chain-tx.entity.js';
import type { CHAIN_TX_FILTERS } from './chain-tx.dto.js';
import type { ChainTxIntent, TxLane } from './domain/tx-intent.js';
import type { FeeBid } from './domain/tx-sending.js';

/** Serialises the sending of a lane across instances (second key: the lane's). */
const OUTBOX_LOCK = 7243554;
/** Serialises an annotator's relayed-claim requests, so their daily cap holds under concurrency. */
const RELAY_LOCK = 7243555;

export interface SignedVersion {
  nonce: number;
  raw: string;
  hash: string;
  gasLimit: bigint;
  fees: FeeBid;
  sender: string;
}

export interface SettleOutcome {
  status: 'confirmed' | 'failed';
  hash: string | null;
  blockNumber: number | null;
  gasUsed: number | null;
  error?: string;
}

/** Relayed claims an annotator has had in a window: how many, and when the oldest of them was recorded. */
export interface RelayedUse {
  count: number;
  oldest: Date | null;
}

export interface TxVersion {
  nonce: number;
  hash: string;
  gasLimit: bigint;
  fees: FeeBid;
}

@Injectable()
export class ChainTxsRepository {
  constructor(private readonly db: DataSource) {}

  /** Records transactions to send, in order, in the caller's transaction; an intent already recorded is kept as is. */
  async addIntents(manager: EntityManager, chainId: number, intents: readonly ChainTxIntent[]): Promise<void> {
    for (const intent of intents) {
      await sqlRows(
        manager,
        `INSERT INTO chain_txs (purpose, chain_id, "to", data, lane, on_behalf_of) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (purpose) DO NOTHING`,
        [intent.purpose, chainId, intent.to, intent.data, intent.lane ?? 'payout', intent.onBehalfOf ?? null],
      );
    }
  }

  /**
   * The transaction a lane sends next: the one already signed (it holds the signer's next nonce),
   * else the oldest intent, payouts before relayed claims when the two lanes share a signer.
   */
  async nextPending(chainId: number, lanes: readonly TxLane[]): Promise<ChainTxEntity | null> {
    return this.db
      .getRepository(ChainTxEntity)
      .createQueryBuilder('t')
      .where("t.status IN ('intent', 'signed') AND t.chainId = :chainId AND t.lane = ANY(:lanes)", { chainId, lanes })
      .orderBy("CASE WHEN t.status = 'signed' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy("CASE WHEN t.lane = 'payout' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getOne();
  }

  async anyPending(chainId: number): Promise<boolean> {
    const rows = await sqlRows(this.db, `SELECT 1 FROM chain_txs WHERE status IN ('intent', 'signed') AND chain_id = $1 LIMIT 1`, [
      chainId,
    ]);
    return rows.length > 0;
  }

  /**
   * Runs `send` holding the lane's lock: a session-level advisory lock, on a connection of its own for
   * as long as `send` runs, so one process at a time sends the lane's transactions (their order and
   * nonces). Answers false, without running `send`, when another process holds it.
   */
  async whileLaneLocked(lane: number, send: () => Promise<void>): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [OUTBOX_LOCK, lane])) as Array<{ ok: boolean }>;
      if (!lock?.ok) return false;
      try {
        await send();
        return true;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, $2)', [OUTBOX_LOCK, lane]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Records a relayed claim for `intent.onBehalfOf`, once `admit` has seen the relayed claims they have
   * had in the last `windowMs` (it throws to refuse). Under a lock per annotator, so that concurrent
   * requests are counted one after the other.
   */
  async addRelayedIntent(
    chainId: number,
    intent: ChainTxIntent & { onBehalfOf: number },
    windowMs: number,
    admit: (used: RelayedUse) => void,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      await sqlRows(manager, 'SELECT pg_advisory_xact_lock($1, $2)', [RELAY_LOCK, intent.onBehalfOf]);
      admit(await this.countRelayedSince(manager, intent.onBehalfOf, new Date(Date.now() - windowMs)));
      await this.addIntents(manager, chainId, [{ ...intent, lane: 'relay' }]);
    });
  }

  /**
   * Stores a signed version before it is broadcast: the row then names it as the one to (re)send,
   * and the version joins those whose receipts are looked up. A compare-and-set: the first version
   * of an intent (`replacing` null) only while the row is still an intent, a replacement only while
   * the row's current version is `replacing`. False otherwise (settled, cancelled, or signed by
   * another sender meanwhile): then it must not be sent. So even two senders of one lane (the
   * lane's lock lost with its connection while the holder worked on) never both get a version of
   * one transaction stored, and the second can never send it again under another nonce.
   */
  async markSigned(id: number, version: SignedVersion, replacing: string | null): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const updated = await sqlRows<{ id: number }>(
        manager,
        `UPDATE chain_txs SET status = 'signed', nonce = $2, raw_tx = $3, hash = $4, sender = $5, broadcast_at = NULL, updated_at = now()
          WHERE id = $1 AND CASE WHEN $6::text IS NULL THEN status = 'intent' ELSE status = 'signed' AND hash = $6::text END
          RETURNING id`,
        [id, version.nonce, version.raw, version.hash, version.sender, replacing],
      );
      if (updated.length === 0) return false;
      await manager.getRepository(ChainTxAttemptEntity).insert({
        txId: id,
        nonce: version.nonce,
        hash: version.hash,
        rawTx: version.raw,
        gasLimit: version.gasLimit.toString(),
        maxFeePerGas: version.fees.maxFeePerGas.toString(),
        maxPriorityFeePerGas: version.fees.maxPriorityFeePerGas.toString(),
      });
      return true;
    });
  }

  /** A node took the current version: the replacement clock starts (once), the backoff ends. */
  async markBroadcast(id: number): Promise<void> {
    await sqlRows(
      this.db,
      `UPDATE chain_txs SET broadcast_at = coalesce(broadcast_at, now()), next_attempt_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'signed'`,
      [id],
    );
  }

  /** A try went wrong: counted, shown, and not tried again before `retryAt`. */
  async recordError(id: number, error: { message: string; retryAt: Date; estimateRevert: boolean }): Promise<void> {
    await sqlRows(
      this.db,
      `UPDATE chain_txs SET attempts = attempts + 1, estimate_reverts = estimate_reverts + $4::int, last_error = $2,
              next_attempt_at = $3, updated_at = now()
        WHERE id = $1 AND status IN ('intent', 'signed')`,
      [id, error.message, error.retryAt, error.estimateRevert ? 1 : 0],
    );
  }

  /** Every version signed for the row, oldest first. */
  async versions(id: number): Promise<TxVersion[]> {
    const rows = await this.db.getRepository(ChainTxAttemptEntity).find({ where: { txId: id }, order: { id: 'ASC' } });
    return rows.map((r) => ({
      nonce: r.nonce,
      hash: r.hash,
      gasLimit: BigInt(r.gasLimit),
      fees: { maxFeePerGas: BigInt(r.maxFeePerGas), maxPriorityFeePerGas: BigInt(r.maxPriorityFeePerGas) },
    }));
  }

  /**
   * Records the row's outcome, once, and runs `andThen` in the same transaction (what the outcome
   * means to whoever asked for the transaction lands with it, or neither does). False when the row was
   * settled already, by a concurrent instance or a retried step: then nothing is recorded twice.
   */
  async settle(id: number, outcome: SettleOutcome, andThen: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const open = await sqlRows(manager, `SELECT 1 FROM chain_txs WHERE id = $1 AND status IN ('intent', 'signed') FOR UPDATE`, [id]);
      if (open.length === 0) return false;
      await sqlRows(
        manager,
        `UPDATE chain_txs SET status = $2, hash = coalesce($3, hash),
                raw_tx = coalesce((SELECT raw_tx FROM chain_tx_attempts WHERE hash = $3), raw_tx),
                block_number = $4, gas_used = $5, error = $6, next_attempt_at = NULL, updated_at = now()
          WHERE id = $1`,
        [id, outcome.status, outcome.hash, outcome.blockNumber, outcome.gasUsed, outcome.error ?? null],
      );
      await andThen(manager);
      return true;
    });
  }

  /** Cancels the intents (never signed) whose purpose starts with `prefix`: they will never be sent. */
  async cancelIntents(manager: EntityManager, prefix: string): Promise<number> {
    const rows = await sqlRows(
      manager,
      `UPDATE chain_txs SET status = 'cancelled', next_attempt_at = NULL, updated_at = now()
        WHERE starts_with(purpose, $1) AND status = 'intent' RETURNING id`,
      [prefix],
    );
    return rows.length;
  }

  /** Signed and unsettled transactions whose purpose starts with `prefix`: any could still be mined. */
  async countInFlight(manager: EntityManager, prefix: string): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM chain_txs WHERE starts_with(purpose, $1) AND status = 'signed'`,
      [prefix],
    );
    return row!.n;
  }

  /** Whether any transaction whose purpose starts with `prefix` is not confirmed (yet, or at all). */
  async anyUnconfirmed(manager: EntityManager, prefix: string): Promise<boolean> {
    const rows = await sqlRows(manager, `SELECT 1 FROM chain_txs WHERE starts_with(purpose, $1) AND status <> 'confirmed' LIMIT 1`, [
      prefix,
    ]);
    return rows.length > 0;
  }

  /** Relayed claims recorded for the annotator since `since` (all but cancelled ones: each costs gas). */
  private async countRelayedSince(manager: EntityManager, annotatorId: number, since: Date): Promise<RelayedUse> {
    const [row] = await sqlRows<{ n: number; oldest: Date | null }>(
      manager,
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM chain_txs
        WHERE on_behalf_of = $1 AND created_at > $2 AND status <> 'cancelled'`,
      [annotatorId, since],
    );
    return { count: row!.n, oldest: row!.oldest };
  }

  async byPurpose(purpose: string): Promise<ChainTxEntity | null> {
    return this.db.getRepository(ChainTxEntity).findOneBy({ purpose });
  }

  async list(query: ListQuery<(typeof CHAIN_TX_FILTERS)[number]>): Promise<ListPage<ChainTxEntity>> {
    const qb = this.db.getRepository(ChainTxEntity).createQueryBuilder('t');
    const ids = idList(query.filter.id, 'id');
    if (ids) qb.andWhere('t.id = ANY(:ids)', { ids });
    if (typeof query.filter.status === 'string') qb.andWhere('t.status = :status', { status: query.filter.status });
    if (typeof query.filter.lane === 'string') qb.andWhere('t.lane = :lane', { lane: query.filter.lane });
    // LIKE's own characters are dropped, as the other searches do (a trailing backslash is an error in PostgreSQL).
    if (typeof query.filter.q === 'string' && query.filter.q !== '') {
      qb.andWhere('t.purpose ILIKE :q', { q: `%${query.filter.q.replace(/[%_\\]/g, '')}%` });
    }
    qb.orderBy(`t.${query.sortField}`, query.sortOrder).addOrderBy('t.id', 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  /** How many versions each row has had (a replaced transaction has more than one). */
  async versionCounts(ids: readonly number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await sqlRows<{ tx_id: number; n: number }>(
      this.db,
      'SELECT tx_id, count(*)::int AS n FROM chain_tx_attempts WHERE tx_id = ANY($1) GROUP BY tx_id',
      [ids],
    );
    return new Map(rows.map((r) => [r.tx_id, r.n]));
  }
}
