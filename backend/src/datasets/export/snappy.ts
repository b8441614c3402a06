/**
 * Snappy compression (github.com/google/snappy format_description.txt) writing exactly the bytes of
 * the compressor hyparquet-writer 0.17 ships (src/snappy.js, a port of Zhipeng Jia's snappyjs,
 * MIT): the same hash table, skip heuristic and copy splitting, so a Parquet file comes out the
 * same whichever of the two compressed it (snappy.spec.ts compares them). It differs in how it
 * writes: into one buffer kept between calls, by index, where the original grows a ByteWriter and
 * writes each tag byte through a DataView call; on text columns that made half the Parquet
 * encoder's time.
 */

const MAX_HASH_TABLE_BITS = 14;
const MAX_OFFSET = 0xffff;
/** Bytes at the end of the input never searched for a match (the reference implementation's margin). */
const INPUT_MARGIN = 15;

const hashTables: Uint32Array[] = [];
let scratch = new Uint8Array(0);

function hashOf(key: number, shift: number): number {
  return Math.imul(key, 0x1e35a7bd) >>> shift;
}

function load32(input: Uint8Array, at: number): number {
  return input[at]! + (input[at + 1]! << 8) + (input[at + 2]! << 16) + (input[at + 3]! << 24);
}

function equals32(input: Uint8Array, a: number, b: number): boolean {
  return input[a] === input[b] && input[a + 1] === input[b + 1] && input[a + 2] === input[b + 2] && input[a + 3] === input[b + 3];
}

/** The most a compressed block can take: snappy's MaxCompressedLength, plus the length varint. */
function maxCompressedLength(length: number): number {
  return 32 + length + Math.ceil(length / 6) + 5;
}

/** Writes a literal's tag and bytes at `op`; answers the position after them. */
function emitLiteral(out: Uint8Array, op: number, input: Uint8Array, from: number, length: number): number {
  if (length <= 60) {
    out[op++] = (length - 1) << 2;
  } else {
    const value = length - 1;
    const bytes = value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1000000 ? 3 : 4;
    out[op++] = (59 + bytes) << 2;
    for (let i = 0; i < bytes; i++) out[op++] = value >>> (i * 8);
  }
  out.set(input.subarray(from, from + length), op);
  return op + length;
}

/** Writes copies of `length` bytes from `offset` back, in pieces of at most 64; answers the position after them. */
function emitCopy(out: Uint8Array, op: number, offset: number, length: number): number {
  while (length > 0) {
    // 64-byte pieces while at least 68 remain, then one of 60 if more than 64 remain, then the rest (4..64).
    const piece = length >= 68 ? 64 : length > 64 ? 60 : length;
    if (piece < 12 && offset < 2048) {
      out[op++] = 1 + ((piece - 4) << 2) + ((offset >>> 8) << 5);
      out[op++] = offset & 0xff;
    } else {
      out[op++] = 2 + ((piece - 1) << 2);
      out[op++] = offset & 0xff;
      out[op++] = offset >>> 8;
    }
    length -= piece;
  }
  return op;
}

/** `input` Snappy-compressed, in a new array of its exact size. */
export function snappyCompress(input: Uint8Array): Uint8Array {
  const needed = maxCompressedLength(input.length);
  if (scratch.length < needed) scratch = new Uint8Array(Math.max(needed, scratch.length * 2));
  const out = scratch;
  let op = 0;
  for (let length = input.length; ; length >>>= 7) {
    if ((length & ~0x7f) === 0) {
      out[op++] = length;
      break;
    }
    out[op++] = (length & 0x7f) | 0x80;
  }

  const inputSize = input.length;
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let bits = 1;
  while (1 << bits <= inputSize && bits <= MAX_HASH_TABLE_BITS) bits++;
  bits--;
  const shift = 32 - bits;
  const table = (hashTables[bits] ??= new Uint32Array(1 << bits));
  table.fill(0);

  let nextEmit = 0;
  if (inputSize >= INPUT_MARGIN) {
    const ipLimit = inputSize - INPUT_MARGIN;
    let ip = 1;
    let nextHash = hashOf(load32(input, ip), shift);
    search: for (;;) {
      let skip = 32;
      let nextIp = ip;
      let candidate = 0;
      do {
        ip = nextIp;
        const hash = nextHash;
        const step = skip >>> 5;
        skip++;
        nextIp = ip + step;
        if (ip > ipLimit) break search;
        nextHash = hashOf(load32(input, nextIp), shift);
        candidate = table[hash]!;
        table[hash] = ip;
      } while (ip - candidate > MAX_OFFSET || !equals32(input, ip, candidate));

      op = emitLiteral(out, op, input, nextEmit, ip - nextEmit);

      do {
        const base = ip;
        let matched = 4;
        // Four bytes at a time while they agree, then byte by byte: the same length as a byte loop.
        while (ip + matched + 4 <= inputSize && view.getUint32(ip + matched) === view.getUint32(candidate + matched)) matched += 4;
        while (ip + matched < inputSize && input[ip + matched] === input[candidate + matched]) matched++;
        ip += matched;
        op = emitCopy(out, op, base - candidate, matched);
        nextEmit = ip;
        if (ip >= ipLimit) break search;
        table[hashOf(load32(input, ip - 1), shift)] = ip - 1;
        const hash = hashOf(load32(input, ip), shift);
        candidate = table[hash]!;
        table[hash] = ip;
      } while (ip - candidate <= MAX_OFFSET && equals32(input, ip, candidate));

      ip++;
      nextHash = hashOf(load32(input, ip), shift);
    }
  }
  if (nextEmit < inputSize) op = emitLiteral(out, op, input, nextEmit, inputSize - nextEmit);
  // Writes past a typed array's end are dropped silently: a bound that did not hold must not pass unnoticed.
  if (op > out.length) throw new Error(`snappy: ${op} bytes exceed the bound of ${out.length}`);
  return out.slice(0, op);
}
