import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PORT, type QueueJob, type QueuePort } from '../../src/queue/queue.port.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;
let queue: QueuePort;

beforeAll(async () => {
  platform = await startTestPlatform();
  queue = platform.tessera.app.get<QueuePort>(QUEUE_PORT);
});
afterAll(async () => {
  await platform?.close();
});

function waitFor<T>(check: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error('timed out'));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

describe('job queue (pg-boss on the same PostgreSQL)', () => {
  it('delivers a job to a worker', async () => {
    const seen: Array<QueueJob<{ n: number }>> = [];
    await queue.work<{ n: number }>(
      'test-deliver',
      (jobs) => {
        seen.push(...jobs);
        return Promise.resolve();
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = await queue.send('test-deliver', { n: 7 });
    const job = await waitFor(() => seen.find((j) => j.id === id));
    expect(job.data).toEqual({ n: 7 });
  });

  it('enqueues inside a transaction: a rollback leaves no job, a commit does', async () => {
    const seen: number[] = [];
    await queue.work<{ n: number }>(
      'test-tx',
      (jobs) => {
        seen.push(...jobs.map((j) => j.data.n));
        return Promise.resolve();
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const db = platform.tessera.dataSource;
    await expect(
      db.transaction(async (manager) => {
        await queue.send('test-tx', { n: 1 }, { manager });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await db.transaction(async (manager) => {
      await queue.send('test-tx', { n: 2 }, { manager });
    });
    await waitFor(() => (seen.includes(2) ? true : undefined));
    // The rolled-back job was never stored, so no worker can ever get it.
    const stored = await db.query<Array<{ data: { n: number } }>>(`SELECT data FROM pgboss.job WHERE name = 'test-tx'`);
    expect(stored.map((row) => row.data.n)).toEqual([2]);
    expect(seen).toEqual([2]);
  });

  it('retries a failed job until it succeeds', async () => {
    let attempts = 0;
    await queue.work<{ n: number }>(
      'test-retry',
      () => {
        attempts++;
        return attempts < 2 ? Promise.reject(new Error('transient')) : Promise.resolve();
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await queue.send('test-retry', { n: 1 }, { retryLimit: 3 });
    await waitFor(() => (attempts >= 2 ? true : undefined), 30_000);
    expect(attempts).toBe(2);
  });

  it('keeps one waiting job per singleton key on a queue declared onePerKey', async () => {
    await queue.declare('test-singleton', { onePerKey: true });
    const first = await queue.send('test-singleton', { n: 1 }, { singletonKey: 'project-1', startAfterSeconds: 60 });
    const second = await queue.send('test-singleton', { n: 2 }, { singletonKey: 'project-1', startAfterSeconds: 60 });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(await queue.send('test-singleton', { n: 3 }, { singletonKey: 'project-2', startAfterSeconds: 60 })).toEqual(expect.any(String));
  });
});
