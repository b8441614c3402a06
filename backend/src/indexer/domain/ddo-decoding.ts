/**
 * The DDO an Ocean metadata event carries, read as Ocean Node's indexer reads it
 * (Indexer/processors/BaseProcessor.ts): flags bit 1 (0x02) means the data is encrypted by a provider,
 * bit 0 (0x01) compressed; plain data (0x00) is UTF-8 JSON whose hash must be sha256 of the hex string
 * (`checkDdoHash`); encrypted data is decrypted by its provider (here: only when it is ours). The DDO
 * must describe the NFT that emitted the event, on this chain.
 */
import { didFor } from '../../ocean/domain/ddo.js';
import { findJsonProblem, type JsonLimits } from '../../http/json-limits.js';
import { decodePlainMetadata, metadataHash } from '../../ocean/domain/metadata-encoding.js';

/**
 * The largest DDO taken, as JSON. Ocean's DDOs are a few KB (Tessera's, with the Croissant and
 * datasheet summaries, under 64 KB); every catalogue query reads the listed DDOs, so anyone's
 * metadata event must not make each of them megabytes.
 */
export const MAX_DDO_BYTES = 256 * 1024;
/** A DDO's shape as the API takes a JSON body (depth, keys), so that walking it stays cheap. */
const DDO_LIMITS: JsonLimits = { maxDepth: 32, maxKeys: 10_000, maxObjectKeys: 1_000 };

export type DdoReading = { ok: true; ddo: Record<string, unknown> } | { ok: false; reason: string };

export interface MetadataPayload {
  flags: string;
  data: string;
  hash: string;
  decryptorUrl: string;
}

function flagBits(flags: string): number {
  const bare = flags.replace(/^0x/, '');
  if (bare === '') return 0;
  return parseInt(bare.slice(-2), 16);
}

/**
 * `decrypt` opens data encrypted for our provider key (null when there is no key); it throws when the
 * payload was encrypted for another key.
 */
export function readDdo(
  payload: MetadataPayload,
  asset: { nftAddress: string; chainId: number },
  decrypt: ((data: string) => Uint8Array) | null,
): DdoReading {
  const bits = flagBits(payload.flags);
  if (Number.isNaN(bits)) return { ok: false, reason: `flags ${payload.flags} are not hex` };
  if (bits & 0x01) return { ok: false, reason: 'compressed metadata (flags bit 0) is not supported' };
  let parsed: unknown;
  if (bits & 0x02) {
    if (!decrypt) return { ok: false, reason: 'the metadata is encrypted and this node has no provider key' };
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decrypt(payload.data)));
    } catch (error) {
      return {
        ok: false,
        reason: `the metadata is encrypted for another provider (${payload.decryptorUrl || 'no decryptor URL'}): ${(error as Error).message}`,
      };
    }
  } else {
    if (metadataHash(payload.data) !== payload.hash.toLowerCase()) {
      return { ok: false, reason: `the metadata hash ${payload.hash} is not sha256 of the data` };
    }
    try {
      parsed = decodePlainMetadata('0x00', payload.data);
    } catch (error) {
      return { ok: false, reason: `the metadata is not UTF-8 JSON: ${(error as Error).message}` };
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'the DDO is not a JSON object' };
  const ddo = parsed as Record<string, unknown>;
  const expected = didFor(asset.nftAddress, asset.chainId);
  if (ddo['id'] !== expected) return { ok: false, reason: `the DDO's id ${String(ddo['id'])} is not ${expected} (this NFT on this chain)` };
  // NUL and unpaired surrogates cannot be stored (jsonb); deep or wide documents are not walked (a
  // document thousands of levels deep would overflow the stack of any recursive reader, stringify's too).
  const problem = findJsonProblem(ddo, DDO_LIMITS);
  if (problem) return { ok: false, reason: `the DDO's ${problem.path || 'document'} ${problem.message}` };
  const bytes = Buffer.byteLength(JSON.stringify(ddo));
  if (bytes > MAX_DDO_BYTES) return { ok: false, reason: `the DDO is ${bytes} bytes of JSON, over ${MAX_DDO_BYTES}` };
  const shapeProblem = ddoShapeProblem(ddo);
  if (shapeProblem) return { ok: false, reason: shapeProblem };
  return { ok: true, ddo };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the catalogue reads of a DDO, of the types DDO 4.1 gives them: metadata an object, services an array of objects. */
function ddoShapeProblem(ddo: Record<string, unknown>): string | undefined {
  if (ddo['metadata'] !== undefined && !isObject(ddo['metadata'])) return "the DDO's metadata is not an object";
  const services = ddo['services'];
  if (services !== undefined && (!Array.isArray(services) || !services.every(isObject)))
    return "the DDO's services are not a list of objects";
  return undefined;
}

/** What full-text search reads of a DDO: name, description, tags, and the labels its datasheet lists. */
export function searchText(ddo: Record<string, unknown>): { name: string; description: string; tags: string; labels: string } {
  const metadata = (ddo['metadata'] ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const tags = Array.isArray(metadata['tags']) ? metadata['tags'].filter((t) => typeof t === 'string').join(' ') : '';
  const info = (metadata['additionalInformation'] ?? {}) as Record<string, unknown>;
  const datasheet = (info['datasheet'] ?? {}) as Record<string, unknown>;
  const balance = (datasheet['classBalance'] ?? {}) as Record<string, unknown>;
  const labels = new Set<string>();
  if (typeof balance === 'object' && balance !== null) {
    for (const split of Object.values(balance)) {
      if (typeof split === 'object' && split !== null) for (const label of Object.keys(split)) labels.add(label);
    }
  }
  if (Array.isArray(info['labels'])) for (const label of info['labels']) if (typeof label === 'string') labels.add(label);
  return { name: text(metadata['name']), description: text(metadata['description']), tags, labels: [...labels].join(' ') };
}
