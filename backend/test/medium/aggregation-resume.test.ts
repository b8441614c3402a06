import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const ITEMS = 40_000;
const LABELS_PER_ITEM = 5;

let database: TestDatabase;
let dataDir: string;
const processes: PlatformProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-resume-'));
});

afterAll(async () => {
  for (const p of processes) await p.kill();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<PlatformProcess> {
  const platform = await startPlatformProcess({
    DATABASE_URL: database.url,
    TESSERA_DATA_DIR: dataDir,
    AUTO_SUSPEND: 'false',
    // A job left active by a dead process is retried after this long.
    JOB_TIMEOUT_SECONDS: '3',
  });
  processes.push(platform);
  return platform;
}

async function count(client: pg.Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

describe('background aggregation after a crash', () => {
  it('a run killed halfway leaves no partial results, and the next process finishes it', async () => {
    // The first start applies the migrations; then 200k labels arrive while no aggregation runs.
    const first = await start();
    await first.kill('SIGTERM');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO projects (name, type, labels, overlap, max_overlap, lease_seconds, reward_per_label, status)
         VALUES ('Resume', 'classification', '["a","b","c","d","e"]', $1, $1, 600, 1, 'active') RETURNING id`,
        [LABELS_PER_ITEM],
      );
      const projectId = rows[0]!.id;
      await client.query(`INSERT INTO users (address) SELECT '0x' || lpad(to_hex(w), 40, '0') FROM generate_series(1, 50) w`);
      await client.query(
        `INSERT INTO items (project_id, data, overlap, taken) SELECT $1, jsonb_build_object('text', 'item ' || i), $2, $2
           FROM generate_series(1, $3) i`,
        [projectId, LABELS_PER_ITEM, ITEMS],
      );
      await client.query(
        `WITH slots AS (
           SELECT it.id AS item_id, k, u.id AS annotator_id
             FROM items it CROSS JOIN generate_series(0, $2 - 1) k
             JOIN users u ON u.id = (SELECT min(id) FROM users) + ((it.id + k * 7) % 50)
            WHERE it.project_id = $1
         ), assigned AS (
           INSERT INTO assignments (project_id, item_id, annotator_id, status, expires_at, closed_at)
           SELECT $1, item_id, annotator_id, 'submitted', now(), now() FROM slots
           RETURNING id, item_id, annotator_id
         )
         INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms)
         SELECT id, $1, item_id, annotator_id,
                jsonb_build_object('label', (ARRAY['a','b','c','d','e'])[1 + (item_id + CASE WHEN annotator_id % 5 = 0 THEN 1 ELSE 0 END) % 5]),
                3000
           FROM assigned`,
        [projectId, LABELS_PER_ITEM],
      );
      expect(await count(client, 'SELECT count(*)::int AS n FROM annotations WHERE project_id = $1', [projectId])).toBe(
        ITEMS * LABELS_PER_ITEM,
      );

      // On boot the platform finds the project unaggregated and starts on it: kill it mid-run.
      const crashing = await start();
      await crashing.waitForOutput(new RegExp(`project ${projectId}: aggregating`));
      await crashing.kill('SIGKILL');
      expect(crashing.output()).not.toMatch(new RegExp(`project ${projectId}: \\d+ items aggregated`));
      // The run's writes were one transaction: nothing of it is there.
      expect(await count(client, 'SELECT count(*)::int AS n FROM item_results WHERE project_id = $1', [projectId])).toBe(0);

      // The next process resumes the work: its own boot check, and the dead run's job once it times out.
      const resumed = await start();
      await resumed.waitForOutput(new RegExp(`project ${projectId}: ${ITEMS} items aggregated`), 60_000);
      expect(await count(client, 'SELECT count(*)::int AS n FROM item_results WHERE project_id = $1', [projectId])).toBe(ITEMS);
      expect(await count(client, 'SELECT count(*)::int AS n FROM worker_quality WHERE project_id = $1', [projectId])).toBe(50);
      const { rows: results } = await client.query<{ ok: number }>(
        `SELECT count(*)::int AS ok FROM item_results r JOIN items i ON i.id = r.item_id
          WHERE r.project_id = $1 AND r.result->>'label' = (ARRAY['a','b','c','d','e'])[1 + i.id % 5]`,
        [projectId],
      );
      expect(results[0]!.ok).toBe(ITEMS);
    } finally {
      await client.end();
    }
  }, 120_000);
});
