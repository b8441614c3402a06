/**
 * The two messages the provider role signs or checks, byte for byte as Ocean Node 3.2 and ocean.js
 * 8.6.2 build them (ocean-facts A and B):
 *
 * - a consumer's request (download, encrypt): keccak-256 of the UTF-8 text
 *   `consumerAddress + nonce + command`, signed with EIP-191 over those 32 bytes (ocean.js
 *   SignatureUtils.signRequest);
 * - the provider fee: keccak-256 of `abi.encodePacked(bytes providerData, address providerFeeAddress,
 *   address providerFeeToken, uint256 providerFeeAmount, uint256 validUntil)`, signed with EIP-191 over
 *   those 32 bytes, which ERC20Template's startOrder recovers (feesHandler.ts createProviderFee).
 */
import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';

export type SignedCommand = 'download' | 'encrypt';

/** The 32 bytes a consumer signs (EIP-191) for `command`. */
export function requestDigest(consumerAddress: string, nonce: string, command: SignedCommand): Uint8Array {
  return keccak_256(utf8ToBytes(consumerAddress + nonce + command));
}

/**
 * The messages a signature (EIP-191) "over a digest" may be over: the 32 bytes, and, when the digest
 * starts with zero bytes, the digest without them. ocean.js 8.6.2 signs `toBeArray(digest)`, the
 * digest read as a number, which drops leading zero bytes (about one digest in 256); ethers 5's
 * `arrayify`, and so older scripts, keep them. Ocean Node accepts both.
 */
export function digestMessages(digest: Uint8Array): Uint8Array[] {
  const leadingZeros = digest.findIndex((byte) => byte !== 0);
  return leadingZeros > 0 ? [digest, digest.subarray(leadingZeros)] : [digest];
}

/** The messages a consumer's signature for `command` may be over (see digestMessages). */
export function requestMessages(consumerAddress: string, nonce: string, command: SignedCommand): Uint8Array[] {
  return digestMessages(requestDigest(consumerAddress, nonce, command));
}

function word(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n) throw new RangeError(`${value} does not fit a uint256`);
  return hexToBytes(value.toString(16).padStart(64, '0'));
}

function address(value: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new RangeError(`"${value}" is not a 20-byte hex address`);
  return hexToBytes(value.slice(2));
}

/** What the provider fee's signature covers: `providerData` is `0x` + hex of its bytes. */
export function providerFeeDigest(fee: {
  providerData: string;
  providerFeeAddress: string;
  providerFeeToken: string;
  providerFeeAmount: bigint;
  validUntil: bigint;
}): Uint8Array {
  const data = hexToBytes(fee.providerData.replace(/^0x/, ''));
  const parts = [data, address(fee.providerFeeAddress), address(fee.providerFeeToken), word(fee.providerFeeAmount), word(fee.validUntil)];
  const packed = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    packed.set(part, offset);
    offset += part.length;
  }
  return keccak_256(packed);
}

/** `providerData` of a fee: the JSON `{dt, id}` naming the datatoken and service, as hex of its UTF-8 bytes. */
export function providerDataHex(datatoken: string, serviceId: string): string {
  return `0x${bytesToHex(utf8ToBytes(JSON.stringify({ dt: datatoken, id: serviceId })))}`;
}
