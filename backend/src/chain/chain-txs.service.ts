import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { mapPayoutTx, type CHAIN_TX_FILTERS, type PayoutTxDto } from './chain-tx.dto.js';
import type { ChainTxEntity } from './chain-tx.entity.js';
import { ChainTxsRepository } from './chain-txs.repository.js';

/** A recorded transaction as other modules see it: where it stands, never its signed bytes. */
export type ChainTxRecord = Readonly<Pick<ChainTxEntity, 'id' | 'purpose' | 'status' | 'hash' | 'error' | 'attempts'>>;

/**
 * The platform's recorded transactions, for the modules that asked for them: look-ups by purpose,
 * the admin listing, and the intents of a purpose cancelled or counted inside the caller's transaction
 * (the outbox itself sends them; see OutboxService).
 */
@Injectable()
export class ChainTxsService {
  constructor(private readonly txs: ChainTxsRepository) {}

  async list(query: ListQuery<(typeof CHAIN_TX_FILTERS)[number]>): Promise<ListPage<PayoutTxDto>> {
    const page = await this.txs.list(query);
    const versions = await this.txs.versionCounts(page.rows.map((t) => t.id));
    return { rows: page.rows.map((t) => mapPayoutTx(t, versions.get(t.id) ?? 0)), total: page.total };
  }

  byPurpose(purpose: string): Promise<ChainTxRecord | null> {
    return this.txs.byPurpose(purpose);
  }

  /** Cancels the intents (never signed) whose purpose starts with `prefix`: they will never be sent. */
  cancelIntents(manager: EntityManager, prefix: string): Promise<number> {
    return this.txs.cancelIntents(manager, prefix);
  }

  /** Signed and unsettled transactions whose purpose starts with `prefix`: any could still be mined. */
  countInFlight(manager: EntityManager, prefix: string): Promise<number> {
    return this.txs.countInFlight(manager, prefix);
  }

  /** Whether any transaction whose purpose starts with `prefix` is not confirmed (yet, or at all). */
  anyUnconfirmed(manager: EntityManager, prefix: string): Promise<boolean> {
    return this.txs.anyUnconfirmed(manager, prefix);
  }
}
