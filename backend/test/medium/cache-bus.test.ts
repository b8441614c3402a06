import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CACHE_CHANNEL, CacheBus } from '../../src/cache/cache-bus.js';
import { TtlCache } from '../../src/cache/ttl-cache.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Two processes' worth of the same caches on one database, as two API processes hold them. */
describe('CacheBus (LISTEN/NOTIFY between processes)', () => {
  let database: TestDatabase;
  let one: CacheBus;
  let two: CacheBus;
  const cache = () => new TtlCache<number, string>({ maxEntries: 100, ttlMs: Infinity });
  const suspensionsOne = cache();
  const suspensionsTwo = cache();
  const rolesOne = new TtlCache<string, string>({ maxEntries: 100, ttlMs: Infinity });
  const rolesTwo = new TtlCache<string, string>({ maxEntries: 100, ttlMs: Infinity });

  beforeAll(async () => {
    database = await createTestDatabase();
    one = new CacheBus(database.url);
    two = new CacheBus(database.url);
    one.attach('suspensions', suspensionsOne);
    two.attach('suspensions', suspensionsTwo);
    one.attach('roles', rolesOne);
    two.attach('roles', rolesTwo);
    await Promise.all([one.onModuleInit(), two.onModuleInit()]);
  });

  afterAll(async () => {
    await one?.onApplicationShutdown();
    await two?.onApplicationShutdown();
    await database?.drop();
  });

  it('a delete in one process makes the other forget that key, and only that key', async () => {
    for (const c of [suspensionsOne, suspensionsTwo]) {
      c.set(7, 'not suspended');
      c.set(8, 'not suspended');
    }
    suspensionsOne.delete(7);
    await vi.waitFor(() => expect(suspensionsTwo.get(7)).toBeUndefined());
    expect(suspensionsTwo.get(8)).toBe('not suspended');
    // The sender applied its own change already and does not forget again on its own echo.
    expect(suspensionsOne.get(8)).toBe('not suspended');
  });

  it('a clear travels as "forget everything", keys of other types keep their type, other caches are untouched', async () => {
    rolesTwo.set('0xabc', 'admin');
    rolesTwo.set('0xdef', 'annotator');
    suspensionsTwo.set(9, 'not suspended');
    rolesOne.delete('0xabc');
    await vi.waitFor(() => expect(rolesTwo.get('0xabc')).toBeUndefined());
    expect(rolesTwo.get('0xdef')).toBe('annotator');
    rolesOne.clear();
    await vi.waitFor(() => expect(rolesTwo.get('0xdef')).toBeUndefined());
    expect(suspensionsTwo.get(9)).toBe('not suspended');
  });

  it('a load that overlapped a remote invalidation is answered but not kept', async () => {
    let release!: (value: string) => void;
    const loading = suspensionsTwo.getOrLoad(42, () => new Promise<string>((resolve) => (release = resolve)));
    const before = two.received;
    suspensionsOne.delete(42);
    await vi.waitFor(() => expect(two.received).toBeGreaterThan(before));
    release('stale');
    await expect(loading).resolves.toBe('stale');
    expect(suspensionsTwo.get(42)).toBeUndefined();
  });

  it('after its listening connection is cut, a process forgets everything, listens again and hears the next change', async () => {
    suspensionsTwo.set(1, 'not suspended');
    suspensionsTwo.set(2, 'not suspended');
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // Cut every listening connection of this database (both processes' listeners).
      const cut = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
        [`LISTEN ${CACHE_CHANNEL}`],
      );
      expect(cut.rowCount).toBeGreaterThan(0);
      await vi.waitFor(() => expect(suspensionsTwo.get(1)).toBeUndefined());
      await vi.waitFor(
        async () => {
          const listeners = await admin.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
            [`LISTEN ${CACHE_CHANNEL}`],
          );
          expect(listeners.rows[0].n).toBe(2);
        },
        { timeout: 15_000, interval: 50 },
      );
    } finally {
      await admin.end();
    }
    suspensionsTwo.set(3, 'not suspended');
    suspensionsOne.delete(3);
    await vi.waitFor(() => expect(suspensionsTwo.get(3)).toBeUndefined());
  });
});
