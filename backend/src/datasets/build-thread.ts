import { Worker } from 'node:worker_threads';
import type { DatasetMeta, DatasetSchema, FieldType } from './domain/dataset-record.js';
import type { Datasheet, DatasheetContext } from './domain/datasheet.js';
import { poolable } from './export/page-buffers.js';

/** What the build thread (dataset-build.thread.ts) is asked to do. */
export type BuildThreadTask = { connectionUrl: string; versionId: number; synthetic: boolean } & (
  | {
      kind: 'describe';
      projectType: DatasheetContext['projectType'];
      /** The datasheet's context, the annotators' trust as [annotatorId, trust] pairs. */
      context: Omit<DatasheetContext, 'trust'> & { trust: Array<[number, number]> };
    }
  | { kind: 'export'; schema: DatasetSchema; meta: DatasetMeta; positions: number[] }
);

/** One format's bytes for a page (in the file's order), or why the format failed. */
export type EncodedFile = { position: number; pieces: Uint8Array[] } | { position: number; error: string };

/** What the thread says, in order. */
export type BuildThreadMessage =
  | { type: 'progress'; records: number }
  | { type: 'described'; fields: Array<{ name: string; type: FieldType }>; datasheet: Datasheet }
  /** A page of records encoded (records 0: the bytes after the last record); answered once stored. */
  | { type: 'page'; records: number; files: EncodedFile[] }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** What the main thread tells a build thread: a page is stored, or a page's buffer comes back to be used again. */
export type ToBuildThread = { type: 'stored' } | { type: 'buffer'; buffer: ArrayBuffer };

/** What a message's handler may do with the thread. */
export interface BuildThreadHandle {
  /**
   * Sends a page's piece back to be used for another page, once its bytes are no longer needed (its
   * buffer is transferred: every view of it here becomes empty). Ignores what is not a pool's.
   */
  giveBack(piece: Uint8Array): void;
}

/** A build thread's heap caps (Worker resourceLimits; none given: V8's own limits, as the main thread has). */
export interface ThreadHeap {
  maxOldGenerationSizeMb?: number;
  maxYoungGenerationSizeMb?: number;
}

/**
 * The caps a step starts with. The thread holds at most two pages of records and what the formats
 * keep between pages, of which a Parquet row group's values are the most (16 MiB of characters:
 * 16 MiB as one-byte strings). The old generation's cap is twice that, room for the group, the
 * pages of records of ordinary size and the garbage between two collections; the young generation
 * is a page or two of allocation. V8 grows a heap to several times its live size before a full
 * collection, so a larger cap only holds more garbage.
 */
export const THREAD_HEAP: ThreadHeap = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 };

/**
 * The caps a step runs again with when its records did not fit (long texts in two-byte strings,
 * large records: a page of 1,000 items of MAX_ITEM_BYTES, 256 KiB by default, is 256 MB, and two are
 * held): none, V8's own limits, the room the build had on the main thread before it had a thread.
 */
export const ROOMY_THREAD_HEAP: ThreadHeap = {};

/** Whether a build thread died because its heap reached its cap. */
export function outOfHeap(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** Build threads running, ended when the application stops. */
const running = new Set<Worker>();

/**
 * Runs a task on a build thread, handing each of its messages to `handle` in order (the next one
 * waits until the last is handled); a page is acknowledged to the thread once handled. Resolves
 * once the thread is done; rejects with its failure, or if it dies (out of heap: `outOfHeap`, terminated).
 */
export function runBuildThread(
  task: BuildThreadTask,
  heap: ThreadHeap,
  handle: (message: BuildThreadMessage, thread: BuildThreadHandle) => Promise<void> | void,
): Promise<void> {
  const worker = startThread(task, heap);
  running.add(worker);
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const thread: BuildThreadHandle = {
      giveBack(piece) {
        if (settled || !poolable(piece)) return;
        worker.postMessage({ type: 'buffer', buffer: piece.buffer } satisfies ToBuildThread, [piece.buffer]);
      },
    };
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      running.delete(worker);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    let handled = Promise.resolve();
    worker.on('message', (message: BuildThreadMessage) => {
      handled = handled
        .then(async () => {
          if (settled) return;
          if (message.type === 'done') return settle();
          if (message.type === 'failed') return settle(new Error(message.message));
          await handle(message, thread);
          if (message.type === 'page') worker.postMessage({ type: 'stored' } satisfies ToBuildThread);
        })
        .catch((error: unknown) => settle(error instanceof Error ? error : new Error(String(error))));
    });
    worker.on('error', (error) => settle(error));
    // After the messages it sent before it stopped have been handled (a thread that is done may exit first).
    worker.on('exit', (code) => {
      handled = handled.then(() => settle(new Error(`the dataset build thread stopped (exit code ${code})`)));
    });
  });
}

/** Ends every running build thread (their builds fail, to be resumed at the next start). */
export async function stopBuildThreads(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.terminate()));
}

function startThread(task: BuildThreadTask, heap: ThreadHeap): Worker {
  const options = { workerData: task, resourceLimits: heap };
  // Compiled, the thread is a .js file beside this one; run from the TypeScript sources (the
  // tests), it is loaded through tsx's loader, registered in the thread.
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./dataset-build.thread.js', import.meta.url), options);
  // (tsx, a dev dependency, is found from the working directory, which is in the repository then).
  const entry = new URL('./dataset-build.thread.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
    ...options,
    eval: true,
  });
}
