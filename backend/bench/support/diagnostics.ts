/**
 * BENCH_DIAG and BENCH_SERVER_CPU_PROF: what the server's database connections do while labeling,
 * the plans of the statements it runs most, the state of the hot tables, and a V8 CPU profile of
 * the server.
 */
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { fmt, oneLine } from './format.js';
import { log } from './log.js';

export interface ActivityShare {
  /** A wait state, or a statement's full text. */
  query: string;
  samples: number;
  share: number;
}

/** Shares of the samples: by connection state and wait event, and by statement among the active ones. */
export interface Activity {
  waits: ActivityShare[];
  statements: ActivityShare[];
}

/** BENCH_DIAG: what the server's database connections are doing, sampled every 100 ms. */
export async function sampleActivity(pgUrl: string, until: () => boolean): Promise<Activity> {
  const client = new pg.Client({ connectionString: pgUrl, application_name: 'tessera-bench-diag' });
  client.on('error', (error) => log(`diagnostics pg client: ${String(error)}`));
  await client.connect();
  const waits = new Map<string, number>();
  const statements = new Map<string, number>();
  let total = 0;
  let active = 0;
  try {
    while (!until()) {
      const { rows } = await client.query<{ state: string | null; wait: string; query: string }>(
        `SELECT state, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait, query
           FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
            AND application_name NOT LIKE 'tessera-bench%'`,
      );
      for (const row of rows) {
        const key = row.state === 'active' ? `active ${row.wait}` : (row.state ?? 'unknown');
        waits.set(key, (waits.get(key) ?? 0) + 1);
        total++;
        if (row.state === 'active') {
          statements.set(row.query, (statements.get(row.query) ?? 0) + 1);
          active++;
        }
      }
      await sleep(100);
    }
  } finally {
    await client.end();
  }
  const shares = (map: Map<string, number>, of: number): ActivityShare[] =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).map(([query, samples]) => ({ query, samples, share: of ? samples / of : 0 }));
  return { waits: shares(waits, total), statements: shares(statements, active) };
}

/**
 * BENCH_DIAG: the statements the server ran most while labeling (sampled from pg_stat_activity, so
 * nothing here copies the server's SQL), shown with EXPLAIN (GENERIC_PLAN), which plans without
 * executing; and the state of the hot tables.
 */
export async function explainStatements(client: pg.Client, statements: readonly ActivityShare[]): Promise<string[]> {
  const out: string[] = [];
  for (const statement of statements.filter((st) => /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i.test(st.query)).slice(0, 4)) {
    out.push(`  ${fmt(statement.share * 100)}% of active samples: ${oneLine(statement.query, 110)}`);
    try {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (GENERIC_PLAN, COSTS OFF) ${statement.query}`);
      for (const row of rows) out.push(`    ${row['QUERY PLAN']}`);
    } catch (error) {
      const truncated = statement.query.length >= 1000 ? ' (pg_stat_activity keeps only track_activity_query_size = 1024 bytes of it)' : '';
      out.push(`    (cannot explain: ${String(error)}${truncated})`);
    }
  }
  const stats = await client.query<{
    relname: string;
    n_live_tup: string;
    n_dead_tup: string;
    autovacuum_count: string;
    autoanalyze_count: string;
  }>(
    `SELECT relname, n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count FROM pg_stat_user_tables
      WHERE relname IN ('items', 'assignments', 'annotations') ORDER BY relname`,
  );
  out.push('  tables after labeling:');
  for (const r of stats.rows) {
    out.push(
      `    ${r.relname.padEnd(12)} live ${r.n_live_tup}, dead ${r.n_dead_tup}, autovacuums ${r.autovacuum_count}, autoanalyzes ${r.autoanalyze_count}`,
    );
  }
  return out;
}

/** Node options that make the server write a V8 CPU profile into `dir` when it exits. */
export function cpuProfileArgs(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}
