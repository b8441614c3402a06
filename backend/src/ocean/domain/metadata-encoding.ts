/**
 * How a DDO is written into an Ocean data NFT with `setMetaData`, unencrypted, as ocean.js 8.6.2
 * `createAsset` does with `encryptDDO = false` (utils/Assets.ts) and Ocean Node's indexer checks it
 * (Indexer/processors/BaseProcessor.ts `checkDdoHash`):
 *   flags = 0x00 (plain), data = hexlify(utf8(JSON.stringify(ddo))), hash = '0x' + sha256(data as a hex string).
 * The hash is over the text of the hex string (with its `0x`), not over the bytes it stands for.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';

/** Bit 1 of `flags`: data is encrypted by the provider; bit 0: compressed. Plain is neither. */
export const PLAIN_FLAGS = '0x00';

export interface EncodedMetadata {
  flags: string;
  /** 0x-prefixed hex of the UTF-8 JSON. */
  data: string;
  /** bytes32, 0x-prefixed. */
  hash: string;
}

export function metadataHash(dataHex: string): string {
  return `0x${bytesToHex(sha256(utf8ToBytes(dataHex)))}`;
}

export function encodePlainMetadata(document: unknown): EncodedMetadata {
  const data = `0x${bytesToHex(utf8ToBytes(JSON.stringify(document)))}`;
  return { flags: PLAIN_FLAGS, data, hash: metadataHash(data) };
}

/** The JSON a plain `data` field holds; throws when the flags say it is not plain or the bytes are not JSON. */
export function decodePlainMetadata(flags: string, dataHex: string): unknown {
  if (!/^0x0*$/.test(flags)) throw new RangeError(`metadata flags ${flags} are not plain (0x00): it is encrypted or compressed`);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(hexToBytes(dataHex.replace(/^0x/, '')));
  return JSON.parse(text) as unknown;
}
