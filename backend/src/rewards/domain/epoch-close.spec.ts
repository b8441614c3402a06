import { describe, expect, it } from 'vitest';
import { batches, closeEpoch } from './epoch-close.js';
import { leafHash, verify } from '@tessera/contracts/merkle';

const A = '0x1111111111111111111111111111111111111111';
const B = '0x2222222222222222222222222222222222222222';
const C = '0x3333333333333333333333333333333333333333';

describe('closeEpoch', () => {
  it('gives each annotator with something due one leaf, in annotator order, and totals them', () => {
    const closed = closeEpoch(7, [
      { annotatorId: 3, account: C, amount: 5n },
      { annotatorId: 1, account: A, amount: 10n },
      { annotatorId: 2, account: B, amount: 0n },
    ]);
    expect(closed.allocations.map((a) => [a.leafIndex, a.annotatorId])).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(closed.total).toBe(15n);
    for (const a of closed.allocations) {
      const leaf = { epochId: 7, index: a.leafIndex, account: a.account, amount: a.amount };
      expect(closed.tree.leaf(a.leafIndex)).toBe(leafHash(leaf));
      expect(verify(closed.tree.proof(a.leafIndex), closed.tree.root, leafHash(leaf))).toBe(true);
    }
  });

  it('binds the epoch id into every leaf: the same dues give another root in another epoch', () => {
    const dues = [{ annotatorId: 1, account: A, amount: 10n }];
    expect(closeEpoch(1, dues).tree.root).not.toBe(closeEpoch(2, dues).tree.root);
    expect(closeEpoch(1, dues).tree.root).toBe(closeEpoch(1, dues).tree.root);
  });

  it('refuses an epoch with nothing to pay', () => {
    expect(() => closeEpoch(1, [{ annotatorId: 1, account: A, amount: 0n }])).toThrow(/at least one/);
  });

  it('splits push payments into batches', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 2)).toEqual([]);
  });
});
