import { describe, expect, it } from 'vitest';
import { QualityError } from './quality-error.js';
import { checkEncodedVotes, compareLabels, encodeVotes, VoteEncoder, type EncodedVotes } from './votes.js';

describe('encodeVotes', () => {
  it('interns items and workers in order of first appearance and labels in label order', () => {
    const encoded = encodeVotes([
      { item: 'b', worker: 'w2', label: '10' },
      { item: 'a', worker: 'w1', label: '2' },
      { item: 'b', worker: 'w1', label: 'cat' },
      { item: 'a', worker: 'w2', label: '10' },
    ]);
    expect(encoded.items).toEqual(['b', 'a']);
    expect(encoded.workers).toEqual(['w2', 'w1']);
    expect(encoded.labels).toEqual(['2', '10', 'cat']);
    expect([...encoded.itemIdx]).toEqual([0, 1, 0, 1]);
    expect([...encoded.workerIdx]).toEqual([0, 1, 1, 0]);
    expect([...encoded.labelIdx]).toEqual([1, 0, 2, 1]);
  });

  it('grows past its initial capacity', () => {
    const encoder = new VoteEncoder();
    for (let v = 0; v < 5000; v++) encoder.add(`i${v % 700}`, `w${v % 13}`, `l${v % 3}`);
    const encoded = encoder.finish();
    expect(encoder.size).toBe(5000);
    expect(encoded.itemIdx.length).toBe(5000);
    expect(encoded.items).toHaveLength(700);
    expect(encoded.items[encoded.itemIdx[4999]!]).toBe(`i${4999 % 700}`);
    expect(encoded.labels[encoded.labelIdx[4999]!]).toBe(`l${4999 % 3}`);
  });
});

describe('repeated votes', () => {
  it("keep a worker's first vote on an item and drop the rest, with a label only a dropped vote had", () => {
    const encoder = new VoteEncoder();
    for (const [item, worker, label] of [
      ['b', 'w1', 'x'],
      ['a', 'w1', 'y'],
      ['b', 'w1', 'z'],
      ['b', 'w2', 'y'],
      ['b', 'w1', 'x'],
    ] as const)
      encoder.add(item, worker, label);
    const votes = encoder.finish();
    expect(encoder.duplicates).toBe(2);
    expect(votes.labels).toEqual(['x', 'y']);
    const decoded = [...votes.itemIdx].map((i, v) => [
      votes.items[i],
      votes.workers[votes.workerIdx[v]!],
      votes.labels[votes.labelIdx[v]!],
    ]);
    expect(decoded).toEqual([
      ['b', 'w1', 'x'],
      ['a', 'w1', 'y'],
      ['b', 'w2', 'y'],
    ]);
    expect(() => checkEncodedVotes(votes)).not.toThrow();
  });
});

describe('compareLabels', () => {
  it('never calls two labels equal: two spellings of one number go by their text', () => {
    expect(compareLabels('0', '-0')).not.toBe(0);
    expect(Math.sign(compareLabels('0', '-0'))).toBe(-Math.sign(compareLabels('-0', '0')));
    expect(['0', '-0'].sort(compareLabels)).toEqual(['-0', '0'].sort(compareLabels));
  });

  it('orders integers numerically, before other labels, and the rest by code units', () => {
    expect(['b', '10', 'a', '-1', '2', 'B', '02'].sort(compareLabels)).toEqual(['-1', '2', '10', '02', 'B', 'a', 'b']);
  });
});

describe('checkEncodedVotes', () => {
  const valid = (): EncodedVotes => encodeVotes([{ item: 'a', worker: 'w', label: 'x' }]);

  it('accepts a consistent encoding', () => {
    expect(() => checkEncodedVotes(valid())).not.toThrow();
  });

  it('refuses arrays of different lengths', () => {
    expect(() => checkEncodedVotes({ ...valid(), labelIdx: new Int32Array(2) })).toThrow(QualityError);
  });

  it('refuses an index outside its name list', () => {
    expect(() => checkEncodedVotes({ ...valid(), workerIdx: Int32Array.of(1) })).toThrow(/workerIdx\[0\] = 1/);
  });
});
