import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import type { Allocation, Due } from './domain/epoch-close.js';
import type { EPOCH_FILTERS } from './rewards.dto.js';

export interface EpochRow {
  id: number;
  mode: 'claim' | 'push';
  status: string;
  total: string;
  recipients: number;
  root: string | null;
  expiresAt: Date;
  createdAt: Date;
  postedAt: Date | null;
  claimedCount: number;
  claimedAmount: string;
  postTxHash: string | null;
  voidedAt: Date | null;
  /** Its transactions not settled yet. */
  pendingTxs: number;
  /** Some of them hit errors and are being retried. */
  retrying: boolean;
  /** Why it failed, or the latest error of a transaction being retried. */
  lastError: string | null;
}

export interface MyAllocationRow {
  epochId: number;
  mode: 'claim' | 'push';
  status: string;
  leafIndex: number;
  account: string;
  amount: string;
  expiresAt: Date;
  claimTxHash: string | null;
  /** Its epoch was voided before this leaf was paid: the amount is pending again. */
  voided: boolean;
}

const EPOCH_SELECT = `SELECT e.id, e.mode, e.status, e.total::text AS total, e.recipients, e.root, e.expires_at AS "expiresAt",
         e.created_at AS "createdAt", e.posted_at AS "postedAt",
         (SELECT count(*)::int FROM claims c WHERE c.epoch_id = e.id) AS "claimedCount",
         (SELECT coalesce(sum(c.amount), 0)::text FROM claims c WHERE c.epoch_id = e.id) AS "claimedAmount",
         (SELECT t.hash FROM chain_txs t WHERE t.purpose = 'epoch:' || e.id || ':post') AS "postTxHash",
         e.voided_at AS "voidedAt", x.pending AS "pendingTxs", x.retrying, coalesce(x.failure, x.retry_error) AS "lastError"
    FROM epochs e
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE t.status IN ('intent', 'signed'))::int AS pending,
             coalesce(bool_or(t.status IN ('intent', 'signed') AND t.attempts > 0), false) AS retrying,
             (array_agg(t.error ORDER BY t.id) FILTER (WHERE t.status = 'failed'))[1] AS failure,
             (array_agg(t.last_error ORDER BY t.id) FILTER (WHERE t.status IN ('intent', 'signed') AND t.last_error IS NOT NULL))[1] AS retry_error
        FROM chain_txs t WHERE starts_with(t.purpose, 'epoch:' || e.id || ':')
    ) x`;

@Injectable()
export class EpochsRepository {
  constructor(private readonly db: DataSource) {}

  /** Runs `work` in one database transaction: the methods given its manager commit or roll back together. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Freezes the ledger up to now and answers what each annotator is due: everything credited up to
   * the cutoff, less everything allocated in earlier epochs (a reversal after a payout is carried
   * into later epochs, never clawed back), except allocations voided with their epoch (never paid:
   * due again). Must run inside the closing transaction.
   */
  async dues(manager: EntityManager): Promise<{ cutoff: string; dues: Due[] }> {
    // Inserts wait while the cutoff is read, so no entry below it can commit afterwards.
    await sqlRows(manager, 'LOCK TABLE ledger_entries IN EXCLUSIVE MODE');
    const [cut] = await sqlRows<{ cutoff: string }>(manager, 'SELECT coalesce(max(id), 0)::text AS cutoff FROM ledger_entries');
    const rows = await sqlRows<{ annotator_id: number; address: string; due: string }>(
      manager,
      `SELECT l.annotator_id, u.address, (l.earned - coalesce(a.allocated, 0))::text AS due
         FROM (SELECT annotator_id, sum(amount) AS earned FROM ledger_entries WHERE id <= $1 GROUP BY annotator_id) l
         JOIN users u ON u.id = l.annotator_id
         LEFT JOIN (SELECT annotator_id, sum(amount) AS allocated FROM epoch_allocations WHERE voided_at IS NULL GROUP BY annotator_id) a
           ON a.annotator_id = l.annotator_id
        WHERE l.earned - coalesce(a.allocated, 0) > 0`,
      [cut!.cutoff],
    );
    return { cutoff: cut!.cutoff, dues: rows.map((r) => ({ annotatorId: r.annotator_id, account: r.address, amount: BigInt(r.due) })) };
  }

  async createEpoch(
    manager: EntityManager,
    mode: 'claim' | 'push',
    cutoff: string,
    expiresAt: Date,
    closedBy: number | null,
  ): Promise<number> {
    const [row] = await sqlRows<{ id: number }>(
      manager,
      `INSERT INTO epochs (mode, cutoff_entry_id, total, recipients, expires_at, closed_by) VALUES ($1, $2, 0, 0, $3, $4) RETURNING id`,
      [mode, cutoff, expiresAt, closedBy],
    );
    return row!.id;
  }

  async saveAllocations(
    manager: EntityManager,
    epochId: number,
    root: string,
    total: bigint,
    allocations: readonly Allocation[],
  ): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO epoch_allocations (epoch_id, leaf_index, annotator_id, account, amount)
       SELECT $1, i, a, acc, amt FROM unnest($2::int[], $3::int[], $4::text[], $5::numeric[]) AS t(i, a, acc, amt)`,
      [
        epochId,
        allocations.map((a) => a.leafIndex),
        allocations.map((a) => a.annotatorId),
        allocations.map((a) => a.account),
        allocations.map((a) => a.amount.toString()),
      ],
    );
    await sqlRows(manager, 'UPDATE epochs SET root = $2, total = $3, recipients = $4 WHERE id = $1', [
      epochId,
      root,
      total.toString(),
      allocations.length,
    ]);
  }

  async setStatus(manager: EntityManager | DataSource, epochId: number, status: string): Promise<void> {
    await sqlRows(
      manager,
      `UPDATE epochs SET status = $2::text, posted_at = CASE WHEN $2::text IN ('posted', 'paid') THEN coalesce(posted_at, now()) ELSE posted_at END WHERE id = $1`,
      [epochId, status],
    );
  }

  /** Locks the epoch's row for the rest of the transaction and answers its status. */
  async lockStatus(manager: EntityManager, epochId: number): Promise<string | undefined> {
    const rows = await sqlRows<{ status: string }>(manager, 'SELECT status FROM epochs WHERE id = $1 FOR UPDATE', [epochId]);
    return rows[0]?.status;
  }

  /**
   * Voids the epoch: each allocation not recorded as paid (in `claims`) is voided, so `dues()` counts
   * its amount as due again. Answers what was released.
   */
  async markVoided(manager: EntityManager, epochId: number, voidedBy: number | null): Promise<{ count: number; amount: string }> {
    const [released] = await sqlRows<{ count: number; amount: string }>(
      manager,
      `WITH released AS (
         UPDATE epoch_allocations a SET voided_at = now()
          WHERE a.epoch_id = $1 AND a.voided_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.epoch_id = a.epoch_id AND c.leaf_index = a.leaf_index)
         RETURNING a.amount
       )
       SELECT count(*)::int AS count, coalesce(sum(amount), 0)::text AS amount FROM released`,
      [epochId],
    );
    await sqlRows(manager, `UPDATE epochs SET status = 'voided', voided_at = now(), voided_by = $2 WHERE id = $1`, [epochId, voidedBy]);
    return released!;
  }

  /** The epoch's allocations in leaf order; `leaves` limits them to a range [from, to). */
  async allocations(
    epochId: number,
    manager: EntityManager | DataSource = this.db,
    leaves: { from: number; to: number } = { from: 0, to: 2 ** 31 - 1 },
  ): Promise<Allocation[]> {
    const rows = await sqlRows<{ leaf_index: number; annotator_id: number; account: string; amount: string }>(
      manager,
      `SELECT leaf_index, annotator_id, account, amount::text AS amount FROM epoch_allocations
        WHERE epoch_id = $1 AND leaf_index >= $2 AND leaf_index < $3 ORDER BY leaf_index`,
      [epochId, leaves.from, leaves.to],
    );
    return rows.map((r) => ({ leafIndex: r.leaf_index, annotatorId: r.annotator_id, account: r.account, amount: BigInt(r.amount) }));
  }

  async recordPayments(
    manager: EntityManager,
    epochId: number,
    payments: ReadonlyArray<{ leafIndex: number; account: string; amount: string }>,
    txHash: string,
    blockNumber: number,
  ): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO claims (epoch_id, leaf_index, account, amount, tx_hash, block_number)
       SELECT $1, i, acc, amt, $5, $6 FROM unnest($2::int[], $3::text[], $4::numeric[]) AS t(i, acc, amt)
       ON CONFLICT (epoch_id, leaf_index) DO NOTHING`,
      [epochId, payments.map((p) => p.leafIndex), payments.map((p) => p.account), payments.map((p) => p.amount), txHash, blockNumber],
    );
  }

  async lastCreatedAt(): Promise<Date | undefined> {
    const rows = await sqlRows<{ at: Date | null }>(this.db, 'SELECT max(created_at) AS at FROM epochs');
    return rows[0]?.at ?? undefined;
  }

  async findById(id: number): Promise<EpochRow | undefined> {
    const rows = await sqlRows<EpochRow>(this.db, `${EPOCH_SELECT} WHERE e.id = $1`, [id]);
    return rows[0];
  }

  async list(query: ListQuery<(typeof EPOCH_FILTERS)[number]>): Promise<ListPage<EpochRow>> {
    const ids = idList(query.filter.id, 'id') ?? null;
    const status = typeof query.filter.status === 'string' ? query.filter.status : null;
    const mode = typeof query.filter.mode === 'string' ? query.filter.mode : null;
    const where =
      'WHERE ($1::int[] IS NULL OR e.id = ANY($1)) AND ($2::text IS NULL OR e.status = $2) AND ($3::text IS NULL OR e.mode = $3)';
    const column = { id: 'e.id', createdAt: 'e.created_at', postedAt: 'e.posted_at', status: 'e.status' }[query.sortField] ?? 'e.id';
    const [rows, count] = await Promise.all([
      sqlRows<EpochRow>(this.db, `${EPOCH_SELECT} ${where} ORDER BY ${column} ${query.sortOrder}, e.id LIMIT $4 OFFSET $5`, [
        ids,
        status,
        mode,
        query.limit,
        query.offset,
      ]),
      sqlRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM epochs e ${where}`, [ids, status, mode]),
    ]);
    return { rows, total: count[0]!.n };
  }

  async myAllocations(annotatorId: number): Promise<MyAllocationRow[]> {
    return sqlRows<MyAllocationRow>(
      this.db,
      `SELECT e.id AS "epochId", e.mode, e.status, a.leaf_index AS "leafIndex", a.account, a.amount::text AS amount,
              e.expires_at AS "expiresAt", c.tx_hash AS "claimTxHash", a.voided_at IS NOT NULL AS voided
         FROM epoch_allocations a JOIN epochs e ON e.id = a.epoch_id
         LEFT JOIN claims c ON c.epoch_id = a.epoch_id AND c.leaf_index = a.leaf_index
        WHERE a.annotator_id = $1 ORDER BY e.id DESC`,
      [annotatorId],
    );
  }

  async myAllocation(annotatorId: number, epochId: number): Promise<MyAllocationRow | undefined> {
    return (await this.myAllocations(annotatorId)).find((a) => a.epochId === epochId);
  }

  /** Credited in all, allocated to epochs in all (voided allocations aside): what is still pending is the difference. */
  async myLedgerTotals(annotatorId: number): Promise<{ earned: bigint; allocated: bigint }> {
    const [row] = await sqlRows<{ earned: string; allocated: string }>(
      this.db,
      `SELECT (SELECT coalesce(sum(amount), 0)::text FROM ledger_entries WHERE annotator_id = $1) AS earned,
              (SELECT coalesce(sum(amount), 0)::text FROM epoch_allocations WHERE annotator_id = $1 AND voided_at IS NULL) AS allocated`,
      [annotatorId],
    );
    return { earned: BigInt(row!.earned), allocated: BigInt(row!.allocated) };
  }
}
