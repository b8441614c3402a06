import { describe, expect, it } from 'vitest';
import { dcrBaselineProtection, distanceColumns, distancesToClosest, median, rowDistance, shareCloserThan } from './dcr.js';
import type { ColumnSpec } from './table.js';

const columns: ColumnSpec[] = [
  { name: 'x', type: 'numeric', role: 'field' },
  { name: 'c', type: 'categorical', role: 'field' },
  { name: 't', type: 'text', role: 'field' },
  { name: 'label', type: 'categorical', role: 'label' },
  { name: 'confidence', type: 'numeric', role: 'confidence' },
];

describe('distance to closest record', () => {
  const real = [
    [0, 'a', 'text one', 'p', 0.9],
    [10, 'b', 'text two', 'q', 0.5],
  ];
  const compared = distanceColumns(columns, real);

  it('compares numbers by range-scaled gaps (capped at 1), categories and missing values by equality; text and confidence not at all', () => {
    expect(compared.indices).toEqual([0, 1, 3]);
    expect(compared.ranges).toEqual([10, undefined, undefined]);
    // |0 − 5|/10 = .5, 'a' = 'a', 'p' ≠ 'q' -> (.5 + 0 + 1)/3
    expect(rowDistance([0, 'a', 'x', 'p', 1], [5, 'a', 'y', 'q', 0], compared)).toBeCloseTo(1.5 / 3, 12);
    expect(rowDistance([0, null, null, 'p', 1], [30, 'a', null, 'p', 0], compared)).toBeCloseTo(2 / 3, 12);
    expect(rowDistance([null, null, null, 'p', 1], [null, null, 'z', 'p', 0], compared)).toBe(0);
  });

  it('takes the minimum over the reference rows', () => {
    expect(Array.from(distancesToClosest([[9, 'b', null, 'q', 0]], real, compared))).toEqual([0.1 / 3]);
  });

  it('scores baseline protection and the share of rows closer than real rows are to each other', () => {
    expect(dcrBaselineProtection(Float64Array.from([0, 0, 0]), Float64Array.from([0.2, 0.3, 0.4]))).toBe(0);
    expect(dcrBaselineProtection(Float64Array.from([0.1, 0.15, 0.2]), Float64Array.from([0.2, 0.3, 0.4]))).toBe(0.5);
    expect(dcrBaselineProtection(Float64Array.from([0.5]), Float64Array.from([0.2]))).toBe(1);
    expect(median(Float64Array.from([3, 1, 2, 10]))).toBe(2.5);
    expect(shareCloserThan(Float64Array.from([0, 0.1, 0.2, 0.3]), 0.2)).toBe(0.5);
  });
});
