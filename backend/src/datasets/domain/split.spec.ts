import { describe, expect, it } from 'vitest';
import { assignSplits, checkFractions, DEFAULT_SPLITS, splitCounts, stratumOf, type SplitFractions } from './split.js';

function version(n: number, classes: number[]): { ids: Int32Array; strata: Int32Array } {
  const ids = new Int32Array(n);
  const strata = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = 1000 + i * 7;
    strata[i] = classes[i % classes.length]!;
  }
  return { ids, strata };
}

function countsBy(strata: Int32Array, splits: Uint8Array): Map<number, [number, number, number]> {
  const out = new Map<number, [number, number, number]>();
  for (let i = 0; i < strata.length; i++) {
    const c = out.get(strata[i]!) ?? [0, 0, 0];
    c[splits[i]!]!++;
    out.set(strata[i]!, c);
  }
  return out;
}

describe('split counts', () => {
  it('add up to n and stay within one of each exact share', () => {
    for (const fractions of [
      DEFAULT_SPLITS,
      { train: 0.7, validation: 0.2, test: 0.1 },
      { train: 1 / 3, validation: 1 / 3, test: 1 / 3 },
    ]) {
      for (let n = 0; n < 50; n++) {
        const counts = splitCounts(n, fractions);
        expect(counts.train + counts.validation + counts.test).toBe(n);
        for (const s of ['train', 'validation', 'test'] as const) expect(Math.abs(counts[s] - n * fractions[s])).toBeLessThan(1);
      }
    }
  });
});

describe('stratified split', () => {
  it('keeps every class in the requested proportions, within rounding', () => {
    // Unbalanced classes: 0 is common, 3 is rare.
    const { ids, strata } = version(997, [0, 0, 0, 0, 0, 1, 1, 2, 3, 0, 1]);
    const fractions: SplitFractions = { train: 0.7, validation: 0.2, test: 0.1 };
    const splits = assignSplits(ids, strata, fractions, 42);
    for (const [, [train, validation, test]] of countsBy(strata, splits)) {
      const n = train + validation + test;
      expect(Math.abs(train - n * 0.7)).toBeLessThan(1);
      expect(Math.abs(validation - n * 0.2)).toBeLessThan(1);
      expect(Math.abs(test - n * 0.1)).toBeLessThan(1);
    }
  });

  it('is the same for the same seed, different for another, whatever order the items are read in', () => {
    const { ids, strata } = version(500, [0, 1, 2]);
    const first = assignSplits(ids, strata, DEFAULT_SPLITS, 7);
    expect(assignSplits(ids, strata, DEFAULT_SPLITS, 7)).toEqual(first);
    const bySeed = (seed: number) => assignSplits(ids, strata, DEFAULT_SPLITS, seed);
    expect(bySeed(8)).not.toEqual(first);

    // Reversed and interleaved reads give every item the split it had.
    const order = Array.from({ length: ids.length }, (_, i) => i).sort((a, b) => (a % 5) - (b % 5) || b - a);
    const shuffledIds = Int32Array.from(order.map((i) => ids[i]!));
    const shuffledStrata = Int32Array.from(order.map((i) => strata[i]!));
    const shuffled = assignSplits(shuffledIds, shuffledStrata, DEFAULT_SPLITS, 7);
    order.forEach((original, k) => expect(shuffled[k]).toBe(first[original]));
  });

  it('does not put consecutive ids in the same split (the hash spreads them)', () => {
    const { ids, strata } = version(1000, [0]);
    const splits = assignSplits(ids, strata, { train: 0.5, validation: 0, test: 0.5 }, 1);
    const firstHalf = splits.subarray(0, 500).reduce((sum, s) => sum + (s === 0 ? 1 : 0), 0);
    expect(firstHalf).toBeGreaterThan(200);
    expect(firstHalf).toBeLessThan(300);
  });

  it('checks the fractions, naming the field', () => {
    expect(checkFractions(DEFAULT_SPLITS)).toBeUndefined();
    expect(checkFractions({ train: 0.7, validation: 0.2, test: 0.1 })).toBeUndefined();
    expect(checkFractions({ train: 0.8, validation: 0.1, test: 0.2 })?.field).toBe('splits');
    expect(checkFractions({ train: 1.2, validation: -0.1, test: -0.1 })?.field).toBe('splits.train');
  });

  it("stratifies each project type by its answer's classes", () => {
    expect(stratumOf('classification', { label: 'cat' })).toBe('cat');
    expect(stratumOf('multilabel', { labels: ['b', 'a', 'b'] })).toBe('a|b');
    expect(
      stratumOf('spans', {
        spans: [
          { start: 0, end: 1, label: 'PER' },
          { start: 2, end: 3, label: 'LOC' },
        ],
      }),
    ).toBe('LOC|PER');
    expect(stratumOf('boxes', { boxes: [] })).toBe('(none)');
    expect(stratumOf('text', { text: 'hello' })).toBe('');
  });
});
