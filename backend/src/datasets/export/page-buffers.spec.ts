import { describe, expect, it } from 'vitest';
import { newPageBytes, PageBufferPool, poolable } from './page-buffers.js';

describe('PageBufferPool', () => {
  it('gives the start of a buffer of a power-of-two capacity (64 KiB at least), exactly the size asked', () => {
    const pool = new PageBufferPool();
    for (const [size, capacity] of [
      [1, 65_536],
      [65_536, 65_536],
      [65_537, 131_072],
      [3_000_000, 4_194_304],
    ] as const) {
      const bytes = pool.bytes(size);
      expect(bytes.length).toBe(size);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(capacity);
      expect(pool.owns(bytes.buffer)).toBe(true);
      expect(poolable(bytes)).toBe(true);
    }
  });

  it('uses a buffer given back for the next page of its capacity, and a new one for another capacity', () => {
    const pool = new PageBufferPool();
    const first = pool.bytes(1_000_000);
    pool.give(first.buffer as ArrayBuffer);
    expect(pool.bytes(900_000).buffer).toBe(first.buffer);
    expect(pool.bytes(900_000).buffer).not.toBe(first.buffer); // taken: a new one
    pool.give(first.buffer as ArrayBuffer);
    expect(pool.bytes(3_000_000).buffer).not.toBe(first.buffer);
  });

  it('keeps at most its maximum and ignores buffers it could not have given', () => {
    const pool = new PageBufferPool(2);
    const buffers = [1, 2, 3].map(() => pool.bytes(70_000).buffer as ArrayBuffer);
    for (const buffer of buffers) pool.give(buffer);
    pool.give(new ArrayBuffer(100_000)); // not a pooled capacity
    expect(pool.bytes(70_000).buffer).toBe(buffers[1]);
    expect(pool.bytes(70_000).buffer).toBe(buffers[0]);
    expect(buffers).not.toContain(pool.bytes(70_000).buffer);
  });

  it('does not take a view inside a buffer, nor a buffer of another size, nor a default page buffer as its own', () => {
    const big = new ArrayBuffer(131_072);
    expect(poolable(new Uint8Array(big, 16, 100))).toBe(false);
    expect(poolable(new Uint8Array(new ArrayBuffer(100_000)))).toBe(false);
    expect(poolable(new Uint8Array(big))).toBe(true);
    const plain = newPageBytes(1000);
    expect(plain.length).toBe(1000);
    expect(new PageBufferPool().owns(plain.buffer)).toBe(false);
  });
});
