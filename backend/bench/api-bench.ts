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
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Wallet } from 'ethers';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { stopStaleServer } from '../src/database/embedded-postgres.js';

// ---------------------------------------------------------------------------------------------
// Settings and paths

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

const ITEMS = envInt('BENCH_ITEMS', 100_000);
const ANNOTATORS = envInt('BENCH_ANNOTATORS', 64);
const SECONDS = envInt('BENCH_SECONDS', 15);
const WARMUP_SECONDS = envInt('BENCH_WARMUP_SECONDS', 3, 0);
const RAW_SECONDS = envInt('BENCH_RAW_SECONDS', 10);
const RAW_CONNECTIONS = envInt('BENCH_RAW_CONNECTIONS', 64);
const CPU_PROF = process.env['BENCH_SERVER_CPU_PROF'] === '1';
const DIAG = process.env['BENCH_DIAG'] === '1';
const STRICT = process.env['BENCH_STRICT'] === '1';
const EXTERNAL_DATABASE_URL = process.env['DATABASE_URL'] || undefined;
const CHAIN_ID = 8996;

const TARGET_IMPORT_SECONDS = 10;
const TARGET_LABELS_PER_SECOND = 1000;
const TARGET_P99_MS = 100;
const TARGET_RATIO = 0.3;

const here = path.dirname(fileURLToPath(import.meta.url)); // backend/dist/backend/bench
const backendDir = path.resolve(here, '../../..');
const serverMain = path.resolve(here, '../src/main.js');
const resultsDir = path.join(backendDir, 'bench', 'results');

// ---------------------------------------------------------------------------------------------
// Small helpers

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const verdict = (ok: boolean): 'PASS' | 'FAIL' => (ok ? 'PASS' : 'FAIL');

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function summarize(values: number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  const sum = list.reduce((a, b) => a + b, 0);
  return {
    count: list.length,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: list.length ? list[list.length - 1]! : Number.NaN,
    mean: list.length ? sum / list.length : Number.NaN,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// CPU accounting from /proc (Linux): who used the cores during a phase

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux/x86-64

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readProcStats(): ProcStat[] {
  const out: ProcStat[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(entry), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

interface CpuSnapshot {
  at: number;
  benchMicros: number;
  serverTicks: number;
  /** Processes under the server (embedded PostgreSQL), by pid so exited ones drop out of both ends. */
  postgres: Map<number, number>;
  machine: { busy: number; total: number } | undefined;
}

function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
  const usage = process.cpuUsage();
  const stats = readProcStats();
  let serverTicks = 0;
  const postgres = new Map<number, number>();
  if (serverPid !== undefined) {
    const children = new Map<number, ProcStat[]>();
    for (const s of stats) {
      if (s.pid === serverPid) serverTicks = s.ticks;
      const list = children.get(s.ppid) ?? [];
      list.push(s);
      children.set(s.ppid, list);
    }
    const queue = [...(children.get(serverPid) ?? [])];
    while (queue.length) {
      const s = queue.shift()!;
      postgres.set(s.pid, s.ticks);
      queue.push(...(children.get(s.pid) ?? []));
    }
  }
  return { at: performance.now(), benchMicros: usage.user + usage.system, serverTicks, postgres, machine: machineTicks() };
}

/** Percent of one core each party used between two snapshots. */
interface CpuShare {
  client: number;
  server: number;
  postgres: number | null;
  machineBusyPercentOfAllCores: number | null;
  cores: number;
}

function cpuShare(a: CpuSnapshot, b: CpuSnapshot, embedded: boolean): CpuShare {
  const seconds = (b.at - a.at) / 1000;
  const ticksToPct = (ticks: number): number => (ticks / CLOCK_TICKS / seconds) * 100;
  let pgTicks = 0;
  for (const [pid, ticks] of b.postgres) pgTicks += ticks - (a.postgres.get(pid) ?? 0);
  const cores = os.availableParallelism();
  const machine =
    a.machine && b.machine && b.machine.total > a.machine.total
      ? ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * 100 * cores
      : null;
  return {
    client: ((b.benchMicros - a.benchMicros) / 1e6 / seconds) * 100,
    server: ticksToPct(b.serverTicks - a.serverTicks),
    postgres: embedded ? ticksToPct(pgTicks) : null,
    machineBusyPercentOfAllCores: machine,
    cores,
  };
}

function cpuLine(share: CpuShare): string {
  const parts = [`client ${fmtInt(share.client)}%`, `server ${fmtInt(share.server)}%`];
  if (share.postgres !== null) parts.push(`postgres ${fmtInt(share.postgres)}%`);
  if (share.machineBusyPercentOfAllCores !== null)
    parts.push(`machine busy ${fmtInt(share.machineBusyPercentOfAllCores)}% of ${share.cores * 100}%`);
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// The server child process and its database

interface Server {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  pgUrl: string;
  embedded: boolean;
  dataDir: string;
  exited: Promise<number | null>;
  output: string[];
  /** Set once the bench itself stops the server; an exit before that is a failure of the run. */
  stopping: boolean;
  /** Filled when the server exits while the bench still needs it. */
  unexpectedExit: string | undefined;
}

const cleanups: Array<() => Promise<void>> = [];

async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (error) {
      log(`cleanup failed: ${String(error)}`);
    }
  }
}

async function createExternalDatabase(adminUrl: string): Promise<string> {
  const name = `tessera_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', (error) => log(`pg admin client: ${String(error)}`));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    client.on('error', (error) => log(`pg admin client: ${String(error)}`));
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function startServer(adminAddress: string): Promise<Server> {
  if (!existsSync(serverMain)) throw new Error(`${serverMain} is missing: run the build first`);
  const port = await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
  cleanups.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));

  const embedded = EXTERNAL_DATABASE_URL === undefined;
  const externalUrl = embedded ? undefined : await createExternalDatabase(EXTERNAL_DATABASE_URL);
  // The embedded server's password is random, written to the data folder at its first start.
  const embeddedUrl = (): string =>
    `postgres://postgres:${encodeURIComponent(readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim())}@127.0.0.1:${pgPort}/tessera`;
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    CHAIN_ID: String(CHAIN_ID),
    LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
    CHAIN_PORT: '0',
    ADMIN_ADDRESSES: adminAddress,
    TESSERA_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    // A fresh embedded install would otherwise be seeded with demo projects.
    DEMO_DATA: 'false',
    // The bench's annotators are robots answering in a fixed time: keep the anti-cheat rules off.
    AUTO_SUSPEND: 'false',
    // 64 robots sign in from one address and each labels far faster than a person: lift the limits
    // that protect a real deployment from one client (a fast human stays well under the defaults).
    RATE_LIMIT_SIGN_IN_PER_IP: process.env['RATE_LIMIT_SIGN_IN_PER_IP'] ?? '100000',
    RATE_LIMIT_PER_USER: process.env['RATE_LIMIT_PER_USER'] ?? '1000000000',
  };
  if (embedded) delete env['DATABASE_URL'];
  else env['DATABASE_URL'] = externalUrl;

  const nodeArgs: string[] = [];
  if (CPU_PROF) {
    const profDir = path.join(resultsDir, 'cpu-prof');
    mkdirSync(profDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  }
  const child = spawn(process.execPath, [...nodeArgs, serverMain], { cwd: backendDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!server.stopping) {
        server.unexpectedExit = `server (pid ${String(child.pid)}) exited during the run: code ${String(code)}, signal ${String(signal)}`;
        log(server.unexpectedExit);
      }
      resolve(code ?? (signal ? -1 : null));
    }),
  );
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        output.push(line);
        if (output.length > 500) output.shift();
        process.stderr.write(`[server] ${line}\n`);
      }
    });
  }
  const server: Server = {
    child,
    baseUrl,
    port,
    get pgUrl() {
      return externalUrl ?? embeddedUrl();
    },
    embedded,
    dataDir,
    exited,
    output,
    stopping: false,
    unexpectedExit: undefined,
  };
  cleanups.push(() => stopServer(server));
  return server;
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  server.stopping = true;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const code = await Promise.race([server.exited, sleep(30_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') {
      log('server did not stop within 30 s of SIGTERM: killing it');
      child.kill('SIGKILL');
      await server.exited;
    } else if (code !== 0) {
      log(`server exited with code ${String(code)}`);
    }
  }
  if (server.embedded) await stopStaleServer(path.join(server.dataDir, 'pg'), log);
}

async function waitForHealth(server: Server, http: HttpPool, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  let last = '';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited with code ${String(exitCode)} before answering /api/health`);
    try {
      const res = await http.request({ path: '/api/health', method: 'GET', headersTimeout: 5_000, bodyTimeout: 5_000 });
      const text = await res.body.text();
      if (res.statusCode === 200) return;
      last = `${res.statusCode} ${text}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(200);
  }
  throw new Error(`server did not answer /api/health with 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

// ---------------------------------------------------------------------------------------------
// HTTP and sign-in

interface Reply {
  status: number;
  text: string;
}

type Method = 'GET' | 'POST';

async function call(http: HttpPool, method: Method, urlPath: string, token?: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await http.request({ path: urlPath, method, headers, body: payload });
  return { status: res.statusCode, text: await res.body.text() };
}

function parse<T>(reply: Reply, what: string, expected: number | readonly number[]): T {
  const ok = typeof expected === 'number' ? reply.status === expected : expected.includes(reply.status);
  if (!ok) throw new Error(`${what}: expected ${String(expected)}, got ${reply.status} ${reply.text.slice(0, 500)}`);
  return JSON.parse(reply.text) as T;
}

/** An EIP-4361 message laid out as the EIP writes it (same layout as test/support/wallet.ts). */
function siweMessage(fields: { domain: string; address: string; uri: string; chainId: number; nonce: string; statement: string }): string {
  return [
    `${fields.domain} wants you to sign in with your Ethereum account:`,
    fields.address,
    '',
    fields.statement,
    '',
    `URI: ${fields.uri}`,
    'Version: 1',
    `Chain ID: ${fields.chainId}`,
    `Nonce: ${fields.nonce}`,
    `Issued At: ${new Date().toISOString()}`,
  ].join('\n');
}

interface Session {
  token: string;
  user: { id: number; address: string; roles: string[] };
}

async function signIn(http: HttpPool, baseUrl: string, wallet: Wallet): Promise<Session> {
  const url = new URL(baseUrl);
  const { nonce } = parse<{ nonce: string }>(await call(http, 'GET', '/api/auth/nonce'), 'GET /api/auth/nonce', 200);
  const message = siweMessage({
    domain: url.host,
    address: wallet.address,
    uri: url.origin,
    chainId: CHAIN_ID,
    nonce,
    statement: 'Sign in to Tessera',
  });
  const signature = await wallet.signMessage(message);
  return parse<Session>(await call(http, 'POST', '/api/auth/verify', undefined, { message, signature }), 'POST /api/auth/verify', 200);
}

async function mapLimit<T, R>(inputs: readonly T[], limit: number, fn: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(inputs.length);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await fn(inputs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, run));
  return results;
}

// ---------------------------------------------------------------------------------------------
// 1. Import

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike'];

/** JSONL lines generated while the request streams, 1000 lines a chunk. */
function* jsonlBody(count: number): Generator<Buffer> {
  const perChunk = 1000;
  for (let start = 0; start < count; start += perChunk) {
    let chunk = '';
    for (let n = start; n < Math.min(count, start + perChunk); n++) {
      const text = `Item ${n}: ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} ${WORDS[(n * 11) % WORDS.length]} - is this a cat, a dog or a bird?`;
      chunk += `${JSON.stringify({ externalId: `b-${n}`, data: { text } })}\n`;
    }
    yield Buffer.from(chunk, 'utf8');
  }
}

interface ImportResult {
  items: number;
  seconds: number;
  itemsPerSecond: number;
  bodyBytes: number;
  status: number;
  response: { imported: number; duplicates: number; rejectedCount: number };
  ok: boolean;
  pass: boolean;
  cpu: CpuShare;
}

async function runImport(http: HttpPool, server: Server, token: string, projectId: number): Promise<ImportResult> {
  let bodyBytes = 0;
  const counted = (function* () {
    for (const chunk of jsonlBody(ITEMS)) {
      bodyBytes += chunk.length;
      yield chunk;
    }
  })();
  const cpuBefore = cpuSnapshot(server.child.pid);
  const started = performance.now();
  const res = await http.request({
    path: `/api/projects/${projectId}/items`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: Readable.from(counted),
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
  });
  const text = await res.body.text();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuShare(cpuBefore, cpuSnapshot(server.child.pid), server.embedded);
  // The route is documented (OpenAPI) as 200 but Nest answers a POST with 201 unless told otherwise.
  const response = parse<{ imported: number; duplicates: number; rejectedCount: number }>(
    { status: res.statusCode, text },
    'POST /api/projects/:id/items',
    [200, 201],
  );
  const ok = response.imported === ITEMS && response.duplicates === 0 && response.rejectedCount === 0;
  return {
    items: ITEMS,
    seconds,
    itemsPerSecond: response.imported / seconds,
    bodyBytes,
    status: res.statusCode,
    response: { imported: response.imported, duplicates: response.duplicates, rejectedCount: response.rejectedCount },
    ok,
    pass: ok && seconds < TARGET_IMPORT_SECONDS,
    cpu,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Labeling loop

interface ErrorSample {
  phase: 'warmup' | 'measure';
  request: string;
  status: number | string;
  body: string;
}

interface LabelingResult {
  annotators: number;
  warmupSeconds: number;
  seconds: number;
  labels: number;
  labelsPerSecond: number;
  latencyMs: LatencySummary;
  nextMs: LatencySummary;
  submitMs: LatencySummary;
  labelsIncludingWarmup: number;
  errors: number;
  errorsByKind: Record<string, number>;
  errorSamples: ErrorSample[];
  exhaustedAnnotators: number;
  /** Seconds into the measured window (negative: during warm-up) when the first annotator got 204. */
  firstExhaustedAt: number | null;
  /** Labels completed in each second of the measured window. */
  perSecond: number[];
  pass: boolean;
  cpu: CpuShare;
  activity?: { waits: ActivityShare[]; statements: ActivityShare[] };
}

interface ActivityShare {
  /** A wait state, or a statement's full text. */
  query: string;
  samples: number;
  share: number;
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** BENCH_DIAG: what the server's database connections are doing, sampled every 100 ms. */
async function sampleActivity(pgUrl: string, until: () => boolean): Promise<{ waits: ActivityShare[]; statements: ActivityShare[] }> {
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
 * The annotators' loop. Separate: GET next, then POST submit, per label. Chained: POST submit?next=true
 * answers the next task with the submit, so after the first task each label is one request.
 */
async function runLabeling(
  http: HttpPool,
  server: Server,
  sessions: readonly Session[],
  projectId: number,
  chained = false,
): Promise<LabelingResult> {
  const latencies: number[] = [];
  const nextLatencies: number[] = [];
  const submitLatencies: number[] = [];
  const errorsByKind: Record<string, number> = {};
  const errorSamples: ErrorSample[] = [];
  let errors = 0;
  let labelsIncludingWarmup = 0;
  let exhausted = 0;
  let firstExhaustedAt: number | undefined;
  const perSecond = new Array<number>(SECONDS).fill(0);

  const t0 = performance.now();
  const measureStart = t0 + WARMUP_SECONDS * 1000;
  const measureEnd = measureStart + SECONDS * 1000;
  const submitBody = JSON.stringify({ result: { label: 'cat' }, leadTimeMs: 1000 });

  const recordError = (request: string, status: number | string, body: string): void => {
    errors++;
    const kind = `${request} ${status}`;
    errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
    if (errorSamples.length < 10) {
      errorSamples.push({ phase: performance.now() < measureStart ? 'warmup' : 'measure', request, status, body: body.slice(0, 300) });
    }
  };

  const worker = async (session: Session): Promise<void> => {
    const auth = `Bearer ${session.token}`;
    let chainedTask: { assignmentId: number } | undefined;
    while (performance.now() < measureEnd) {
      const started = performance.now();
      let nextDone = started;
      try {
        let task = chainedTask;
        if (!task) {
          const next = await http.request({ path: `/api/projects/${projectId}/next`, method: 'GET', headers: { authorization: auth } });
          const nextText = await next.body.text();
          nextDone = performance.now();
          if (next.statusCode === 204) {
            exhausted++;
            firstExhaustedAt ??= (nextDone - measureStart) / 1000;
            return;
          }
          if (next.statusCode !== 200) {
            recordError('GET /api/projects/:id/next', next.statusCode, nextText);
            await sleep(10);
            continue;
          }
          task = JSON.parse(nextText) as { assignmentId: number };
        }
        const submit = await http.request({
          path: `/api/assignments/${task.assignmentId}/submit${chained ? '?next=true' : ''}`,
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: submitBody,
        });
        const submitText = await submit.body.text();
        const done = performance.now();
        if (submit.statusCode !== 201) {
          recordError('POST /api/assignments/:id/submit', submit.statusCode, submitText);
          chainedTask = undefined;
          await sleep(10);
          continue;
        }
        if (chained) {
          chainedTask = (JSON.parse(submitText) as { next: { assignmentId: number } | null }).next ?? undefined;
          if (!chainedTask && done < measureEnd) {
            exhausted++;
            firstExhaustedAt ??= (done - measureStart) / 1000;
          }
        }
        labelsIncludingWarmup++;
        if (done >= measureStart && done <= measureEnd) {
          latencies.push(done - started);
          const second = Math.min(SECONDS - 1, Math.floor((done - measureStart) / 1000));
          perSecond[second] = (perSecond[second] ?? 0) + 1;
          nextLatencies.push(nextDone - started);
          submitLatencies.push(done - nextDone);
        }
      } catch (error) {
        recordError('network', (error as { code?: string }).code ?? 'error', String(error));
        await sleep(10);
      }
    }
  };

  const workers = Promise.all(sessions.map((s) => worker(s)));
  let activity: Promise<{ waits: ActivityShare[]; statements: ActivityShare[] }> | undefined;
  await sleep(Math.max(0, measureStart - performance.now()));
  const cpuBefore = cpuSnapshot(server.child.pid);
  if (DIAG) activity = sampleActivity(server.pgUrl, () => performance.now() >= measureEnd);
  await sleep(Math.max(0, measureEnd - performance.now()));
  const cpu = cpuShare(cpuBefore, cpuSnapshot(server.child.pid), server.embedded);
  await workers;

  const latencyMs = summarize(latencies);
  const labelsPerSecond = latencies.length / SECONDS;
  const result: LabelingResult = {
    annotators: sessions.length,
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    labels: latencies.length,
    labelsPerSecond,
    latencyMs,
    nextMs: summarize(nextLatencies),
    submitMs: summarize(submitLatencies),
    labelsIncludingWarmup,
    errors,
    errorsByKind,
    errorSamples,
    exhaustedAnnotators: exhausted,
    firstExhaustedAt: firstExhaustedAt ?? null,
    perSecond,
    pass: labelsPerSecond >= TARGET_LABELS_PER_SECOND && latencyMs.p99 < TARGET_P99_MS && errors === 0,
    cpu,
  };
  if (activity) result.activity = await activity;
  return result;
}

/**
 * BENCH_DIAG: the statements the server ran most while labeling (sampled from pg_stat_activity, so
 * nothing here copies the server's SQL), shown with EXPLAIN (GENERIC_PLAN), which plans without
 * executing; and the state of the hot tables.
 */
async function explainStatements(client: pg.Client, statements: readonly ActivityShare[]): Promise<string[]> {
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

// ---------------------------------------------------------------------------------------------
// 3. Raw PostgreSQL baseline

interface RawResult {
  connections: number;
  seconds: number;
  inserts: number;
  insertsPerSecond: number;
  latencyMs: LatencySummary;
  errors: number;
  cpu: CpuShare;
}

async function runRawBaseline(server: Server): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: server.pgUrl, max: RAW_CONNECTIONS, application_name: 'tessera-bench-raw' });
  pool.on('error', (error) => log(`raw baseline pg pool: ${String(error)}`));
  try {
    await pool.query('DROP TABLE IF EXISTS bench_raw');
    await pool.query('CREATE TABLE bench_raw (id bigserial PRIMARY KEY, payload jsonb, created_at timestamptz DEFAULT now())');
    const clients = await Promise.all(Array.from({ length: RAW_CONNECTIONS }, () => pool.connect()));
    for (const client of clients) client.on('error', (error) => log(`raw baseline pg client: ${String(error)}`));
    const warmup = 1000;
    const t0 = performance.now();
    const measureStart = t0 + warmup;
    const measureEnd = measureStart + RAW_SECONDS * 1000;
    const latencies: number[] = [];
    let errors = 0;
    const worker = async (client: pg.PoolClient, w: number): Promise<void> => {
      for (let n = 0; performance.now() < measureEnd; n++) {
        const started = performance.now();
        try {
          await client.query('INSERT INTO bench_raw (payload) VALUES ($1)', [
            JSON.stringify({ label: 'cat', leadTimeMs: 1000, worker: w, n }),
          ]);
        } catch {
          errors++;
          continue;
        }
        const done = performance.now();
        if (done >= measureStart && done <= measureEnd) latencies.push(done - started);
      }
    };
    const workers = Promise.all(clients.map((c, i) => worker(c, i)));
    await sleep(Math.max(0, measureStart - performance.now()));
    const cpuBefore = cpuSnapshot(server.child.pid);
    await sleep(Math.max(0, measureEnd - performance.now()));
    const cpu = cpuShare(cpuBefore, cpuSnapshot(server.child.pid), server.embedded);
    await workers;
    for (const c of clients) c.release();
    await pool.query('DROP TABLE bench_raw');
    return {
      connections: RAW_CONNECTIONS,
      seconds: RAW_SECONDS,
      inserts: latencies.length,
      insertsPerSecond: latencies.length / RAW_SECONDS,
      latencyMs: summarize(latencies),
      errors,
      cpu,
    };
  } finally {
    await pool.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const startedAt = new Date();
  const wallStart = performance.now();
  const admin = new Wallet(`0x${randomBytes(32).toString('hex')}`);
  log(`starting ${path.relative(process.cwd(), serverMain)} (${EXTERNAL_DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'})`);
  const server = await startServer(admin.address);
  currentServer = server;
  const http = new HttpPool(server.baseUrl, {
    connections: ANNOTATORS + 8,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  cleanups.push(() => http.close());
  const bootStarted = performance.now();
  await waitForHealth(server, http, 180_000);
  const bootSeconds = (performance.now() - bootStarted) / 1000;
  log(`server healthy after ${fmt(bootSeconds)} s at ${server.baseUrl}`);

  const pgInfo = new pg.Client({ connectionString: server.pgUrl, application_name: 'tessera-bench-info' });
  pgInfo.on('error', (error) => log(`pg client: ${String(error)}`));
  await pgInfo.connect();
  cleanups.push(() => pgInfo.end());
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
  const adminSession = await signIn(http, server.baseUrl, admin);
  if (!adminSession.user.roles.includes('admin'))
    throw new Error(`admin wallet signed in without the admin role: ${adminSession.user.roles.join(',')}`);
  const signInStarted = performance.now();
  const wallets = Array.from({ length: ANNOTATORS }, () => new Wallet(`0x${randomBytes(32).toString('hex')}`));
  const sessions = await mapLimit(wallets, 8, (w) => signIn(http, server.baseUrl, w));
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

  const ratio = labeling.labelsPerSecond / raw.insertsPerSecond;
  const ratioPass = ratio >= TARGET_RATIO;
  const chainedRatio = chained.labelsPerSecond / raw.insertsPerSecond;

  const dbName = server.embedded
    ? `embedded PostgreSQL ${pgVersion.split(' ')[0]?.split('.')[0] ?? pgVersion}`
    : `PostgreSQL ${pgVersion} via DATABASE_URL`;
  const lines = [
    '',
    `Tessera API benchmark (loopback, ${os.availableParallelism()} cores, ${dbName})`,
    `import ${fmtInt(ITEMS / 1000)}k items (JSONL, one request)`.padEnd(42) +
      `${fmt(imported.seconds, 2)} s   ${fmtInt(imported.itemsPerSecond)} items/s   ` +
      `imported ${fmtInt(imported.response.imported)}/${fmtInt(ITEMS)}   target < ${TARGET_IMPORT_SECONDS} s   ${verdict(imported.pass)}`,
    `labeling, ${ANNOTATORS} annotators, ${SECONDS} s`.padEnd(42) +
      `${fmtInt(labeling.labelsPerSecond)} labels/s   p50 ${fmt(labeling.latencyMs.p50)} ms  p95 ${fmt(labeling.latencyMs.p95)} ms  ` +
      `p99 ${fmt(labeling.latencyMs.p99)} ms  max ${fmt(labeling.latencyMs.max)} ms   errors ${labeling.errors}   ` +
      `target >= ${fmtInt(TARGET_LABELS_PER_SECOND)}/s, p99 < ${TARGET_P99_MS} ms, 0 errors   ${verdict(labeling.pass)}`,
    `raw single-row INSERT commits, ${RAW_CONNECTIONS} conns`.padEnd(42) +
      `${fmtInt(raw.insertsPerSecond)} inserts/s   p50 ${fmt(raw.latencyMs.p50)} ms  p99 ${fmt(raw.latencyMs.p99)} ms   errors ${raw.errors}`,
    'ratio labels/s / raw inserts/s'.padEnd(42) + `${fmt(ratio, 2)}   target >= ${TARGET_RATIO}   ${verdict(ratioPass)}`,
    `labeling chained (submit?next=true)`.padEnd(42) +
      `${fmtInt(chained.labelsPerSecond)} labels/s   p50 ${fmt(chained.latencyMs.p50)} ms  p99 ${fmt(chained.latencyMs.p99)} ms   ` +
      `errors ${chained.errors}   ratio ${fmt(chainedRatio, 2)}   ${verdict(chained.pass && chainedRatio >= TARGET_RATIO)}`,
    '',
    'details',
    `  server boot (embedded PG init + migrations)  ${fmt(bootSeconds)} s`,
    `  import body ${fmt(imported.bodyBytes / 1_048_576)} MiB streamed; cpu (% of one core): ${cpuLine(imported.cpu)}`,
    `  labeling: ${fmtInt(labeling.labels)} labels in the window (${fmtInt(labeling.labelsIncludingWarmup)} with warm-up, ` +
      `${fmtInt(stored)} annotations stored); next p50 ${fmt(labeling.nextMs.p50)} / p99 ${fmt(labeling.nextMs.p99)} ms, ` +
      `submit p50 ${fmt(labeling.submitMs.p50)} / p99 ${fmt(labeling.submitMs.p99)} ms`,
    `  labeling cpu (% of one core): ${cpuLine(labeling.cpu)}`,
    `  labels per second over the window: ${labeling.perSecond.map((n) => fmtInt(n)).join(' ')}`,
    `  chained, labels per second over the window: ${chained.perSecond.map((n) => fmtInt(n)).join(' ')}`,
    `  raw baseline cpu (% of one core): ${cpuLine(raw.cpu)}`,
    `  postgres: ${Object.entries(pgSettings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  ];
  if (labeling.errors > 0) {
    lines.push(`  labeling errors by kind: ${JSON.stringify(labeling.errorsByKind)}`);
    for (const sample of labeling.errorSamples) lines.push(`    ${sample.phase} ${sample.request} -> ${sample.status}: ${sample.body}`);
  }
  for (const [name, run] of [
    ['labeling', labeling],
    ['chained labeling', chained],
  ] as const) {
    if (run.exhaustedAnnotators > 0) {
      lines.push(
        `  WARNING (${name}): ${run.exhaustedAnnotators} annotators got no task (nothing left to label), the first ${fmt(run.firstExhaustedAt ?? 0)} s ` +
          `into the window: labels/s is understated; raise BENCH_ITEMS`,
      );
    }
  }
  if (labeling.activity) {
    lines.push('  server pg connections while labeling (pg_stat_activity samples, state and wait event):');
    for (const w of labeling.activity.waits.slice(0, 8)) lines.push(`    ${w.query.padEnd(40)} ${fmt(w.share * 100)}%`);
  }
  if (diagnostics.length) lines.push('  statements the server ran most while labeling, with their generic plans:', ...diagnostics);
  lines.push(`  total wall time ${fmt((performance.now() - wallStart) / 1000)} s (before shutdown)`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const results = {
    startedAt: startedAt.toISOString(),
    environment: {
      node: process.version,
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      database: server.embedded ? 'embedded' : 'external',
      postgresVersion: pgVersion,
      postgresSettings: pgSettings,
      serverBootSeconds: bootSeconds,
    },
    settings: {
      items: ITEMS,
      annotators: ANNOTATORS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rawSeconds: RAW_SECONDS,
      rawConnections: RAW_CONNECTIONS,
    },
    targets: { importSeconds: TARGET_IMPORT_SECONDS, labelsPerSecond: TARGET_LABELS_PER_SECOND, p99Ms: TARGET_P99_MS, ratio: TARGET_RATIO },
    import: imported,
    labeling: { ...labeling, annotationsStored: stored },
    labelingChained: { ...chained, ratio: chainedRatio },
    ...(diagnostics.length ? { diagnostics } : {}),
    raw,
    ratio: { value: ratio, pass: ratioPass },
    pass: imported.pass && labeling.pass && ratioPass,
  };
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'api-bench.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file)}\n`);
  if (STRICT && !results.pass) process.exitCode = 1;
}

let currentServer: Server | undefined;
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
