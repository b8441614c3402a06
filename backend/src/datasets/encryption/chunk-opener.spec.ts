import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChunkOpener } from './chunk-opener.js';

const TAG_BYTES = 16;

/** `count` chunks of `size` bytes sealed one after another into one ArrayBuffer, with their nonces and AADs. */
function sealedBatch(key: Buffer, count: number, size: number) {
  const plain = Array.from({ length: count }, () => randomBytes(size));
  const nonces = plain.map(() => randomBytes(12));
  const aads = plain.map((_, i) => Buffer.from([i]));
  const memory = new ArrayBuffer(count * (size + TAG_BYTES));
  const bytes = new Uint8Array(memory);
  plain.forEach((chunk, i) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonces[i]!);
    cipher.setAAD(aads[i]!);
    bytes.set(Buffer.concat([cipher.update(chunk), cipher.final(), cipher.getAuthTag()]), i * (size + TAG_BYTES));
  });
  return { plain, nonces, aads, memory, bytes, sealedSize: size + TAG_BYTES };
}

describe('ChunkOpener', () => {
  it("moves the batch's memory to a thread and back, and answers each chunk's plaintext in order", async () => {
    const key = randomBytes(32);
    const batch = sealedBatch(key, 3, 100_000);
    const bytes = batch.memory.byteLength;
    const opening = new ChunkOpener(2).open({ key, length: bytes, ...batch });
    // Moved, not copied: the caller's view of it is gone until it comes back.
    expect(batch.memory.byteLength).toBe(0);
    const opened = await opening;
    expect(opened.failure).toBeUndefined();
    expect(opened.memory.byteLength).toBe(bytes);
    expect(opened.plain.map((piece) => Buffer.from(piece))).toEqual(batch.plain);
  });

  it('answers the plaintexts before the first chunk that fails authentication, none after it, and says which', async () => {
    const key = randomBytes(32);
    const batch = sealedBatch(key, 4, 1000);
    batch.bytes[2 * batch.sealedSize + 5]! ^= 1;
    const opened = await new ChunkOpener(1).open({ key, length: batch.memory.byteLength, ...batch });
    expect(opened.failure).toEqual({ chunk: 2, kind: 'unauthenticated' });
    expect(opened.plain.map((piece) => Buffer.from(piece))).toEqual(batch.plain.slice(0, 2));
  });

  it('reports a last chunk too short to hold its tag', async () => {
    const key = randomBytes(32);
    const batch = sealedBatch(key, 2, 1000);
    const opened = await new ChunkOpener(1).open({ key, length: batch.sealedSize + 10, ...batch });
    expect(opened.failure).toEqual({ chunk: 1, kind: 'short' });
    expect(opened.plain).toHaveLength(1);
  });
});
