import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { LedgerRepository, type RemovedAnnotation } from './ledger.repository.js';
import { mapLedgerEntry, type LEDGER_FILTERS, type LedgerEntryDto } from './rewards.dto.js';

export type { AnnotationsRemovedHook, RemovedAnnotation } from './ledger.repository.js';

/** The ledger as the console and the other modules see it: its entries, and the reversal of deleted labels' rewards. */
@Injectable()
export class LedgerService {
  constructor(private readonly ledger: LedgerRepository) {}

  async list(query: ListQuery<(typeof LEDGER_FILTERS)[number]>): Promise<ListPage<LedgerEntryDto>> {
    const page = await this.ledger.list(query);
    return { rows: page.rows.map(mapLedgerEntry), total: page.total };
  }

  /**
   * Reverses, in the deleting transaction, whatever the removed annotations earned; for the modules
   * that delete annotations, items and projects (their delete runs it as its AnnotationsRemovedHook).
   */
  reverseRewardsOf(manager: EntityManager, removed: readonly RemovedAnnotation[], note: string): Promise<number> {
    return this.ledger.reverseRewardsOf(manager, removed, note);
  }
}
