import { describe, expect, it } from 'vitest';
import { PRIOR_TRUST, trustOf } from './trust.js';

describe('trustOf', () => {
  it('is the prior for someone unknown', () => {
    expect(trustOf(undefined)).toBe(PRIOR_TRUST);
    expect(trustOf({ labels: 0, accuracy: 0, goldSeen: 0, goldCorrect: 0 })).toBeCloseTo(PRIOR_TRUST, 10);
  });

  it('follows gold accuracy as gold answers accumulate', () => {
    const few = trustOf({ labels: 10, accuracy: 0.9, goldSeen: 2, goldCorrect: 0 });
    const many = trustOf({ labels: 200, accuracy: 0.9, goldSeen: 50, goldCorrect: 0 });
    expect(many).toBeLessThan(few);
    expect(many).toBeLessThan(0.1);
    expect(trustOf({ labels: 200, accuracy: 0.5, goldSeen: 50, goldCorrect: 50 })).toBeGreaterThan(0.95);
  });

  it('follows accuracy against the inferred answers without gold, and stays within [0, 1]', () => {
    expect(trustOf({ labels: 1000, accuracy: 0.95, goldSeen: 0, goldCorrect: 0 })).toBeCloseTo(0.95, 2);
    expect(trustOf({ labels: 1000, accuracy: 0.2, goldSeen: 0, goldCorrect: 0 })).toBeCloseTo(0.2, 2);
    for (const accuracy of [0, 1]) {
      const t = trustOf({ labels: 5, accuracy, goldSeen: 3, goldCorrect: 3 * accuracy });
      expect(t).toBeGreaterThanOrEqual(0);
      expect(t).toBeLessThanOrEqual(1);
    }
  });
});
