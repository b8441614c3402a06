import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ProjectType } from '../projects/domain/label-schema.js';
import { trustOf } from '../quality/domain/trust.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import { creditEntries, type CreditEntry } from './domain/crediting.js';
import { parseTokens } from './domain/reward-math.js';
import { CREDIT_QUEUE } from './credit-queue.js';
import { LedgerRepository } from './ledger.repository.js';

/**
 * Turns the quality engine's decisions into ledger entries: credits accepted labels, reverses
 * credited ones that stopped counting. Idempotent (it appends only differences), so a retried or
 * duplicated job changes nothing.
 */
@Injectable()
export class CreditService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CreditService.name);

  constructor(
    private readonly ledger: LedgerRepository,
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.declare(CREDIT_QUEUE, { onePerKey: true });
    await this.queue.work<{ projectId: number }>(
      CREDIT_QUEUE,
      async (jobs) => {
        for (const job of jobs) await this.credit(job.data.projectId);
      },
      { pollingIntervalSeconds: 1 },
    );
  }

  async credit(projectId: number): Promise<CreditEntry[]> {
    const trust = new Map<number, number>();
    const entries = await this.ledger.credit(projectId, (context) => {
      for (const w of context.workers) trust.set(w.annotatorId, trustOf(w));
      const rate = parseTokens(context.rate);
      return creditEntries({
        type: context.type as ProjectType,
        rate,
        ...(context.budget !== null ? { budgetLeft: parseTokens(context.budget) - context.spent } : {}),
        labels: context.labels,
        settled: context.settled,
        eligible: context.eligible,
        trust,
      });
    });
    if (entries.length > 0) this.logger.log(`project ${projectId}: ${entries.length} ledger entries appended`);
    return entries;
  }
}
