import type { EnqueueOptions, QueueDepth, QueueJob, QueuePort, WorkOptions } from '../queue/queue.port.js';
import { currentLogContext, runInLogContext } from './log-context.js';
import { jobDuration } from './metrics.js';

/** The field of a job's data that carries the id of the request that enqueued it. */
export const REQUEST_ID_FIELD = '_requestId';

/**
 * The queue, observed: a job sent while serving a request carries that request's id in its data,
 * and runs with it (and its queue and job id) in its log context; each run's duration is measured
 * by queue and outcome. Handlers see their data exactly as it was sent.
 */
export class ObservedQueue implements QueuePort {
  constructor(private readonly inner: QueuePort) {}

  declare(queue: string, options?: { onePerKey?: boolean }): Promise<void> {
    return this.inner.declare(queue, options);
  }

  send<T extends object>(queue: string, data: T, options?: EnqueueOptions): Promise<string | null> {
    const requestId = currentLogContext()?.requestId;
    return this.inner.send(queue, requestId === undefined ? data : { ...data, [REQUEST_ID_FIELD]: requestId }, options);
  }

  work<T extends object>(queue: string, handler: (jobs: Array<QueueJob<T>>) => Promise<void>, options?: WorkOptions): Promise<void> {
    return this.inner.work<T & { [REQUEST_ID_FIELD]?: unknown }>(
      queue,
      async (jobs) => {
        const requestIds = [...new Set(jobs.map((job) => job.data[REQUEST_ID_FIELD]).filter((id) => typeof id === 'string'))];
        const context = {
          ...(requestIds.length > 0 ? { requestId: requestIds.join(',') } : {}),
          queue,
          jobId: jobs.map((job) => job.id).join(','),
        };
        const stop = jobDuration.startTimer({ queue });
        try {
          await runInLogContext(context, () => handler(jobs.map((job) => ({ id: job.id, data: withoutRequestId(job.data) }))));
          stop({ outcome: 'completed' });
        } catch (error) {
          stop({ outcome: 'failed' });
          throw error;
        }
      },
      options,
    );
  }

  depths(): Promise<QueueDepth[]> {
    return this.inner.depths();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

function withoutRequestId<T extends object>(data: T & { [REQUEST_ID_FIELD]?: unknown }): T {
  if (!(REQUEST_ID_FIELD in data)) return data;
  const { [REQUEST_ID_FIELD]: _carried, ...rest } = data;
  return rest as T;
}
