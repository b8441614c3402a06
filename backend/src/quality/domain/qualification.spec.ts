import { describe, expect, it } from 'vitest';
import { goldChance, qualificationStatus, QUALIFYING_GOLD_RATE } from './qualification.js';

const rule = { size: 4, minAccuracy: 0.75 };

describe('qualification', () => {
  it('stays open until enough gold items are answered, then passes or fails on accuracy', () => {
    expect(qualificationStatus(rule, 10, { goldSeen: 3, goldCorrect: 3 })).toBe('qualifying');
    expect(qualificationStatus(rule, 10, { goldSeen: 4, goldCorrect: 3 })).toBe('passed');
    expect(qualificationStatus(rule, 10, { goldSeen: 4, goldCorrect: 2 })).toBe('failed');
    // Answers beyond the size still count (a verdict given a little late uses all of them).
    expect(qualificationStatus(rule, 10, { goldSeen: 6, goldCorrect: 4 })).toBe('failed');
  });

  it('asks for no more gold than the project has, and none when it has none or the size is 0', () => {
    expect(qualificationStatus(rule, 2, { goldSeen: 2, goldCorrect: 2 })).toBe('passed');
    expect(qualificationStatus(rule, 2, { goldSeen: 1, goldCorrect: 1 })).toBe('qualifying');
    expect(qualificationStatus(rule, 0, { goldSeen: 0, goldCorrect: 0 })).toBe('passed');
    expect(qualificationStatus({ size: 0, minAccuracy: 1 }, 10, { goldSeen: 0, goldCorrect: 0 })).toBe('passed');
  });

  it('is gold-heavy while qualifying, at the project rate after', () => {
    expect(goldChance(0.1, 'qualifying')).toBe(QUALIFYING_GOLD_RATE);
    expect(goldChance(0.1, 'passed')).toBe(0.1);
    expect(goldChance(0.6, 'qualifying')).toBe(0.6);
    expect(QUALIFYING_GOLD_RATE).toBeLessThan(1);
  });
});
