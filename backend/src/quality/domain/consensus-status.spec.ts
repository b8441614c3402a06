import { describe, expect, it } from 'vitest';
import { consensusStatus, extraLabelsWanted, type ConsensusInput } from './consensus-status.js';
import { QualityError } from './quality-error.js';

const policy = { targetConfidence: 0.8, maxOverlap: 5 };

describe('consensusStatus', () => {
  it.each<[Partial<ConsensusInput> & { confidence: number; labels: number }, string]>([
    [{ confidence: 0.8, labels: 3 }, 'confident'],
    [{ confidence: 1, labels: 1 }, 'confident'],
    [{ confidence: 1, labels: 1, minLabels: 2 }, 'needs_more_labels'],
    [{ confidence: 0.79, labels: 4 }, 'needs_more_labels'],
    [{ confidence: 0.79, labels: 5 }, 'needs_review'],
    [{ confidence: 0.5, labels: 6 }, 'needs_review'],
    [{ confidence: 0.95, labels: 5 }, 'confident'],
  ])('%o is %s', (input, expected) => {
    expect(consensusStatus({ ...policy, ...input })).toBe(expected);
  });

  it.each<Partial<ConsensusInput>>([
    { confidence: 1.5 },
    { confidence: Number.NaN },
    { targetConfidence: 0 },
    { labels: -1 },
    { labels: 1.5 },
    { maxOverlap: 0 },
    { minLabels: 6 },
  ])('refuses %o', (bad) => {
    expect(() => consensusStatus({ ...policy, confidence: 0.5, labels: 1, ...bad })).toThrow(QualityError);
  });
});

describe('extraLabelsWanted', () => {
  it('wants none for a confident item or one waiting for review', () => {
    expect(extraLabelsWanted({ ...policy, confidence: 0.9, labels: 3 })).toBe(0);
    expect(extraLabelsWanted({ ...policy, confidence: 0.6, labels: 5 })).toBe(0);
  });

  it('wants the fewest agreeing labels that can lift the vote share to the target', () => {
    // 2 of 3 agree: (2 + n) / (3 + n) >= 0.8 first holds at n = 2.
    expect(extraLabelsWanted({ ...policy, confidence: 2 / 3, labels: 3 })).toBe(2);
    // 1 of 2: (1 + n) / (2 + n) >= 0.8 needs n = 3, capped at 5 - 2 = 3.
    expect(extraLabelsWanted({ ...policy, confidence: 0.5, labels: 2 })).toBe(3);
    // 1 of 3 would need 5 more; only 2 fit under maxOverlap.
    expect(extraLabelsWanted({ ...policy, confidence: 1 / 3, labels: 3 })).toBe(2);
  });

  it('wants at least one, and enough to reach minLabels', () => {
    expect(extraLabelsWanted({ ...policy, confidence: 0.79, labels: 1 })).toBe(1);
    expect(extraLabelsWanted({ ...policy, confidence: 1, labels: 1, minLabels: 3 })).toBe(2);
  });

  it('asks for all the room left when the target is certainty', () => {
    expect(extraLabelsWanted({ targetConfidence: 1, maxOverlap: 7, confidence: 0.9, labels: 3 })).toBe(4);
  });
});
