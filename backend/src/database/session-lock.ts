import type { DataSource } from 'typeorm';

/** First key of the advisory locks taken here (the second is the lock's name, hashed). */
const BOOT_LOCK_SPACE = 7243553;

/**
 * Runs `work` holding a session-level advisory lock named `name`, on a connection of its own, waiting
 * for it when another process holds it: for the one-time work of a boot (deploying contracts and
 * recording their addresses) that several processes starting at once on one database must do once.
 */
export async function withBootLock<T>(db: DataSource, name: string, work: () => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [BOOT_LOCK_SPACE, name]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [BOOT_LOCK_SPACE, name]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
