import { describe, expect, it } from 'vitest';
import { binEdges, contingencySimilarity, correlationSimilarity, discretise, pearson } from './column-pair-metrics.js';

describe('CorrelationSimilarity', () => {
  it('is 1 − |ρ_real − ρ_syn| / 2 over the rows where both values exist', () => {
    const x = [1, 2, 3, 4, null];
    const y = [2, 4, 6, 8, 100];
    expect(pearson(x, y)).toBeCloseTo(1, 12);
    expect(correlationSimilarity(x, y, [1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(0, 12);
    expect(correlationSimilarity(x, y, [1, 2, 3], [1, 2, 3])).toBeCloseTo(1, 12);
  });
});

describe('ContingencySimilarity', () => {
  it('is 1 for the same joint distribution and falls as the pairing changes', () => {
    const a = ['x', 'x', 'y', 'y'];
    const b = ['p', 'p', 'q', 'q'];
    expect(contingencySimilarity(a, b, ['y', 'x'], ['q', 'p'])).toBe(1);
    // Same marginals, opposite pairing: the joint tables do not overlap.
    expect(contingencySimilarity(a, b, ['x', 'y'], ['q', 'p'])).toBeCloseTo(0, 6);
  });

  it('bins numbers into 10 equal-width bins of the real range; outside the range is missing', () => {
    const edges = binEdges([0, 10]);
    expect(discretise([0, 0.99, 1, 5.5, 10, 11, null], edges)).toEqual(['0', '0', '1', '5', '9', null, null]);
  });
});
