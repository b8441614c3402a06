import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config.js';

// Hardhat's first two accounts, in their checksummed form.
const ADMIN_1 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const ADMIN_2 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const SECRET = 's'.repeat(32);

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
      jwtTtlSeconds: 86_400,
      nonceTtlSeconds: 300,
      adminAddresses: [],
      defaultLeaseSeconds: 600,
      maxLeaseSeconds: 86_400,
      leaseSweepSeconds: 15,
      maxBodyBytes: 1_048_576,
      maxImportBytes: 1024 * 1_048_576,
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

  it('accepts production with a JWT_SECRET', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }, cwd);
    expect(config.nodeEnv).toBe('production');
    expect(config.jwtSecret).toBe(SECRET);
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

  it('derives the default public URL from PORT', () => {
    expect(loadConfig({ PORT: '4100' }, cwd).publicUrl.origin).toBe('http://localhost:4100');
  });

  it('accepts a postgresql: URL and trims integer values', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/db' }, cwd).databaseUrl).toBe('postgresql://localhost/db');
    expect(loadConfig({ PORT: ' 5000 ' }, cwd).port).toBe(5000);
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
    [{ ANTI_CHEAT_MIN_LABELS: '0' }, 'ANTI_CHEAT_MIN_LABELS'],
    [{ ANTI_CHEAT_MIN_MEDIAN_MS: '0.5s' }, 'ANTI_CHEAT_MIN_MEDIAN_MS'],
    [{ NEW_ANNOTATOR_MIN_LABELS: '-1' }, 'NEW_ANNOTATOR_MIN_LABELS'],
    [{ NEW_ANNOTATOR_MAX_LEASES: '0' }, 'NEW_ANNOTATOR_MAX_LEASES'],
  ])('%j -> %s', (env, variable) => {
    expect(configErrorVariable(env)).toBe(variable);
  });

  it('production without JWT_SECRET writes no secret file', () => {
    configErrorVariable({ NODE_ENV: 'production' });
    expect(existsSync(path.join(cwd, '.tessera', 'jwt-secret'))).toBe(false);
  });
});
