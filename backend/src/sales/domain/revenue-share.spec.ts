import { describe, expect, it } from 'vitest';
import { convertAtPar, shareOf, splitShare } from './revenue-share.js';

describe('shareOf', () => {
  it('takes floor(amount × bps / 10 000)', () => {
    expect(shareOf(10n ** 18n, 3000)).toBe(3n * 10n ** 17n);
    expect(shareOf(7n, 3000)).toBe(2n);
    expect(shareOf(0n, 3000)).toBe(0n);
    expect(shareOf(123n, 10_000)).toBe(123n);
    expect(shareOf(123n, 0)).toBe(0n);
  });

  it('refuses a share outside 0..10 000 bps and a negative amount', () => {
    expect(() => shareOf(1n, 10_001)).toThrow(RangeError);
    expect(() => shareOf(1n, -1)).toThrow(RangeError);
    expect(() => shareOf(1n, 1.5)).toThrow(RangeError);
    expect(() => shareOf(-1n, 1)).toThrow(RangeError);
  });
});

describe('convertAtPar', () => {
  it('is 1:1 between equal decimals and scales between different ones (truncating down)', () => {
    expect(convertAtPar(5n, 18, 18)).toBe(5n);
    expect(convertAtPar(5n, 6, 18)).toBe(5n * 10n ** 12n);
    expect(convertAtPar(5_999_999_999_999n, 18, 6)).toBe(5n);
  });
});

describe('splitShare', () => {
  it('splits in proportion to labels and sums to the share exactly', () => {
    expect(
      splitShare(600n, [
        { annotatorId: 1, labels: 10 },
        { annotatorId: 2, labels: 20 },
      ]),
    ).toEqual([
      { annotatorId: 1, labels: 10, amount: 200n },
      { annotatorId: 2, labels: 20, amount: 400n },
    ]);
  });

  it('gives the remainder one unit each to the largest lost fractions, then more labels, then the lower id', () => {
    const entries = splitShare(10n, [
      { annotatorId: 3, labels: 1 },
      { annotatorId: 2, labels: 1 },
      { annotatorId: 1, labels: 1 },
    ]);
    expect(entries).toEqual([
      { annotatorId: 1, labels: 1, amount: 4n },
      { annotatorId: 2, labels: 1, amount: 3n },
      { annotatorId: 3, labels: 1, amount: 3n },
    ]);
    const skewed = splitShare(11n, [
      { annotatorId: 1, labels: 1 },
      { annotatorId: 2, labels: 5 },
      { annotatorId: 3, labels: 3 },
    ]);
    // exact parts 1.22, 6.11, 3.67: the unit left goes to the third.
    expect(skewed.map((e) => e.amount)).toEqual([1n, 6n, 4n]);
  });

  it('sums exactly for many random splits', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const counts = Array.from({ length: 1 + random(12) }, (_, i) => ({ annotatorId: i + 1, labels: random(50) }));
      const share = BigInt(random(1_000_000)) * 10n ** BigInt(random(19));
      const entries = splitShare(share, counts);
      if (counts.some((c) => c.labels > 0)) expect(entries.reduce((s, e) => s + e.amount, 0n)).toBe(share);
      else expect(entries).toEqual([]);
      for (const e of entries) expect(e.amount).toBeGreaterThan(0n);
    }
  });

  it('merges repeated annotators, leaves out those without labels, and answers nothing for a 0 share or no labels', () => {
    expect(
      splitShare(9n, [
        { annotatorId: 1, labels: 1 },
        { annotatorId: 1, labels: 2 },
        { annotatorId: 2, labels: 0 },
      ]),
    ).toEqual([{ annotatorId: 1, labels: 3, amount: 9n }]);
    expect(splitShare(0n, [{ annotatorId: 1, labels: 3 }])).toEqual([]);
    expect(splitShare(5n, [])).toEqual([]);
    expect(splitShare(5n, [{ annotatorId: 1, labels: 0 }])).toEqual([]);
  });

  it('a share smaller than the number of annotators pays the largest exact parts', () => {
    expect(
      splitShare(2n, [
        { annotatorId: 1, labels: 1 },
        { annotatorId: 2, labels: 3 },
        { annotatorId: 3, labels: 2 },
      ]),
    ).toEqual([
      { annotatorId: 2, labels: 3, amount: 1n },
      { annotatorId: 3, labels: 2, amount: 1n },
    ]);
  });
});
