/**
 * End-to-end API benchmark on loopback: starts the real server (dist/backend/src/main.js) as a child
 * process on a fresh database, then measures
 *   1. a raw PostgreSQL baseline while the server is idle: 64 pg clients doing single-row autocommit
 *      INSERTs,
 *   2. one streamed JSONL import of BENCH_ITEMS items,
 *   3. the labeling loop (next -> submit) of BENCH_ANNOTATORS signed-in annotators for BENCH_SECONDS,
 *   4. the chained loop (submit?next=true) on a second project of BENCH_ITEMS items,
 * prints a table with PASS/FAIL from the measured numbers and writes bench/results/api-bench.json.
 *
 * Env: BENCH_ITEMS (100000), BENCH_ANNOTATORS (64), BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (3),
 * BENCH_RAW_SECONDS (10), BENCH_RAW_CONNECTIONS (64), BENCH_SERVER_CPU_PROF=1 (write a V8 CPU profile
 * of the server to bench/results/cpu-prof), BENCH_DIAG=1 (sample what the server's database
 * connections do while labeling, and EXPLAIN the busiest statements), BENCH_LOG_LEVEL (the server's
 * LOG_LEVEL, default warn; `log` shows the background aggregation and crediting runs), BENCH_STRICT=1
 * (exit 1 when a target fails). DATABASE_URL: use that PostgreSQL (a fresh database tessera_bench_<random> is made
 * in it and dropped) instead of an embedded one.
 *
 * The phases and the report are in bench/api; the server's lifecycle, CPU accounting, database
 * diagnostics and statistics in bench/support (which reuses the tests' process starter and sign-in).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Wallet } from 'ethers';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { signIn } from '../test/support/wallet.js';
import { runImport } from './api/import.js';
import { runLabeling } from './api/labeling.js';
import { runRawBaseline } from './api/raw-baseline.js';
import { reportLines, resultsJson } from './api/report.js';
import {
  ANNOTATORS,
  backendDir,
  CHAIN_ID,
  CPU_PROF,
  EXTERNAL_DATABASE_URL,
  ITEMS,
  LOG_LEVEL,
  RAW_CONNECTIONS,
  RAW_SECONDS,
  resultsDir,
  SECONDS,
  serverMain,
  STRICT,
  WARMUP_SECONDS,
} from './api/settings.js';
import { onCleanup, runCleanups } from './support/cleanups.js';
import { cpuProfileArgs, explainStatements } from './support/diagnostics.js';
import { fmt, fmtInt } from './support/format.js';
import { call, parse } from './support/http.js';
import { log } from './support/log.js';
import { startServer, waitForServer, type BenchServer } from './support/server.js';
import { signInAll } from './support/sign-in.js';

async function main(): Promise<void> {
  const startedAt = new Date();
  const wallStart = performance.now();
  const admin = new Wallet(`0x${randomBytes(32).toString('hex')}`);
  log(`starting ${path.relative(process.cwd(), serverMain)} (${EXTERNAL_DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'})`);
  const server = await startServer({
    main: serverMain,
    cwd: backendDir,
    adminAddress: admin.address,
    chainId: CHAIN_ID,
    logLevel: LOG_LEVEL,
    externalDatabaseUrl: EXTERNAL_DATABASE_URL,
    nodeArgs: CPU_PROF ? cpuProfileArgs(path.join(resultsDir, 'cpu-prof')) : [],
  });
  currentServer = server;
  const http = new HttpPool(server.baseUrl, {
    connections: ANNOTATORS + 8,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  onCleanup(() => http.close());
  const bootSeconds = await waitForServer(server, 180_000);
  log(`server healthy after ${fmt(bootSeconds)} s at ${server.baseUrl}`);

  const pgInfo = new pg.Client({ connectionString: server.pgUrl, application_name: 'tessera-bench-info' });
  pgInfo.on('error', (error) => log(`pg client: ${String(error)}`));
  await pgInfo.connect();
  onCleanup(() => pgInfo.end());
  const pgVersion = (await pgInfo.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v ?? '?';
  const pgSettings = Object.fromEntries(
    (
      await pgInfo.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings
          WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method', 'commit_delay', 'shared_buffers', 'max_connections')`,
      )
    ).rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]),
  );

  // Sign-ins: the admin, then every annotator with its own wallet.
  const adminSession = await signIn(server.baseUrl, admin, CHAIN_ID);
  if (!adminSession.user.roles.includes('admin'))
    throw new Error(`admin wallet signed in without the admin role: ${adminSession.user.roles.join(',')}`);
  const signInStarted = performance.now();
  const wallets = Array.from({ length: ANNOTATORS }, () => new Wallet(`0x${randomBytes(32).toString('hex')}`));
  const sessions = await signInAll(server.baseUrl, wallets, CHAIN_ID, 8);
  log(`${sessions.length} annotators signed in in ${fmt((performance.now() - signInStarted) / 1000, 2)} s`);

  // The raw baseline first, on a quiet server: later, background aggregation and crediting of the
  // labels would slow it down and flatter the ratio.
  log(`raw baseline: ${RAW_CONNECTIONS} pg clients, single-row INSERT commits, 1 s warm-up + ${RAW_SECONDS} s measured`);
  const raw = await runRawBaseline(server);

  const createProject = async (name: string): Promise<{ id: number }> =>
    parse<{ id: number }>(
      await call(http, 'POST', '/api/projects', adminSession.token, {
        name: `${name} ${startedAt.toISOString()}`,
        type: 'classification',
        labels: ['cat', 'dog', 'bird'],
        overlap: 1,
        rewardPerLabel: '0.1',
        status: 'active',
      }),
      'POST /api/projects',
      201,
    );
  const project = await createProject('bench');

  log(`importing ${fmtInt(ITEMS)} items in one JSONL request`);
  const imported = await runImport(http, server, adminSession.token, project.id);
  if (!imported.ok) log(`import answered ${JSON.stringify(imported.response)}, expected imported=${ITEMS}`);
  if (imported.response.imported === 0) throw new Error('the import stored no items: nothing to label');

  log(`labeling: ${ANNOTATORS} annotators, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured`);
  const labeling = await runLabeling(http, server, sessions, project.id);
  const stored = Number(
    (await pgInfo.query<{ n: string }>('SELECT count(*) AS n FROM annotations WHERE project_id = $1', [project.id])).rows[0]?.n ?? 0,
  );

  const diagnostics = labeling.activity ? await explainStatements(pgInfo, labeling.activity.statements) : [];

  // The chained run gets a project of its own, so that it does not run out of items the first run took.
  const chainedProject = await createProject('bench chained');
  log(`importing ${fmtInt(ITEMS)} items for the chained run`);
  const chainedImport = await runImport(http, server, adminSession.token, chainedProject.id);
  if (chainedImport.response.imported === 0) throw new Error('the second import stored no items: nothing to label');
  log(`labeling, chained (submit?next=true): ${ANNOTATORS} annotators, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured`);
  const chained = await runLabeling(http, server, sessions, chainedProject.id, true);

  const run = {
    startedAt,
    wallStart,
    embedded: server.embedded,
    pgVersion,
    pgSettings,
    bootSeconds,
    imported,
    labeling,
    stored,
    chained,
    raw,
    diagnostics,
  };
  process.stdout.write(`${reportLines(run).join('\n')}\n`);

  const results = resultsJson(run);
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'api-bench.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file)}\n`);
  if (STRICT && !results.pass) process.exitCode = 1;
}

let currentServer: BenchServer | undefined;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the server`);
    void runCleanups().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  if (currentServer?.unexpectedExit) {
    process.stderr.write(
      `cause: ${currentServer.unexpectedExit}. The bench sends SIGTERM only when it is done; a server stopped early by a signal ` +
        `(its shutdown hook then stops the embedded PostgreSQL: "terminating connection due to administrator command") was signalled by another process.\n`,
    );
  }
} finally {
  log('stopping the server');
  await runCleanups();
}
