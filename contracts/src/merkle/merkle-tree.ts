/**
 * Merkle trees of reward leaves, hashed exactly as `PayoutDistributor.claim` hashes them:
 *
 *   leaf = keccak256(bytes.concat(keccak256(abi.encode(uint256 epochId, uint256 index, address account, uint256 amount))))
 *   node = keccak256(min(a, b) ++ max(a, b))            (OpenZeppelin MerkleProof, commutative)
 *
 * Leaf `i` of a tree has `index` i (the contract's claimed bitmap is indexed by it). A layer with an odd
 * number of nodes promotes its last node unchanged, so every proof has at most ceil(log2(n)) siblings.
 */

import { keccakWordsInto } from './keccak.js';

export type Hex = `0x${string}`;

/** One payout of an epoch. Numbers as bigint, or as decimal / 0x-hex strings (how the database returns them). */
export interface RewardLeaf {
  readonly epochId: bigint | number | string;
  readonly index: bigint | number | string;
  readonly account: string;
  readonly amount: bigint | number | string;
}

export interface RewardTree {
  readonly root: Hex;
  /** The number of leaves. */
  readonly size: number;
  /** The sum of the leaves' amounts: the epoch's funding. */
  readonly total: bigint;
  /** The hash of leaf `index`. */
  leaf(index: number): Hex;
  /** The sibling hashes proving leaf `index`, bottom-up, as `claim` takes them. */
  proof(index: number): Hex[];
}

export const MerkleErrorCode = {
  LEAF_INVALID: 'MERKLE_LEAF_INVALID',
  TREE_INVALID: 'MERKLE_TREE_INVALID',
  INDEX_OUT_OF_RANGE: 'MERKLE_INDEX_OUT_OF_RANGE',
} as const;

export type MerkleErrorCode = (typeof MerkleErrorCode)[keyof typeof MerkleErrorCode];

export class MerkleError extends Error {
  constructor(
    readonly code: MerkleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

const MAX_UINT256 = (1n << 256n) - 1n;

/** The hash of one leaf, as the contract computes it. */
export function leafHash(leaf: RewardLeaf): Hex {
  const out = new Int32Array(8);
  hashLeafInto(encodeLeaf(leaf, 'leaf').words, out, 0);
  return toHex(out, 0);
}

/** Builds the tree of an epoch's leaves; leaf `i` must have `index` i and every leaf the same epoch id. */
export function buildTree(leaves: readonly RewardLeaf[]): RewardTree {
  const size = leaves.length;
  if (size === 0) throw new MerkleError(MerkleErrorCode.TREE_INVALID, 'a tree needs at least one leaf');
  const layers: Int32Array[] = [new Int32Array(size * 8)];
  const epochId = toUint256(leaves[0]!.epochId, 'leaves[0].epochId');
  let total = 0n;
  for (let i = 0; i < size; i++) {
    const encoded = encodeLeaf(leaves[i]!, `leaves[${i}]`);
    if (encoded.epochId !== epochId) {
      throw new MerkleError(MerkleErrorCode.TREE_INVALID, `leaves[${i}].epochId is ${encoded.epochId}, leaves[0].epochId is ${epochId}`);
    }
    if (encoded.index !== BigInt(i)) {
      throw new MerkleError(MerkleErrorCode.TREE_INVALID, `leaves[${i}].index must be ${i}, got ${encoded.index}`);
    }
    hashLeafInto(encoded.words, layers[0]!, i * 8);
    total += encoded.amount;
  }
  for (let below = layers[0]!; below.length > 8;) {
    const count = below.length / 8;
    const above = new Int32Array(Math.ceil(count / 2) * 8);
    for (let i = 0; i + 1 < count; i += 2) hashPairInto(below, i * 8, below, i * 8 + 8, above, i * 4);
    if (count % 2 === 1) above.set(below.subarray((count - 1) * 8), (count - 1) * 4);
    layers.push(above);
    below = above;
  }
  const checked = (index: number): number => {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new MerkleError(MerkleErrorCode.INDEX_OUT_OF_RANGE, `index must be an integer in [0, ${size}), got ${index}`);
    }
    return index;
  };
  return {
    root: toHex(layers[layers.length - 1]!, 0),
    size,
    total,
    leaf: (index) => toHex(layers[0]!, checked(index) * 8),
    proof: (index) => {
      const siblings: Hex[] = [];
      let i = checked(index);
      for (let level = 0; level < layers.length - 1; level++, i >>= 1) {
        const sibling = i ^ 1;
        if (sibling * 8 < layers[level]!.length) siblings.push(toHex(layers[level]!, sibling * 8));
      }
      return siblings;
    },
  };
}

/** Whether `proof` leads from `leaf` to `root` (OpenZeppelin `MerkleProof.verify`). */
export function verify(proof: readonly string[], root: string, leaf: string): boolean {
  const node = fromHex32(leaf, 'leaf');
  for (const [i, hash] of proof.entries()) hashPairInto(node, 0, fromHex32(hash, `proof[${i}]`), 0, node, 0);
  const expected = fromHex32(root, 'root');
  return node.every((word, i) => word === expected[i]);
}

// --- encoding -------------------------------------------------------------------------------------------

// Hashes are handled as 8 32-bit words in memory order, in Int32Arrays: what keccak.ts reads and writes.

interface EncodedLeaf {
  readonly epochId: bigint;
  readonly index: bigint;
  readonly amount: bigint;
  /** abi.encode(uint256 epochId, uint256 index, address account, uint256 amount): 128 bytes. */
  readonly words: Int32Array;
}

const encodedWords = new Int32Array(32);
const encodedBytes = new Uint8Array(encodedWords.buffer);

/** Encodes into a shared buffer: the result is valid until the next call. */
function encodeLeaf(leaf: RewardLeaf, field: string): EncodedLeaf {
  const epochId = toUint256(leaf.epochId, `${field}.epochId`);
  const index = toUint256(leaf.index, `${field}.index`);
  const amount = toUint256(leaf.amount, `${field}.amount`);
  encodedWords.fill(0);
  writeUint256(epochId, encodedBytes, 0);
  writeUint256(index, encodedBytes, 32);
  writeAddress(leaf.account, `${field}.account`, encodedBytes, 76);
  writeUint256(amount, encodedBytes, 96);
  return { epochId, index, amount, words: encodedWords };
}

function toUint256(value: bigint | number | string, field: string): bigint {
  let n: bigint;
  try {
    n = typeof value === 'bigint' ? value : BigInt(value);
  } catch {
    throw new MerkleError(MerkleErrorCode.LEAF_INVALID, `${field} must be an unsigned integer, got "${String(value)}"`);
  }
  if (n < 0n || n > MAX_UINT256 || (typeof value === 'string' && value.trim() === '')) {
    throw new MerkleError(MerkleErrorCode.LEAF_INVALID, `${field} must be an unsigned 256-bit integer, got ${String(value)}`);
  }
  return n;
}

/** Big-endian into out[offset, offset + 32), which is zero. */
function writeUint256(n: bigint, out: Uint8Array, offset: number): void {
  let o = offset + 31;
  if (n <= 0xffffffffn) {
    for (let v = Number(n); v !== 0; v >>>= 8) out[o--] = v & 0xff;
    return;
  }
  const hex = n.toString(16);
  for (let i = hex.length; i > 0; i -= 2) out[o--] = ((i > 1 ? nibble(hex.charCodeAt(i - 2)) : 0) << 4) | nibble(hex.charCodeAt(i - 1));
}

function writeAddress(account: string, field: string, out: Uint8Array, offset: number): void {
  if (typeof account !== 'string' || account.length !== 42 || account[0] !== '0' || account[1] !== 'x') {
    throw new MerkleError(MerkleErrorCode.LEAF_INVALID, `${field} must be a 0x-prefixed 20-byte hex address, got "${String(account)}"`);
  }
  for (let i = 0; i < 20; i++) {
    const high = nibble(account.charCodeAt(2 + 2 * i));
    const low = nibble(account.charCodeAt(3 + 2 * i));
    if (high < 0 || low < 0) {
      throw new MerkleError(MerkleErrorCode.LEAF_INVALID, `${field} must be a 0x-prefixed 20-byte hex address, got "${account}"`);
    }
    out[offset + i] = (high << 4) | low;
  }
}

/** The value of a hex digit's char code, -1 when it is not one. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

// --- hashing --------------------------------------------------------------------------------------------

const inner = new Int32Array(8);

function hashLeafInto(encoded: Int32Array, out: Int32Array, outOffset: number): void {
  keccakWordsInto(encoded, 0, 32, inner, 0);
  keccakWordsInto(inner, 0, 8, out, outOffset);
}

const pair = new Int32Array(16);

/** The commutative node hash: the smaller of the two hashes (as big-endian numbers) first. */
function hashPairInto(a: Int32Array, aOffset: number, b: Int32Array, bOffset: number, out: Int32Array, outOffset: number): void {
  const aFirst = compareHashes(a, aOffset, b, bOffset) <= 0;
  for (let i = 0; i < 8; i++) {
    pair[aFirst ? i : i + 8] = a[aOffset + i]!;
    pair[aFirst ? i + 8 : i] = b[bOffset + i]!;
  }
  keccakWordsInto(pair, 0, 16, out, outOffset);
}

/** Compares two hashes as big-endian 256-bit numbers (byte by byte). */
function compareHashes(a: Int32Array, aOffset: number, b: Int32Array, bOffset: number): number {
  for (let i = 0; i < 8; i++) {
    const x = a[aOffset + i]!;
    const y = b[bOffset + i]!;
    if (x !== y) {
      // The word's first byte in memory is its least significant: swap to compare in memory order.
      const bx = ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
      const by = ((y & 0xff) << 24) | ((y & 0xff00) << 8) | ((y >>> 8) & 0xff00) | (y >>> 24);
      return (bx >>> 0) - (by >>> 0);
    }
  }
  return 0;
}

// --- hex ------------------------------------------------------------------------------------------------

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function toHex(words: Int32Array, offset: number): Hex {
  const bytes = new Uint8Array(words.buffer, words.byteOffset + offset * 4, 32);
  let hex = '0x';
  for (const byte of bytes) hex += HEX_BYTE[byte]!;
  return hex as Hex;
}

function fromHex32(hex: string, field: string): Int32Array {
  const words = new Int32Array(8);
  const bytes = new Uint8Array(words.buffer);
  const invalid = () =>
    new MerkleError(MerkleErrorCode.LEAF_INVALID, `${field} must be a 0x-prefixed 32-byte hex hash, got "${String(hex)}"`);
  if (typeof hex !== 'string' || hex.length !== 66 || hex[0] !== '0' || hex[1] !== 'x') throw invalid();
  for (let i = 0; i < 32; i++) {
    const high = nibble(hex.charCodeAt(2 + 2 * i));
    const low = nibble(hex.charCodeAt(3 + 2 * i));
    if (high < 0 || low < 0) throw invalid();
    bytes[i] = (high << 4) | low;
  }
  return words;
}
