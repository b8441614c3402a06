import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RemovedAnnotation } from '../annotations/domain/removed-annotation.js';
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
  /** Per project, when the next run may start (paced by the last run's duration). */
  private readonly notBefore = new Map<number, number>();

  constructor(
    private readonly ledger: LedgerRepository,
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.declare(CREDIT_QUEUE, { onePerKey: true });
    await this.queue.work<{ projectId: number }>(
      CREDIT_QUEUE,
      async (jobs) => {
        for (const job of jobs) {
          const wait = (this.notBefore.get(job.data.projectId) ?? 0) - Date.now();
          if (wait > 0) {
            // Too soon after the last run: run later instead (one waiting job per project).
            await this.queue.send(CREDIT_QUEUE, job.data, {
              singletonKey: String(job.data.projectId),
              startAfterSeconds: Math.ceil(wait / 1000),
            });
            continue;
          }
          await this.credit(job.data.projectId);
        }
      },
      { pollingIntervalSeconds: 1 },
    );
  }

  /** Asks for a crediting run of the project soon (at most one waiting per project). */
  async schedule(projectId: number): Promise<void> {
    await this.queue.send(CREDIT_QUEUE, { projectId }, { singletonKey: String(projectId) });
  }

  /** Reverses whatever the removed annotations earned, in the transaction that removed them. */
  reverseRewardsOf(manager: EntityManager, removed: readonly RemovedAnnotation[], note: string): Promise<number> {
    return this.ledger.reverseRewardsOf(manager, removed, note);
  }

  async credit(projectId: number): Promise<CreditEntry[]> {
    const started = Date.now();
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
    const ms = Date.now() - started;
    // Like aggregation, crediting a big project takes at most ~3% of the time: the next run waits.
    this.notBefore.set(projectId, Date.now() + Math.max(2_000, ms * 30));
    if (entries.length > 0) this.logger.log(`project ${projectId}: ${entries.length} ledger entries appended in ${ms} ms`);
    return entries;
  }
}
