import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { aggregateProject, type ProjectDecision, type ProjectLabels } from './domain/project-aggregation.js';
import { QualityError, type QualityErrorCode } from './domain/quality-error.js';

type Reply = { ok: true; value: ProjectDecision } | { ok: false; error: string; code?: QualityErrorCode };

/**
 * Aggregation in a worker thread (one at a time), so the server keeps answering while a large
 * project is computed. Where the compiled worker is not there (TypeScript sources under test), the
 * same function runs inline.
 */
export class AggregationRunner {
  private worker: Worker | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly workerFile = fileURLToPath(new URL('./aggregation.worker.js', import.meta.url));

  async run(input: ProjectLabels): Promise<ProjectDecision> {
    if (!existsSync(this.workerFile)) return aggregateProject(input);
    const next = this.tail.then(() => this.inWorker(input));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private inWorker(input: ProjectLabels): Promise<ProjectDecision> {
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Reply): void => {
        cleanup();
        if (reply.ok) resolve(reply.value);
        else reject(reply.code ? new QualityError(reply.code, reply.error) : new Error(reply.error));
      };
      const onError = (error: Error): void => {
        cleanup();
        this.worker = undefined;
        reject(error);
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(input);
    });
  }

  private start(): Worker {
    const worker = new Worker(this.workerFile);
    worker.unref();
    return worker;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
