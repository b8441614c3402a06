import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource, openDatabase } from '../../src/database/data-source.js';
import { migrations } from '../../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('schema migrations', () => {
  it('entities and migrations agree: the schema builder finds nothing to change after migrating', async () => {
    const dataSource = await openDatabase({ url: database.url, poolSize: 2 });
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      const applied: Array<{ name: string }> = await dataSource.query('SELECT name FROM typeorm_migrations ORDER BY id');
      expect(applied.map((m) => m.name)).toEqual(migrations.map((M) => new M().name));
    } finally {
      await dataSource.destroy();
    }
  });

  it('applies at start idempotently and reverts cleanly', async () => {
    const again = await openDatabase({ url: database.url, poolSize: 2 });
    await again.destroy();
    const dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    try {
      expect(dataSource.options.synchronize).toBe(false);
      for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables: Array<{ table_name: string }> = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
      );
      expect(tables).toEqual([]);
      await dataSource.runMigrations({ transaction: 'each' });
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
