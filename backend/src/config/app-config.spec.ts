import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config.js';

// Hardhat's first two accounts, in their checksummed form.
const ADMIN_1 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const ADMIN_2 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const SECRET = 's'.repeat(32);
/** Production requires a dataset master key as it requires a JWT secret. */
const MASTER_KEY = 'cd'.repeat(32);

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'tessera-config-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

/** Expects loadConfig to throw a ConfigError about `variable`. */
function configErrorVariable(env: Record<string, string>): string {
  let thrown: unknown;
  try {
    loadConfig(env, cwd);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  const error = thrown as ConfigError;
  expect(error.name).toBe('ConfigError');
  expect(error.message).toContain(error.variable);
  return error.variable;
}

describe('loadConfig defaults', () => {
  it('fills every setting from an empty environment', () => {
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      chainId: 8996,
      databaseUrl: undefined,
      dbPoolSize: 20,
      dataDir: path.join(cwd, '.tessera'),
      embeddedPgPort: 54329,
      jwtTtlSeconds: 3600,
      sessionMaxAgeSeconds: 86_400,
      nonceTtlSeconds: 300,
      noncePurgeSeconds: 300,
      rateLimits: { windowSeconds: 60, perUser: 1200, perIp: 1200, signInPerIp: 60, faucetPerIp: 10 },
      trustedProxies: [],
      corsOrigins: [],
      fileUrlTtlSeconds: 900,
      adminAddresses: [],
      defaultLeaseSeconds: 600,
      maxLeaseSeconds: 86_400,
      leaseSweepSeconds: 15,
      maxBodyBytes: 1_048_576,
      maxImportBytes: 1024 * 1_048_576,
      maxItemBytes: 256 * 1024,
      jsonLimits: { maxDepth: 32, maxKeys: 10_000, maxObjectKeys: 1000 },
      ipfsApiUrl: undefined,
      logLevel: 'log',
    });
    expect(config.publicUrl.href).toBe('http://localhost:3000/');
    expect(config.jobTimeoutSeconds).toBe(300);
    expect(config.antiCheat).toEqual({ minLabels: 10, minMedianMs: 800 });
    expect(config.newAnnotators).toEqual({ minAcceptedLabels: 20, maxLeases: 3 });
    expect(config.chain).toMatchObject({
      rpcUrl: undefined,
      embeddedPort: 8545,
      confirmations: 0,
      epochExpiryDays: 30,
      epochIntervalHours: 0,
      deployContracts: false,
      crashAfterBroadcast: undefined,
      relayerKey: undefined,
      rpcTimeoutMs: 15_000,
      txRetryBaseMs: 1_000,
      txRetryMaxMs: 300_000,
      txReplaceAfterMs: 180_000,
      txMaxFeeWei: 500_000_000_000n,
      relayMinAmount: 10n ** 18n,
      relayDailyCap: 3,
    });
  });

  it('runs all-in-one by default; api and worker roles share a database, so they need DATABASE_URL', () => {
    expect(loadConfig({}, cwd).role).toBe('all');
    const url = 'postgres://tessera@db:5432/tessera';
    expect(loadConfig({ TESSERA_ROLE: 'api', DATABASE_URL: url }, cwd).role).toBe('api');
    expect(loadConfig({ TESSERA_ROLE: 'worker', DATABASE_URL: url }, cwd).role).toBe('worker');
    expect(() => loadConfig({ TESSERA_ROLE: 'api' }, cwd)).toThrow(/TESSERA_ROLE api processes share one database: set DATABASE_URL/);
    expect(() => loadConfig({ TESSERA_ROLE: 'web', DATABASE_URL: url }, cwd)).toThrow(/TESSERA_ROLE/);
  });

  it('reads secrets from NAME_FILE (mounted secrets), refusing a secret given both ways', () => {
    const secretFile = path.join(cwd, 'jwt');
    writeFileSync(secretFile, 'a'.repeat(40) + '\n');
    expect(loadConfig({ JWT_SECRET_FILE: secretFile }, cwd).jwtSecret).toBe('a'.repeat(40));
    expect(configErrorVariable({ JWT_SECRET_FILE: secretFile, JWT_SECRET: 'b'.repeat(40) })).toBe('JWT_SECRET_FILE');
    expect(configErrorVariable({ JWT_SECRET_FILE: path.join(cwd, 'missing') })).toBe('JWT_SECRET_FILE');
  });

  it('reads the outbox and relay settings', () => {
    const config = loadConfig(
      {
        RPC_URL: 'https://rpc.example.org',
        OPERATOR_PRIVATE_KEY: `0x${'ab'.repeat(32)}`,
        RELAYER_PRIVATE_KEY: `0x${'cd'.repeat(32)}`,
        RPC_TIMEOUT_SECONDS: '5',
        TX_RETRY_BASE_MS: '200',
        TX_RETRY_MAX_SECONDS: '2',
        TX_REPLACE_AFTER_SECONDS: '30',
        TX_MAX_FEE_GWEI: '40',
        RELAY_MIN_AMOUNT: '2.5',
        RELAY_DAILY_CAP: '0',
      },
      cwd,
    );
    expect(config.chain).toMatchObject({
      relayerKey: `0x${'cd'.repeat(32)}`,
      rpcTimeoutMs: 5_000,
      txRetryBaseMs: 200,
      txRetryMaxMs: 2_000,
      txReplaceAfterMs: 30_000,
      txMaxFeeWei: 40_000_000_000n,
      relayMinAmount: 2_500_000_000_000_000_000n,
      relayDailyCap: 0,
    });
  });

  it('reads a real chain: RPC_URL with its key and contracts, two confirmations by default', () => {
    const key = `0x${'ab'.repeat(32)}`;
    const config = loadConfig(
      {
        RPC_URL: 'https://rpc.example.org',
        OPERATOR_PRIVATE_KEY: key,
        TOKEN_ADDRESS: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
        DISTRIBUTOR_ADDRESS: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
        CHAIN_FROM_BLOCK: '123',
        EXPLORER_TX_URL: 'https://explorer.example.org/tx/',
      },
      cwd,
    );
    expect(config.chain).toMatchObject({
      rpcUrl: 'https://rpc.example.org/',
      operatorKey: key,
      tokenAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      distributorAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
      fromBlock: 123,
      confirmations: 2,
      explorerTxUrl: 'https://explorer.example.org/tx/',
    });
    // The crash hook exists for tests only.
    expect(loadConfig({ TEST_CRASH_AFTER_BROADCAST: 'epoch:' }, cwd).chain.crashAfterBroadcast).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', TEST_CRASH_AFTER_BROADCAST: 'epoch:' }, cwd).chain.crashAfterBroadcast).toBe('epoch:');
  });

  it('generates a JWT secret in the data folder and reuses it on the next load', () => {
    const first = loadConfig({}, cwd);
    const file = path.join(cwd, '.tessera', 'jwt-secret');
    expect(existsSync(file)).toBe(true);
    expect(first.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).toBe(first.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = loadConfig({}, cwd);
    expect(second.jwtSecret).toBe(first.jwtSecret);
  });

  it('generates the dataset master key into the data folder once, or takes DATASET_MASTER_KEY', () => {
    const first = loadConfig({}, cwd);
    const file = path.join(cwd, '.tessera', 'dataset-master-key');
    expect(first.datasetMasterKey).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).toBe(first.datasetMasterKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({}, cwd).datasetMasterKey).toBe(first.datasetMasterKey);
    expect(loadConfig({ DATASET_MASTER_KEY: 'AB'.repeat(32) }, cwd).datasetMasterKey).toBe('ab'.repeat(32));
    expect(() => loadConfig({ DATASET_MASTER_KEY: 'abc' }, cwd)).toThrow(/DATASET_MASTER_KEY/);
  });

  it('a fresh data folder gets a different secret', () => {
    const a = loadConfig({ TESSERA_DATA_DIR: 'a' }, cwd);
    const b = loadConfig({ TESSERA_DATA_DIR: 'b' }, cwd);
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
  });

  it('resolves TESSERA_DATA_DIR against cwd, and keeps an absolute one', () => {
    const relative = loadConfig({ TESSERA_DATA_DIR: 'data/dev' }, cwd);
    expect(relative.dataDir).toBe(path.join(cwd, 'data', 'dev'));
    expect(existsSync(path.join(cwd, 'data', 'dev', 'jwt-secret'))).toBe(true);

    const absoluteDir = path.join(cwd, 'elsewhere');
    const absolute = loadConfig({ TESSERA_DATA_DIR: absoluteDir }, '/nonexistent-cwd');
    expect(absolute.dataDir).toBe(absoluteDir);
    expect(existsSync(path.join(absoluteDir, 'jwt-secret'))).toBe(true);
  });

  it('reads a secret file written by an earlier run, trimmed', () => {
    mkdirSync(path.join(cwd, '.tessera'));
    writeFileSync(path.join(cwd, '.tessera', 'jwt-secret'), `${'f'.repeat(64)}\n`);
    expect(loadConfig({}, cwd).jwtSecret).toBe('f'.repeat(64));
  });

  it('an empty jwt-secret file does not give an empty secret', () => {
    mkdirSync(path.join(cwd, '.tessera'));
    writeFileSync(path.join(cwd, '.tessera', 'jwt-secret'), '');
    expect(loadConfig({}, cwd).jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('uses JWT_SECRET when given, without writing a file', () => {
    const config = loadConfig({ JWT_SECRET: SECRET }, cwd);
    expect(config.jwtSecret).toBe(SECRET);
    expect(existsSync(path.join(cwd, '.tessera', 'jwt-secret'))).toBe(false);
  });

  it('accepts production with a JWT_SECRET and a chain of its own', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        DATASET_MASTER_KEY: MASTER_KEY,
        RPC_URL: 'https://rpc.example.org',
        OPERATOR_PRIVATE_KEY: `0x${'ab'.repeat(32)}`,
      },
      cwd,
    );
    expect(config.nodeEnv).toBe('production');
    expect(config.jwtSecret).toBe(SECRET);
  });

  it('refuses production on the embedded development chain', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATASET_MASTER_KEY: MASTER_KEY }, cwd)).toThrow(
      /RPC_URL is required when NODE_ENV=production/,
    );
  });

  it('reads the variables it is given', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        HOST: '0.0.0.0',
        PORT: '8080',
        CHAIN_ID: '31337',
        DATABASE_URL: 'postgres://tessera:pw@db:5432/tessera',
        DB_POOL_SIZE: '5',
        LEASE_SECONDS: '120',
        MAX_LEASE_SECONDS: '3600',
        IPFS_API_URL: 'http://127.0.0.1:5001',
        LOG_LEVEL: 'debug',
        PUBLIC_URL: 'https://tessera.example.org',
      },
      cwd,
    );
    expect(config).toMatchObject({
      nodeEnv: 'test',
      host: '0.0.0.0',
      port: 8080,
      chainId: 31337,
      databaseUrl: 'postgres://tessera:pw@db:5432/tessera',
      dbPoolSize: 5,
      defaultLeaseSeconds: 120,
      maxLeaseSeconds: 3600,
      ipfsApiUrl: 'http://127.0.0.1:5001/',
      logLevel: 'debug',
    });
    expect(config.publicUrl.host).toBe('tessera.example.org');
    expect(config.publicUrl.protocol).toBe('https:');
  });

  it('reads the anti-cheat speed rule and the limits on new annotators', () => {
    const config = loadConfig(
      { ANTI_CHEAT_MIN_LABELS: '4', ANTI_CHEAT_MIN_MEDIAN_MS: '400', NEW_ANNOTATOR_MIN_LABELS: '0', NEW_ANNOTATOR_MAX_LEASES: '1' },
      cwd,
    );
    expect(config.antiCheat).toEqual({ minLabels: 4, minMedianMs: 400 });
    expect(config.newAnnotators).toEqual({ minAcceptedLabels: 0, maxLeases: 1 });
  });

  it('reads the Ocean indexer settings; its confirmations follow CHAIN_CONFIRMATIONS unless given', () => {
    expect(loadConfig({}, cwd).indexer).toEqual({ confirmations: 0, pollMs: 2000, logWindow: 2000 });
    expect(loadConfig({ CHAIN_CONFIRMATIONS: '5' }, cwd).indexer.confirmations).toBe(5);
    expect(loadConfig({ INDEXER_CONFIRMATIONS: '12', INDEXER_POLL_SECONDS: '10', INDEXER_LOG_WINDOW: '500' }, cwd).indexer).toEqual({
      confirmations: 12,
      pollMs: 10_000,
      logWindow: 500,
    });
    expect(() => loadConfig({ INDEXER_LOG_WINDOW: '0' }, cwd)).toThrow(/INDEXER_LOG_WINDOW/);
  });

  it('derives the default public URL from PORT', () => {
    expect(loadConfig({ PORT: '4100' }, cwd).publicUrl.origin).toBe('http://localhost:4100');
  });

  it('accepts a postgresql: URL and trims integer values', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/db' }, cwd).databaseUrl).toBe('postgresql://localhost/db');
    expect(loadConfig({ PORT: ' 5000 ' }, cwd).port).toBe(5000);
  });

  it('reads the input limits', () => {
    const config = loadConfig(
      {
        MAX_BODY_BYTES: '65536',
        MAX_IMPORT_BYTES: '1048576',
        MAX_ITEM_BYTES: '1048576',
        MAX_JSON_DEPTH: '8',
        MAX_JSON_KEYS: '500',
        MAX_JSON_OBJECT_KEYS: '500',
      },
      cwd,
    );
    expect(config).toMatchObject({
      maxBodyBytes: 65_536,
      maxImportBytes: 1_048_576,
      maxItemBytes: 1_048_576,
      jsonLimits: { maxDepth: 8, maxKeys: 500, maxObjectKeys: 500 },
    });
  });

  it('lets LEASE_SECONDS equal MAX_LEASE_SECONDS', () => {
    const config = loadConfig({ LEASE_SECONDS: '900', MAX_LEASE_SECONDS: '900' }, cwd);
    expect(config.defaultLeaseSeconds).toBe(900);
  });
});

describe('ADMIN_ADDRESSES', () => {
  it('checksums lowercase and uppercase addresses, trimming spaces and empty entries', () => {
    const config = loadConfig({ ADMIN_ADDRESSES: ` ${ADMIN_1.toLowerCase()} ,, 0x${ADMIN_2.slice(2).toUpperCase()},` }, cwd);
    expect(config.adminAddresses).toEqual([ADMIN_1, ADMIN_2]);
  });

  it('keeps checksummed addresses as they are', () => {
    expect(loadConfig({ ADMIN_ADDRESSES: `${ADMIN_1},${ADMIN_2}` }, cwd).adminAddresses).toEqual([ADMIN_1, ADMIN_2]);
  });

  it.each([
    '0x1234',
    'not-an-address',
    `${ADMIN_1},0xZZ`,
    // mixed case with a wrong checksum (one letter's case flipped)
    ADMIN_1.replace('cffFb', 'cfffb'),
  ])('refuses %s', (value) => {
    expect(configErrorVariable({ ADMIN_ADDRESSES: value })).toBe('ADMIN_ADDRESSES');
  });
});

describe('sessions, floods and HTTP settings', () => {
  it('reads rate limits, trusted proxies, CORS origins and session lifetimes', () => {
    const config = loadConfig(
      {
        JWT_TTL_SECONDS: '600',
        SESSION_MAX_AGE_SECONDS: '604800',
        NONCE_PURGE_SECONDS: '30',
        RATE_LIMIT_WINDOW_SECONDS: '10',
        RATE_LIMIT_PER_USER: '500',
        RATE_LIMIT_PER_IP: '100',
        RATE_LIMIT_SIGN_IN_PER_IP: '5',
        RATE_LIMIT_FAUCET_PER_IP: '3',
        TRUSTED_PROXIES: ' 10.0.0.1 , 192.168.0.0/16,loopback, ::1, fd00::/8 ',
        CORS_ORIGINS: 'https://app.example.org, http://localhost:5173/',
        FILE_URL_TTL_SECONDS: '120',
      },
      cwd,
    );
    expect(config).toMatchObject({
      jwtTtlSeconds: 600,
      sessionMaxAgeSeconds: 604_800,
      noncePurgeSeconds: 30,
      rateLimits: { windowSeconds: 10, perUser: 500, perIp: 100, signInPerIp: 5, faucetPerIp: 3 },
      trustedProxies: ['10.0.0.1', '192.168.0.0/16', 'loopback', '::1', 'fd00::/8'],
      corsOrigins: ['https://app.example.org', 'http://localhost:5173'],
      fileUrlTtlSeconds: 120,
    });
  });
});

describe('well-known development keys', () => {
  // Hardhat/anvil accounts #0 and #19 of "test test ... junk", as every tutorial prints them.
  const ACCOUNT_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
  const ACCOUNT_19 = '0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e';
  const production = { NODE_ENV: 'production', JWT_SECRET: SECRET, DATASET_MASTER_KEY: MASTER_KEY, RPC_URL: 'https://rpc.example.org' };

  it.each([ACCOUNT_0, ACCOUNT_19, ACCOUNT_0.toUpperCase().replace('0X', '0x')])('production refuses %s as OPERATOR_PRIVATE_KEY', (key) => {
    let thrown: unknown;
    try {
      loadConfig({ ...production, OPERATOR_PRIVATE_KEY: key }, cwd);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe('OPERATOR_PRIVATE_KEY');
    expect((thrown as ConfigError).message).toMatch(
      /OPERATOR_PRIVATE_KEY is development account #(0|19) of the public Hardhat\/anvil test mnemonic/,
    );
  });

  it('production takes a key of its own; development may use a test key', () => {
    const own = `0x${'ab'.repeat(32)}`;
    expect(loadConfig({ ...production, OPERATOR_PRIVATE_KEY: own }, cwd).chain.operatorKey).toBe(own);
    const dev = loadConfig({ RPC_URL: 'http://127.0.0.1:8545', OPERATOR_PRIVATE_KEY: ACCOUNT_0 }, cwd);
    expect(dev.chain.operatorKey).toBe(ACCOUNT_0);
  });
});

describe('loadConfig errors name the variable', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'nope' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://files.example.org' }, 'PUBLIC_URL'],
    [{ IPFS_API_URL: 'localhost:5001' }, 'IPFS_API_URL'],
    [{ JWT_SECRET: 's'.repeat(31) }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LEASE_SECONDS: '7200', MAX_LEASE_SECONDS: '3600' }, 'LEASE_SECONDS'],
    [{ LEASE_SECONDS: '0' }, 'LEASE_SECONDS'],
    [{ MAX_LEASE_SECONDS: '999999999' }, 'MAX_LEASE_SECONDS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LOG_LEVEL: 'DEBUG' }, 'LOG_LEVEL'],
    [{ CHAIN_ID: '0' }, 'CHAIN_ID'],
    [{ CHAIN_ID: '0x1' }, 'CHAIN_ID'],
    [{ DB_POOL_SIZE: '501' }, 'DB_POOL_SIZE'],
    [{ JWT_TTL_SECONDS: '59' }, 'JWT_TTL_SECONDS'],
    [{ NONCE_TTL_SECONDS: '5' }, 'NONCE_TTL_SECONDS'],
    [{ MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES'],
    [{ MAX_ITEM_BYTES: '100' }, 'MAX_ITEM_BYTES'],
    [{ MAX_ITEM_BYTES: '4096', MAX_IMPORT_BYTES: '2048' }, 'MAX_ITEM_BYTES'],
    [{ MAX_JSON_DEPTH: '1' }, 'MAX_JSON_DEPTH'],
    [{ MAX_JSON_DEPTH: '257' }, 'MAX_JSON_DEPTH'],
    [{ MAX_JSON_KEYS: '0' }, 'MAX_JSON_KEYS'],
    [{ MAX_JSON_OBJECT_KEYS: 'many' }, 'MAX_JSON_OBJECT_KEYS'],
    [{ MAX_JSON_KEYS: '100', MAX_JSON_OBJECT_KEYS: '200' }, 'MAX_JSON_OBJECT_KEYS'],
    [{ LEASE_SWEEP_SECONDS: '3601' }, 'LEASE_SWEEP_SECONDS'],
    [{ RPC_URL: 'http://chain:8545' }, 'OPERATOR_PRIVATE_KEY'],
    [{ RPC_URL: 'ws://chain:8545', OPERATOR_PRIVATE_KEY: `0x${'ab'.repeat(32)}` }, 'RPC_URL'],
    [{ OPERATOR_PRIVATE_KEY: '0x1234' }, 'OPERATOR_PRIVATE_KEY'],
    [{ TOKEN_ADDRESS: '0x5fbdb2315678afecb367f032d93f642f64180aa3' }, 'DISTRIBUTOR_ADDRESS'],
    [{ DISTRIBUTOR_ADDRESS: 'nope' }, 'DISTRIBUTOR_ADDRESS'],
    [{ CHAIN_PORT: '70000' }, 'CHAIN_PORT'],
    [{ EPOCH_EXPIRY_DAYS: '0' }, 'EPOCH_EXPIRY_DAYS'],
    [{ DEPLOY_CONTRACTS: 'yes' }, 'DEPLOY_CONTRACTS'],
    [{ JOB_TIMEOUT_SECONDS: '1' }, 'JOB_TIMEOUT_SECONDS'],
    [{ RELAYER_PRIVATE_KEY: 'nope' }, 'RELAYER_PRIVATE_KEY'],
    [
      { RPC_URL: 'http://chain:8545', OPERATOR_PRIVATE_KEY: `0x${'ab'.repeat(32)}`, RELAYER_PRIVATE_KEY: `0x${'AB'.repeat(32)}` },
      'RELAYER_PRIVATE_KEY',
    ],
    [{ RPC_TIMEOUT_SECONDS: '0' }, 'RPC_TIMEOUT_SECONDS'],
    [{ TX_RETRY_BASE_MS: '5' }, 'TX_RETRY_BASE_MS'],
    [{ TX_RETRY_BASE_MS: '5000', TX_RETRY_MAX_SECONDS: '2' }, 'TX_RETRY_MAX_SECONDS'],
    [{ TX_REPLACE_AFTER_SECONDS: '0' }, 'TX_REPLACE_AFTER_SECONDS'],
    [{ TX_MAX_FEE_GWEI: '0.5' }, 'TX_MAX_FEE_GWEI'],
    [{ RELAY_MIN_AMOUNT: '-1' }, 'RELAY_MIN_AMOUNT'],
    [{ RELAY_MIN_AMOUNT: '1.0000000000000000001' }, 'RELAY_MIN_AMOUNT'],
    [{ RELAY_DAILY_CAP: '1001' }, 'RELAY_DAILY_CAP'],
    [{ JWT_TTL_SECONDS: '7200', SESSION_MAX_AGE_SECONDS: '3600' }, 'JWT_TTL_SECONDS'],
    [{ SESSION_MAX_AGE_SECONDS: '30' }, 'SESSION_MAX_AGE_SECONDS'],
    [{ NONCE_PURGE_SECONDS: '0' }, 'NONCE_PURGE_SECONDS'],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, 'RATE_LIMIT_WINDOW_SECONDS'],
    [{ RATE_LIMIT_PER_USER: 'many' }, 'RATE_LIMIT_PER_USER'],
    [{ RATE_LIMIT_PER_IP: '0' }, 'RATE_LIMIT_PER_IP'],
    [{ RATE_LIMIT_SIGN_IN_PER_IP: '-5' }, 'RATE_LIMIT_SIGN_IN_PER_IP'],
    [{ RATE_LIMIT_FAUCET_PER_IP: '0' }, 'RATE_LIMIT_FAUCET_PER_IP'],
    [{ TRUSTED_PROXIES: 'true' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.1,proxy.example.org' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.0/8/1' }, 'TRUSTED_PROXIES'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://app.example.org/path' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'app.example.org' }, 'CORS_ORIGINS'],
    [{ FILE_URL_TTL_SECONDS: '86400' }, 'FILE_URL_TTL_SECONDS'],
    [{ ANTI_CHEAT_MIN_LABELS: '0' }, 'ANTI_CHEAT_MIN_LABELS'],
    [{ ANTI_CHEAT_MIN_MEDIAN_MS: '0.5s' }, 'ANTI_CHEAT_MIN_MEDIAN_MS'],
    [{ NEW_ANNOTATOR_MIN_LABELS: '-1' }, 'NEW_ANNOTATOR_MIN_LABELS'],
    [{ NEW_ANNOTATOR_MAX_LEASES: '0' }, 'NEW_ANNOTATOR_MAX_LEASES'],
  ])('%j -> %s', (env, variable) => {
    expect(configErrorVariable(env)).toBe(variable);
  });

  it('production without DATASET_MASTER_KEY refuses to start and writes no key file', () => {
    expect(configErrorVariable({ NODE_ENV: 'production', JWT_SECRET: SECRET, RPC_URL: 'https://rpc.example.org' })).toBe(
      'DATASET_MASTER_KEY',
    );
    expect(existsSync(path.join(cwd, '.tessera', 'dataset-master-key'))).toBe(false);
  });

  it('production without JWT_SECRET writes no secret file', () => {
    configErrorVariable({ NODE_ENV: 'production' });
    expect(existsSync(path.join(cwd, '.tessera', 'jwt-secret'))).toBe(false);
  });
});

describe('SYNTH_LLM_URL', () => {
  it('is off by default: synthetic texts come from the embedded model', () => {
    expect(loadConfig({}, cwd).synthLlm).toBeUndefined();
  });

  it('reads the endpoint, its model, key and timeout', () => {
    const config = loadConfig(
      {
        SYNTH_LLM_URL: 'http://127.0.0.1:8000/v1/',
        SYNTH_LLM_MODEL: 'qwen2.5-7b',
        SYNTH_LLM_API_KEY: 'k',
        SYNTH_LLM_TIMEOUT_SECONDS: '30',
      },
      cwd,
    );
    expect(config.synthLlm).toEqual({ url: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b', apiKey: 'k', timeoutMs: 30_000 });
  });

  it('refuses a URL that is not http(s), and an endpoint without a model', () => {
    expect(configErrorVariable({ SYNTH_LLM_URL: 'ftp://example.org', SYNTH_LLM_MODEL: 'm' })).toBe('SYNTH_LLM_URL');
    expect(configErrorVariable({ SYNTH_LLM_URL: 'http://127.0.0.1:8000/v1' })).toBe('SYNTH_LLM_MODEL');
    expect(configErrorVariable({ SYNTH_LLM_URL: 'http://127.0.0.1:8000/v1', SYNTH_LLM_MODEL: 'm', SYNTH_LLM_TIMEOUT_SECONDS: '0' })).toBe(
      'SYNTH_LLM_TIMEOUT_SECONDS',
    );
  });
});

describe('Ocean settings', () => {
  const ADDRESSES = {
    Ocean: '0x1B083D8584dd3e6Ff37d04a6e7e82b5F622f3985',
    ERC721Factory: '0xEF62FB495266C72a5212A11Dce8baa79Ec0ABeB1',
    FixedPrice: '0x80E63f73cAc60c1662f27D2DFd2EA834acddBaa8',
    Dispenser: '0x2720d405ef7cDC8a2E2e5AeBC8883C99611d893C',
    Router: '0x2112Eb973af1DBf83a4f11eda82f7a7527D7Fde5',
    OPFCommunityFeeCollector: '0x69B6E54Ad2b3c2801d11d8Ad56ea1d892555b776',
  };
  const EXPECTED = {
    oceanToken: ADDRESSES.Ocean,
    nftFactory: ADDRESSES.ERC721Factory,
    fixedRateExchange: ADDRESSES.FixedPrice,
    dispenser: ADDRESSES.Dispenser,
    router: ADDRESSES.Router,
    opfCommunityFeeCollector: ADDRESSES.OPFCommunityFeeCollector,
  };

  /** An ocean.js-style address file (`{network: {chainId, ...addresses}}`) in the test folder. */
  function addressFile(content: unknown): string {
    const file = path.join(cwd, 'address.json');
    writeFileSync(file, JSON.stringify(content));
    return file;
  }

  it('has no addresses by default (deployed at boot) and generates a provider key once, kept in the data folder', () => {
    const first = loadConfig({}, cwd);
    expect(first.ocean.addresses).toBeUndefined();
    expect(first.ocean.providerKey).toMatch(/^0x[0-9a-f]{64}$/);
    const file = path.join(cwd, '.tessera', 'provider-key');
    expect(readFileSync(file, 'utf8')).toBe(first.ocean.providerKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({}, cwd).ocean.providerKey).toBe(first.ocean.providerKey);
  });

  it('takes PROVIDER_PRIVATE_KEY as given, and never generates one in production', () => {
    const key = `0x${'ab'.repeat(32)}`;
    expect(loadConfig({ PROVIDER_PRIVATE_KEY: key }, cwd).ocean.providerKey).toBe(key);
    expect(existsSync(path.join(cwd, '.tessera', 'provider-key'))).toBe(false);
    expect(configErrorVariable({ PROVIDER_PRIVATE_KEY: '0x12' })).toBe('PROVIDER_PRIVATE_KEY');
    const production = {
      NODE_ENV: 'production',
      RPC_URL: 'http://127.0.0.1:8545',
      OPERATOR_PRIVATE_KEY: key,
      JWT_SECRET: SECRET,
      DATASET_MASTER_KEY: MASTER_KEY,
    };
    expect(loadConfig(production, cwd).ocean.providerKey).toBeUndefined();
    expect(existsSync(path.join(cwd, '.tessera', 'provider-key'))).toBe(false);
    expect(loadConfig({ ...production, PROVIDER_PRIVATE_KEY: key }, cwd).ocean.providerKey).toBe(key);
  });

  it('reads the entry of an ocean.js address file whose chainId is CHAIN_ID, or the one OCEAN_NETWORK names', () => {
    const file = addressFile({
      sepolia: { chainId: 11155111, startBlock: 3722802, ...ADDRESSES },
      other: { chainId: 5, ...ADDRESSES, Ocean: ADMIN_1 },
    });
    expect(loadConfig({ OCEAN_ADDRESS_FILE: file, CHAIN_ID: '11155111' }, cwd).ocean.addresses).toEqual({
      network: 'sepolia',
      startBlock: 3722802,
      ...EXPECTED,
    });
    expect(loadConfig({ OCEAN_ADDRESS_FILE: file, CHAIN_ID: '5', OCEAN_NETWORK: 'other' }, cwd).ocean.addresses).toMatchObject({
      network: 'other',
      oceanToken: ADMIN_1,
      startBlock: 0,
    });
  });

  it('refuses an address file that is unreadable, lacks the chain, names another chain, or misses an address', () => {
    expect(configErrorVariable({ OCEAN_ADDRESS_FILE: path.join(cwd, 'missing.json') })).toBe('OCEAN_ADDRESS_FILE');
    const file = addressFile({ sepolia: { chainId: 11155111, ...ADDRESSES } });
    expect(configErrorVariable({ OCEAN_ADDRESS_FILE: file })).toBe('OCEAN_ADDRESS_FILE');
    expect(configErrorVariable({ OCEAN_ADDRESS_FILE: file, OCEAN_NETWORK: 'mainnet' })).toBe('OCEAN_NETWORK');
    expect(configErrorVariable({ OCEAN_ADDRESS_FILE: file, OCEAN_NETWORK: 'sepolia' })).toBe('OCEAN_NETWORK');
    const { Dispenser: _missing, ...partial } = ADDRESSES;
    const incomplete = addressFile({ development: { chainId: 8996, ...partial } });
    expect(() => loadConfig({ OCEAN_ADDRESS_FILE: incomplete }, cwd)).toThrow(/Dispenser/);
  });

  it('takes the six OCEAN_*_ADDRESS variables together, never beside an address file', () => {
    const env = {
      OCEAN_TOKEN_ADDRESS: ADDRESSES.Ocean.toLowerCase(),
      OCEAN_NFT_FACTORY_ADDRESS: ADDRESSES.ERC721Factory,
      OCEAN_FIXED_RATE_ADDRESS: ADDRESSES.FixedPrice,
      OCEAN_DISPENSER_ADDRESS: ADDRESSES.Dispenser,
      OCEAN_ROUTER_ADDRESS: ADDRESSES.Router,
      OCEAN_OPF_COLLECTOR_ADDRESS: ADDRESSES.OPFCommunityFeeCollector,
      OCEAN_START_BLOCK: '42',
    };
    expect(loadConfig(env, cwd).ocean.addresses).toEqual({ network: 'custom', startBlock: 42, ...EXPECTED });
    const { OCEAN_ROUTER_ADDRESS: _router, ...withoutRouter } = env;
    expect(configErrorVariable(withoutRouter)).toBe('OCEAN_ROUTER_ADDRESS');
    expect(configErrorVariable({ ...env, OCEAN_DISPENSER_ADDRESS: '0x12' })).toBe('OCEAN_DISPENSER_ADDRESS');
    expect(configErrorVariable({ ...env, OCEAN_ADDRESS_FILE: addressFile({}) })).toBe('OCEAN_TOKEN_ADDRESS');
  });
});
