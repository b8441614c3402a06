import { Logger } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { entities } from './entities.js';

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  applicationName?: string;
}

/** The one DataSource shape used by the app, the tests and the migration generator. Never `synchronize`. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: {
      max: options.poolSize,
      application_name: options.applicationName ?? 'tessera',
      idleTimeoutMillis: 30_000,
    },
  });
}

/** Opens the DataSource and applies pending migrations, serialised across instances by an advisory lock. */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  // A server restart drops idle connections with an error; the pool replaces them, so log it only.
  (dataSource.driver as unknown as { master: pg.Pool }).master.on('error', (error) => {
    new Logger('Database').warn(`idle connection lost: ${error.message}`);
  });
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(7243551)');
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(7243551)').catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
