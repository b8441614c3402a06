/**
 * `npm run migration:generate -- <Name>`: diffs the entities against a scratch database that has every
 * committed migration applied, and writes the difference as a new migration in `migrations/`.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.js';
import { EmbeddedDatabase } from './embedded-postgres.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../../..');
const migrationsDir = path.join(repoRoot, 'migrations');

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

function writeIndex(): void {
  const files = readdirSync(migrationsDir)
    .filter((file) => /^\d+-.+\.ts$/.test(file))
    .sort();
  const imports = files.map((file, i) => `import { Migration as M${i} } from './${file.replace(/\.ts$/, '.js')}';`);
  const body = [
    '// Written by `npm run migration:generate`: every migration, oldest first.',
    "import type { MigrationInterface } from 'typeorm';",
    ...imports,
    '',
    `export const migrations: Array<new () => MigrationInterface> = [${files.map((_, i) => `M${i}`).join(', ')}];`,
    '',
  ];
  writeFileSync(path.join(migrationsDir, 'index.ts'), body.join('\n'));
}

async function main(): Promise<void> {
  const name = (process.argv[2] ?? '').replace(/[^A-Za-z0-9]/g, '');
  if (name === '') throw new Error('usage: npm run migration:generate -- <Name>');
  const config = loadConfig(process.env, repoRoot);
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl = config.databaseUrl;
  if (adminUrl === undefined) {
    embedded = new EmbeddedDatabase({ dir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, database: 'postgres' });
    await embedded.start();
    adminUrl = embedded.url;
  }
  const scratch = `tessera_migration_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${scratch}`;
    const dataSource = createDataSource({ url: url.toString(), poolSize: 2 });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    await dataSource.destroy();
    if (sql.upQueries.length === 0) {
      console.log('No changes: entities and migrations agree.');
      return;
    }
    const timestamp = Date.now();
    const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`);
    const down = [...sql.downQueries].reverse().map((q) => `    await queryRunner.query(${quote(q.query)});`);
    const file = path.join(migrationsDir, `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      [
        "import type { MigrationInterface, QueryRunner } from 'typeorm';",
        '',
        `export class Migration implements MigrationInterface {`,
        `  name = '${name}${timestamp}';`,
        '',
        '  async up(queryRunner: QueryRunner): Promise<void> {',
        ...up,
        '  }',
        '',
        '  async down(queryRunner: QueryRunner): Promise<void> {',
        ...down,
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    writeIndex();
    console.log(`Wrote ${path.relative(repoRoot, file)} (${sql.upQueries.length} statements); review it before committing.`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await admin.end();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
