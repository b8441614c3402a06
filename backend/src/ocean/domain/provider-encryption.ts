/**
 * ECIES for Ocean's provider role, as Ocean Node 3.2 encrypts an asset's `files` (src/utils/crypt.ts,
 * `EncryptMethod.ECIES`) and ocean.js 8.6.2 does client-side (utils/eciesencrypt.ts): eciesjs 0.4 with
 * its defaults, secp256k1. The payload is `ephemeral public key (65 bytes, uncompressed) || nonce (16)
 * || tag (16) || AES-256-GCM ciphertext`, the AES key HKDF-SHA256(ephemeral public key || shared point,
 * both uncompressed); it travels as `0x` + hex.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { keccak_256 } from '@noble/hashes/sha3';
import { decrypt, encrypt, PrivateKey, PublicKey } from 'eciesjs';
import { checksumAddress } from './ddo.js';

/** The files object a provider decrypts on download: which asset it belongs to, and where its files are. */
export interface FilesObject {
  nftAddress: string;
  datatokenAddress: string;
  files: Array<Record<string, unknown> & { type: string }>;
}

function bytesOfHex(hex: string, what: string): Uint8Array {
  const bare = hex.replace(/^0x/, '');
  if (bare.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(bare)) throw new RangeError(`${what} must be hex`);
  return hexToBytes(bare);
}

/** `0x04…`: the uncompressed secp256k1 public key of `privateKey` (65 bytes). */
export function providerPublicKey(privateKey: string): string {
  return `0x${bytesToHex(new PrivateKey(bytesOfHex(privateKey, 'the private key')).publicKey.toBytes(false))}`;
}

/** The Ethereum address of `privateKey`: keccak-256 of the public key's 64 coordinate bytes, last 20 bytes. */
export function providerAddress(privateKey: string): string {
  const uncompressed = new PrivateKey(bytesOfHex(privateKey, 'the private key')).publicKey.toBytes(false);
  return checksumAddress(`0x${bytesToHex(keccak_256(uncompressed.subarray(1))).slice(-40)}`);
}

/** ECIES-encrypts `plaintext` for `publicKey` (hex, compressed or not). */
export function eciesEncrypt(publicKey: string, plaintext: Uint8Array): string {
  const receiver = PublicKey.fromHex(publicKey.replace(/^0x/, ''));
  return `0x${bytesToHex(encrypt(receiver.toBytes(false), plaintext))}`;
}

export function eciesDecrypt(privateKey: string, encrypted: string): Uint8Array {
  return new Uint8Array(decrypt(bytesOfHex(privateKey, 'the private key'), bytesOfHex(encrypted, 'the encrypted payload')));
}

/** The `files` field of an access service: the files object as JSON, encrypted for the provider. */
export function encryptFilesObject(publicKey: string, files: FilesObject): string {
  return eciesEncrypt(publicKey, new TextEncoder().encode(JSON.stringify(files)));
}

export function decryptFilesObject(privateKey: string, encrypted: string): FilesObject {
  const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(eciesDecrypt(privateKey, encrypted))) as unknown;
  const candidate = parsed as Partial<FilesObject> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.nftAddress !== 'string' ||
    typeof candidate.datatokenAddress !== 'string' ||
    !Array.isArray(candidate.files)
  ) {
    throw new RangeError('the decrypted payload is not a files object {nftAddress, datatokenAddress, files}');
  }
  return candidate as FilesObject;
}
