import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written while serving a request, or while running a job a request enqueued,
 * carries: the request's id, and for a job its queue and id.
 */
export interface LogContext {
  readonly requestId?: string;
  readonly queue?: string;
  readonly jobId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** The context of the code running now (through every await since it was entered); undefined outside requests and jobs. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts) in `context`. */
export function runInLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}
