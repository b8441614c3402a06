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
  /** The anti-cheat speed rule: time per label is the server's, from lease to submit. */
  readonly antiCheat: AntiCheatConfig;
  /** Limits on annotators without a track record, so throwaway wallets cannot hoard leases. */
  readonly newAnnotators: NewAnnotatorConfig;
  /** Seed one demo project of each type into an empty database. */
  readonly demoData: boolean;
  readonly chain: ChainConfig;
}

export interface AntiCheatConfig {
  /** Labels an annotator needs in a project before the speed and straight-lining rules judge them (speed: timed labels). */
  readonly minLabels: number;
  /** A median time per label under this, lease to submit, is faster than anyone reads. */
  readonly minMedianMs: number;
}

export interface NewAnnotatorConfig {
  /** Accepted labels (rewarded, not reversed) on the platform after which an annotator is no longer new; 0: nobody is. */
  readonly minAcceptedLabels: number;
  /** Live leases a new annotator may hold at once, across all projects. */
  readonly maxLeases: number;
}

/**
 * The EVM chain rewards are paid on. Without `RPC_URL`: an embedded development chain (chain id
 * CHAIN_ID, default 8996) in the data folder, every contract deployed at boot and kept across restarts.
 */
export interface ChainConfig {
  readonly rpcUrl: string | undefined;
  /** The platform's key: it funds and posts epochs, pays batches and relays claims. Required with RPC_URL. */
  readonly operatorKey: string | undefined;
  /** Deployed contracts on RPC_URL's chain (from `npm run -s tessera -- deploy`). */
  readonly tokenAddress: string | undefined;
  readonly distributorAddress: string | undefined;
  /** With RPC_URL and no addresses: deploy the contracts once (recorded in the database) instead of refusing to start. */
  readonly deployContracts: boolean;
  /** Block where the contracts were deployed: the claims indexer starts there. */
  readonly fromBlock: number;
  /** The embedded chain's JSON-RPC port (browser wallets connect to it). */
  readonly embeddedPort: number;
  /** What browser wallets are told to use; default RPC_URL, or the embedded chain's URL. */
  readonly publicRpcUrl: string | undefined;
  /** Blocks the indexer waits before trusting an event. */
  readonly confirmations: number;
  readonly epochExpiryDays: number;
  /** Close a claim epoch on its own every this many hours (0: only when an admin closes one). */
  readonly epochIntervalHours: number;
  /** Prefix for transaction links, e.g. https://etherscan.io/tx/ */
  readonly explorerTxUrl: string | undefined;
  /** Tests only (NODE_ENV=test): the process kills itself right after broadcasting a transaction whose purpose starts with this. */
  readonly crashAfterBroadcast: string | undefined;
}

function readPrivateKey(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^0x[0-9a-fA-F]{64}$/.test(raw.trim())) throw new ConfigError(name, 'must be a 32-byte hex private key (0x + 64 hex digits)');
  return raw.trim();
}

function readAddress(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!isAddress(raw.trim())) throw new ConfigError(name, `must be an Ethereum address, got "${raw}"`);
  return getAddress(raw.trim().toLowerCase());
}

function readChain(env: Env, nodeEnv: AppConfig['nodeEnv']): ChainConfig {
  const rpcUrl = readUrl(env, 'RPC_URL', ['http:', 'https:'])?.toString();
  const operatorKey = readPrivateKey(env, 'OPERATOR_PRIVATE_KEY');
  if (rpcUrl && !operatorKey) throw new ConfigError('OPERATOR_PRIVATE_KEY', 'is required with RPC_URL');
  const tokenAddress = readAddress(env, 'TOKEN_ADDRESS');
  const distributorAddress = readAddress(env, 'DISTRIBUTOR_ADDRESS');
  if ((tokenAddress === undefined) !== (distributorAddress === undefined)) {
    throw new ConfigError(tokenAddress ? 'DISTRIBUTOR_ADDRESS' : 'TOKEN_ADDRESS', 'must be set together with the other contract address');
  }
  return {
    rpcUrl,
    operatorKey,
    tokenAddress,
    distributorAddress,
    deployContracts: readChoice(env, 'DEPLOY_CONTRACTS', ['true', 'false'], 'false') === 'true',
    fromBlock: readInt(env, 'CHAIN_FROM_BLOCK', 0, 0, 2 ** 53 - 1),
    embeddedPort: readInt(env, 'CHAIN_PORT', 8545, 0, 65535),
    publicRpcUrl: readUrl(env, 'PUBLIC_RPC_URL', ['http:', 'https:'])?.toString(),
    confirmations: readInt(env, 'CHAIN_CONFIRMATIONS', rpcUrl ? 2 : 0, 0, 1000),
    epochExpiryDays: readInt(env, 'EPOCH_EXPIRY_DAYS', 30, 1, 365),
    epochIntervalHours: readInt(env, 'EPOCH_INTERVAL_HOURS', 0, 0, 24 * 365),
    explorerTxUrl: readUrl(env, 'EXPLORER_TX_URL', ['http:', 'https:'])?.toString(),
    crashAfterBroadcast: nodeEnv === 'test' && env['TEST_CRASH_AFTER_BROADCAST'] ? env['TEST_CRASH_AFTER_BROADCAST'] : undefined,
  };
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
    antiCheat: {
      minLabels: readInt(env, 'ANTI_CHEAT_MIN_LABELS', 10, 1, 10_000),
      minMedianMs: readInt(env, 'ANTI_CHEAT_MIN_MEDIAN_MS', 800, 0, 600_000),
    },
    newAnnotators: {
      minAcceptedLabels: readInt(env, 'NEW_ANNOTATOR_MIN_LABELS', 20, 0, 1_000_000),
      maxLeases: readInt(env, 'NEW_ANNOTATOR_MAX_LEASES', 3, 1, 1000),
    },
    frontendDir: env['FRONTEND_DIR'] ? path.resolve(cwd, env['FRONTEND_DIR']) : defaultFrontendDir(),
    chain: readChain(env, nodeEnv),
    demoData:
      readChoice(env, 'DEMO_DATA', ['true', 'false'], databaseUrl === undefined && nodeEnv === 'development' ? 'true' : 'false') === 'true',
  };
}

/** Injection token for the validated config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
