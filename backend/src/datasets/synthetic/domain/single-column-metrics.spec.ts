import { describe, expect, it } from 'vitest';
import { ksComplement, ksStatistic, tvComplement } from './single-column-metrics.js';

describe('KSComplement', () => {
  it('is 1 for the same sample and 0 for disjoint ranges', () => {
    expect(ksComplement([1, 2, 3], [3, 1, 2])).toBe(1);
    expect(ksComplement([1, 2, 3], [4, 5, 6])).toBe(0);
  });

  it('is 1 − the largest gap between the empirical CDFs, missing values dropped', () => {
    // CDFs at 1,2,3,4: real 1/4, 2/4, 3/4, 1; synthetic 0, 0, 1/2, 1 -> largest gap 1/2 at 2.
    expect(ksStatistic([1, 2, 3, 4, null], [3, 4, null])).toBe(0.5);
    expect(ksComplement([1, 2, 3, 4], [3, 4])).toBe(0.5);
  });

  it('handles ties in both samples', () => {
    expect(ksStatistic([1, 1, 2, 2], [1, 2, 2, 2])).toBe(0.25);
  });
});

describe('TVComplement', () => {
  it('is 1 − half the L1 distance between category frequencies', () => {
    expect(tvComplement(['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b'])).toBe(1);
    // real a .5 b .5, synthetic a .75 b .25 -> TV = (.25 + .25)/2
    expect(tvComplement(['a', 'a', 'b', 'b'], ['a', 'a', 'a', 'b'])).toBe(0.75);
  });

  it('counts a category only the synthetic data has, and missing values as a category', () => {
    expect(tvComplement(['a', 'a'], ['b', 'b'])).toBeCloseTo(0, 6);
    expect(tvComplement(['a', null], ['a', 'a'])).toBe(0.5);
  });
});
