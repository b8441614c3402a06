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
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

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
 * Plaintext comes out in pieces of at most this many bytes. A download holds only a piece or two at
 * a time, so they die young (a scavenge frees them); whole 1 MiB chunks, twenty downloads' worth at
 * once, outlived scavenges, were promoted, and left to mark-compacts of the whole heap.
 */
const PLAIN_PIECE = 256 * 1024;

/**
 * Opens a sealed chunk: its ciphertext, decrypted where it lies in pieces of PLAIN_PIECE, and its
 * tag. The plaintext comes back only once the tag has been checked.
 */
function openChunk(key: Uint8Array, header: CipherHeader, index: number, last: boolean, body: Uint8Array, tag: Uint8Array): Buffer[] {
  if (tag.length < TAG_BYTES) throw new DecryptionError(`chunk ${index} is cut short`);
  const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(header.noncePrefix, index));
  decipher.setAAD(aadOf(header.bytes, index, last));
  decipher.setAuthTag(tag);
  const plain: Buffer[] = [];
  for (let at = 0; at < body.length; at += PLAIN_PIECE) plain.push(decipher.update(body.subarray(at, at + PLAIN_PIECE)));
  try {
    const tail = decipher.final();
    if (tail.length > 0) plain.push(tail);
    return plain;
  } catch {
    throw new DecryptionError(`chunk ${index} failed authentication (wrong key, altered, reordered or truncated)`);
  }
}

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
      // A piece that fits whole (records, small pages) is copied without making a view of it first.
      pending.set(take === piece.length ? piece : piece.subarray(offset, offset + take), filled);
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

/**
 * Fills `target` with the encrypted file's bytes from `offset` (e.g. StoragePort.readInto); answers how
 * many it holds, fewer only at the end of the file.
 */
export type CiphertextReader = (offset: number, target: Uint8Array) => Promise<number>;

async function readExactly(read: CiphertextReader, offset: number, target: Uint8Array): Promise<Uint8Array> {
  const got = await read(offset, target);
  if (got !== target.length)
    throw new DecryptionError(`encrypted file is cut short: wanted ${target.length} bytes at ${offset}, got ${got}`);
  return target;
}

/** How much ciphertext to read at a time when decrypting: whole chunks, about 4 MiB. */
function chunksPerRead(chunkSize: number): number {
  return Math.max(1, Math.floor((4 * 1024 * 1024) / (chunkSize + TAG_BYTES)));
}

/** The plaintext of one batch of whole chunks: where it starts in the file, and its pieces in order. */
interface PlainBatch {
  start: number;
  pieces: Buffer[];
  bytes: number;
}

/**
 * Recently decrypted batches of chunks, shared by every read of the same file with the same key:
 * when many buyers download one asset at once, each batch is read from the store and decrypted
 * once for all of them (a read that finds the batch being decrypted waits for it) instead of once
 * each, as the kernel's page cache serves many readers of one plain file from one copy. Readers
 * that start together stay together: those that find their batches here outrun the one decrypting
 * and catch up with it. Holds at most `maxBytes` of plaintext (least recently used first out, a
 * batch still being read by someone staying alive for that reader only); the key is part of each
 * entry's name, so a read with another key finds nothing and authenticates the chunks itself.
 */
export class DecryptedBatchCache {
  /** Insertion order is recency: a hit moves its entry to the end. */
  private readonly batches = new Map<string, { file: string; batch: Promise<PlainBatch>; bytes: number }>();
  /** The names of each file's entries, to let them all go when the file's reads no longer overlap. */
  private readonly byFile = new Map<string, Set<string>>();
  private bytes = 0;
  /** Reads under way per file: a batch is kept only while another read of its file may want it. */
  private readonly readers = new Map<string, number>();
  /** Ciphertext buffers of finished batch reads, for the next ones while reads are under way (3 MiB, nearly always). */
  private readonly spare: Buffer[] = [];

  constructor(readonly maxBytes: number) {}

  /** Plaintext bytes held now (batches still being decrypted not counted). */
  get heldBytes(): number {
    return this.bytes;
  }

  /**
   * Counts a read of `file` until the answer is called. When fewer than two are left, the file's
   * batches go (nobody else will want them); when none of any file is, the spare buffers do.
   */
  reading(file: string): () => void {
    this.readers.set(file, (this.readers.get(file) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = this.readers.get(file)! - 1;
      if (left === 0) this.readers.delete(file);
      else this.readers.set(file, left);
      if (left < 2) for (const name of this.byFile.get(file) ?? []) this.drop(name);
      if (this.readers.size === 0) this.spare.length = 0;
    };
  }

  /** Whether another read of `file` than the caller's is under way. */
  shared(file: string): boolean {
    return (this.readers.get(file) ?? 0) >= 2;
  }

  /**
   * Batch `index` of `file`, from here or from `load` (run once for everyone asking while it runs;
   * not kept when it fails, nor when no other read of the file is under way: a download alone holds
   * only the batch it is sending, as without this cache, and leaves nothing behind).
   */
  batch(file: string, index: number, load: () => Promise<PlainBatch>): Promise<PlainBatch> {
    const name = `${file}:${index}`;
    const hit = this.batches.get(name);
    if (hit) {
      this.batches.delete(name);
      this.batches.set(name, hit);
      return hit.batch;
    }
    const entry = { file, batch: load(), bytes: 0 };
    this.batches.set(name, entry);
    let names = this.byFile.get(file);
    if (!names) this.byFile.set(file, (names = new Set()));
    names.add(name);
    entry.batch.then(
      (loaded) => {
        if (this.batches.get(name) !== entry) return;
        if (!this.shared(file)) return this.drop(name);
        entry.bytes = loaded.bytes;
        this.bytes += loaded.bytes;
        this.evict();
      },
      () => {
        if (this.batches.get(name) === entry) this.drop(name);
      },
    );
    return entry.batch;
  }

  /** A buffer of `bytes` bytes for a batch's ciphertext; `release` it once decrypted. */
  ciphertextBuffer(bytes: number): Buffer {
    const spare = this.spare.pop();
    // Each its own memory (never a slice of Node's shared pool), so that handing it back lends nobody else's bytes.
    return spare && spare.length >= bytes ? spare.subarray(0, bytes) : Buffer.allocUnsafeSlow(bytes);
  }

  /** Keeps a batch's ciphertext buffer for the next batch: at most four of at most 4 MiB (the usual batch), while reads are under way. */
  release(buffer: Buffer): void {
    const { byteLength } = buffer.buffer;
    if (this.readers.size > 0 && this.spare.length < 4 && byteLength >= 1024 * 1024 && byteLength <= 4 * 1024 * 1024)
      this.spare.push(Buffer.from(buffer.buffer));
  }

  private drop(name: string): void {
    const entry = this.batches.get(name);
    if (!entry) return;
    this.batches.delete(name);
    this.bytes -= entry.bytes;
    const names = this.byFile.get(entry.file)!;
    names.delete(name);
    if (names.size === 0) this.byFile.delete(entry.file);
  }

  private evict(): void {
    for (const [name, entry] of this.batches) {
      if (this.bytes <= this.maxBytes) return;
      if (entry.bytes > 0) this.drop(name); // one still being decrypted stays: its readers wait for it
    }
  }
}

/** A cache shared by the reads of one file: `file` names its ciphertext (its CID). */
export interface SharedDecryption {
  cache: DecryptedBatchCache;
  file: string;
}

/**
 * Decrypts the plaintext bytes [start, start + length) of an encrypted file of `encryptedBytes`
 * bytes, reading only the header and the chunks that cover the range. `length` absent: to the end.
 *
 * The chunks are read in batches into two buffers taken in turn, the next batch being read while this
 * one is decrypted (the store's reads overlap with the CPU work instead of alternating with it): the
 * plaintext pieces are the only buffers made as it goes. With `shared`, the batches the range covers
 * whole come from (and go to) the cache, for the other reads of the file under way.
 */
export async function* decryptRange(
  read: CiphertextReader,
  encryptedBytes: number,
  key: Uint8Array,
  range: { start?: number; length?: number } = {},
  shared?: SharedDecryption,
): AsyncGenerator<Uint8Array> {
  checkKey(key);
  const header = parseHeader(await readExactly(read, 0, Buffer.allocUnsafe(HEADER_BYTES)));
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
    if (total === 0)
      openChunk(key, header, 0, true, new Uint8Array(0), await readExactly(read, HEADER_BYTES, Buffer.allocUnsafe(TAG_BYTES)));
    return;
  }
  const first = Math.floor(start / chunkSize);
  const last = Math.floor((end - 1) / chunkSize);
  const sealedSize = chunkSize + TAG_BYTES;
  const batch = chunksPerRead(chunkSize);
  const offsetOf = (chunk: number) => HEADER_BYTES + chunk * sealedSize;
  /** The sealed chunks from chunk `from` on in `sealed`, each opened (its plaintext pieces) as it is reached. */
  function* openBatch(from: number, sealed: Uint8Array): Generator<Buffer[]> {
    for (let i = from, at = 0; at < sealed.length; i++, at += sealedSize) {
      const sealedBytes = Math.min(sealedSize, sealed.length - at);
      if (sealedBytes < TAG_BYTES) throw new DecryptionError(`chunk ${i} is cut short`);
      const body = sealed.subarray(at, at + sealedBytes - TAG_BYTES);
      yield openChunk(key, header, i, i === chunks - 1, body, sealed.subarray(at + sealedBytes - TAG_BYTES, at + sealedBytes));
    }
  }
  const slice = (piece: Buffer, plainAt: number): Buffer | undefined => {
    const lo = Math.max(start, plainAt) - plainAt;
    const hi = Math.min(end, plainAt + piece.length) - plainAt;
    if (hi <= lo) return undefined;
    return lo === 0 && hi === piece.length ? piece : piece.subarray(lo, hi);
  };
  if (shared) {
    // Batches aligned on multiples of `batch` chunks, so that every reader of the file names the same ones.
    const { cache } = shared;
    const file = `${shared.file}:${createHash('sha256').update(key).digest('base64')}`;
    /** Chunks `from` to `to`, read and decrypted. */
    const load = async (from: number, to: number): Promise<PlainBatch> => {
      const offset = offsetOf(from);
      const sealed = cache.ciphertextBuffer(Math.min(encryptedBytes, offsetOf(to + 1)) - offset);
      await readExactly(read, offset, sealed);
      const pieces: Buffer[] = [];
      let bytes = 0;
      for (const plain of openBatch(from, sealed)) {
        for (const piece of plain) {
          pieces.push(piece);
          bytes += piece.length;
        }
      }
      cache.release(sealed);
      return { start: from * chunkSize, pieces, bytes };
    };
    // The range's own chunks of a batch it covers only in part (its first or last, a short range's
    // only one): read for this read alone, so that a small range costs no more than the chunks it needs.
    const batchOf = (index: number) => {
      const from = index * batch;
      const to = Math.min(chunks - 1, from + batch - 1);
      if (first > from || last < to) return load(Math.max(first, from), Math.min(last, to));
      return cache.batch(file, index, () => load(from, to));
    };
    const lastBatch = Math.floor(last / batch);
    const done = cache.reading(file);
    try {
      let next = batchOf(Math.floor(first / batch));
      for (let index = Math.floor(first / batch); index <= lastBatch; index++) {
        const current = next;
        if (index < lastBatch) {
          next = batchOf(index + 1);
          next.catch(() => undefined); // nobody awaits it when the caller stops taking the plaintext
        }
        const { start: batchStart, pieces } = await current;
        let plainAt = batchStart;
        for (const piece of pieces) {
          const part = slice(piece, plainAt);
          if (part) yield part;
          plainAt += piece.length;
        }
      }
    } finally {
      done();
    }
    return;
  }
  const bufferBytes = Math.min(batch * sealedSize, Math.min(encryptedBytes, offsetOf(last + 1)) - offsetOf(first));
  const buffers = [Buffer.allocUnsafe(bufferBytes), first + batch <= last ? Buffer.allocUnsafe(bufferBytes) : undefined];
  const readBatch = (from: number, buffer: Buffer) => {
    const to = Math.min(last, from + batch - 1);
    const offset = offsetOf(from);
    return readExactly(read, offset, buffer.subarray(0, Math.min(encryptedBytes, offsetOf(to + 1)) - offset));
  };
  let reading = readBatch(first, buffers[0]!);
  for (let from = first, turn = 0; from <= last; from += batch, turn ^= 1) {
    const sealed = await reading;
    if (from + batch <= last) {
      reading = readBatch(from + batch, buffers[turn ^ 1]!);
      // Nobody awaits it when the caller stops taking the plaintext: it must not go unhandled.
      reading.catch(() => undefined);
    }
    let plainAt = from * chunkSize;
    for (const plain of openBatch(from, sealed)) {
      for (const piece of plain) {
        const part = slice(piece, plainAt);
        if (part) yield part;
        plainAt += piece.length;
      }
    }
  }
}

/** A fresh random dataset key. */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
