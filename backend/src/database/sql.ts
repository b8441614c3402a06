import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs one SQL statement and returns its rows. Repositories use this for their hand-written SQL:
 * TypeORM's `query()` answers UPDATE and DELETE with `[rows, count]`, and outside a transaction the
 * driver's pool is called directly, which keeps the labeling hot path to one round trip.
 */
export async function sqlRows<T>(db: DataSource | EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  if (db instanceof DataSource) {
    const pool = (db.driver as unknown as { master: pg.Pool }).master;
    const result = await pool.query(text, params);
    return result.rows as T[];
  }
  if (!db.queryRunner) return sqlRows<T>(db.connection, text, params);
  const result = await db.queryRunner.query(text, params, true);
  return result.records as T[];
}
