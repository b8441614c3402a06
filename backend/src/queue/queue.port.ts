import type { EntityManager } from 'typeorm';

/** Background work Tessera runs outside requests (aggregation, payouts, indexing, dataset builds). */
export interface QueueJob<T> {
  id: string;
  data: T;
}

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  manager?: EntityManager;
  /** With a queue declared `onePerKey`: at most one waiting job with this key. */
  singletonKey?: string;
  startAfterSeconds?: number;
  retryLimit?: number;
  /**
   * This job's own time after which, still running, it counts as abandoned and is retried: for jobs
   * that legitimately run longer than JOB_TIMEOUT_SECONDS.
   */
  jobTimeoutSeconds?: number;
}

export interface WorkOptions {
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

/** A queue's jobs now: waiting (created, or failed and due for a retry) and running. */
export interface QueueDepth {
  queue: string;
  waiting: number;
  active: number;
}

export interface QueuePort {
  /**
   * Creates the queue if needed. `onePerKey`: at most one waiting and one running job per
   * `singletonKey` (later sends with a waiting key are dropped) — e.g. one aggregation per project.
   */
  declare(queue: string, options?: { onePerKey?: boolean }): Promise<void>;
  /** The job's id, or null when a singleton job with the same key is already waiting. */
  send<T extends object>(queue: string, data: T, options?: EnqueueOptions): Promise<string | null>;
  /**
   * Runs `handler` for batches of jobs; a throw fails the batch, which is retried with backoff. In a
   * process that runs no jobs (TESSERA_ROLE=api) it registers nothing: the workers run them.
   */
  work<T extends object>(queue: string, handler: (jobs: Array<QueueJob<T>>) => Promise<void>, options?: WorkOptions): Promise<void>;
  /** Every queue this process declared or that holds jobs, with its depth (metrics). */
  depths(): Promise<QueueDepth[]>;
  /** Resolves once the queue's own connection to its store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const QUEUE_PORT = Symbol('QUEUE_PORT');
