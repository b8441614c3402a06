import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

interface Service {
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: Array<string | { host_ip?: string }>;
  expose?: string[];
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  networks?: string[];
}

describe('docker-compose.yml (production shape)', () => {
  const text = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
  // Compose resolves YAML merge keys (`<<: *tessera`), as this parse does.
  const compose = parse(text, { merge: true }) as { services: Record<string, Service>; configs: Record<string, { content: string }> };
  const services = compose.services;

  it('is valid against the Compose specification schema', () => {
    // Ajv knows draft-07 under its http:// id; the schema names the https:// one.
    const { $schema: _, ...schema } = JSON.parse(readFileSync(path.join(here, '../fixtures/compose-spec.schema.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const broken = structuredClone(compose) as unknown as Record<string, Record<string, Record<string, unknown>>>;
    broken['services']!['api']!['restart'] = { always: true };
    expect(validate(broken)).toBe(false);
  });

  it('runs the roles of one image: two API replicas behind the one published port, and a worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'chain', 'chain-funding', 'ipfs', 'postgres', 'proxy', 'worker']);
    expect(services['api']!.command?.at(-1)).toBe('api');
    expect(services['api']!.deploy?.replicas).toBe(2);
    expect(services['api']!.ports).toBeUndefined();
    expect(services['worker']!.command?.at(-1)).toBe('worker');
    expect(services['worker']!.ports).toBeUndefined();
    expect(services['proxy']!.ports).toEqual(['3000:80']);
    expect(services['proxy']!.depends_on?.['api']?.condition).toBe('service_healthy');
    expect(compose.configs['proxy']!.content).toMatch(/proxy_pass \$\$api;/);
    expect(compose.configs['proxy']!.content).toMatch(/set \$\$api http:\/\/api:3000;/);
  });

  it('points every Tessera process at the same real PostgreSQL, kubo and EVM RPC endpoint', () => {
    for (const name of ['api', 'worker']) {
      const env = services[name]!.environment!;
      expect(env['DATABASE_URL']).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(env['IPFS_API_URL']).toBe('http://ipfs:5001');
      expect(env['RPC_URL']).toBe('http://chain:8545');
      // The first process deploys the contracts unless told the chain has them (DEPLOY_CONTRACTS=false).
      expect(env['DEPLOY_CONTRACTS']).toBe('${DEPLOY_CONTRACTS:-true}');
      expect(env['NODE_ENV']).toBe('production');
    }
  });

  it('has health checks that mean something: Tessera is ready only when its dependencies answer', () => {
    for (const name of ['api', 'worker']) expect(services[name]!.healthcheck!.test.join(' ')).toContain('/api/health/ready');
    expect(services['postgres']!.healthcheck!.test.join(' ')).toContain('pg_isready');
    expect(services['ipfs']!.healthcheck!.test).toEqual(['CMD', 'ipfs', 'id']);
    expect(services['chain']!.healthcheck!.test.join(' ')).toContain('cast chain-id');
    // Blocks keep coming without traffic, so events reach the confirmations an RPC chain waits for.
    expect(services['chain']!.entrypoint).toEqual(expect.arrayContaining(['--block-time']));
    for (const dependency of ['postgres', 'ipfs']) expect(services['api']!.depends_on?.[dependency]?.condition).toBe('service_healthy');
  });

  it('holds no key or password: every secret must come from the environment (or a NAME_FILE)', () => {
    // No private key (or any 32-byte hex secret) is written anywhere in the file.
    expect(text).not.toMatch(/0x[0-9a-fA-F]{64}/);
    expect(text).not.toMatch(/\b[0-9a-fA-F]{64}\b/);
    const required = (name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);
    for (const name of ['api', 'worker']) {
      const env = services[name]!.environment!;
      expect(env['OPERATOR_PRIVATE_KEY']).toMatch(required('OPERATOR_PRIVATE_KEY'));
      expect(env['JWT_SECRET']).toMatch(required('JWT_SECRET'));
      expect(env['DATASET_MASTER_KEY']).toMatch(required('DATASET_MASTER_KEY'));
      // Production never generates a provider key, and without one nothing could be published.
      expect(env['PROVIDER_PRIVATE_KEY']).toMatch(required('PROVIDER_PRIVATE_KEY'));
      expect(env['DATABASE_URL']).toContain('${POSTGRES_PASSWORD:?');
    }
    expect(services['chain-funding']!.environment!['OPERATOR_PRIVATE_KEY']).toMatch(required('OPERATOR_PRIVATE_KEY'));
    expect(services['postgres']!.environment!['POSTGRES_PASSWORD']).toMatch(required('POSTGRES_PASSWORD'));
  });

  it('publishes the unlocked development chain on this machine only, and the database not at all', () => {
    const chainPorts = services['chain']!.ports ?? [];
    expect(chainPorts.length).toBeGreaterThan(0);
    for (const port of chainPorts) {
      if (typeof port === 'string') expect(port).toMatch(/^127\.0\.0\.1:/);
      else expect(port.host_ip).toBe('127.0.0.1');
    }
    expect(services['postgres']!.ports).toBeUndefined();
  });
});
