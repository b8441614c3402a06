import { describe, expect, it } from 'vitest';
import { buildDatasetDdo } from '../../ocean/domain/ddo.js';
import { ddoProblem } from './ddo-validation.js';

const ddo = buildDatasetDdo({
  chainId: 8996,
  nftAddress: '0xBB1081DbF3227bbB233Db68f7117114baBb43656',
  datatokenAddress: '0xfF4AE9869Cafb5Ff725f962F3Bbc22Fb303A8aD8',
  encryptedFiles: '0x04ab',
  serviceEndpoint: 'http://localhost:3000',
  metadata: { name: 'n', description: 'd', author: 'a', license: 'MIT', created: new Date('2026-12-01T00:00:00Z') },
}) as unknown as Record<string, unknown>;

describe('DDO 4.1.0 required fields', () => {
  it('accepts the DDO Tessera publishes', () => {
    expect(ddoProblem(ddo)).toBeNull();
  });

  it('names the first missing or wrong field', () => {
    const metadata = ddo['metadata'] as Record<string, unknown>;
    const services = ddo['services'] as Array<Record<string, unknown>>;
    expect(ddoProblem('x')?.field).toBe('ddo');
    expect(ddoProblem({ ...ddo, '@context': [] })?.field).toBe('ddo.@context');
    expect(ddoProblem({ ...ddo, chainId: '8996' })?.field).toBe('ddo.chainId');
    expect(ddoProblem({ ...ddo, id: 'did:op:0' })?.field).toBe('ddo.id');
    expect(ddoProblem({ ...ddo, metadata: { ...metadata, created: 'yesterday' } })?.field).toBe('ddo.metadata.created');
    expect(ddoProblem({ ...ddo, metadata: { ...metadata, author: ' ' } })?.field).toBe('ddo.metadata.author');
    expect(ddoProblem({ ...ddo, services: [{ ...services[0], timeout: -1 }] })?.field).toBe('ddo.services[0].timeout');
    expect(ddoProblem({ ...ddo, services: [{ ...services[0], datatokenAddress: '0x1' }] })?.field).toBe('ddo.services[0].datatokenAddress');
  });
});
