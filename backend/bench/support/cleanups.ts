import { log } from './log.js';

const cleanups: Array<() => Promise<void>> = [];

/** Registers what undoes a step (stop a server, drop a database); run last-in, first-out. */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

/** Runs every registered cleanup, newest first; one that fails does not stop the others. */
export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (error) {
      log(`cleanup failed: ${String(error)}`);
    }
  }
}
