import { describe, expect, it } from 'vitest';
import { accuracy, predict, trainNaiveBayes } from './naive-bayes.js';
import type { ColumnSpec, Row } from './table.js';

const columns: ColumnSpec[] = [
  { name: 'x', type: 'numeric', role: 'field' },
  { name: 'colour', type: 'categorical', role: 'field' },
  { name: 'review', type: 'text', role: 'field' },
  { name: 'label', type: 'categorical', role: 'label' },
];

describe('naive Bayes', () => {
  it('learns each feature type from its evidence', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 20; i++) {
      rows.push([i % 5, 'red', 'great lovely stay', 'good']);
      rows.push([100 + (i % 5), 'blue', 'awful broken room', 'bad']);
    }
    const model = trainNaiveBayes(rows, columns, 3);
    expect(accuracy(model, rows, 3)).toBe(1);
    // Each feature alone decides when the others are missing.
    expect(predict(model, [101, null, null, null])).toBe('bad');
    expect(predict(model, [null, 'red', null, null])).toBe('good');
    expect(predict(model, [null, null, 'lovely', null])).toBe('good');
    expect(predict(model, [null, null, 'BROKEN room', null])).toBe('bad');
  });

  it('still predicts with a feature value training never saw', () => {
    const model = trainNaiveBayes(
      [
        [1, 'red', 'a', 'p'],
        [2, 'red', 'a', 'p'],
        [50, 'blue', 'b', 'q'],
        [52, 'blue', 'b', 'q'],
      ],
      columns,
      3,
    );
    expect(predict(model, [49, 'green', 'zzz', null])).toBe('q');
  });

  it('tells dates two hours apart (milliseconds since 1970, whose squares leave no digits of an hour)', () => {
    const dated: ColumnSpec[] = [
      { name: 'at', type: 'date', role: 'field' },
      { name: 'label', type: 'categorical', role: 'label' },
    ];
    const start = Date.parse('2026-03-01T00:00:00Z');
    const hour = 3_600_000;
    // Class "early" within an hour of the start, "late" two hours on; 3 early for 2 late, so a date
    // blurred to nothing leaves the prior to decide every row "early" (0.6).
    const rows: Row[] = Array.from({ length: 200 }, (_, i) => {
      const late = i % 5 >= 3;
      return [start + (late ? 2 * hour : 0) + ((i * 7919) % 60) * 60_000, late ? 'late' : 'early'];
    });
    const model = trainNaiveBayes(rows, dated, 1);
    expect(accuracy(model, rows, 1)).toBeGreaterThan(0.95);
    expect(predict(model, [start + 2.5 * hour, null])).toBe('late');
  });
});
