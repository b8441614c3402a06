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
});
