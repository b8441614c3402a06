/**
 * The required fields of a DDO 4.1.0 (ocean-node schemas/4.1.0.ttl), checked before the metadata
 * role signs its hash: the first problem found, with the dotted path of the field, or null.
 */
import { didFor } from '../../ocean/domain/ddo.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export interface DdoProblem {
  field: string;
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nonEmpty = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export function ddoProblem(ddo: unknown): DdoProblem | null {
  if (!isObject(ddo)) return { field: 'ddo', message: 'ddo must be a JSON object' };
  const context = ddo['@context'];
  if (!Array.isArray(context) || context.length === 0 || !context.every((c) => typeof c === 'string')) {
    return { field: 'ddo.@context', message: '@context must be a non-empty array of strings' };
  }
  if (typeof ddo['version'] !== 'string' || !/^4\.\d+\.\d+$/.test(ddo['version'])) {
    return { field: 'ddo.version', message: 'version must be a DDO 4.x version such as "4.1.0"' };
  }
  if (!Number.isSafeInteger(ddo['chainId']) || (ddo['chainId'] as number) <= 0) {
    return { field: 'ddo.chainId', message: 'chainId must be a positive integer' };
  }
  if (typeof ddo['nftAddress'] !== 'string' || !ADDRESS.test(ddo['nftAddress'])) {
    return { field: 'ddo.nftAddress', message: 'nftAddress must be a 20-byte hex address' };
  }
  const expected = didFor(ddo['nftAddress'], ddo['chainId'] as number);
  if (ddo['id'] !== expected) {
    return { field: 'ddo.id', message: `id must be did:op: + sha256(checksummed nftAddress + chainId), i.e. ${expected}` };
  }
  const metadata = ddo['metadata'];
  if (!isObject(metadata)) return { field: 'ddo.metadata', message: 'metadata must be an object' };
  for (const field of ['created', 'updated']) {
    if (typeof metadata[field] !== 'string' || Number.isNaN(Date.parse(metadata[field]))) {
      return { field: `ddo.metadata.${field}`, message: `metadata.${field} must be an ISO 8601 date` };
    }
  }
  if (metadata['type'] !== 'dataset' && metadata['type'] !== 'algorithm') {
    return { field: 'ddo.metadata.type', message: 'metadata.type must be "dataset" or "algorithm"' };
  }
  for (const field of ['name', 'description', 'author', 'license']) {
    if (!nonEmpty(metadata[field])) return { field: `ddo.metadata.${field}`, message: `metadata.${field} is required` };
  }
  const services = ddo['services'];
  if (!Array.isArray(services) || services.length === 0)
    return { field: 'ddo.services', message: 'services must list at least one service' };
  for (const [i, service] of services.entries()) {
    const at = `ddo.services[${i}]`;
    if (!isObject(service)) return { field: at, message: 'a service must be an object' };
    for (const field of ['id', 'type', 'files', 'serviceEndpoint']) {
      if (!nonEmpty(service[field])) return { field: `${at}.${field}`, message: `${field} is required` };
    }
    if (typeof service['datatokenAddress'] !== 'string' || !ADDRESS.test(service['datatokenAddress'])) {
      return { field: `${at}.datatokenAddress`, message: 'datatokenAddress must be a 20-byte hex address' };
    }
    if (!Number.isSafeInteger(service['timeout']) || (service['timeout'] as number) < 0) {
      return { field: `${at}.timeout`, message: 'timeout must be a non-negative integer (seconds; 0 forever)' };
    }
  }
  return null;
}
