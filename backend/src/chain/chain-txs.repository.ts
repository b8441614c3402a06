import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import { ChainTxEntity } from './chain-tx.entity.js';

export const CHAIN_TX_FILTERS = ['id', 'status', 'q'] as const;
export const CHAIN_TX_SORTS = ['id', 'createdAt', 'updatedAt', 'status'] as const;

export interface ChainTxIntent {
  purpose: string;
  to: string;
  data: string;
}

@Injectable()
export class ChainTxsRepository {
  constructor(private readonly db: DataSource) {}

  /** Records transactions to send, in order, in the caller's transaction; an intent already recorded is kept as is. */
  async addIntents(manager: EntityManager, chainId: number, intents: readonly ChainTxIntent[]): Promise<void> {
    for (const intent of intents) {
      await sqlRows(
        manager,
        `INSERT INTO chain_txs (purpose, chain_id, "to", data) VALUES ($1, $2, $3, $4) ON CONFLICT (purpose) DO NOTHING`,
        [intent.purpose, chainId, intent.to, intent.data],
      );
    }
  }

  /** The oldest transaction not yet settled: the outbox sends strictly in order. */
  async nextPending(chainId: number): Promise<ChainTxEntity | null> {
    return this.db
      .getRepository(ChainTxEntity)
      .createQueryBuilder('t')
      .where("t.status IN ('intent', 'signed') AND t.chainId = :chainId", { chainId })
      .orderBy('t.id', 'ASC')
      .getOne();
  }

  /** Stores the signed transaction before it is broadcast. */
  async markSigned(id: number, nonce: number, rawTx: string, hash: string): Promise<void> {
    await sqlRows(this.db, `UPDATE chain_txs SET status = 'signed', nonce = $2, raw_tx = $3, hash = $4, updated_at = now() WHERE id = $1`, [
      id,
      nonce,
      rawTx,
      hash,
    ]);
  }

  async markSettled(
    manager: EntityManager,
    id: number,
    outcome: { status: 'confirmed' | 'failed'; blockNumber: number | null; gasUsed: number | null; error?: string },
  ): Promise<void> {
    await sqlRows(
      manager,
      `UPDATE chain_txs SET status = $2, block_number = $3, gas_used = $4, error = $5, updated_at = now() WHERE id = $1`,
      [id, outcome.status, outcome.blockNumber, outcome.gasUsed, outcome.error ?? null],
    );
  }

  async byPurpose(purpose: string): Promise<ChainTxEntity | null> {
    return this.db.getRepository(ChainTxEntity).findOneBy({ purpose });
  }

  async list(query: ListQuery<(typeof CHAIN_TX_FILTERS)[number]>): Promise<ListPage<ChainTxEntity>> {
    const qb = this.db.getRepository(ChainTxEntity).createQueryBuilder('t');
    const ids = idList(query.filter.id, 'id');
    if (ids) qb.andWhere('t.id = ANY(:ids)', { ids });
    if (typeof query.filter.status === 'string') qb.andWhere('t.status = :status', { status: query.filter.status });
    // LIKE's own characters are dropped, as the other searches do (a trailing backslash is an error in PostgreSQL).
    if (typeof query.filter.q === 'string' && query.filter.q !== '') {
      qb.andWhere('t.purpose ILIKE :q', { q: `%${query.filter.q.replace(/[%_\\]/g, '')}%` });
    }
    qb.orderBy(`t.${query.sortField}`, query.sortOrder).addOrderBy('t.id', 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }
}
