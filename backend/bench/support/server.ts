/**
 * The server the API bench measures: the compiled platform as a child process (started by the test
 * support's `spawnPlatform`) on a fresh database, either an embedded PostgreSQL in a temporary data
 * folder or a new database in DATABASE_URL's server; stopped and cleaned up through `runCleanups`.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { EmbeddedDatabase, stopStaleServer } from '../../src/database/embedded-postgres.js';
import { freePort } from '../../test/support/free-port.js';
import { spawnPlatform, type PlatformProcess } from '../../test/support/platform-process.js';
import { onCleanup } from './cleanups.js';
import { log } from './log.js';

export interface BenchServer {
  platform: PlatformProcess;
  child: ChildProcess;
  baseUrl: string;
  port: number;
  /** The server's database, for the bench's own clients (the embedded one's once `waitForServer` is done). */
  readonly pgUrl: string;
  embedded: boolean;
  /** The server's own PostgreSQL, when it embeds one. */
  embeddedDatabase: EmbeddedDatabase | undefined;
  dataDir: string;
  /** The environment it runs with (another process of the same deployment starts from it). */
  env: NodeJS.ProcessEnv;
  /** The exit code (-1 for a signal). */
  exited: Promise<number | null>;
  /** Set once the bench itself stops the server; an exit before that is a failure of the run. */
  stopping: boolean;
  /** Filled when the server exits while the bench still needs it. */
  unexpectedExit: string | undefined;
}

export interface BenchServerOptions {
  /** The compiled server's entry point. */
  main: string;
  cwd: string;
  adminAddress: string;
  chainId: number;
  logLevel: string;
  /** A PostgreSQL in which to make the server's database; without one the server embeds its own. */
  externalDatabaseUrl: string | undefined;
  nodeArgs: string[];
  /** Set on top of the server's environment (e.g. TESSERA_ROLE). */
  extraEnv?: NodeJS.ProcessEnv;
}

/** A fresh database in the PostgreSQL at `adminUrl`, dropped by the cleanups: its URL. */
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
  onCleanup(async () => {
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

/** Starts the server; it is ready once `waitForServer` resolves. */
export async function startServer(options: BenchServerOptions): Promise<BenchServer> {
  if (!existsSync(options.main)) throw new Error(`${options.main} is missing: run the build first`);
  const port = await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
  onCleanup(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));

  const embedded = options.externalDatabaseUrl === undefined;
  const externalUrl = options.externalDatabaseUrl === undefined ? undefined : await createExternalDatabase(options.externalDatabaseUrl);
  // The embedded server's password is random, written to the data folder at its first start: the
  // reader that attaches to a cluster another process started finds it there.
  const embeddedDatabase = embedded
    ? new EmbeddedDatabase({ dir: path.join(dataDir, 'pg'), port: pgPort, database: 'tessera' })
    : undefined;
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    CHAIN_ID: String(options.chainId),
    LOG_LEVEL: options.logLevel,
    CHAIN_PORT: '0',
    ADMIN_ADDRESSES: options.adminAddress,
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
  Object.assign(env, options.extraEnv);
  if (embedded) delete env['DATABASE_URL'];
  else env['DATABASE_URL'] = externalUrl;

  const platform = spawnPlatform({
    main: options.main,
    cwd: options.cwd,
    env,
    port,
    nodeArgs: options.nodeArgs,
    onLine: (line) => process.stderr.write(`[server] ${line}\n`),
  });
  const server: BenchServer = {
    platform,
    child: platform.child,
    baseUrl,
    port,
    get pgUrl() {
      return externalUrl ?? embeddedDatabase!.url;
    },
    embedded,
    embeddedDatabase,
    dataDir,
    env,
    exited: platform.exited.then(({ code, signal }) => {
      if (!server.stopping) {
        server.unexpectedExit = `server (pid ${String(platform.child.pid)}) exited during the run: code ${String(code)}, signal ${String(signal)}`;
        log(server.unexpectedExit);
      }
      return code ?? (signal ? -1 : null);
    }),
    stopping: false,
    unexpectedExit: undefined,
  };
  onCleanup(() => stopServer(server));
  return server;
}

/** Waits for /api/health (embedded PostgreSQL init and migrations included): the seconds it took. */
export async function waitForServer(server: BenchServer, timeoutMs: number): Promise<number> {
  const started = performance.now();
  await server.platform.waitForHealth(timeoutMs);
  const seconds = (performance.now() - started) / 1000;
  await server.embeddedDatabase?.attach();
  return seconds;
}

async function stopServer(server: BenchServer): Promise<void> {
  const { child } = server;
  server.stopping = true;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    // Unref'd: once the server is gone, the grace period must not keep the bench alive for 30 s.
    const code = await Promise.race([server.exited, sleep(30_000, undefined, { ref: false }).then(() => 'timeout' as const)]);
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
