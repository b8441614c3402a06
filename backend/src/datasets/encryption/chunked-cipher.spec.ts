import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DecryptionError,
  HEADER_BYTES,
  TAG_BYTES,
  decryptRange,
  encryptStream,
  encryptedSize,
  newDataKey,
  plainSize,
  type CiphertextReader,
} from './chunked-cipher.js';
import { unwrapKey, wrapKey } from './key-wrap.js';

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

/** The plaintext fed in pieces of awkward sizes, as a writer would. */
function* pieces(data: Buffer, sizes = [1, 7, 3, 64, 2]): Generator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield data.subarray(at, at + size);
    at += size;
  }
}

function readerOf(sealed: Buffer): CiphertextReader & { reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = [];
  const read = (offset: number, target: Uint8Array) => {
    reads.push([offset, target.length]);
    const bytes = sealed.subarray(offset, offset + target.length);
    target.set(bytes);
    return Promise.resolve(bytes.length);
  };
  return Object.assign(read, { reads });
}

async function seal(data: Buffer, key: Buffer, chunkSize: number): Promise<Buffer> {
  return collect(encryptStream(pieces(data), key, chunkSize));
}

describe('chunked AES-256-GCM', () => {
  it('round-trips files of every length around the chunk boundaries, with the size the format promises', async () => {
    const key = newDataKey();
    for (const chunkSize of [1, 4, 16]) {
      for (let length = 0; length <= 3 * chunkSize + 2; length++) {
        const data = randomBytes(length);
        const sealed = await seal(data, key, chunkSize);
        expect(sealed.length).toBe(encryptedSize(length, chunkSize));
        expect(plainSize(sealed.length, chunkSize)).toBe(length);
        expect(await collect(decryptRange(readerOf(sealed), sealed.length, key))).toEqual(data);
      }
    }
  });

  it('decrypts every (offset, length) range, reading only the header and the chunks that cover it', async () => {
    const key = newDataKey();
    for (const chunkSize of [1, 3, 8]) {
      const data = randomBytes(29);
      const sealed = await seal(data, key, chunkSize);
      for (let start = 0; start <= data.length; start++) {
        for (let length = 0; start + length <= data.length + 1; length++) {
          const reader = readerOf(sealed);
          const got = await collect(decryptRange(reader, sealed.length, key, { start, length }));
          expect(got).toEqual(data.subarray(start, start + length));
          const read = reader.reads.slice(1).reduce((sum, [, n]) => sum + n, 0);
          const end = Math.min(data.length, start + length);
          const covering = end > start ? Math.floor((end - 1) / chunkSize) - Math.floor(start / chunkSize) + 1 : 0;
          expect(read).toBeLessThanOrEqual(covering * (chunkSize + TAG_BYTES));
        }
      }
    }
  });

  it('refuses a flipped bit anywhere, a wrong key, a truncated file, reordered and duplicated chunks', async () => {
    const key = newDataKey();
    const chunkSize = 4;
    const data = randomBytes(14); // chunks of 4, 4, 4, 2
    const sealed = await seal(data, key, chunkSize);
    const open = (bytes: Buffer, withKey = key) => collect(decryptRange(readerOf(bytes), bytes.length, withKey));

    for (let at = 0; at < sealed.length; at++) {
      const altered = Buffer.from(sealed);
      altered[at]! ^= 0x01;
      await expect(open(altered), `bit flipped at ${at}`).rejects.toThrow(DecryptionError);
    }
    await expect(open(sealed, newDataKey())).rejects.toThrow(DecryptionError);

    const sealedChunk = chunkSize + TAG_BYTES;
    const chunk = (i: number) => sealed.subarray(HEADER_BYTES + i * sealedChunk, HEADER_BYTES + (i + 1) * sealedChunk);
    const header = sealed.subarray(0, HEADER_BYTES);
    // Cut after a whole chunk: the last chunk present was not sealed as the final one.
    await expect(open(Buffer.concat([header, chunk(0), chunk(1)]))).rejects.toThrow(DecryptionError);
    // Cut inside a chunk.
    await expect(open(sealed.subarray(0, sealed.length - 1))).rejects.toThrow(DecryptionError);
    await expect(open(Buffer.concat([header, chunk(1), chunk(0), chunk(2), chunk(3)]))).rejects.toThrow(DecryptionError);
    await expect(open(Buffer.concat([header, chunk(0), chunk(0), chunk(2), chunk(3)]))).rejects.toThrow(DecryptionError);
    // A range read checks what it reads, too.
    const swapped = Buffer.concat([header, chunk(1), chunk(0), chunk(2), chunk(3)]);
    await expect(collect(decryptRange(readerOf(swapped), swapped.length, key, { start: 0, length: 2 }))).rejects.toThrow(DecryptionError);
  });

  it('refuses a store that answers fewer bytes than the file has', async () => {
    const key = newDataKey();
    const data = randomBytes(61);
    const sealed = await seal(data, key, 8);
    const full = readerOf(sealed);
    const short: CiphertextReader = async (offset, target) => Math.max(0, (await full(offset, target)) - (offset > 0 ? 1 : 0));
    await expect(collect(decryptRange(short, sealed.length, key))).rejects.toThrow(/cut short/);
  });

  it('reads each batch once, the next one while the caller takes the plaintext of this one, whole and by range', async () => {
    const plain = Buffer.from(Array.from({ length: 9 * 1024 * 1024 + 77 }, (_, i) => (i * 31) % 251));
    const key = newDataKey();
    const sealed = await collect(encryptStream([plain], key));
    const reader = readerOf(sealed);
    const body = decryptRange(reader, sealed.length, key);
    const first = await body.next();
    // The header, the first batch, and the second one already asked for.
    expect(reader.reads).toHaveLength(3);
    const rest = [first.value as Uint8Array];
    for await (const piece of body) rest.push(piece);
    expect(Buffer.concat(rest).equals(plain)).toBe(true);
    const batches = reader.reads.slice(1);
    expect(new Set(batches.map(([offset]) => offset)).size).toBe(batches.length);
    expect(batches.reduce((sum, [, length]) => sum + length, HEADER_BYTES)).toBe(sealed.length);
    const range = { start: 1_000_000, length: 5_500_000 };
    expect((await collect(decryptRange(readerOf(sealed), sealed.length, key, range))).equals(plain.subarray(1_000_000, 6_500_000))).toBe(
      true,
    );
  });

  it('lets a failing read ahead go unnoticed when the caller stops before its bytes', async () => {
    const key = newDataKey();
    const sealed = await collect(encryptStream([randomBytes(9 * 1024 * 1024)], key));
    const good = readerOf(sealed);
    const failing: CiphertextReader = (offset, target) =>
      offset > 5 * 1024 * 1024 ? Promise.reject(new Error('store gone')) : good(offset, target);
    const body = decryptRange(failing, sealed.length, key);
    expect((await body.next()).done).toBe(false);
    await body.return(undefined);
    await expect(collect(decryptRange(failing, sealed.length, key))).rejects.toThrow('store gone');
  });

  it('reads files written with another chunk size (each file says its own), such as the 64 KiB of earlier files', async () => {
    const key = newDataKey();
    const data = randomBytes(3 * 65_536 + 5);
    const sealed = await seal(data, key, 65_536);
    expect(sealed.length).toBe(encryptedSize(data.length, 65_536));
    expect(await collect(decryptRange(readerOf(sealed), sealed.length, key, { start: 65_530, length: 70_000 }))).toEqual(
      data.subarray(65_530, 135_530),
    );
  });

  it('encrypts the same plaintext differently each time (a fresh nonce prefix per file)', async () => {
    const key = newDataKey();
    const data = randomBytes(100);
    expect((await seal(data, key, 16)).equals(await seal(data, key, 16))).toBe(false);
  });
});

describe('key wrapping', () => {
  it('opens with the master key and version it was wrapped for, and with nothing else', () => {
    const master = newDataKey();
    const key = newDataKey();
    const wrapped = wrapKey(master, 7, key);
    expect(unwrapKey(master, 7, wrapped)).toEqual(key);
    expect(() => unwrapKey(newDataKey(), 7, wrapped)).toThrow(DecryptionError);
    expect(() => unwrapKey(master, 8, wrapped)).toThrow(DecryptionError);
  });
});
