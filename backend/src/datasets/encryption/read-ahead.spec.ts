import { describe, expect, it } from 'vitest';
import { decryptRange, encryptStream, newDataKey } from './chunked-cipher.js';
import { readAhead } from './read-ahead.js';

async function bytesOf(pieces: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece);
  return Buffer.concat(parts);
}

describe('readAhead', () => {
  it('decrypts the same bytes as direct reads, whole and by range, reading the next batch before it is asked for', async () => {
    const plain = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 77 }, (_, i) => (i * 31) % 251));
    const key = newDataKey();
    const sealed = await bytesOf(encryptStream([plain], key));
    const asked: string[] = [];
    const direct = (offset: number, length: number) => [sealed.subarray(offset, offset + length)];
    const counted = (offset: number, length: number) => {
      if (length > 1024) asked.push(`${offset}+${length}`);
      return direct(offset, length);
    };
    expect((await bytesOf(decryptRange(readAhead(counted), sealed.length, key))).equals(plain)).toBe(true);
    // Each batch is read once, ahead of its turn (the last one as the front of a full-size read).
    expect(new Set(asked).size).toBe(asked.length);
    const range = { start: 1_000_000, length: 1_500_000 };
    expect((await bytesOf(decryptRange(readAhead(direct), sealed.length, key, range))).equals(plain.subarray(1_000_000, 2_500_000))).toBe(
      true,
    );
  });

  it('lets a failing read ahead go unnoticed unless its bytes are asked for', async () => {
    const reader = readAhead((offset) => {
      if (offset > 0) throw new Error('past the end');
      return [Buffer.from('abc')];
    });
    expect((await bytesOf(reader(0, 3) as AsyncIterable<Uint8Array>)).toString()).toBe('abc');
    await expect(bytesOf(reader(3, 3) as AsyncIterable<Uint8Array>)).rejects.toThrow('past the end');
  });
});
