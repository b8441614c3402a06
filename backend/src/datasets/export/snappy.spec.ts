import { snappyUncompress } from 'hyparquet';
import { snappyCompress as librarySnappy } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { snappyCompress } from './snappy.js';

/** A deterministic generator (mulberry32), so a failure names an input that can be made again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inputs that reach each branch: empty and under the 15-byte margin, literals of every tag width, copies short and long, near and far (up to the 64 KiB window and past it). */
function inputs(): Array<[string, Uint8Array]> {
  const next = random(7);
  const bytes = (length: number, alphabet: number): Uint8Array => Uint8Array.from({ length }, () => Math.floor(next() * alphabet));
  const text = (length: number): Uint8Array => {
    const words = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'ünïcödé', '😀', '"quoted"', '\n'];
    let out = '';
    while (out.length < length) out += words[Math.floor(next() * words.length)]! + ' ';
    return new TextEncoder().encode(out);
  };
  const repeated = (unit: Uint8Array, times: number): Uint8Array => {
    const out = new Uint8Array(unit.length * times);
    for (let i = 0; i < times; i++) out.set(unit, i * unit.length);
    return out;
  };
  // Random bytes, then for each length 4..300 fresh bytes and a copy of that many earlier bytes.
  const copies: number[] = Array.from(bytes(4096, 256));
  for (let length = 4; length <= 300; length++) {
    copies.push(...bytes(24, 256));
    const from = Math.floor(next() * (copies.length - length));
    copies.push(...copies.slice(from, from + length));
  }
  const farCopy = new Uint8Array(200_000);
  farCopy.set(bytes(1000, 256), 0);
  farCopy.set(farCopy.subarray(0, 1000), 70_000); // a repeat past the 64 KiB window: stays a literal
  farCopy.set(farCopy.subarray(0, 1000), 60_000); // one inside it: a copy
  return [
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(42)],
    ['under the margin', bytes(14, 4)],
    ['at the margin', bytes(15, 2)],
    ['random 61 bytes (a literal past the one-byte tag)', bytes(61, 256)],
    ['random 70 KiB (literals of every width)', bytes(70_000, 256)],
    ['few symbols', bytes(100_000, 3)],
    ['zeros', new Uint8Array(300_000)],
    ['a hex record repeated (the bench text)', repeated(new TextEncoder().encode('0123456789abcdef0123456789abcdef '), 18)],
    ['text 1 MiB', text(1 << 20)],
    ['copies of every length', Uint8Array.from(copies)],
    ['far and near repeats', farCopy],
  ];
}

describe('Snappy compression', () => {
  it("writes the bytes hyparquet-writer's own compressor writes, which decompress to the input", () => {
    for (const [name, input] of inputs()) {
      const compressed = snappyCompress(input);
      expect(Buffer.from(compressed).equals(Buffer.from(librarySnappy(input))), name).toBe(true);
      const output = new Uint8Array(input.length);
      snappyUncompress(compressed, output);
      expect(Buffer.from(output).equals(Buffer.from(input)), name).toBe(true);
    }
  });

  it('answers arrays of their own, unchanged by later calls', () => {
    const first = snappyCompress(new TextEncoder().encode('abcabcabcabcabcabcabcabc'));
    const kept = Uint8Array.from(first);
    snappyCompress(new Uint8Array(100_000).fill(7));
    expect(first).toEqual(kept);
  });
});
