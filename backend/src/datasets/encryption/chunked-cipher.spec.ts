import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DecryptedBatchCache,
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

  describe('with 1 MiB chunks, read in batches', () => {
    const MiB = 1024 * 1024;
    const plain = Buffer.from(Array.from({ length: 10 * MiB + 333 }, (_, i) => (i * 131 + (i >> 20)) % 251));
    const key = newDataKey();
    let sealed: Buffer;
    const sealedChunk = MiB + TAG_BYTES;
    /** `sealed` with one bit of chunk `index`'s ciphertext flipped. */
    const tampered = (...indexes: number[]) => {
      const bytes = Buffer.from(sealed);
      for (const index of indexes) bytes[HEADER_BYTES + index * sealedChunk + 12_345]! ^= 0x40;
      return bytes;
    };

    beforeAll(async () => {
      sealed = await collect(encryptStream([plain], key));
    });

    it('serves every byte before a tampered chunk in the middle of a long range, then fails, and serves nothing after it', async () => {
      const bytes = tampered(5);
      const start = 100;
      const served: Uint8Array[] = [];
      const body = decryptRange(readerOf(bytes), bytes.length, key, { start });
      await expect(
        (async () => {
          for await (const piece of body) served.push(Buffer.from(piece));
        })(),
      ).rejects.toThrow(new DecryptionError('chunk 5 failed authentication (wrong key, altered, reordered or truncated)'));
      // Chunks 6 and 7 were read with 5 and authenticate, yet nothing of them comes out.
      expect(Buffer.concat(served).equals(plain.subarray(start, 5 * MiB))).toBe(true);
    });

    it('fails a range that starts inside the tampered chunk before serving a byte', async () => {
      const bytes = tampered(3);
      const served: Uint8Array[] = [];
      const read = async () => {
        for await (const piece of decryptRange(readerOf(bytes), bytes.length, key, { start: 3 * MiB + 7, length: 3 * MiB }))
          served.push(piece);
      };
      await expect(read()).rejects.toThrow(DecryptionError);
      expect(served).toHaveLength(0);
    });

    it('leaves nothing unhandled when the caller stops early, though chunks opened ahead fail and reads are under way', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const bytes = tampered(1, 2, 4);
        const reader = readerOf(bytes);
        const body = decryptRange(reader, bytes.length, key, { start: 10 });
        const first = await body.next();
        const piece = Buffer.from(first.value as Uint8Array);
        expect(piece.equals(plain.subarray(10, 10 + piece.length))).toBe(true);
        await body.return(undefined);
        // Let the reads under way finish after the stop.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(unhandled).toEqual([]);
        expect((await body.next()).done).toBe(true);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });

    it('decrypts ranges across chunk and batch boundaries exactly, in order, from a store whose reads take varying time', async () => {
      let calls = 0;
      const inMemory = readerOf(sealed);
      const slow: CiphertextReader = async (offset, target) => {
        await new Promise((resolve) => setTimeout(resolve, calls++ % 3));
        return inMemory(offset, target);
      };
      const ranges = [
        { start: MiB - 1, length: 2 },
        { start: MiB, length: MiB },
        { start: 3 * MiB - 5, length: 3 * MiB + 10 }, // across the first batch's end (3 chunks)
        { start: 2 * MiB + 17, length: 7 * MiB },
        { start: 10 * MiB, length: 333 },
        { start: plain.length - 1, length: 1 },
        { start: 0 },
      ];
      for (const range of ranges) {
        const got = await collect(decryptRange(slow, sealed.length, key, range));
        const end = range.length === undefined ? plain.length : range.start + range.length;
        expect(got.equals(plain.subarray(range.start, end)), `range ${range.start}+${range.length}`).toBe(true);
      }
    });
  });

  describe('shared by concurrent reads of one file (DecryptedBatchCache)', () => {
    const MiB = 1024 * 1024;
    const plain = randomBytes(20 * MiB + 4321);
    const key = newDataKey();
    let sealed: Buffer;
    const batchBytes = 3 * (MiB + TAG_BYTES); // the 1 MiB chunks are read three at a time

    beforeAll(async () => {
      sealed = await collect(encryptStream([plain], key));
    });

    /** Reads counted per offset, each waiting a turn of the event loop or two, as a store's do. */
    function countingReader(bytes: Buffer) {
      const inMemory = readerOf(bytes);
      let calls = 0;
      const read: CiphertextReader = async (offset, target) => {
        await new Promise((resolve) => setTimeout(resolve, calls++ % 2));
        return inMemory(offset, target);
      };
      return { read, reads: inMemory.reads };
    }

    it('reads and decrypts each batch once for twenty downloads at once, every one of them exact', async () => {
      const cache = new DecryptedBatchCache(64 * MiB);
      const { read, reads } = countingReader(sealed);
      const ranges = Array.from({ length: 20 }, (_, i) => (i % 5 === 4 ? { start: i * 12_345 } : {}));
      const got = await Promise.all(ranges.map((range) => collect(decryptRange(read, sealed.length, key, range, { cache, file: 'Qm1' }))));
      got.forEach((bytes, i) => expect(bytes.equals(plain.subarray(ranges[i]!.start ?? 0)), `download ${i}`).toBe(true));
      const batchReads = reads.filter(([, length]) => length > HEADER_BYTES);
      expect(batchReads.length).toBe(Math.ceil(sealed.length / batchBytes));
      expect(new Set(batchReads.map(([offset]) => offset)).size).toBe(batchReads.length);
      // The last download to finish took the last batch; then nothing needs what is held, but it stays within the bound.
      expect(cache.heldBytes).toBeLessThanOrEqual(64 * MiB);
    });

    it('keeps no more than its bound, and a reader too far behind for it decrypts for itself, still exactly', async () => {
      const cache = new DecryptedBatchCache(6 * MiB);
      const { read, reads } = countingReader(sealed);
      let held = 0;
      const open = () => decryptRange(read, sealed.length, key, {}, { cache, file: 'Qm2' });
      /** Takes pieces until `bytes` have come (all of them when undefined). */
      const take = async (body: AsyncGenerator<Uint8Array>, parts: Uint8Array[], bytes = Infinity) => {
        let got = 0;
        while (got < bytes) {
          const next = await body.next();
          if (next.done) return;
          held = Math.max(held, cache.heldBytes);
          parts.push(next.value);
          got += next.value.length;
        }
      };
      const ahead = open();
      const behind = open();
      const a: Uint8Array[] = [];
      const b: Uint8Array[] = [];
      await take(behind, b, 1); // under way, so what the other decrypts is kept for it, within the bound
      await take(ahead, a, 12 * MiB);
      await take(behind, b);
      await take(ahead, a);
      expect(Buffer.concat(a).equals(plain)).toBe(true);
      expect(Buffer.concat(b).equals(plain)).toBe(true);
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThanOrEqual(6 * MiB);
      // The batches between the first and the 12th MiB were let go before the reader behind came to them.
      expect(reads.filter(([, length]) => length > HEADER_BYTES).length).toBeGreaterThan(Math.ceil(sealed.length / batchBytes));
    });

    it('reads only the chunks a short range needs, with 64 KiB chunks as with 1 MiB ones', async () => {
      const cache = new DecryptedBatchCache(64 * MiB);
      const small = randomBytes(3 * MiB);
      const bytes = await seal(small, key, 65_536);
      const holder = decryptRange(readerOf(bytes), bytes.length, key, {}, { cache, file: 'Qm6' });
      await holder.next(); // another read of the file under way: the cache is in play
      const reader = readerOf(bytes);
      const got = await collect(decryptRange(reader, bytes.length, key, { start: 1_000_000, length: 1 }, { cache, file: 'Qm6' }));
      expect(got.equals(small.subarray(1_000_000, 1_000_001))).toBe(true);
      expect(reader.reads.slice(1)).toEqual([[HEADER_BYTES + 15 * (65_536 + TAG_BYTES), 65_536 + TAG_BYTES]]);
      await holder.return(undefined);
    });

    it('holds nothing once the reads of a file no longer overlap', async () => {
      const cache = new DecryptedBatchCache(64 * MiB);
      await Promise.all([0, 1].map(() => collect(decryptRange(readerOf(sealed), sealed.length, key, {}, { cache, file: 'Qm7' }))));
      expect(cache.heldBytes).toBe(0);
    });

    it('keeps nothing for a download alone', async () => {
      const cache = new DecryptedBatchCache(64 * MiB);
      let held = 0;
      for await (const part of decryptRange(readerOf(sealed), sealed.length, key, {}, { cache, file: 'Qm3' })) {
        void part;
        held = Math.max(held, cache.heldBytes);
      }
      expect(held).toBe(0);
    });

    it('gives a read with another key nothing that reads with the right key decrypted', async () => {
      const cache = new DecryptedBatchCache(64 * MiB);
      const { read } = countingReader(sealed);
      const open = (withKey: Buffer) => decryptRange(read, sealed.length, withKey, {}, { cache, file: 'Qm4' });
      const [one, two] = [open(key), open(key)];
      await one.next();
      await two.next(); // two reads under way: the first batches are decrypted and held
      expect(cache.heldBytes).toBeGreaterThan(0);
      const served: Uint8Array[] = [];
      await expect(
        (async () => {
          for await (const piece of open(newDataKey())) served.push(piece);
        })(),
      ).rejects.toThrow(DecryptionError);
      expect(served).toHaveLength(0);
      await one.return(undefined);
      await two.return(undefined);
    });

    it('does not keep a batch whose read failed: the next download reads it again and succeeds', async () => {
      const cache = new DecryptedBatchCache(64 * MiB);
      const { read } = countingReader(sealed);
      let fail = true;
      const flaky: CiphertextReader = (offset, target) => {
        if (fail && offset > HEADER_BYTES) return Promise.reject(new Error('store gone'));
        return read(offset, target);
      };
      const holder = decryptRange(read, sealed.length, key, { start: 19 * MiB }, { cache, file: 'Qm5' });
      await holder.next(); // another download of the file is under way, so batches are kept
      await expect(collect(decryptRange(flaky, sealed.length, key, {}, { cache, file: 'Qm5' }))).rejects.toThrow('store gone');
      fail = false;
      expect((await collect(decryptRange(flaky, sealed.length, key, {}, { cache, file: 'Qm5' }))).equals(plain)).toBe(true);
      await holder.return(undefined);
    });
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
