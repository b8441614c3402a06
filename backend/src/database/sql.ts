import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs one SQL statement and returns its rows. Repositories use this for their hand-written SQL:
 * TypeORM's `query()` answers UPDATE and DELETE with `[rows, count]`, and outside a transaction the
 * driver's pool is called directly, which keeps the labeling hot path to one round trip.
 * `name` makes it a prepared statement, parsed and planned once per connection.
 */
export async function sqlRows<T>(db: DataSource | EntityManager, text: string, params: unknown[] = [], name?: string): Promise<T[]> {
  if (db instanceof DataSource) {
    const pool = (db.driver as unknown as { master: pg.Pool }).master;
    const result = await pool.query(name ? { name, text, values: params } : { text, values: params });
    return result.rows as T[];
  }
  if (!db.queryRunner) return sqlRows<T>(db.connection, text, params, name);
  const result = await db.queryRunner.query(text, params, true);
  return result.records as T[];
}
