import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import { getAddress, isAddress } from 'ethers';
import type { JsonLimits } from '../http/json-limits.js';
import { parseTokens } from '../rewards/domain/reward-math.js';
import { wellKnownDevKeyIndex } from './dev-keys.js';

/** Everything Tessera reads from its environment, validated once at boot. */
export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Whether this process runs the queue's jobs and the schedules. */
export function runsBackgroundWork(config: Pick<AppConfig, 'role'>): boolean {
  return config.role !== 'api';
}

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
  /** How long one session token lives; the apps renew it before then. */
  readonly jwtTtlSeconds: number;
  /** Renewals stop this long after the wallet signed: then it must sign in again. */
  readonly sessionMaxAgeSeconds: number;
  readonly nonceTtlSeconds: number;
  /** Expired and used sign-in nonces are deleted this often. */
  readonly noncePurgeSeconds: number;
  readonly rateLimits: RateLimitConfig;
  /** Proxies (IPs, CIDRs or proxy-addr names such as `loopback`) whose X-Forwarded-For is believed; empty: none. */
  readonly trustedProxies: readonly string[];
  /** Origins that may call the API from another site (CORS); empty: same origin only. */
  readonly corsOrigins: readonly string[];
  /** How long a signed file URL (an item image) stays valid. */
  readonly fileUrlTtlSeconds: number;
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
  /** Largest single record inside an import (a JSONL line, JSON array element or CSV record) and item `data`. */
  readonly maxItemBytes: number;
  /** Nesting depth and key counts allowed in a JSON body, a list filter and each imported record. */
  readonly jsonLimits: JsonLimits;
  /** Absent: files go to the embedded blockstore in `dataDir`. */
  readonly ipfsApiUrl: string | undefined;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug';
  /**
   * What this process does (TESSERA_ROLE, or `main.js api|worker|all`): `all` serves HTTP and runs the
   * background work (the embedded run); `api` serves HTTP only, stateless, several behind a load
   * balancer; `worker` runs the queue's jobs and the schedules (aggregation, crediting, epochs,
   * publishing, indexing, sweeps) and answers only /api/health and /metrics. Split roles need DATABASE_URL.
   */
  readonly role: ProcessRole;
  /** On SIGTERM, how long requests in flight may take to finish before their connections are closed. */
  readonly shutdownGraceSeconds: number;
  /**
   * On SIGTERM, how long the process goes on serving while /api/health/ready answers 503 "stopping",
   * before it stops listening: time for a load balancer that probes readiness to take it out of rotation.
   */
  readonly shutdownDrainSeconds: number;
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
  /** An OpenAI-compatible chat-completions endpoint that writes synthetic texts; absent: the embedded n-gram model. */
  readonly synthLlm: SynthLlmConfig | undefined;
  /** Wraps each dataset version's file key (64 hex digits); generated into the data folder when not given. */
  readonly datasetMasterKey: string;
  /** Tests only (NODE_ENV=test): the process kills itself right after storing this many files of a dataset build. */
  readonly crashAfterDatasetFiles: number | undefined;
  /** Tests only (NODE_ENV=test): the process kills itself when publishing's mint is mined and before its result is recorded. */
  readonly crashDuringPublish: 'mint' | undefined;
  /** How long a publication waits out an outage of the chain or the store (retrying) before it fails. */
  readonly publishRetrySeconds: number;
  readonly ocean: OceanConfig;
  readonly indexer: IndexerConfig;
  readonly sales: SalesConfig;
  readonly observability: ObservabilityConfig;
}

/** Logs, metrics and readiness (observability and health modules). */
export interface ObservabilityConfig {
  /** One JSON object per line (LOG_FORMAT=json, the default in production), or readable lines for a terminal (`pretty`). */
  readonly logFormat: 'json' | 'pretty';
  /**
   * GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>` when set. Unset, /metrics is open outside
   * production and off in production (metrics tell volumes and routes to whoever asks).
   */
  readonly metricsToken: string | undefined;
  /** How long /api/health/ready waits for each dependency before it calls it down (READY_TIMEOUT_MS). */
  readonly readyTimeoutMs: number;
}

/** The Ocean event indexer (indexer module): how far behind the head it stays, how often and how wide it reads. */
export interface IndexerConfig {
  /** Blocks an event must be under before it is indexed (INDEXER_CONFIRMATIONS; default CHAIN_CONFIRMATIONS: 0 on the embedded chain, 2 with RPC_URL). */
  readonly confirmations: number;
  /** Pause between passes when caught up (INDEXER_POLL_SECONDS, default 2). */
  readonly pollMs: number;
  /** Blocks per eth_getLogs request (INDEXER_LOG_WINDOW, default 2000; public RPCs refuse wide ranges). */
  readonly logWindow: number;
}

/** Dataset sales: the annotators' share, and the embedded chain's faucet. */
export interface SalesConfig {
  /** Share of each sale paid to the sold version's annotators, basis points, until an admin sets another (DATASET_SALE_SHARE_BPS). */
  readonly defaultShareBps: number;
  /** What POST /api/dev/faucet gives an address (embedded chain only): gas in wei, base tokens in their smallest unit. */
  readonly faucetGasWei: bigint;
  readonly faucetTokens: bigint;
  /** One faucet grant per address per this many seconds (FAUCET_WINDOW_SECONDS). */
  readonly faucetWindowSeconds: number;
}

export interface SynthLlmConfig {
  /** Base URL of the API (the `/chat/completions` route is appended), e.g. http://127.0.0.1:8000/v1. */
  readonly url: string;
  readonly model: string;
  /** Sent as a Bearer token when set. */
  readonly apiKey: string | undefined;
  readonly timeoutMs: number;
}

/** Where the Ocean Protocol contracts are (ocean.js's address-file names), as configured for a real chain. */
export interface OceanAddressesConfig {
  /** The key of the address file's entry (`development`, `sepolia`, ...); for explicit variables, `custom`. */
  readonly network: string;
  readonly oceanToken: string;
  readonly nftFactory: string;
  readonly fixedRateExchange: string;
  readonly dispenser: string;
  readonly router: string;
  readonly opfCommunityFeeCollector: string;
  /** Block of the deployment (the address file's `startBlock`; 0 unknown). */
  readonly startBlock: number;
}

/**
 * Ocean Protocol on the chain. The embedded chain (and RPC_URL with DEPLOY_CONTRACTS) gets the contracts
 * of @oceanprotocol/contracts deployed at first boot; on another chain their addresses come from an
 * ocean.js address file (OCEAN_ADDRESS_FILE) or OCEAN_*_ADDRESS variables, and without them Ocean is off.
 */
export interface OceanConfig {
  readonly addresses: OceanAddressesConfig | undefined;
  /**
   * The key Tessera plays Ocean's Provider role with: asset files are encrypted for it, provider fees
   * signed by it. Undefined only in production without PROVIDER_PRIVATE_KEY: nothing can be published then.
   */
  readonly providerKey: string | undefined;
}

/** Requests per window: signed-in callers by account, anonymous ones by IP, sign-in and the faucet by IP and route. */
export interface RateLimitConfig {
  readonly windowSeconds: number;
  readonly perUser: number;
  readonly perIp: number;
  readonly signInPerIp: number;
  /** POST /api/dev/faucet per client network: each grant is a mined transaction, and made-up addresses cost nothing. */
  readonly faucetPerIp: number;
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
  /**
   * With RPC_URL: the key that sends relayed (gas-free) claims on its own nonce sequence, so they never
   * hold a payout back. Absent: the operator sends them, after any payout waiting. The embedded chain
   * uses a development account of its own.
   */
  readonly relayerKey: string | undefined;
  /** A JSON-RPC request taking longer is abandoned (and retried as a transient error). */
  readonly rpcTimeoutMs: number;
  /** The outbox's first retry after a transient error; each next one doubles, up to `txRetryMaxMs`, with jitter. */
  readonly txRetryBaseMs: number;
  readonly txRetryMaxMs: number;
  /** A broadcast transaction without a receipt this long is re-signed with the same nonce and higher fees. */
  readonly txReplaceAfterMs: number;
  /** No transaction bids more than this per gas (wei), replacements included. */
  readonly txMaxFeeWei: bigint;
  /** The smallest amount (smallest unit) the platform relays a claim for: below it, annotators claim from their wallet. */
  readonly relayMinAmount: bigint;
  /** Relayed claims per annotator in any 24 hours (0: no relayed claims). */
  readonly relayDailyCap: number;
}

/** A private key; production refuses the development chains' public test keys (anyone could spend from them). */
function readPrivateKey(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^0x[0-9a-fA-F]{64}$/.test(raw.trim())) throw new ConfigError(name, 'must be a 32-byte hex private key (0x + 64 hex digits)');
  const key = raw.trim();
  if (env['NODE_ENV'] === 'production') {
    const index = wellKnownDevKeyIndex(key);
    if (index !== undefined) {
      throw new ConfigError(
        name,
        `is development account #${index} of the public Hardhat/anvil test mnemonic: anyone can spend from it. Use a key of your own when NODE_ENV=production`,
      );
    }
  }
  return key;
}

function readAddress(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!isAddress(raw.trim())) throw new ConfigError(name, `must be an Ethereum address, got "${raw}"`);
  return getAddress(raw.trim().toLowerCase());
}

function readTokens(env: Env, name: string, fallback: string): bigint {
  const raw = env[name];
  try {
    return parseTokens(raw === undefined || raw === '' ? fallback : raw);
  } catch (error) {
    throw new ConfigError(name, (error as Error).message);
  }
}

function readChain(env: Env, nodeEnv: AppConfig['nodeEnv']): ChainConfig {
  const rpcUrl = readUrl(env, 'RPC_URL', ['http:', 'https:'])?.toString();
  const operatorKey = readPrivateKey(env, 'OPERATOR_PRIVATE_KEY');
  if (rpcUrl && !operatorKey) throw new ConfigError('OPERATOR_PRIVATE_KEY', 'is required with RPC_URL');
  // The embedded chain is a development chain whose operator is a public test account: never in production.
  if (nodeEnv === 'production' && !rpcUrl) {
    throw new ConfigError('RPC_URL', 'is required when NODE_ENV=production (the embedded development chain runs on a public test key)');
  }
  const relayerKey = readPrivateKey(env, 'RELAYER_PRIVATE_KEY');
  if (relayerKey && operatorKey && relayerKey.toLowerCase() === operatorKey.toLowerCase()) {
    throw new ConfigError(
      'RELAYER_PRIVATE_KEY',
      'must differ from OPERATOR_PRIVATE_KEY (it exists to give relayed claims their own nonces)',
    );
  }
  const txRetryBaseMs = readInt(env, 'TX_RETRY_BASE_MS', 1_000, 10, 600_000);
  const txRetryMaxMs = readInt(env, 'TX_RETRY_MAX_SECONDS', 300, 1, 86_400) * 1000;
  if (txRetryMaxMs < txRetryBaseMs)
    throw new ConfigError('TX_RETRY_MAX_SECONDS', `must not be below TX_RETRY_BASE_MS (${txRetryBaseMs} ms)`);
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
    relayerKey,
    rpcTimeoutMs: readInt(env, 'RPC_TIMEOUT_SECONDS', 15, 1, 300) * 1000,
    txRetryBaseMs,
    txRetryMaxMs,
    txReplaceAfterMs: readInt(env, 'TX_REPLACE_AFTER_SECONDS', 180, 1, 86_400) * 1000,
    txMaxFeeWei: BigInt(readInt(env, 'TX_MAX_FEE_GWEI', 500, 1, 1_000_000)) * 1_000_000_000n,
    relayMinAmount: readTokens(env, 'RELAY_MIN_AMOUNT', '1'),
    relayDailyCap: readInt(env, 'RELAY_DAILY_CAP', 3, 0, 1_000),
  };
}

function readObservability(env: Env, nodeEnv: AppConfig['nodeEnv']): ObservabilityConfig {
  const metricsToken = env['METRICS_TOKEN'] || undefined;
  if (metricsToken !== undefined && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters without spaces');
  }
  return {
    logFormat: readChoice(env, 'LOG_FORMAT', ['json', 'pretty'], nodeEnv === 'production' ? 'json' : 'pretty'),
    metricsToken,
    readyTimeoutMs: readInt(env, 'READY_TIMEOUT_MS', 2000, 50, 60_000),
  };
}

/** SYNTH_LLM_URL switches synthetic texts to an OpenAI-compatible endpoint, which then needs a model name. */
function readSynthLlm(env: Env): SynthLlmConfig | undefined {
  const url = readUrl(env, 'SYNTH_LLM_URL', ['http:', 'https:']);
  if (!url) return undefined;
  const model = env['SYNTH_LLM_MODEL']?.trim();
  if (!model) throw new ConfigError('SYNTH_LLM_MODEL', 'is required with SYNTH_LLM_URL (the model the endpoint serves)');
  return {
    url: url.toString().replace(/\/+$/, ''),
    model,
    apiKey: env['SYNTH_LLM_API_KEY'] || undefined,
    timeoutMs: readInt(env, 'SYNTH_LLM_TIMEOUT_SECONDS', 60, 1, 600) * 1000,
  };
}

/** OCEAN_* address variables, by the ocean.js address-file name each stands for. */
const OCEAN_ADDRESS_VARIABLES = {
  Ocean: 'OCEAN_TOKEN_ADDRESS',
  ERC721Factory: 'OCEAN_NFT_FACTORY_ADDRESS',
  FixedPrice: 'OCEAN_FIXED_RATE_ADDRESS',
  Dispenser: 'OCEAN_DISPENSER_ADDRESS',
  Router: 'OCEAN_ROUTER_ADDRESS',
  OPFCommunityFeeCollector: 'OCEAN_OPF_COLLECTOR_ADDRESS',
} as const;

type OceanAddressName = keyof typeof OCEAN_ADDRESS_VARIABLES;

function oceanAddresses(read: (name: OceanAddressName) => string, network: string, startBlock: number): OceanAddressesConfig {
  return {
    network,
    oceanToken: read('Ocean'),
    nftFactory: read('ERC721Factory'),
    fixedRateExchange: read('FixedPrice'),
    dispenser: read('Dispenser'),
    router: read('Router'),
    opfCommunityFeeCollector: read('OPFCommunityFeeCollector'),
    startBlock,
  };
}

/**
 * An ocean.js address file (`{"<network>": {chainId, Ocean, ERC721Factory, FixedPrice, Dispenser, Router,
 * OPFCommunityFeeCollector, startBlock, ...}}`): the entry named OCEAN_NETWORK, else the one for CHAIN_ID.
 */
function readOceanAddressFile(env: Env, file: string, chainId: number): OceanAddressesConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('OCEAN_ADDRESS_FILE', `must be a readable JSON address file (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('OCEAN_ADDRESS_FILE', 'must hold an object keyed by network name, as ocean.js address.json does');
  }
  const networks = parsed as Record<string, unknown>;
  const wanted = env['OCEAN_NETWORK'];
  const name = wanted ? wanted : Object.keys(networks).find((key) => (networks[key] as { chainId?: unknown } | null)?.chainId === chainId);
  const entry = name === undefined ? undefined : networks[name];
  if (name === undefined || typeof entry !== 'object' || entry === null) {
    throw new ConfigError(
      wanted ? 'OCEAN_NETWORK' : 'OCEAN_ADDRESS_FILE',
      wanted
        ? `names "${wanted}", which ${file} does not hold`
        : `holds no network with chainId ${chainId} (set OCEAN_NETWORK to choose one)`,
    );
  }
  const fields = entry as Record<string, unknown>;
  if (fields['chainId'] !== undefined && fields['chainId'] !== chainId) {
    throw new ConfigError(
      'OCEAN_NETWORK',
      `names "${name}", whose chainId ${JSON.stringify(fields['chainId'])} is not CHAIN_ID ${chainId}`,
    );
  }
  const startBlock = typeof fields['startBlock'] === 'number' && Number.isInteger(fields['startBlock']) ? fields['startBlock'] : 0;
  return oceanAddresses(
    (key) => {
      const value = fields[key];
      if (typeof value !== 'string' || !isAddress(value)) {
        throw new ConfigError('OCEAN_ADDRESS_FILE', `has no address for ${key} in "${name}"`);
      }
      return getAddress(value.toLowerCase());
    },
    name,
    startBlock,
  );
}

/**
 * The provider key: PROVIDER_PRIVATE_KEY, or (outside production) one generated into the data folder
 * on first boot and kept there. Production never generates one: files encrypted for a key that a lost
 * data folder took with it could never be downloaded again.
 */
function readProviderKey(env: Env, nodeEnv: AppConfig['nodeEnv'], dataDir: string): string | undefined {
  const configured = readPrivateKey(env, 'PROVIDER_PRIVATE_KEY');
  if (configured) return configured;
  if (nodeEnv === 'production') return undefined;
  const file = path.join(dataDir, 'provider-key');
  try {
    const saved = readFileSync(file, 'utf8').trim();
    // A file cut short by a crash during the first write is replaced, never trusted.
    if (/^0x[0-9a-f]{64}$/.test(saved)) return saved;
  } catch {
    // not written yet
  }
  const key = `0x${randomBytes(32).toString('hex')}`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

function readOcean(env: Env, nodeEnv: AppConfig['nodeEnv'], dataDir: string, chainId: number): OceanConfig {
  const file = env['OCEAN_ADDRESS_FILE'];
  const given = (Object.entries(OCEAN_ADDRESS_VARIABLES) as Array<[OceanAddressName, string]>).filter(
    ([, variable]) => env[variable] !== undefined && env[variable] !== '',
  );
  if (file && given.length > 0) {
    throw new ConfigError(given[0]![1], 'cannot be set together with OCEAN_ADDRESS_FILE: give the addresses one way');
  }
  let addresses: OceanAddressesConfig | undefined;
  if (file) addresses = readOceanAddressFile(env, path.resolve(file), chainId);
  else if (given.length > 0) {
    const missing = (Object.values(OCEAN_ADDRESS_VARIABLES) as string[]).find((variable) => !readAddress(env, variable));
    if (missing) throw new ConfigError(missing, 'must be set with the other OCEAN_*_ADDRESS variables (or use OCEAN_ADDRESS_FILE)');
    addresses = oceanAddresses(
      (key) => readAddress(env, OCEAN_ADDRESS_VARIABLES[key])!,
      'custom',
      readInt(env, 'OCEAN_START_BLOCK', 0, 0, 2 ** 53 - 1),
    );
  }
  return { addresses, providerKey: readProviderKey(env, nodeEnv, dataDir) };
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

/** A comma-separated list of proxy addresses: IPs, CIDRs, or proxy-addr's names for address ranges. */
function readTrustedProxies(env: Env, name: string): string[] {
  const names = ['loopback', 'linklocal', 'uniquelocal'];
  return (env[name] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      if (names.includes(part)) return part;
      const [address, prefix, extra] = part.split('/');
      const version = isIP(address ?? '');
      const maxPrefix = version === 4 ? 32 : 128;
      const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
      if (version === 0 || !prefixOk || extra !== undefined) {
        throw new ConfigError(name, `holds "${part}", which is not an IP address, a CIDR range or one of ${names.join(', ')}`);
      }
      return part;
    });
}

/** A comma-separated list of origins (scheme://host[:port], nothing after). */
function readOrigins(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      let url: URL | undefined;
      try {
        url = new URL(part);
      } catch {
        url = undefined;
      }
      if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== part.replace(/\/$/, '')) {
        throw new ConfigError(name, `holds "${part}", which is not an origin such as https://app.example.org`);
      }
      return url.origin;
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

/**
 * The key that wraps dataset versions' file keys. Without DATASET_MASTER_KEY, one is generated once
 * into the data folder (next to the blockstore whose files it protects), as the JWT secret is; never
 * in production, where processes that each made their own could not open each other's files (a
 * worker builds a version, an API replica serves it), and a lost data folder would take every
 * dataset file with it.
 */
function readDatasetMasterKey(env: Env, nodeEnv: AppConfig['nodeEnv'], dataDir: string): string {
  const raw = env['DATASET_MASTER_KEY'];
  if (raw !== undefined && raw !== '') {
    if (!/^[0-9a-fA-F]{64}$/.test(raw.trim())) throw new ConfigError('DATASET_MASTER_KEY', 'must be 32 bytes as 64 hex digits');
    return raw.trim().toLowerCase();
  }
  if (nodeEnv === 'production') {
    throw new ConfigError(
      'DATASET_MASTER_KEY',
      'is required when NODE_ENV=production (64 hex digits, the same for every process; back it up)',
    );
  }
  const file = path.join(dataDir, 'dataset-master-key');
  try {
    const saved = readFileSync(file, 'utf8').trim();
    // A file cut short by a crash during the first write is replaced, never trusted.
    if (/^[0-9a-f]{64}$/.test(saved)) return saved;
  } catch {
    // not written yet
  }
  const key = randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, key, { mode: 0o600 });
  return key;
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

/** Settings that may be given as a file's content instead (NAME_FILE=/run/secrets/...), as Docker and Kubernetes secrets are mounted. */
export const SECRET_SETTINGS = [
  'DATABASE_URL',
  'JWT_SECRET',
  'OPERATOR_PRIVATE_KEY',
  'RELAYER_PRIVATE_KEY',
  'PROVIDER_PRIVATE_KEY',
  'DATASET_MASTER_KEY',
  'SYNTH_LLM_API_KEY',
  'METRICS_TOKEN',
] as const;

/** `env` with each secret read from its NAME_FILE when that is set (trailing newline dropped); both set is an error. */
function withSecretFiles(env: Env): Env {
  let expanded: Record<string, string | undefined> | undefined;
  for (const name of SECRET_SETTINGS) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) throw new ConfigError(`${name}_FILE`, `cannot be set together with ${name}: give the secret one way`);
    let value: string;
    try {
      value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new ConfigError(`${name}_FILE`, `must name a readable file (${(error as Error).message})`);
    }
    expanded ??= { ...env };
    expanded[name] = value;
  }
  return expanded ?? env;
}

export function loadConfig(given: Env, cwd: string): AppConfig {
  const env = withSecretFiles(given);
  const nodeEnv = readChoice(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const host = env['HOST'] || '127.0.0.1';
  const publicUrl = readUrl(env, 'PUBLIC_URL', ['http:', 'https:']) ?? new URL(`http://localhost:${port}`);
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'])?.toString();
  const role = readChoice(env, 'TESSERA_ROLE', PROCESS_ROLES, 'all');
  if (role !== 'all' && databaseUrl === undefined) {
    throw new ConfigError(
      'TESSERA_ROLE',
      `${role} processes share one database: set DATABASE_URL (the embedded database belongs to one all-in-one process)`,
    );
  }
  const dataDir = path.resolve(cwd, env['TESSERA_DATA_DIR'] || '.tessera');
  const chainId = readInt(env, 'CHAIN_ID', 8996, 1, 2 ** 53 - 1);
  const maxImportBytes = readInt(env, 'MAX_IMPORT_BYTES', 1024 * 1_048_576, 1024, 64 * 1024 * 1_048_576);
  const maxItemBytes = readInt(env, 'MAX_ITEM_BYTES', 256 * 1024, 1024, 64 * 1_048_576);
  if (maxItemBytes > maxImportBytes) throw new ConfigError('MAX_ITEM_BYTES', `must not exceed MAX_IMPORT_BYTES (${maxImportBytes})`);
  const maxJsonKeys = readInt(env, 'MAX_JSON_KEYS', 10_000, 1, 1_000_000);
  const maxJsonObjectKeys = readInt(env, 'MAX_JSON_OBJECT_KEYS', 1000, 1, 1_000_000);
  if (maxJsonObjectKeys > maxJsonKeys) throw new ConfigError('MAX_JSON_OBJECT_KEYS', `must not exceed MAX_JSON_KEYS (${maxJsonKeys})`);
  const defaultLeaseSeconds = readInt(env, 'LEASE_SECONDS', 600, 1, 86_400);
  const maxLeaseSeconds = readInt(env, 'MAX_LEASE_SECONDS', 86_400, 1, 7 * 86_400);
  if (defaultLeaseSeconds > maxLeaseSeconds) {
    throw new ConfigError('LEASE_SECONDS', `must not exceed MAX_LEASE_SECONDS (${maxLeaseSeconds})`);
  }
  const sessionMaxAgeSeconds = readInt(env, 'SESSION_MAX_AGE_SECONDS', 86_400, 60, 90 * 86_400);
  const jwtTtlSeconds = readInt(env, 'JWT_TTL_SECONDS', 3600, 60, 30 * 86_400);
  if (jwtTtlSeconds > sessionMaxAgeSeconds) {
    throw new ConfigError('JWT_TTL_SECONDS', `must not exceed SESSION_MAX_AGE_SECONDS (${sessionMaxAgeSeconds})`);
  }
  const config: Omit<AppConfig, 'indexer'> = {
    nodeEnv,
    host,
    port,
    publicUrl,
    chainId,
    databaseUrl,
    dbPoolSize: readInt(env, 'DB_POOL_SIZE', 20, 1, 500),
    dataDir,
    embeddedPgPort: readInt(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    jwtSecret: readJwtSecret(env, nodeEnv, dataDir),
    datasetMasterKey: readDatasetMasterKey(env, nodeEnv, dataDir),
    crashDuringPublish: nodeEnv === 'test' && env['TEST_CRASH_DURING_PUBLISH'] === 'mint' ? 'mint' : undefined,
    publishRetrySeconds: readInt(env, 'PUBLISH_RETRY_SECONDS', 1800, 0, 7 * 86_400),
    crashAfterDatasetFiles:
      nodeEnv === 'test' && env['TEST_CRASH_AFTER_DATASET_FILES'] ? readInt(env, 'TEST_CRASH_AFTER_DATASET_FILES', 1, 1, 1000) : undefined,
    jwtTtlSeconds,
    sessionMaxAgeSeconds,
    nonceTtlSeconds: readInt(env, 'NONCE_TTL_SECONDS', 300, 10, 86_400),
    noncePurgeSeconds: readInt(env, 'NONCE_PURGE_SECONDS', 300, 1, 86_400),
    rateLimits: {
      windowSeconds: readInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
      perUser: readInt(env, 'RATE_LIMIT_PER_USER', 1200, 1, 1_000_000_000),
      perIp: readInt(env, 'RATE_LIMIT_PER_IP', 1200, 1, 1_000_000_000),
      signInPerIp: readInt(env, 'RATE_LIMIT_SIGN_IN_PER_IP', 60, 1, 1_000_000_000),
      faucetPerIp: readInt(env, 'RATE_LIMIT_FAUCET_PER_IP', 10, 1, 1_000_000_000),
    },
    trustedProxies: readTrustedProxies(env, 'TRUSTED_PROXIES'),
    corsOrigins: readOrigins(env, 'CORS_ORIGINS'),
    fileUrlTtlSeconds: readInt(env, 'FILE_URL_TTL_SECONDS', 900, 30, 3600),
    adminAddresses: readAddresses(env, 'ADMIN_ADDRESSES'),
    defaultLeaseSeconds,
    maxLeaseSeconds,
    leaseSweepSeconds: readInt(env, 'LEASE_SWEEP_SECONDS', 15, 1, 3600),
    jobTimeoutSeconds: readInt(env, 'JOB_TIMEOUT_SECONDS', 300, 2, 86_400),
    maxBodyBytes: readInt(env, 'MAX_BODY_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    maxImportBytes,
    maxItemBytes,
    // Deeper than a few hundred levels, JSON.stringify and class-transformer (both recursive) overflow the stack.
    jsonLimits: { maxDepth: readInt(env, 'MAX_JSON_DEPTH', 32, 2, 256), maxKeys: maxJsonKeys, maxObjectKeys: maxJsonObjectKeys },
    ipfsApiUrl: readUrl(env, 'IPFS_API_URL', ['http:', 'https:'])?.toString(),
    logLevel: readChoice(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'], 'log'),
    role,
    shutdownGraceSeconds: readInt(env, 'SHUTDOWN_GRACE_SECONDS', 25, 0, 3600),
    shutdownDrainSeconds: readInt(env, 'SHUTDOWN_DRAIN_SECONDS', 0, 0, 600),
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
    synthLlm: readSynthLlm(env),
    ocean: readOcean(env, nodeEnv, dataDir, chainId),
    sales: {
      defaultShareBps: readInt(env, 'DATASET_SALE_SHARE_BPS', 3000, 0, 10_000),
      faucetGasWei: BigInt(readInt(env, 'FAUCET_GAS_MILLI_ETH', 1000, 0, 1_000_000)) * 10n ** 15n,
      faucetTokens: BigInt(readInt(env, 'FAUCET_TOKENS', 100, 0, 1_000_000)) * 10n ** 18n,
      faucetWindowSeconds: readInt(env, 'FAUCET_WINDOW_SECONDS', 3600, 0, 30 * 86_400),
    },
    observability: readObservability(env, nodeEnv),
    demoData:
      readChoice(env, 'DEMO_DATA', ['true', 'false'], databaseUrl === undefined && nodeEnv === 'development' ? 'true' : 'false') === 'true',
  };
  return {
    ...config,
    indexer: {
      confirmations: readInt(env, 'INDEXER_CONFIRMATIONS', config.chain.confirmations, 0, 1000),
      pollMs: readInt(env, 'INDEXER_POLL_SECONDS', 2, 1, 3600) * 1000,
      logWindow: readInt(env, 'INDEXER_LOG_WINDOW', 2000, 1, 1_000_000),
    },
  };
}

/** Injection token for the validated config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
