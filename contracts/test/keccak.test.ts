import { keccak256, randomBytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { keccakWordsInto, MAX_KECCAK_WORDS } from '../src/merkle/keccak.js';

/** keccakWordsInto over `bytes` (a whole number of words), as a 0x-hex string. */
function hashWords(bytes: Uint8Array, offset = 0): string {
  const input = new Int32Array(offset + bytes.length / 4);
  new Uint8Array(input.buffer).set(bytes, offset * 4);
  const out = new Int32Array(10);
  keccakWordsInto(input, offset, bytes.length / 4, out, 1);
  return `0x${Buffer.from(out.buffer, 4, 32).toString('hex')}`;
}

describe('keccakWordsInto', () => {
  it('is keccak256 for every input size that fits one block', () => {
    for (let words = 0; words <= MAX_KECCAK_WORDS; words++) {
      for (let run = 0; run < 20; run++) {
        const bytes = randomBytes(words * 4);
        expect(hashWords(bytes)).toBe(keccak256(bytes));
      }
    }
  });

  it('hashes known vectors: the empty input and the sizes the tree hashes', () => {
    expect(hashWords(new Uint8Array(0))).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    for (const size of [32, 64, 128]) {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 37 + 11) & 0xff);
      expect(hashWords(bytes)).toBe(keccak256(bytes));
      expect(hashWords(new Uint8Array(size).fill(0xff))).toBe(keccak256(new Uint8Array(size).fill(0xff)));
    }
  });

  it('reads from the offset and leaves state of an earlier call behind', () => {
    const long = randomBytes(MAX_KECCAK_WORDS * 4);
    hashWords(long);
    const short = randomBytes(8);
    expect(hashWords(short, 3)).toBe(keccak256(short));
  });
});
