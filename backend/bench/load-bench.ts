/**
 * Load benchmark, `npm run bench:load`: Tessera as production runs it on loopback, two API processes
 * (TESSERA_ROLE=api) and a worker on one database (the worker is the first process, which also owns the
 * embedded database and chain), and BENCH_ANNOTATORS (500) signed-in annotators labeling for
 * BENCH_SECONDS (60) after a warm-up, each request sent to the API processes in turn as a round-robin
 * load balancer would: at a human pace as the annotator app labels (one request per label, POST
 * submit?next=true), at a human pace as a script calling GET next then POST submit, then flat out.
 * Reports labels per second, latency p50/p99 per label and errors (targets, for the app's flow at a
 * human pace: zero errors, p99 < 200 ms), with the database's own single-row INSERT rate measured in
 * the same run as the ratio's base, and what each process's /metrics said in the middle of each run
 * and at the end.
 *
 * Env: as the API bench (bench/api/settings.ts): BENCH_ANNOTATORS, BENCH_SECONDS, BENCH_ITEMS,
 * BENCH_WARMUP_SECONDS, BENCH_RAW_SECONDS, BENCH_RAW_CONNECTIONS, DATABASE_URL, BENCH_STRICT=1; and
 * BENCH_NODE_ARGS, Node options for every Tessera process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { Wallet } from 'ethers';
import { Pool as HttpPool, type Dispatcher } from 'undici';
import { DEV_OPERATOR_KEY } from '../src/chain/chain.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { freePort } from '../test/support/free-port.js';
import { spawnPlatform, type PlatformProcess } from '../test/support/platform-process.js';
import { signIn } from '../test/support/wallet.js';
import { runImport } from './api/import.js';
import { runLabeling } from './api/labeling.js';
import { runRawBaseline } from './api/raw-baseline.js';
import {
  ANNOTATORS,
  backendDir,
  CHAIN_ID,
  EXTERNAL_DATABASE_URL,
  ITEMS,
  LOG_LEVEL,
  SECONDS,
  serverMain,
  STRICT,
  WARMUP_SECONDS,
} from './api/settings.js';
import { onCleanup, runCleanups } from './support/cleanups.js';
import { fmt, fmtInt } from './support/format.js';
import { call, parse } from './support/http.js';
import { log } from './support/log.js';
import { startServer, waitForServer } from './support/server.js';
import { signInAll } from './support/sign-in.js';

const TARGET_P99_MS = 200;
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
/**
 * How long an annotator takes per label: the platform's own floor for a human pace (the anti-cheat
 * rule's minimum median time per label, ANTI_CHEAT_MIN_MEDIAN_MS' default), not a figure chosen for
 * this bench. BENCH_THINK_MS overrides it; the second run is flat out (no pause at all), a stress test.
 */
const THINK_MS = Number(process.env['BENCH_THINK_MS'] ?? loadConfig({}, process.cwd()).antiCheat.minMedianMs);

/** The metrics an operator watches under load, looked up in each process's /metrics by name. */
const WATCHED_METRICS = [
  'tessera_labels_submitted_total',
  'tessera_http_request_duration_seconds_count',
  'tessera_lease_pool_size',
  'tessera_queue_depth',
  'tessera_job_duration_seconds_count',
  'tessera_outbox_backlog',
  'tessera_outbox_oldest_pending_seconds',
  'tessera_indexer_lag_blocks',
  'tessera_download_bytes_total',
];

function httpPool(baseUrl: string): HttpPool {
  const pool = new HttpPool(baseUrl, {
    connections: ANNOTATORS + 8,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  onCleanup(() => pool.close());
  return pool;
}

/** A load balancer over the processes: each request goes to the next one in turn. */
function roundRobin(pools: readonly HttpPool[]): HttpPool {
  let next = 0;
  return {
    request: (options: Dispatcher.RequestOptions) => pools[next++ % pools.length]!.request(options),
  } as unknown as HttpPool;
}

/** Each watched metric's samples summed over its label sets, from a Prometheus text exposition. */
async function scrape(baseUrl: string): Promise<Map<string, number> | string> {
  const response = await fetch(`${baseUrl}/metrics`).catch((error: unknown) => String(error));
  if (typeof response === 'string') return response;
  if (!response.ok) return `HTTP ${response.status}`;
  const totals = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const name = line.split(/[{ ]/, 1)[0]!;
    if (!WATCHED_METRICS.includes(name)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) totals.set(name, (totals.get(name) ?? 0) + value);
  }
  return totals;
}

/** Cumulative bucket counts of the HTTP latency histogram per "METHOD route", from a /metrics text. */
type Histograms = Map<string, Map<number, number>>;

async function scrapeHistograms(baseUrl: string): Promise<Histograms> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const histograms: Histograms = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith('tessera_http_request_duration_seconds_bucket{')) continue;
    const labels = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const key = `${labels['method']} ${labels['route']}`;
    const le = labels['le'] === '+Inf' ? Infinity : Number(labels['le']);
    const buckets = histograms.get(key) ?? new Map<number, number>();
    buckets.set(le, (buckets.get(le) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
    histograms.set(key, buckets);
  }
  return histograms;
}

/** What the processes' histograms counted between two scrapes, summed over processes. */
function histogramsBetween(before: readonly Histograms[], after: readonly Histograms[]): Histograms {
  const total: Histograms = new Map();
  after.forEach((one, i) => {
    for (const [key, buckets] of one) {
      const sum = total.get(key) ?? new Map<number, number>();
      for (const [le, count] of buckets) sum.set(le, (sum.get(le) ?? 0) + count - (before[i]?.get(key)?.get(le) ?? 0));
      total.set(key, sum);
    }
  });
  return total;
}

/** A quantile from cumulative buckets, interpolated within its bucket as Prometheus' histogram_quantile does. */
function histogramQuantile(buckets: Map<number, number>, q: number): number {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const count = buckets.get(Infinity) ?? 0;
  const rank = q * count;
  let lower = 0;
  let below = 0;
  for (const le of bounds) {
    const cumulative = buckets.get(le)!;
    if (cumulative >= rank) {
      if (le === Infinity) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(1, cumulative - below);
    }
    lower = le;
    below = cumulative;
  }
  return lower;
}

async function main(): Promise<void> {
  const admin = new Wallet(`0x${randomBytes(32).toString('hex')}`);
  log(`starting the first process (all roles, ${EXTERNAL_DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'}, embedded chain)`);
  const first = await startServer({
    main: serverMain,
    cwd: backendDir,
    adminAddress: admin.address,
    chainId: CHAIN_ID,
    logLevel: LOG_LEVEL,
    externalDatabaseUrl: EXTERNAL_DATABASE_URL,
    nodeArgs: NODE_ARGS,
    extraEnv: { RATE_LIMIT_PER_IP: '1000000000' },
  });
  await waitForServer(first, 180_000);
  const adminSession = await signIn(first.baseUrl, admin, CHAIN_ID);
  const chain = parse<{ rpcUrl: string }>(
    await call(httpPool(first.baseUrl), 'GET', '/api/chain', adminSession.token),
    'GET /api/chain',
    200,
  );

  // The API processes of the same deployment (same database, chain, secrets and public URL); the first
  // process, which owns the embedded database and chain, is the worker and takes no API traffic.
  const apis: PlatformProcess[] = [];
  for (const n of [1, 2]) {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...first.env,
      PORT: String(port),
      TESSERA_ROLE: 'api',
      DATABASE_URL: first.pgUrl,
      RPC_URL: chain.rpcUrl,
      OPERATOR_PRIVATE_KEY: DEV_OPERATOR_KEY,
      DEPLOY_CONTRACTS: 'true',
    };
    delete env['EMBEDDED_PG_PORT'];
    const api = spawnPlatform({
      main: serverMain,
      cwd: backendDir,
      env,
      port,
      nodeArgs: NODE_ARGS,
      onLine: (line) => process.stderr.write(`[api ${n}] ${line}\n`),
    });
    onCleanup(async () => {
      api.child.kill('SIGTERM');
      await api.exited;
    });
    await api.waitForHealth(180_000);
    apis.push(api);
  }
  log(`two API processes (${apis.map((a) => a.baseUrl).join(', ')}) and the worker (${first.baseUrl})`);

  const pools = apis.map((api) => httpPool(api.baseUrl));
  const balanced = roundRobin(pools);
  const wallets = Array.from({ length: ANNOTATORS }, () => new Wallet(`0x${randomBytes(32).toString('hex')}`));
  const signInStarted = performance.now();
  const sessions = await signInAll(first.baseUrl, wallets, CHAIN_ID, 16);
  log(`${sessions.length} annotators signed in in ${fmt((performance.now() - signInStarted) / 1000, 1)} s`);

  log('raw baseline: single-row INSERT commits on the same database');
  const raw = await runRawBaseline(first);

  const createProject = async (name: string): Promise<number> => {
    const created = parse<{ id: number }>(
      await call(balanced, 'POST', '/api/projects', adminSession.token, {
        name: `${name} ${new Date().toISOString()}`,
        type: 'classification',
        labels: ['cat', 'dog', 'bird'],
        overlap: 1,
        rewardPerLabel: '0.1',
        status: 'active',
      }),
      'POST /api/projects',
      201,
    );
    log(`importing ${fmtInt(ITEMS)} items`);
    await runImport(pools[0]!, first, adminSession.token, created.id);
    return created.id;
  };

  const lines = [''];
  const during = new Map<string, Array<Map<string, number> | string>>();
  let pass = true;
  // The annotator app labels in one request per label (POST submit?next=true answers the next
  // assignment): that is what an annotator's latency is, and what the target is about. Scripts that
  // call GET next then POST submit are measured too, as is the flat-out stress run.
  const runs = [
    { name: `human pace (${THINK_MS} ms per label on average), the annotator app's flow`, thinkMs: THINK_MS, chained: true, target: true },
    { name: `human pace (${THINK_MS} ms per label on average), separate next + submit`, thinkMs: THINK_MS, chained: false, target: false },
    { name: "flat out (no pause: a stress test), the annotator app's flow", thinkMs: 0, chained: true, target: false },
  ];
  for (const run of runs) {
    const projectId = await createProject(run.name);
    log(`labeling, ${run.name}: ${ANNOTATORS} annotators over both processes for ${SECONDS} s`);
    // Scraped in the middle of the measured window too: what an operator's dashboard shows under load.
    const midRun = sleep((WARMUP_SECONDS + SECONDS / 2) * 1000).then(() =>
      Promise.all([...apis.map((api) => api.baseUrl), first.baseUrl].map((base) => scrape(base))),
    );
    const histogramsBefore = await Promise.all(apis.map((api) => scrapeHistograms(api.baseUrl)));
    const labeling = await runLabeling(balanced, first, sessions, projectId, run.chained, run.thinkMs);
    const served = histogramsBetween(histogramsBefore, await Promise.all(apis.map((api) => scrapeHistograms(api.baseUrl))));
    const labelRoutes = [...served].filter(([key, b]) => /\/(next|submit)$/.test(key) && (b.get(Infinity) ?? 0) > 0);
    during.set(run.name, await midRun);
    const ratio = labeling.labelsPerSecond / raw.insertsPerSecond;
    const met = labeling.errors === 0 && labeling.latencyMs.p99 < TARGET_P99_MS;
    if (run.target) pass = met;
    lines.push(
      `load bench, ${run.name}: 2 API processes, ${labeling.annotators} annotators, ${labeling.seconds} s measured (${labeling.warmupSeconds} s warm-up)`,
      `  labels              ${fmtInt(labeling.labels)} = ${fmt(labeling.labelsPerSecond, 1)} labels/s`,
      `  latency per label   p50 ${fmt(labeling.latencyMs.p50, 1)} ms, p95 ${fmt(labeling.latencyMs.p95, 1)} ms, p99 ${fmt(labeling.latencyMs.p99, 1)} ms, max ${fmt(labeling.latencyMs.max, 1)} ms (${run.chained ? 'POST submit?next=true, one request' : 'GET next + POST submit'})`,
      ...labelRoutes.map(
        ([key, buckets]) =>
          `  server side         ${key}: ${fmtInt(buckets.get(Infinity) ?? 0)} requests, p50 ${fmt(1000 * histogramQuantile(buckets, 0.5), 1)} ms, ` +
          `p99 ${fmt(1000 * histogramQuantile(buckets, 0.99), 1)} ms (the API processes' histograms, warm-up included)`,
      ),
      `  errors              ${labeling.errors}${labeling.errors ? ` ${JSON.stringify(labeling.errorsByKind)}` : ''}`,
      `  labels/s / the database's INSERTs/s ${fmt(ratio, 3)}`,
      run.target
        ? `  ${met ? 'PASS' : 'MISS'}: ${labeling.errors} errors (target 0), p99 ${fmt(labeling.latencyMs.p99, 1)} ms (target < ${TARGET_P99_MS} ms)`
        : run.thinkMs > 0
          ? `  (no target for this flow; p99 ${met ? 'under' : 'over'} ${TARGET_P99_MS} ms with ${labeling.errors} errors)`
          : `  (no target: at this pace, latency is the queue of ${labeling.annotators} robots over the machine's capacity)`,
      '',
    );
  }
  const metrics = await Promise.all([...apis.map((api) => api.baseUrl), first.baseUrl].map((base) => scrape(base)));
  const describe = (title: string, scraped: Array<Map<string, number> | string>): void => {
    lines.push(title);
    scraped.forEach((one, i) => {
      const name = ['  API process 1', '  API process 2', '  worker'][i]!;
      if (typeof one === 'string') lines.push(`${name}: /metrics unavailable (${one})`);
      else
        lines.push(
          `${name}: ${WATCHED_METRICS.map((m) => `${m.replace(/^tessera_/, '')}=${one.has(m) ? fmt(one.get(m)!, 2) : '-'}`).join(', ')}`,
        );
    });
  };
  lines.push(
    `database baseline: ${fmt(raw.insertsPerSecond, 0)} single-row INSERT commits/s (${raw.connections} connections, p99 ${fmt(raw.latencyMs.p99, 1)} ms), measured in this run`,
    '',
  );
  for (const [name, scraped] of during) describe(`metrics in the middle of the ${name} run (summed over label sets):`, scraped);
  describe('metrics at the end:', metrics);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (STRICT && !pass) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(`\nload bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  log('stopping the processes');
  await runCleanups();
  log(`done (${path.basename(serverMain)})`);
}
