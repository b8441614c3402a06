import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

describe('docker-compose.yml (production shape)', () => {
  const text = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
  const compose = parse(text) as {
    services: Record<string, { environment?: Record<string, string>; ports?: Array<string | { host_ip?: string }> }>;
  };

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
    const broken = structuredClone(compose) as Record<string, unknown>;
    (broken['services'] as Record<string, Record<string, unknown>>)['tessera']!['restart'] = { always: true };
    expect(validate(broken)).toBe(false);
  });

  it('runs Tessera on real PostgreSQL, kubo and an EVM RPC endpoint', () => {
    const env = compose.services['tessera']!.environment!;
    expect(env['DATABASE_URL']).toMatch(/^postgres:\/\/.+@postgres:5432\//);
    expect(env['IPFS_API_URL']).toBe('http://ipfs:5001');
    expect(env['RPC_URL']).toBe('http://chain:8545');
    expect(env['DEPLOY_CONTRACTS']).toBe('true');
    expect(Object.keys(compose.services).sort()).toEqual(['chain', 'chain-funding', 'ipfs', 'postgres', 'tessera']);
  });

  it('holds no key or password: the operator key and the database password must come from the environment', () => {
    // No private key (or any 32-byte hex secret) is written anywhere in the file.
    expect(text).not.toMatch(/0x[0-9a-fA-F]{64}/);
    const required = /^\$\{OPERATOR_PRIVATE_KEY:\?[^}]+\}$/;
    expect(compose.services['tessera']!.environment!['OPERATOR_PRIVATE_KEY']).toMatch(required);
    expect(compose.services['chain-funding']!.environment!['OPERATOR_PRIVATE_KEY']).toMatch(required);
    expect(compose.services['tessera']!.environment!['NODE_ENV']).toBe('production');
    expect(compose.services['tessera']!.environment!['DATABASE_URL']).toContain('${POSTGRES_PASSWORD:?');
    expect(compose.services['postgres']!.environment!['POSTGRES_PASSWORD']).toMatch(/^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/);
  });

  it('publishes the unlocked development chain on this machine only, and the database not at all', () => {
    const chainPorts = compose.services['chain']!.ports ?? [];
    expect(chainPorts.length).toBeGreaterThan(0);
    for (const port of chainPorts) {
      if (typeof port === 'string') expect(port).toMatch(/^127\.0\.0\.1:/);
      else expect(port.host_ip).toBe('127.0.0.1');
    }
    expect(compose.services['postgres']!.ports).toBeUndefined();
  });
});
