/**
 * Ocean Protocol DDO 4.1.0 (the `V4DDO` ocean.js 8.6.2 publishes and tests with; schema
 * ocean-node/schemas/4.1.0.ttl), for a dataset with one access service.
 *
 * - `id` = `did:op:` + sha256 hex of (checksummed NFT address + decimal chain id), as ocean.js
 *   `generateDid` and ddo.js `makeDid` compute it.
 * - `services[].files` is the files object ECIES-encrypted for the provider (see provider-encryption.ts);
 *   the rest is plain, so that Ocean's indexers read it from the NFT's MetadataCreated/Updated events.
 */
import { sha256 } from '@noble/hashes/sha2';
import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

export const DDO_VERSION = '4.1.0';
export const DID_CONTEXT = 'https://w3id.org/did/v1';

export interface DdoMetadata {
  /** ISO 8601, seconds precision (as Ocean's market writes it). */
  created: string;
  updated: string;
  type: 'dataset';
  name: string;
  description: string;
  author: string;
  /** An SPDX id. */
  license: string;
  tags?: string[];
  additionalInformation?: Record<string, unknown>;
}

export interface DdoAccessService {
  id: string;
  type: 'access';
  /** `0x` + hex: the files object encrypted for the provider. */
  files: string;
  datatokenAddress: string;
  /** The provider's URL (Ocean Node's `serviceEndpoint`): where buyers initialize and download. */
  serviceEndpoint: string;
  /** Seconds an order stays valid for download; 0: forever. */
  timeout: number;
  name?: string;
  description?: string;
}

export interface Ddo {
  '@context': string[];
  id: string;
  version: typeof DDO_VERSION;
  chainId: number;
  nftAddress: string;
  metadata: DdoMetadata;
  services: DdoAccessService[];
}

export interface DatasetDdoInput {
  chainId: number;
  nftAddress: string;
  datatokenAddress: string;
  /** Already encrypted for the provider. */
  encryptedFiles: string;
  serviceEndpoint: string;
  /** Default 0 (an order never expires). */
  timeout?: number;
  /** Default `access`. */
  serviceId?: string;
  metadata: {
    name: string;
    description: string;
    author: string;
    license: string;
    tags?: readonly string[];
    additionalInformation?: Record<string, unknown>;
    created: Date;
    /** Default: `created`. */
    updated?: Date;
  };
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** EIP-55: the address with each hex letter upper-cased where the keccak-256 of the lower-case hex has a nibble >= 8. */
export function checksumAddress(address: string): string {
  if (!ADDRESS.test(address)) throw new RangeError(`"${address}" is not a 20-byte hex address`);
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) out += parseInt(hash[i]!, 16) >= 8 ? lower[i]!.toUpperCase() : lower[i];
  return out;
}

/** The asset's DID: `did:op:` + sha256(checksummed NFT address + chain id in decimal). */
export function didFor(nftAddress: string, chainId: number): string {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new RangeError(`chainId must be a positive integer, got ${chainId}`);
  return `did:op:${bytesToHex(sha256(utf8ToBytes(checksumAddress(nftAddress) + String(chainId))))}`;
}

/** True when `value` has the shape didFor gives: what is not can name no asset, and is not looked up. */
export function isDid(value: string): boolean {
  return /^did:op:[0-9a-f]{64}$/.test(value);
}

/** ISO 8601 without milliseconds: `2026-12-03T18:00:00Z`. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A DDO 4.1.0 for a dataset sold through one access service. Pure: same input, same document. */
export function buildDatasetDdo(input: DatasetDdoInput): Ddo {
  const { metadata } = input;
  for (const [field, value] of Object.entries({
    name: metadata.name,
    description: metadata.description,
    author: metadata.author,
    license: metadata.license,
  })) {
    if (value.trim() === '') throw new RangeError(`metadata.${field} must not be empty (DDO 4.1 requires it)`);
  }
  if (!/^0x[0-9a-fA-F]+$/.test(input.encryptedFiles)) throw new RangeError('encryptedFiles must be 0x-prefixed hex');
  const timeout = input.timeout ?? 0;
  if (!Number.isSafeInteger(timeout) || timeout < 0) throw new RangeError(`timeout must be a non-negative integer, got ${timeout}`);
  const nftAddress = checksumAddress(input.nftAddress);
  return {
    '@context': [DID_CONTEXT],
    id: didFor(nftAddress, input.chainId),
    version: DDO_VERSION,
    chainId: input.chainId,
    nftAddress,
    metadata: {
      created: isoSeconds(metadata.created),
      updated: isoSeconds(metadata.updated ?? metadata.created),
      type: 'dataset',
      name: metadata.name,
      description: metadata.description,
      author: metadata.author,
      license: metadata.license,
      ...(metadata.tags && metadata.tags.length > 0 ? { tags: [...metadata.tags] } : {}),
      ...(metadata.additionalInformation ? { additionalInformation: metadata.additionalInformation } : {}),
    },
    services: [
      {
        id: input.serviceId ?? 'access',
        type: 'access',
        files: input.encryptedFiles,
        datatokenAddress: checksumAddress(input.datatokenAddress),
        serviceEndpoint: input.serviceEndpoint,
        timeout,
      },
    ],
  };
}
