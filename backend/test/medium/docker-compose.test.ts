import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

describe('docker-compose.yml (production shape)', () => {
  const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { environment?: Record<string, string> }>;
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
    expect(env['OPERATOR_PRIVATE_KEY']).toMatch(/^\$\{OPERATOR_PRIVATE_KEY:-0x[0-9a-f]{64}\}$/);
    expect(env['DEPLOY_CONTRACTS']).toBe('true');
    expect(Object.keys(compose.services).sort()).toEqual(['chain', 'ipfs', 'postgres', 'tessera']);
  });
});
