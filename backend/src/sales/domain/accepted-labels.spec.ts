import { describe, expect, it } from 'vitest';
import { acceptedLabelCounts } from './accepted-labels.js';

describe('acceptedLabelCounts', () => {
  it('counts per annotator only the labels matching the version answer', () => {
    const cat = { label: 'cat' };
    const dog = { label: 'dog' };
    expect(
      acceptedLabelCounts('classification', [
        { annotatorId: 2, result: cat, answer: cat, data: {} },
        { annotatorId: 1, result: cat, answer: cat, data: {} },
        { annotatorId: 1, result: dog, answer: dog, data: {} },
        { annotatorId: 3, result: dog, answer: cat, data: {} },
      ]),
    ).toEqual([
      { annotatorId: 1, labels: 2 },
      { annotatorId: 2, labels: 1 },
    ]);
  });

  it('judges other types as crediting does: label sets in any order, whole-token spans', () => {
    expect(
      acceptedLabelCounts('multilabel', [
        { annotatorId: 1, result: { labels: ['a', 'b'] }, answer: { labels: ['b', 'a'] }, data: {} },
        { annotatorId: 2, result: { labels: ['a'] }, answer: { labels: ['b', 'a'] }, data: {} },
      ]),
    ).toEqual([{ annotatorId: 1, labels: 1 }]);
    const data = { text: 'Alice met Bob' };
    const answer = { spans: [{ start: 0, end: 5, label: 'PER' }] };
    expect(
      acceptedLabelCounts('spans', [
        { annotatorId: 1, result: answer, answer, data },
        { annotatorId: 2, result: { spans: [{ start: 10, end: 13, label: 'PER' }] }, answer, data },
      ]),
    ).toEqual([{ annotatorId: 1, labels: 1 }]);
  });
});
