import { describe, expect, it } from 'vitest';
import { aggregateProject, type ProjectLabels } from './project-aggregation.js';

function boxesProject(trust?: ReadonlyMap<number, number>): ProjectLabels {
  // Two annotators put the object in different places; a third does not draw it.
  return {
    type: 'boxes',
    labels: ['car'],
    items: [{ id: 1, overlap: 3, data: {}, gold: null }],
    annotations: [
      { itemId: 1, annotatorId: 10, result: { boxes: [{ x: 0, y: 0, w: 100, h: 100, label: 'car' }] } },
      { itemId: 1, annotatorId: 11, result: { boxes: [{ x: 20, y: 0, w: 100, h: 100, label: 'car' }] } },
      { itemId: 1, annotatorId: 12, result: { boxes: [] } },
    ],
    targetConfidence: 0.5,
    minLabels: 3,
    maxOverlap: 3,
    ...(trust ? { trust } : {}),
  };
}

describe('aggregateProject', () => {
  it('merges boxes weighted by the stored trust of each annotator', () => {
    const even = aggregateProject(boxesProject()).items[0]!.result as { boxes: Array<{ x: number }> };
    expect(even.boxes[0]!.x).toBeCloseTo(10, 10);
    const trusted = aggregateProject(
      boxesProject(
        new Map([
          [10, 0.9],
          [11, 0.1],
          [12, 0.5],
        ]),
      ),
    ).items[0]!.result as {
      boxes: Array<{ x: number }>;
    };
    expect(trusted.boxes[0]!.x).toBeCloseTo(2, 10);
  });

  it('scores drawn answers against gold as wholes, not pixel for pixel', () => {
    const input: ProjectLabels = {
      ...boxesProject(),
      items: [{ id: 1, overlap: 3, data: {}, gold: { boxes: [{ x: 0, y: 0, w: 100, h: 100, label: 'car' }] } }],
    };
    const { workers, items } = aggregateProject(input);
    expect(items[0]).toMatchObject({ status: 'confident', confidence: 1 });
    const goldCorrect = new Map(workers.map((w) => [w.annotatorId, w.goldCorrect]));
    // IoU of the shifted box with the gold one is 80/120 = 0.67: a match. No box at all is not.
    expect(Object.fromEntries(goldCorrect)).toEqual({ 10: 1, 11: 1, 12: 0 });
  });

  it('counts a gold item given and not answered as one seen and answered wrong; an unanswered regular item counts for nothing', () => {
    const input: ProjectLabels = {
      type: 'classification',
      labels: ['a', 'b'],
      items: [
        { id: 1, overlap: 1, data: {}, gold: { label: 'a' } },
        { id: 2, overlap: 1, data: {}, gold: { label: 'b' } },
        { id: 3, overlap: 1, data: {}, gold: null },
      ],
      annotations: [{ itemId: 1, annotatorId: 10, result: { label: 'a' } }],
      unansweredGold: [
        { itemId: 2, annotatorId: 10 },
        { itemId: 2, annotatorId: 11 },
        { itemId: 3, annotatorId: 10 },
      ],
      targetConfidence: 0.9,
      minLabels: 1,
      maxOverlap: 1,
    };
    const workers = aggregateProject(input).workers.map(({ annotatorId, labels, goldSeen, goldCorrect }) => ({
      annotatorId,
      labels,
      goldSeen,
      goldCorrect,
    }));
    expect(workers).toEqual([
      { annotatorId: 10, labels: 1, goldSeen: 2, goldCorrect: 1 },
      // Someone who only ever dodged gold is scored too, so the qualification can judge them.
      { annotatorId: 11, labels: 0, goldSeen: 1, goldCorrect: 0 },
    ]);
  });
});
