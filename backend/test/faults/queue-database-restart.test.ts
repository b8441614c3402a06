import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { PgBossQueue } from '../../src/queue/pg-boss.queue.js';
import { freePort } from '../support/free-port.js';
import { queryOnce } from '../support/sql.js';

/**
 * The job queue when PostgreSQL goes away at the worst moment: a job's handler has run (or failed,
 * because the database went away) and its outcome is to be recorded while the database is down.
 * pg-boss 10's own worker recorded it without waiting, so the rejection went unhandled and Node
 * ended the process (a platform process died this way in the faults tier). The outcome must be
 * recorded once the database is back, and the worker must go on with the next jobs.
 */
let workDir: string;
let database: EmbeddedDatabase;
let queue: PgBossQueue;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-queue-restart-'));
  database = new EmbeddedDatabase({ dir: path.join(workDir, 'pg'), port: await freePort(), database: 'tessera' });
  await database.start();
  queue = await PgBossQueue.start(database.url);
}, 120_000);

afterAll(async () => {
  await queue?.close();
  await database?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function jobState(queueName: string, id: string): Promise<string | undefined> {
  const rows = await queryOnce<{ state: string }>(database.url, 'SELECT state FROM pgboss.job WHERE name = $1 AND id = $2', [
    queueName,
    id,
  ]);
  return rows[0]?.state;
}

describe('the job queue across a PostgreSQL restart', () => {
  it('a job that finished while the database went down is recorded completed once it is back, and run once', async () => {
    const runs: number[] = [];
    let stopped = false;
    await queue.work<{ n: number }>(
      'restart-complete',
      async (jobs) => {
        for (const job of jobs) runs.push(job.data.n);
        if (!stopped) {
          stopped = true;
          await database.stop();
        }
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = (await queue.send('restart-complete', { n: 1 }))!;
    // The handler stopped the database before it returned: recording its outcome meets no database.
    await waitFor(() => runs.length === 1, 'the handler to run');
    await database.start();
    await waitFor(async () => (await jobState('restart-complete', id)) === 'completed', 'the job to be recorded completed');
    expect(runs).toEqual([1]);
    // The worker goes on.
    await queue.send('restart-complete', { n: 2 });
    await waitFor(() => runs.includes(2), 'the next job');
  });

  it('a job that failed because the database went down is recorded failed once it is back, then retried', async () => {
    let attempts = 0;
    await queue.work<{ n: number }>(
      'restart-fail',
      async () => {
        attempts++;
        if (attempts === 1) {
          await database.stop();
          throw new Error('the database went away');
        }
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = (await queue.send('restart-fail', { n: 1 }, { retryLimit: 3 }))!;
    await waitFor(() => attempts === 1, 'the first attempt');
    await database.start();
    await waitFor(async () => (await jobState('restart-fail', id)) === 'completed', 'the retried job to complete');
    // Recorded failed, not left active until its timeout (minutes): retried at once, and only once.
    expect(attempts).toBe(2);
  });
});
