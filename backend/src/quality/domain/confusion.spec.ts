import { describe, expect, it } from 'vitest';
import { confusionMatrix } from './confusion.js';

describe('confusionMatrix', () => {
  it('puts true labels in rows and the annotator’s answers in columns, in the schema’s order', () => {
    const matrix = confusionMatrix(
      ['cat', 'dog', 'bird'],
      [
        { truth: 'cat', label: 'cat', count: 5 },
        { truth: 'cat', label: 'dog', count: 2 },
        { truth: 'dog', label: 'cat', count: 1 },
        { truth: 'bird', label: 'bird', count: 3 },
      ],
    );
    expect(matrix).toEqual({
      labels: ['cat', 'dog', 'bird'],
      counts: [
        [5, 2, 0],
        [1, 0, 0],
        [0, 0, 3],
      ],
      total: 11,
      correct: 8,
    });
  });

  it('keeps answers outside the schema as extra rows and columns, sorted after it', () => {
    const matrix = confusionMatrix(
      ['yes', 'no'],
      [
        { truth: 'yes', label: 'maybe', count: 1 },
        { truth: 'abstain', label: 'no', count: 2 },
      ],
    );
    expect(matrix.labels).toEqual(['yes', 'no', 'abstain', 'maybe']);
    expect(matrix.counts).toEqual([
      [0, 0, 0, 1],
      [0, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(matrix).toMatchObject({ total: 3, correct: 0 });
  });

  it('is all zeros without labels', () => {
    expect(confusionMatrix(['a', 'b'], [])).toEqual({
      labels: ['a', 'b'],
      counts: [
        [0, 0],
        [0, 0],
      ],
      total: 0,
      correct: 0,
    });
  });
});
