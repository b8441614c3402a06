import { describe, expect, it } from 'vitest';
import { isItemStatus, ITEM_STATUSES, itemStatus, itemStatusSql } from './item-status.js';

describe('itemStatus', () => {
  it.each([
    [{ overlap: 2, taken: 0, annotations: 0 }, 'open'],
    [{ overlap: 2, taken: 1, annotations: 0 }, 'in_progress'],
    [{ overlap: 2, taken: 2, annotations: 1 }, 'in_progress'],
    [{ overlap: 2, taken: 2, annotations: 2 }, 'completed'],
    // Overlap lowered below the labels it has: completed all the same.
    [{ overlap: 1, taken: 3, annotations: 3 }, 'completed'],
  ])('%o is %s', (progress, expected) => {
    expect(itemStatus(progress)).toBe(expected);
  });

  it('knows its statuses and nothing else', () => {
    for (const status of ITEM_STATUSES) expect(isItemStatus(status)).toBe(true);
    expect(isItemStatus('done')).toBe(false);
    expect(isItemStatus(['open'])).toBe(false);
  });

  it('writes each status as a self-contained SQL condition over the given expressions', () => {
    const sql = { overlap: 'i.overlap', taken: 'i.taken', annotations: 'n' };
    expect(itemStatusSql('completed', sql)).toBe('(n >= i.overlap)');
    expect(itemStatusSql('in_progress', sql)).toBe('(NOT (n >= i.overlap) AND i.taken > 0)');
    expect(itemStatusSql('open', sql)).toBe('(NOT (n >= i.overlap) AND i.taken = 0)');
  });
});
