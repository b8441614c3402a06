/**
 * Merkle trees of reward leaves, hashed exactly as `PayoutDistributor.claim` hashes them:
 *
 *   leaf = keccak256(bytes.concat(keccak256(abi.encode(uint256 epochId, uint256 index, address account, uint256 amount))))
 *   node = keccak256(min(a, b) ++ max(a, b))            (OpenZeppelin MerkleProof, commutative)
 *
 * Leaf `i` of a tree has `index` i (the contract's claimed bitmap is indexed by it). A layer with an odd
 * number of nodes promotes its last node unchanged, so every proof has at most ceil(log2(n)) siblings.
 */

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

// Hashes are handled as 8 little-endian 32-bit words (how the Keccak state reads bytes), in Int32Arrays.
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  throw new Error('merkle.ts assumes a little-endian platform');
}

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

// A 100k-leaf tree is 300k Keccak permutations: a general-purpose hasher (a fresh state per call, the
// permutation looping over a typed array) takes seconds for that. Every input here fits in one 136-byte
// block, so it is written straight into one reused state and permuted by an unrolled Keccak-f[1600] (below)
// that keeps the 25 lanes in local variables.
const state = new Int32Array(50);

/** keccak256 of `words` 32-bit words (at most 33) of `input` from `inOffset`, into out[outOffset, +8). */
function keccakWordsInto(input: Int32Array, inOffset: number, words: number, out: Int32Array, outOffset: number): void {
  for (let i = 0; i < words; i++) state[i] = input[inOffset + i]!;
  state[words] = 0x01;
  for (let i = words + 1; i < 50; i++) state[i] = 0;
  state[33]! ^= -0x80000000; // the final padding bit: 0x80 in byte 135, the last byte of the block
  keccakF1600(state);
  for (let i = 0; i < 8; i++) out[outOffset + i] = state[i]!;
}

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

// --- Keccak-f[1600] -------------------------------------------------------------------------------------

// Lane (x, y) of the state is a{x + 5y}l (low 32 bits) and a{x + 5y}h (high 32 bits): theta (c, d), rho and
// pi (into b), chi and iota as in FIPS 202, one round per iteration. merkle.spec.ts checks the result against
// ethers' keccak256 for the three input sizes hashed here (128-byte leaves, 32-byte hashes, 64-byte pairs).
const ROUND_CONSTANTS = new Int32Array([
  1, 0, 32898, 0, 32906, -2147483648, -2147450880, -2147483648, 32907, 0, -2147483647, 0, -2147450751, -2147483648, 32777, -2147483648, 138,
  0, 136, 0, -2147450871, 0, -2147483638, 0, -2147450741, 0, 139, -2147483648, 32905, -2147483648, 32771, -2147483648, 32770, -2147483648,
  128, -2147483648, 32778, 0, -2147483638, -2147483648, -2147450751, -2147483648, 32896, -2147483648, -2147483647, 0, -2147450872,
  -2147483648,
]);

function keccakF1600(s: Int32Array): void {
  let a0l = s[0]!,
    a0h = s[1]!,
    a1l = s[2]!,
    a1h = s[3]!,
    a2l = s[4]!,
    a2h = s[5]!,
    a3l = s[6]!,
    a3h = s[7]!,
    a4l = s[8]!,
    a4h = s[9]!,
    a5l = s[10]!,
    a5h = s[11]!,
    a6l = s[12]!,
    a6h = s[13]!,
    a7l = s[14]!,
    a7h = s[15]!,
    a8l = s[16]!,
    a8h = s[17]!,
    a9l = s[18]!,
    a9h = s[19]!,
    a10l = s[20]!,
    a10h = s[21]!,
    a11l = s[22]!,
    a11h = s[23]!,
    a12l = s[24]!,
    a12h = s[25]!,
    a13l = s[26]!,
    a13h = s[27]!,
    a14l = s[28]!,
    a14h = s[29]!,
    a15l = s[30]!,
    a15h = s[31]!,
    a16l = s[32]!,
    a16h = s[33]!,
    a17l = s[34]!,
    a17h = s[35]!,
    a18l = s[36]!,
    a18h = s[37]!,
    a19l = s[38]!,
    a19h = s[39]!,
    a20l = s[40]!,
    a20h = s[41]!,
    a21l = s[42]!,
    a21h = s[43]!,
    a22l = s[44]!,
    a22h = s[45]!,
    a23l = s[46]!,
    a23h = s[47]!,
    a24l = s[48]!,
    a24h = s[49]!;
  for (let round = 0; round < 48; round += 2) {
    const c0l = a0l ^ a5l ^ a10l ^ a15l ^ a20l;
    const c0h = a0h ^ a5h ^ a10h ^ a15h ^ a20h;
    const c1l = a1l ^ a6l ^ a11l ^ a16l ^ a21l;
    const c1h = a1h ^ a6h ^ a11h ^ a16h ^ a21h;
    const c2l = a2l ^ a7l ^ a12l ^ a17l ^ a22l;
    const c2h = a2h ^ a7h ^ a12h ^ a17h ^ a22h;
    const c3l = a3l ^ a8l ^ a13l ^ a18l ^ a23l;
    const c3h = a3h ^ a8h ^ a13h ^ a18h ^ a23h;
    const c4l = a4l ^ a9l ^ a14l ^ a19l ^ a24l;
    const c4h = a4h ^ a9h ^ a14h ^ a19h ^ a24h;
    const d0l = c4l ^ ((c1l << 1) | (c1h >>> 31));
    const d0h = c4h ^ ((c1h << 1) | (c1l >>> 31));
    const d1l = c0l ^ ((c2l << 1) | (c2h >>> 31));
    const d1h = c0h ^ ((c2h << 1) | (c2l >>> 31));
    const d2l = c1l ^ ((c3l << 1) | (c3h >>> 31));
    const d2h = c1h ^ ((c3h << 1) | (c3l >>> 31));
    const d3l = c2l ^ ((c4l << 1) | (c4h >>> 31));
    const d3h = c2h ^ ((c4h << 1) | (c4l >>> 31));
    const d4l = c3l ^ ((c0l << 1) | (c0h >>> 31));
    const d4h = c3h ^ ((c0h << 1) | (c0l >>> 31));
    a0l ^= d0l;
    a0h ^= d0h;
    a5l ^= d0l;
    a5h ^= d0h;
    a10l ^= d0l;
    a10h ^= d0h;
    a15l ^= d0l;
    a15h ^= d0h;
    a20l ^= d0l;
    a20h ^= d0h;
    a1l ^= d1l;
    a1h ^= d1h;
    a6l ^= d1l;
    a6h ^= d1h;
    a11l ^= d1l;
    a11h ^= d1h;
    a16l ^= d1l;
    a16h ^= d1h;
    a21l ^= d1l;
    a21h ^= d1h;
    a2l ^= d2l;
    a2h ^= d2h;
    a7l ^= d2l;
    a7h ^= d2h;
    a12l ^= d2l;
    a12h ^= d2h;
    a17l ^= d2l;
    a17h ^= d2h;
    a22l ^= d2l;
    a22h ^= d2h;
    a3l ^= d3l;
    a3h ^= d3h;
    a8l ^= d3l;
    a8h ^= d3h;
    a13l ^= d3l;
    a13h ^= d3h;
    a18l ^= d3l;
    a18h ^= d3h;
    a23l ^= d3l;
    a23h ^= d3h;
    a4l ^= d4l;
    a4h ^= d4h;
    a9l ^= d4l;
    a9h ^= d4h;
    a14l ^= d4l;
    a14h ^= d4h;
    a19l ^= d4l;
    a19h ^= d4h;
    a24l ^= d4l;
    a24h ^= d4h;
    const b0h = a0h;
    const b0l = a0l;
    const b16h = (a5l << 4) | (a5h >>> 28);
    const b16l = (a5h << 4) | (a5l >>> 28);
    const b7h = (a10h << 3) | (a10l >>> 29);
    const b7l = (a10l << 3) | (a10h >>> 29);
    const b23h = (a15l << 9) | (a15h >>> 23);
    const b23l = (a15h << 9) | (a15l >>> 23);
    const b14h = (a20h << 18) | (a20l >>> 14);
    const b14l = (a20l << 18) | (a20h >>> 14);
    const b10h = (a1h << 1) | (a1l >>> 31);
    const b10l = (a1l << 1) | (a1h >>> 31);
    const b1h = (a6l << 12) | (a6h >>> 20);
    const b1l = (a6h << 12) | (a6l >>> 20);
    const b17h = (a11h << 10) | (a11l >>> 22);
    const b17l = (a11l << 10) | (a11h >>> 22);
    const b8h = (a16l << 13) | (a16h >>> 19);
    const b8l = (a16h << 13) | (a16l >>> 19);
    const b24h = (a21h << 2) | (a21l >>> 30);
    const b24l = (a21l << 2) | (a21h >>> 30);
    const b20h = (a2l << 30) | (a2h >>> 2);
    const b20l = (a2h << 30) | (a2l >>> 2);
    const b11h = (a7h << 6) | (a7l >>> 26);
    const b11l = (a7l << 6) | (a7h >>> 26);
    const b2h = (a12l << 11) | (a12h >>> 21);
    const b2l = (a12h << 11) | (a12l >>> 21);
    const b18h = (a17h << 15) | (a17l >>> 17);
    const b18l = (a17l << 15) | (a17h >>> 17);
    const b9h = (a22l << 29) | (a22h >>> 3);
    const b9l = (a22h << 29) | (a22l >>> 3);
    const b5h = (a3h << 28) | (a3l >>> 4);
    const b5l = (a3l << 28) | (a3h >>> 4);
    const b21h = (a8l << 23) | (a8h >>> 9);
    const b21l = (a8h << 23) | (a8l >>> 9);
    const b12h = (a13h << 25) | (a13l >>> 7);
    const b12l = (a13l << 25) | (a13h >>> 7);
    const b3h = (a18h << 21) | (a18l >>> 11);
    const b3l = (a18l << 21) | (a18h >>> 11);
    const b19h = (a23l << 24) | (a23h >>> 8);
    const b19l = (a23h << 24) | (a23l >>> 8);
    const b15h = (a4h << 27) | (a4l >>> 5);
    const b15l = (a4l << 27) | (a4h >>> 5);
    const b6h = (a9h << 20) | (a9l >>> 12);
    const b6l = (a9l << 20) | (a9h >>> 12);
    const b22h = (a14l << 7) | (a14h >>> 25);
    const b22l = (a14h << 7) | (a14l >>> 25);
    const b13h = (a19h << 8) | (a19l >>> 24);
    const b13l = (a19l << 8) | (a19h >>> 24);
    const b4h = (a24h << 14) | (a24l >>> 18);
    const b4l = (a24l << 14) | (a24h >>> 18);
    a0l = b0l ^ (~b1l & b2l);
    a0h = b0h ^ (~b1h & b2h);
    a1l = b1l ^ (~b2l & b3l);
    a1h = b1h ^ (~b2h & b3h);
    a2l = b2l ^ (~b3l & b4l);
    a2h = b2h ^ (~b3h & b4h);
    a3l = b3l ^ (~b4l & b0l);
    a3h = b3h ^ (~b4h & b0h);
    a4l = b4l ^ (~b0l & b1l);
    a4h = b4h ^ (~b0h & b1h);
    a5l = b5l ^ (~b6l & b7l);
    a5h = b5h ^ (~b6h & b7h);
    a6l = b6l ^ (~b7l & b8l);
    a6h = b6h ^ (~b7h & b8h);
    a7l = b7l ^ (~b8l & b9l);
    a7h = b7h ^ (~b8h & b9h);
    a8l = b8l ^ (~b9l & b5l);
    a8h = b8h ^ (~b9h & b5h);
    a9l = b9l ^ (~b5l & b6l);
    a9h = b9h ^ (~b5h & b6h);
    a10l = b10l ^ (~b11l & b12l);
    a10h = b10h ^ (~b11h & b12h);
    a11l = b11l ^ (~b12l & b13l);
    a11h = b11h ^ (~b12h & b13h);
    a12l = b12l ^ (~b13l & b14l);
    a12h = b12h ^ (~b13h & b14h);
    a13l = b13l ^ (~b14l & b10l);
    a13h = b13h ^ (~b14h & b10h);
    a14l = b14l ^ (~b10l & b11l);
    a14h = b14h ^ (~b10h & b11h);
    a15l = b15l ^ (~b16l & b17l);
    a15h = b15h ^ (~b16h & b17h);
    a16l = b16l ^ (~b17l & b18l);
    a16h = b16h ^ (~b17h & b18h);
    a17l = b17l ^ (~b18l & b19l);
    a17h = b17h ^ (~b18h & b19h);
    a18l = b18l ^ (~b19l & b15l);
    a18h = b18h ^ (~b19h & b15h);
    a19l = b19l ^ (~b15l & b16l);
    a19h = b19h ^ (~b15h & b16h);
    a20l = b20l ^ (~b21l & b22l);
    a20h = b20h ^ (~b21h & b22h);
    a21l = b21l ^ (~b22l & b23l);
    a21h = b21h ^ (~b22h & b23h);
    a22l = b22l ^ (~b23l & b24l);
    a22h = b22h ^ (~b23h & b24h);
    a23l = b23l ^ (~b24l & b20l);
    a23h = b23h ^ (~b24h & b20h);
    a24l = b24l ^ (~b20l & b21l);
    a24h = b24h ^ (~b20h & b21h);
    a0l ^= ROUND_CONSTANTS[round]!;
    a0h ^= ROUND_CONSTANTS[round + 1]!;
  }
  s[0] = a0l;
  s[1] = a0h;
  s[2] = a1l;
  s[3] = a1h;
  s[4] = a2l;
  s[5] = a2h;
  s[6] = a3l;
  s[7] = a3h;
  s[8] = a4l;
  s[9] = a4h;
  s[10] = a5l;
  s[11] = a5h;
  s[12] = a6l;
  s[13] = a6h;
  s[14] = a7l;
  s[15] = a7h;
  s[16] = a8l;
  s[17] = a8h;
  s[18] = a9l;
  s[19] = a9h;
  s[20] = a10l;
  s[21] = a10h;
  s[22] = a11l;
  s[23] = a11h;
  s[24] = a12l;
  s[25] = a12h;
  s[26] = a13l;
  s[27] = a13h;
  s[28] = a14l;
  s[29] = a14h;
  s[30] = a15l;
  s[31] = a15h;
  s[32] = a16l;
  s[33] = a16h;
  s[34] = a17l;
  s[35] = a17h;
  s[36] = a18l;
  s[37] = a18h;
  s[38] = a19l;
  s[39] = a19h;
  s[40] = a20l;
  s[41] = a20h;
  s[42] = a21l;
  s[43] = a21h;
  s[44] = a22l;
  s[45] = a22h;
  s[46] = a23l;
  s[47] = a23h;
  s[48] = a24l;
  s[49] = a24h;
}
