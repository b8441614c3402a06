import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAddress, isAddress } from 'ethers';

/** Everything Tessera reads from its environment, validated once at boot. */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** Origin users reach Tessera at; EIP-4361 messages must name its host and origin. */
  readonly publicUrl: URL;
  readonly chainId: number;
  /** Absent: an embedded PostgreSQL is started in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dbPoolSize: number;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly jwtSecret: string;
  readonly jwtTtlSeconds: number;
  readonly nonceTtlSeconds: number;
  /** Checksummed addresses that get the admin role when they sign in. */
  readonly adminAddresses: readonly string[];
  readonly defaultLeaseSeconds: number;
  readonly maxLeaseSeconds: number;
  readonly leaseSweepSeconds: number;
  /** A background job running longer than this is taken for crashed and retried elsewhere. */
  readonly jobTimeoutSeconds: number;
  /** Largest JSON body accepted outside imports. */
  readonly maxBodyBytes: number;
  /** Largest import stream (items file, CSV, JSONL, images). */
  readonly maxImportBytes: number;
  /** Absent: files go to the embedded blockstore in `dataDir`. */
  readonly ipfsApiUrl: string | undefined;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** The built browser app (`frontend/dist`), served on the same origin; absent when not built. */
  readonly frontendDir: string | undefined;
  /** Suspend annotators the anti-cheat rules catch (benchmarks' robots turn it off). */
  readonly autoSuspend: boolean;
  /** Seed one demo project of each type into an empty database. */
  readonly demoData: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readUrl(env: Env, name: string, protocols: readonly string[]): URL | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return url;
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function readAddresses(env: Env, name: string): string[] {
  const raw = env[name] ?? '';
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part: string) => {
      const shown = part;
      if (!isAddress(part)) throw new ConfigError(name, `holds "${shown}", which is not an Ethereum address`);
      return getAddress(part.toLowerCase());
    });
}

/**
 * Development runs keep a generated secret in the data folder so sessions survive restarts;
 * production must be given one.
 */
function readJwtSecret(env: Env, nodeEnv: AppConfig['nodeEnv'], dataDir: string): string {
  const raw = env['JWT_SECRET'];
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
    return raw;
  }
  if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  const file = path.join(dataDir, 'jwt-secret');
  try {
    const saved = readFileSync(file, 'utf8').trim();
    // A file cut short by a crash during the first write is replaced, never trusted.
    if (saved.length >= 32) return saved;
  } catch {
    // not written yet
  }
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The repository's `frontend/dist`, found by walking up from this file (source or compiled). */
function defaultFrontendDir(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(path.join(dir, 'frontend', 'package.json'))) return path.join(dir, 'frontend', 'dist');
    dir = path.dirname(dir);
  }
  return undefined;
}

export function loadConfig(env: Env, cwd: string): AppConfig {
  const nodeEnv = readChoice(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const host = env['HOST'] || '127.0.0.1';
  const publicUrl = readUrl(env, 'PUBLIC_URL', ['http:', 'https:']) ?? new URL(`http://localhost:${port}`);
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'])?.toString();
  const dataDir = path.resolve(cwd, env['TESSERA_DATA_DIR'] || '.tessera');
  const defaultLeaseSeconds = readInt(env, 'LEASE_SECONDS', 600, 1, 86_400);
  const maxLeaseSeconds = readInt(env, 'MAX_LEASE_SECONDS', 86_400, 1, 7 * 86_400);
  if (defaultLeaseSeconds > maxLeaseSeconds) {
    throw new ConfigError('LEASE_SECONDS', `must not exceed MAX_LEASE_SECONDS (${maxLeaseSeconds})`);
  }
  return {
    nodeEnv,
    host,
    port,
    publicUrl,
    chainId: readInt(env, 'CHAIN_ID', 8996, 1, 2 ** 53 - 1),
    databaseUrl,
    dbPoolSize: readInt(env, 'DB_POOL_SIZE', 20, 1, 500),
    dataDir,
    embeddedPgPort: readInt(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    jwtSecret: readJwtSecret(env, nodeEnv, dataDir),
    jwtTtlSeconds: readInt(env, 'JWT_TTL_SECONDS', 86_400, 60, 30 * 86_400),
    nonceTtlSeconds: readInt(env, 'NONCE_TTL_SECONDS', 300, 10, 86_400),
    adminAddresses: readAddresses(env, 'ADMIN_ADDRESSES'),
    defaultLeaseSeconds,
    maxLeaseSeconds,
    leaseSweepSeconds: readInt(env, 'LEASE_SWEEP_SECONDS', 15, 1, 3600),
    jobTimeoutSeconds: readInt(env, 'JOB_TIMEOUT_SECONDS', 300, 2, 86_400),
    maxBodyBytes: readInt(env, 'MAX_BODY_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    maxImportBytes: readInt(env, 'MAX_IMPORT_BYTES', 1024 * 1_048_576, 1024, 64 * 1024 * 1_048_576),
    ipfsApiUrl: readUrl(env, 'IPFS_API_URL', ['http:', 'https:'])?.toString(),
    logLevel: readChoice(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'], 'log'),
    autoSuspend: readChoice(env, 'AUTO_SUSPEND', ['true', 'false'], 'true') === 'true',
    frontendDir: env['FRONTEND_DIR'] ? path.resolve(cwd, env['FRONTEND_DIR']) : defaultFrontendDir(),
    demoData:
      readChoice(env, 'DEMO_DATA', ['true', 'false'], databaseUrl === undefined && nodeEnv === 'development' ? 'true' : 'false') === 'true',
  };
}

/** Injection token for the validated config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
