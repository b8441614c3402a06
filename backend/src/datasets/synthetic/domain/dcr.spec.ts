import { describe, expect, it } from 'vitest';
import { dcrBaselineProtection, distanceColumns, distancesToClosest, median, rowDistance, shareCloserThan } from './dcr.js';
import { seededRandom } from '../../../quality/domain/seeded-random.js';
import type { ColumnSpec, Row } from './table.js';

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

  it('finds the closest row as rowDistance measures it, missing values, new categories, a constant column and skipped rows included', () => {
    const random = seededRandom(11);
    const mixed: ColumnSpec[] = [
      { name: 'x', type: 'numeric', role: 'field' },
      { name: 'k', type: 'numeric', role: 'field' },
      { name: 'c', type: 'categorical', role: 'field' },
      { name: 'label', type: 'categorical', role: 'label' },
    ];
    const row = (): Row => [
      random() < 0.1 ? null : Math.round(random() * 50),
      random() < 0.1 ? null : 7,
      random() < 0.1 ? null : `c${Math.floor(random() * 6)}`,
      `l${Math.floor(random() * 3)}`,
    ];
    const reference = Array.from({ length: 300 }, row);
    const queries = [...Array.from({ length: 100 }, row), [3, 8, 'unseen', 'l9'], [null, null, null, 'l0']];
    const cols = distanceColumns(mixed, reference);
    const brute = (q: Row, skip = -1) => Math.min(...reference.flatMap((r, i) => (i === skip ? [] : [rowDistance(q, r, cols)])));
    expect(Array.from(distancesToClosest(queries, reference, cols))).toEqual(queries.map((q) => brute(q)));
    const skip = Int32Array.from(reference.slice(0, 50), (_, i) => i);
    expect(Array.from(distancesToClosest(reference.slice(0, 50), reference, cols, skip))).toEqual(
      reference.slice(0, 50).map((q, i) => brute(q, i)),
    );
  });

  it('scores baseline protection and the share of rows closer than real rows are to each other', () => {
    expect(dcrBaselineProtection(Float64Array.from([0, 0, 0]), Float64Array.from([0.2, 0.3, 0.4]))).toBe(0);
    expect(dcrBaselineProtection(Float64Array.from([0.1, 0.15, 0.2]), Float64Array.from([0.2, 0.3, 0.4]))).toBe(0.5);
    expect(dcrBaselineProtection(Float64Array.from([0.5]), Float64Array.from([0.2]))).toBe(1);
    expect(median(Float64Array.from([3, 1, 2, 10]))).toBe(2.5);
    // A tie counts ½: 0 and 0.1 are closer, 0.2 ties.
    expect(shareCloserThan(Float64Array.from([0, 0.1, 0.2, 0.3]), 0.2)).toBe(0.625);
    // Real rows that repeat (median distance 0): copies tie with them, they are not "further".
    expect(shareCloserThan(Float64Array.from([0, 0, 0, 0]), 0)).toBe(0.5);
  });
});
