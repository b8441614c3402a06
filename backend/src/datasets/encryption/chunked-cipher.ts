/**
 * Dataset files at rest: AES-256-GCM over fixed-size chunks, so that any plaintext byte range can be
 * decrypted by reading only the chunks that cover it (HTTP Range, a buyer's resumed download).
 * The construction is the STREAM scheme of Hoang, Reyhanitabar, Rogaway and Vizár, "Online
 * Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance" (CRYPTO 2015), as age and
 * Tink's streaming AEAD use it: each chunk has its own nonce (a random per-file prefix and the
 * chunk's counter) and tag, and the chunk index and a last-chunk flag are authenticated with it, so
 * that reordered, dropped, duplicated or truncated chunks fail to decrypt.
 *
 * Layout: header (20 bytes) then the chunks, each `ciphertext ‖ tag(16)`, every chunk but the last
 * holding exactly `chunkSize` plaintext bytes; the last one holds 1..chunkSize bytes, or 0 only for
 * an empty file (which is one empty final chunk).
 *
 *   header = "TSDC" ‖ version(1) = 1 ‖ 3 zero bytes ‖ chunkSize (u32 BE) ‖ noncePrefix (8 random bytes)
 *   nonce_i = noncePrefix ‖ i (u32 BE)
 *   aad_i   = header ‖ i (u32 BE) ‖ last (1 byte: 1 for the final chunk, else 0)
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const MAGIC = Buffer.from('TSDC', 'ascii');
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 20;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/**
 * 1 MiB for new files (each file's header says its own size, so files of 64 KiB chunks still read):
 * a range read decrypts at most this much extra on each side, and each chunk's own cipher setup,
 * tag and buffers, which at 64 KiB cost about as much as the AES work itself, are spread over 16
 * times the bytes. The tags cost 0.0015%.
 */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
/** The counter is 32 bits: 2^32 chunks of 1 MiB is 4 PiB per file. */
const MAX_CHUNKS = 2 ** 32;

/** The ciphertext could not be authenticated: wrong key, altered, reordered or truncated bytes. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

export interface CipherHeader {
  chunkSize: number;
  noncePrefix: Buffer;
  /** The header's bytes, authenticated with every chunk. */
  bytes: Buffer;
}

function makeHeader(chunkSize: number, noncePrefix: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 4);
  header.writeUInt32BE(chunkSize, 8);
  noncePrefix.copy(header, 12);
  return header;
}

export function parseHeader(bytes: Uint8Array): CipherHeader {
  if (bytes.length < HEADER_BYTES) throw new DecryptionError('encrypted file too short for its header');
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  if (!header.subarray(0, 4).equals(MAGIC)) throw new DecryptionError('not an encrypted dataset file (bad magic)');
  if (header.readUInt8(4) !== FORMAT_VERSION) throw new DecryptionError(`unsupported format version ${header.readUInt8(4)}`);
  const chunkSize = header.readUInt32BE(8);
  if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) throw new DecryptionError(`bad chunk size ${chunkSize}`);
  return { chunkSize, noncePrefix: Buffer.from(header.subarray(12, 20)), bytes: Buffer.from(header) };
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new TypeError(`a dataset key is ${KEY_BYTES} bytes, got ${key.length}`);
}

function nonceOf(prefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

function aadOf(header: Buffer, index: number, last: boolean): Buffer {
  const aad = Buffer.alloc(HEADER_BYTES + 5);
  header.copy(aad, 0);
  aad.writeUInt32BE(index, HEADER_BYTES);
  aad.writeUInt8(last ? 1 : 0, HEADER_BYTES + 4);
  return aad;
}

/** A sealed chunk as the pieces the cipher gives (ciphertext, then the tag), not copied into one buffer. */
function sealChunk(key: Uint8Array, header: CipherHeader, index: number, last: boolean, plain: Uint8Array): Buffer[] {
  if (index >= MAX_CHUNKS) throw new RangeError('file too large for the chunk counter');
  const cipher = createCipheriv('aes-256-gcm', key, nonceOf(header.noncePrefix, index));
  cipher.setAAD(aadOf(header.bytes, index, last));
  const head = cipher.update(plain);
  const tail = cipher.final();
  return tail.length === 0 ? [head, cipher.getAuthTag()] : [head, tail, cipher.getAuthTag()];
}

/**
 * Opens a sealed chunk given as the pieces the store read it in (its ciphertext) and its tag: the
 * pieces are decrypted where they lie, not joined first. The plaintext comes back only once the tag
 * has been checked.
 */
function openChunk(
  key: Uint8Array,
  header: CipherHeader,
  index: number,
  last: boolean,
  body: readonly Uint8Array[],
  tag: Uint8Array,
): Buffer[] {
  if (tag.length < TAG_BYTES) throw new DecryptionError(`chunk ${index} is cut short`);
  const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(header.noncePrefix, index));
  decipher.setAAD(aadOf(header.bytes, index, last));
  decipher.setAuthTag(tag);
  const plain: Buffer[] = [];
  for (const piece of body) if (piece.length > 0) plain.push(decipher.update(piece));
  try {
    const tail = decipher.final();
    if (tail.length > 0) plain.push(tail);
    return plain;
  } catch {
    throw new DecryptionError(`chunk ${index} failed authentication (wrong key, altered, reordered or truncated)`);
  }
}

/** Reads bytes in order out of a list of pieces, as views of them. */
class PieceCursor {
  private index = 0;
  private offset = 0;

  constructor(private readonly pieces: readonly Uint8Array[]) {}

  take(length: number): Uint8Array[] {
    const taken: Uint8Array[] = [];
    while (length > 0 && this.index < this.pieces.length) {
      const piece = this.pieces[this.index]!;
      const n = Math.min(length, piece.length - this.offset);
      if (n > 0) taken.push(piece.subarray(this.offset, this.offset + n));
      this.offset += n;
      length -= n;
      if (this.offset >= piece.length) {
        this.index++;
        this.offset = 0;
      }
    }
    return taken;
  }
}

const joined = (pieces: Uint8Array[]): Uint8Array => (pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces));

/** Encrypted size of `plainBytes` bytes. */
export function encryptedSize(plainBytes: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  const chunks = Math.max(1, Math.ceil(plainBytes / chunkSize));
  return HEADER_BYTES + plainBytes + chunks * TAG_BYTES;
}

/** Plaintext size of an encrypted file of `encryptedBytes` bytes; throws when no plaintext size gives it. */
export function plainSize(encryptedBytes: number, chunkSize: number): number {
  const body = encryptedBytes - HEADER_BYTES;
  const chunks = Math.max(1, Math.ceil(body / (chunkSize + TAG_BYTES)));
  const plain = body - chunks * TAG_BYTES;
  if (plain < 0 || encryptedSize(plain, chunkSize) !== encryptedBytes) throw new DecryptionError('encrypted file has an impossible size');
  return plain;
}

/**
 * Encrypts a stream. Holds two chunks of plaintext (it must see the next byte to know a chunk is not
 * the last), whatever the input's piece sizes.
 */
export async function* encryptStream(
  plaintext: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  key: Uint8Array,
  chunkSize = DEFAULT_CHUNK_SIZE,
): AsyncGenerator<Uint8Array> {
  checkKey(key);
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) throw new RangeError(`bad chunk size ${chunkSize}`);
  const header = parseHeader(makeHeader(chunkSize, randomBytes(8)));
  yield header.bytes;
  let pending: Buffer = Buffer.allocUnsafe(chunkSize);
  let filled = 0;
  let full: Buffer | undefined; // a complete chunk waiting to learn whether it is the last
  let index = 0;
  for await (const piece of plaintext) {
    let offset = 0;
    while (offset < piece.length) {
      if (filled === chunkSize) {
        // More bytes follow: the complete chunk held back is not the last. Sealing copies it out, so
        // its buffer then takes the next bytes: two buffers serve the whole stream.
        const sealed = full ? sealChunk(key, header, index++, false, full) : [];
        const spare = full;
        full = pending;
        pending = spare ?? Buffer.allocUnsafe(chunkSize);
        filled = 0;
        yield* sealed;
      }
      const take = Math.min(chunkSize - filled, piece.length - offset);
      pending.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
    }
  }
  if (filled === 0) {
    yield* sealChunk(key, header, index, true, full ?? Buffer.alloc(0));
    return;
  }
  if (full) yield* sealChunk(key, header, index++, false, full);
  yield* sealChunk(key, header, index, true, pending.subarray(0, filled));
}

/** Reads `length` bytes of the encrypted file from `offset` (e.g. StoragePort.cat with a range). */
export type CiphertextReader = (offset: number, length: number) => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The `length` bytes at `offset`, as the reader gives them (not joined). */
async function readPieces(read: CiphertextReader, offset: number, length: number): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  let got = 0;
  for await (const piece of read(offset, length)) {
    pieces.push(piece);
    got += piece.length;
  }
  if (got !== length) throw new DecryptionError(`encrypted file is cut short: wanted ${length} bytes at ${offset}, got ${got}`);
  return pieces;
}

async function readExactly(read: CiphertextReader, offset: number, length: number): Promise<Buffer> {
  const pieces = await readPieces(read, offset, length);
  return pieces.length === 1 ? Buffer.from(pieces[0]!.buffer, pieces[0]!.byteOffset, length) : Buffer.concat(pieces, length);
}

/** How much ciphertext to read at a time when decrypting: whole chunks, about 4 MiB. */
function chunksPerRead(chunkSize: number): number {
  return Math.max(1, Math.floor((4 * 1024 * 1024) / (chunkSize + TAG_BYTES)));
}

/**
 * Decrypts the plaintext bytes [start, start + length) of an encrypted file of `encryptedBytes`
 * bytes, reading only the header and the chunks that cover the range. `length` absent: to the end.
 */
export async function* decryptRange(
  read: CiphertextReader,
  encryptedBytes: number,
  key: Uint8Array,
  range: { start?: number; length?: number } = {},
): AsyncGenerator<Uint8Array> {
  checkKey(key);
  const header = parseHeader(await readExactly(read, 0, HEADER_BYTES));
  const { chunkSize } = header;
  const total = plainSize(encryptedBytes, chunkSize);
  const start = range.start ?? 0;
  const end = Math.min(total, range.length === undefined ? total : start + range.length);
  if (!Number.isInteger(start) || start < 0 || (range.length !== undefined && (!Number.isInteger(range.length) || range.length < 0))) {
    throw new RangeError('range start and length must be non-negative integers');
  }
  const chunks = Math.max(1, Math.ceil(total / chunkSize));
  if (end <= start) {
    // An empty range still proves the key and the last chunk when the file is empty.
    if (total === 0) openChunk(key, header, 0, true, [], await readExactly(read, HEADER_BYTES, TAG_BYTES));
    return;
  }
  const first = Math.floor(start / chunkSize);
  const last = Math.floor((end - 1) / chunkSize);
  const sealedSize = chunkSize + TAG_BYTES;
  const batch = chunksPerRead(chunkSize);
  for (let from = first; from <= last; from += batch) {
    const to = Math.min(last, from + batch - 1);
    const offset = HEADER_BYTES + from * sealedSize;
    const length = Math.min(encryptedBytes, HEADER_BYTES + (to + 1) * sealedSize) - offset;
    const sealed = new PieceCursor(await readPieces(read, offset, length));
    for (let i = from; i <= to; i++) {
      const sealedBytes = Math.min(sealedSize, length - (i - from) * sealedSize);
      if (sealedBytes < TAG_BYTES) throw new DecryptionError(`chunk ${i} is cut short`);
      const body = sealed.take(sealedBytes - TAG_BYTES);
      const plain = openChunk(key, header, i, i === chunks - 1, body, joined(sealed.take(TAG_BYTES)));
      let at = i * chunkSize;
      for (const piece of plain) {
        const lo = Math.max(start, at) - at;
        const hi = Math.min(end, at + piece.length) - at;
        if (hi > lo) yield piece.subarray(lo, hi);
        at += piece.length;
      }
    }
  }
}

/** A fresh random dataset key. */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
