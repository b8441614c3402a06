import { describe, expect, it } from 'vitest';
import type { EnqueueOptions, QueueDepth, QueueJob, QueuePort } from '../queue/queue.port.js';
import { currentLogContext, runInLogContext, type LogContext } from './log-context.js';
import { jobDuration } from './metrics.js';
import { ObservedQueue, REQUEST_ID_FIELD } from './observed-queue.js';

/** Jobs kept in memory and run when `drain` is called, as a worker would pick them up. */
class MemoryQueue implements QueuePort {
  readonly sent: Array<{ queue: string; data: object }> = [];
  private readonly handlers = new Map<string, (jobs: Array<QueueJob<object>>) => Promise<void>>();

  declare(): Promise<void> {
    return Promise.resolve();
  }

  send<T extends object>(queue: string, data: T, _options?: EnqueueOptions): Promise<string | null> {
    this.sent.push({ queue, data });
    return Promise.resolve(String(this.sent.length));
  }

  work<T extends object>(queue: string, handler: (jobs: Array<QueueJob<T>>) => Promise<void>): Promise<void> {
    this.handlers.set(queue, handler as (jobs: Array<QueueJob<object>>) => Promise<void>);
    return Promise.resolve();
  }

  async drain(): Promise<void> {
    // Outside any request: what runs the handler must bring the context itself.
    const jobs = this.sent.splice(0);
    for (const [index, job] of jobs.entries()) await this.handlers.get(job.queue)!([{ id: `job-${index}`, data: job.data }]);
  }

  depths(): Promise<QueueDepth[]> {
    return Promise.resolve([]);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

async function durationCount(queue: string, outcome: string): Promise<number> {
  const metric = await jobDuration.get();
  return (
    metric.values.find(
      (v) => v.metricName === 'tessera_job_duration_seconds_count' && v.labels['queue'] === queue && v.labels['outcome'] === outcome,
    )?.value ?? 0
  );
}

describe('ObservedQueue', () => {
  it("carries the enqueuing request's id into the job's log context, and hands the handler its data as sent", async () => {
    const memory = new MemoryQueue();
    const queue = new ObservedQueue(memory);
    const seen: Array<{ data: object; context: LogContext | undefined }> = [];
    await queue.work<{ projectId: number }>('quality.aggregate', async (jobs) => {
      await Promise.resolve();
      for (const job of jobs) seen.push({ data: job.data, context: currentLogContext() });
    });
    await runInLogContext({ requestId: 'req-7' }, () => queue.send('quality.aggregate', { projectId: 3 }));
    await queue.send('quality.aggregate', { projectId: 4 });
    expect(memory.sent.map((job) => job.data)).toEqual([{ projectId: 3, [REQUEST_ID_FIELD]: 'req-7' }, { projectId: 4 }]);
    await memory.drain();
    expect(seen).toEqual([
      { data: { projectId: 3 }, context: { requestId: 'req-7', queue: 'quality.aggregate', jobId: 'job-0' } },
      { data: { projectId: 4 }, context: { queue: 'quality.aggregate', jobId: 'job-1' } },
    ]);
  });

  it("keeps the id across a job's own follow-up jobs", async () => {
    const memory = new MemoryQueue();
    const queue = new ObservedQueue(memory);
    await queue.work<{ step: number }>('chain', async (jobs) => {
      for (const job of jobs) if (job.data.step < 2) await queue.send('chain', { step: job.data.step + 1 });
    });
    await runInLogContext({ requestId: 'req-8' }, () => queue.send('chain', { step: 1 }));
    await memory.drain();
    expect(memory.sent).toEqual([{ queue: 'chain', data: { step: 2, [REQUEST_ID_FIELD]: 'req-8' } }]);
  });

  it('measures each run by queue and outcome, and lets a failure through for the retry', async () => {
    const memory = new MemoryQueue();
    const queue = new ObservedQueue(memory);
    const before = { completed: await durationCount('spec.q', 'completed'), failed: await durationCount('spec.q', 'failed') };
    await queue.work<{ fail: boolean }>('spec.q', async (jobs) => {
      await Promise.resolve();
      if (jobs.some((job) => job.data.fail)) throw new Error('job failed');
    });
    await queue.send('spec.q', { fail: false });
    await memory.drain();
    await queue.send('spec.q', { fail: true });
    await expect(memory.drain()).rejects.toThrow('job failed');
    expect(await durationCount('spec.q', 'completed')).toBe(before.completed + 1);
    expect(await durationCount('spec.q', 'failed')).toBe(before.failed + 1);
  });

  it('keeps the context through timers the job waits on', async () => {
    const memory = new MemoryQueue();
    const queue = new ObservedQueue(memory);
    let context: LogContext | undefined;
    await queue.work('q', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      context = currentLogContext();
    });
    await runInLogContext({ requestId: 'req-9' }, () => queue.send('q', {}));
    await memory.drain();
    expect(context?.requestId).toBe('req-9');
  });
});
