import { Injectable } from '@nestjs/common';
import { parseTokens } from './domain/reward-math.js';
import { LedgerRepository } from './ledger.repository.js';

const REFRESH_MS = 5_000;

/**
 * Whether a project may hand out more work: its budget must cover what it credited, plus its rate for
 * every label not yet decided and every live lease. Read from the database every few seconds; in
 * between, each task handed out here counts as one more rate committed.
 */
@Injectable()
export class BudgetService {
  private readonly cache = new Map<number, { committed: bigint; at: number }>();

  constructor(private readonly ledger: LedgerRepository) {}

  /** Reserves one label's rate when the budget allows it; false when the budget is spent. */
  async reserve(projectId: number, budget: string | null, rate: string): Promise<boolean> {
    if (budget === null) return true;
    let entry = this.cache.get(projectId);
    if (!entry || Date.now() - entry.at >= REFRESH_MS) {
      entry = { committed: await this.ledger.committed(projectId), at: Date.now() };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(projectId, entry);
    }
    if (entry.committed >= parseTokens(budget)) return false;
    entry.committed += parseTokens(rate);
    return true;
  }
}
