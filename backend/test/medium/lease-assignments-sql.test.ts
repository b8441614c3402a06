import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { textDigest } from '../../../migrations/repository-files.js';
import { openDatabase } from '../../src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const FROM_ROOT = 'backend/src/assignments/lease-assignments.sql';
const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = readFileSync(path.join(backendDir, 'src/assignments/lease-assignments.sql'), 'utf8');
/** The copy LeaseTasksFromFile reads (the lease statement as it was then, under its old name). */
const FROZEN = 'migrations/1796306817556-LeaseTasksFromFile.sql';
const frozen = readFileSync(path.join(backendDir, '..', FROZEN), 'utf8');

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  await (await openDatabase({ url: database.url, poolSize: 2 })).destroy();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function definition(): Promise<string> {
  const rows = await client.query<{ def: string }>(`SELECT pg_get_functiondef('lease_assignments'::regproc) AS def`);
  return rows.rows[0]!.def;
}

describe('lease_assignments and lease-assignments.sql', () => {
  it('the migrated database holds the function the file creates: signature, result, body', async () => {
    const migrated = await definition();
    await client.query('BEGIN');
    try {
      await client.query('DROP FUNCTION lease_assignments');
      await client.query(file);
      expect(migrated).toBe(await definition());
    } finally {
      await client.query('ROLLBACK');
    }
    // The body as the database keeps it is the file's, comments and all.
    const body = await client.query<{ prosrc: string }>(`SELECT prosrc FROM pg_proc WHERE proname = 'lease_assignments'`);
    expect(file).toContain(`AS $$${body.rows[0]!.prosrc}$$;`);
  });

  it('the file is the text the newest migration installing it was written for (a change needs a new migration)', () => {
    const installers = migrations
      .map((M) => ({ name: new M().name, installs: (M as { installs?: Readonly<Record<string, string>> }).installs ?? {} }))
      .filter((m) => FROM_ROOT in m.installs);
    const newest = installers.at(-1);
    expect(newest, `no migration installs ${FROM_ROOT}`).toBeDefined();
    expect(
      textDigest(file),
      `${FROM_ROOT} changed since ${newest!.name} installed it: add a migration that installs a copy of it (migrations/<timestamp>-<Name>.sql) and records its digest`,
    ).toBe(newest!.installs[FROM_ROOT]);
  });

  it('the compiled migrations (backend/dist, as the server and the Docker image run them) find the copy they read', async () => {
    const compiled = path.join(backendDir, 'dist/migrations/repository-files.js');
    const { readRepositoryFile } = (await import(compiled)) as { readRepositoryFile: (fromRoot: string, digest: string) => string };
    expect(readRepositoryFile(FROZEN, textDigest(frozen))).toBe(frozen);
    // A copy that is not the text its migration was written for is refused, not installed.
    expect(() => readRepositoryFile(FROZEN, textDigest(`${frozen}\n`))).toThrow(/not the text its migration was written for/);
  });

  it('the rename changed the name only: the body LeaseTasksFromFile installed is the file’s', () => {
    const body = (text: string): string => text.slice(text.indexOf('AS $$'));
    expect(frozen).toContain('CREATE FUNCTION lease_tasks(');
    expect(body(file)).toBe(body(frozen));
  });
});
