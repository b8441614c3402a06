import { AsyncResource } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
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

export class PgBossQueue implements QueuePort {
  private readonly logger = new Logger('Queue');
  private readonly created = new Set<string>();
  private declaring: Promise<void> = Promise.resolve();

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
    await this.boss.work<T>(
      queue,
      { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
      async (jobs) => handler(jobs.map((job) => ({ id: job.id, data: job.data }))),
    );
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
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
