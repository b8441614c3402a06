import { AsyncResource } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { errorMessage } from '../observability/domain/error-message.js';
import { withTimeout } from '../observability/domain/timeout.js';
import type { EnqueueOptions, QueueDepth, QueueJob, QueuePort, WorkOptions } from './queue.port.js';

/** pg-boss lets a job be inserted through the caller's own connection: here, its transaction. */
function inTransaction(manager: EntityManager): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await manager.queryRunner!.query(text, values as unknown[], true);
      return { rows: result.records as unknown[] as never[] };
    },
  };
}

/** The queue on the platform's own PostgreSQL (pg-boss 10, the last line for Node 20). */
/** PostgreSQL's deadlock_detected. */
const DEADLOCK = '40P01';
/** How long `close` lets the jobs in flight finish before it fails them (to be retried by another process). */
const CLOSE_GRACE_MS = 10_000;

/** Jobs fetched by this process and not yet recorded as completed or failed. */
interface Held {
  queue: string;
  ids: string[];
}

export class PgBossQueue implements QueuePort {
  private readonly logger = new Logger('Queue');
  private readonly created = new Set<string>();
  private declaring: Promise<void> = Promise.resolve();
  /** Set by `close`: the workers stop fetching, and their waits end at once. */
  private readonly closing = new AbortController();
  private readonly workers: Array<Promise<void>> = [];
  private readonly held = new Set<Held>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly runsJobs: boolean,
  ) {}

  /**
   * `jobTimeoutSeconds`: a job still active after this long belongs to a process that died (or hung);
   * it is failed and retried. Checked about four times per timeout.
   * `runsJobs` false (an API process): jobs are sent but never worked here, and pg-boss's maintenance
   * (expiring, retrying, archiving) is left to the processes that work them.
   */
  static async start(connectionString: string, jobTimeoutSeconds = 300, runsJobs = true): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString,
      expireInSeconds: jobTimeoutSeconds,
      maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.floor(jobTimeoutSeconds / 4))),
      schema: 'pgboss',
      max: 4,
      application_name: 'tessera-queue',
      retryLimit: 5,
      retryBackoff: true,
      retryDelay: 2,
      supervise: runsJobs,
    });
    const queue = new PgBossQueue(boss, runsJobs);
    // Bound to this (boot) context: an error surfaces on a connection opened while serving some request, not for it.
    boss.on(
      'error',
      AsyncResource.bind((error: Error) => queue.logger.error(`queue: ${error.message}`)),
    );
    await boss.start();
    return queue;
  }

  async declare(name: string, options: { onePerKey?: boolean } = {}): Promise<void> {
    if (this.created.has(name)) return;
    // Creating a queue attaches a partition to pg-boss's job table: two at once can deadlock, so
    // this process makes them one at a time, skips those that exist, and retries a deadlock (another
    // process booting on the same database at the same moment).
    const run = this.declaring.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          // "stately": one job per state (created, active) and singleton key.
          if (!(await this.boss.getQueue(name)))
            await this.boss.createQueue(name, { name, policy: options.onePerKey ? 'stately' : 'standard' });
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== DEADLOCK || attempt >= 5) throw error;
          this.logger.warn(`queue ${name}: creating it met a deadlock; trying again (${attempt})`);
        }
      }
    });
    this.declaring = run.catch(() => undefined);
    await run;
    this.created.add(name);
  }

  private async ensureQueue(name: string): Promise<void> {
    await this.declare(name);
  }

  async send<T extends object>(queue: string, data: T, options: EnqueueOptions = {}): Promise<string | null> {
    await this.ensureQueue(queue);
    const sendOptions: PgBoss.SendOptions = {};
    if (options.manager) {
      if (!options.manager.queryRunner) throw new Error('QueuePort.send: `manager` must belong to a transaction');
      sendOptions.db = inTransaction(options.manager);
    }
    if (options.singletonKey !== undefined) sendOptions.singletonKey = options.singletonKey;
    if (options.startAfterSeconds !== undefined) sendOptions.startAfter = options.startAfterSeconds;
    if (options.retryLimit !== undefined) sendOptions.retryLimit = options.retryLimit;
    if (options.jobTimeoutSeconds !== undefined) sendOptions.expireInSeconds = options.jobTimeoutSeconds;
    return this.boss.send(queue, data, sendOptions);
  }

  async work<T extends object>(
    queue: string,
    handler: (jobs: Array<QueueJob<T>>) => Promise<void>,
    options: WorkOptions = {},
  ): Promise<void> {
    await this.ensureQueue(queue);
    if (!this.runsJobs) return;
    this.workers.push(this.runWorker(queue, handler, options.batchSize ?? 1, (options.pollingIntervalSeconds ?? 1) * 1000));
  }

  /**
   * One worker's loop: fetch a batch, run the handler, record the outcome, until `close`. Not pg-boss's
   * own `work`: pg-boss 10 records a batch's outcome without waiting for it, so a connection lost at
   * that moment (PostgreSQL restarting while a job fails for that very reason) rejected with nobody
   * listening, and Node ended the process. Here nothing is left unawaited, the outcome is recorded
   * again until it lands, and the loop resumes once the database is back (pg-boss's `fetch` answers no
   * jobs while it is away). Never rejects.
   */
  private async runWorker<T extends object>(
    queue: string,
    handler: (jobs: Array<QueueJob<T>>) => Promise<void>,
    batchSize: number,
    intervalMs: number,
  ): Promise<void> {
    while (!this.closing.signal.aborted) {
      const jobs = await this.boss.fetch<T>(queue, { batchSize }).catch((error: unknown) => {
        this.logger.warn(`queue ${queue}: could not fetch jobs (${errorMessage(error)})`);
        return [];
      });
      if (jobs.length === 0) {
        await this.pause(intervalMs);
        continue;
      }
      const held: Held = { queue, ids: jobs.map((job) => job.id) };
      this.held.add(held);
      // (PostgreSQL's EXTRACT answers a numeric, which pg reads as a string.)
      const timeoutMs = Math.max(1, ...jobs.map((job) => Number(job.expireInSeconds))) * 1000;
      const expiresAt = Date.now() + timeoutMs;
      let failure: Error | undefined;
      try {
        // As pg-boss's worker: a handler still running after its jobs' timeout is given up on (its jobs fail, to be retried).
        await withTimeout(handler(jobs.map((job) => ({ id: job.id, data: job.data }))), timeoutMs);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
      await this.record(held, failure, intervalMs, expiresAt);
      this.held.delete(held);
    }
  }

  /**
   * Records the batch as completed (or failed with `failure`), trying again until it lands, the queue
   * closes or the jobs' timeout passes: from then on pg-boss's maintenance fails a job still active,
   * and it is retried.
   */
  private async record(held: Held, failure: Error | undefined, retryMs: number, expiresAt: number): Promise<void> {
    const outcome = failure ? 'failed' : 'completed';
    for (;;) {
      try {
        if (failure === undefined) await this.boss.complete(held.queue, held.ids);
        else await this.failJobs(held, failure);
        return;
      } catch (error) {
        const given = this.closing.signal.aborted || Date.now() >= expiresAt;
        this.logger.warn(
          `queue ${held.queue}: could not record ${held.ids.length} job(s) as ${outcome} (${errorMessage(error)}); ${given ? 'left to expire and be retried' : 'trying again'}`,
        );
        if (given) return;
        await this.pause(retryMs);
      }
    }
  }

  private async failJobs(held: Held, failure: Error): Promise<void> {
    // pg-boss takes several ids with the error to keep (its own worker passes them so); its types list one id only.
    const fail = this.boss.fail.bind(this.boss) as unknown as (queue: string, ids: string[], data: object) => Promise<unknown>;
    await fail(held.queue, held.ids, failure);
  }

  /** Waits `ms`, or less when the queue closes meanwhile. */
  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.closing.signal }).catch(() => undefined);
  }

  async depths(): Promise<QueueDepth[]> {
    // pg-boss's own getQueueSize, for every queue in one statement (jobs before `completed` are still to do).
    const result = await this.boss.getDb().executeSql(
      `SELECT name, count(*) FILTER (WHERE state < 'active')::int AS waiting, count(*) FILTER (WHERE state = 'active')::int AS active
           FROM pgboss.job WHERE state < 'completed' GROUP BY name`,
      [],
    );
    const rows = result.rows as Array<{ name: string; waiting: number; active: number }>;
    const depths = new Map<string, QueueDepth>([...this.created].map((queue) => [queue, { queue, waiting: 0, active: 0 }]));
    for (const row of rows) depths.set(row.name, { queue: row.name, waiting: row.waiting, active: row.active });
    return [...depths.values()];
  }

  async ping(): Promise<void> {
    await this.boss.getDb().executeSql('SELECT 1', []);
  }

  async close(): Promise<void> {
    this.closing.abort();
    // The jobs in flight finish, for up to CLOSE_GRACE_MS; those still running then are failed, so
    // that another process retries them now rather than after their timeout.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS);
    });
    const finished = await Promise.race([Promise.all(this.workers).then(() => 'done' as const), grace]);
    clearTimeout(timer);
    if (finished === 'late')
      for (const held of this.held) await this.failJobs(held, new Error('shut down while active')).catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: CLOSE_GRACE_MS });
  }
}
