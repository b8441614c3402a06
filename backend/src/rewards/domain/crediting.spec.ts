import { describe, expect, it } from 'vitest';
import { creditEntries, type CreditInput, type CreditLabel } from './crediting.js';
import { parseTokens } from './reward-math.js';

const RATE = parseTokens('1');

function label(annotationId: number, annotatorId: number, itemId: number, answer: string, extra: Partial<CreditLabel> = {}): CreditLabel {
  return { annotationId, annotatorId, itemId, result: { label: answer }, discarded: false, credited: 0n, ...extra };
}

function input(labels: CreditLabel[], extra: Partial<CreditInput> = {}): CreditInput {
  return {
    type: 'classification',
    rate: RATE,
    labels,
    settled: new Map([
      [1, { result: { label: 'cat' }, data: {} }],
      [2, { result: { label: 'dog' }, data: {} }],
    ]),
    eligible: new Set([10, 11]),
    trust: new Map([
      [10, 0.8],
      [11, 1],
    ]),
    ...extra,
  };
}

describe('creditEntries', () => {
  it('credits labels that match their settled item, at the rate times the multiplier', () => {
    const entries = creditEntries(input([label(1, 10, 1, 'cat'), label(2, 11, 1, 'cat'), label(3, 10, 2, 'cat'), label(4, 10, 3, 'cat')]));
    expect(entries).toEqual([
      { annotationId: 1, annotatorId: 10, kind: 'reward', amount: RATE, multiplierBps: 10_000 },
      { annotationId: 2, annotatorId: 11, kind: 'reward', amount: parseTokens('1.25'), multiplierBps: 12_500 },
    ]);
  });

  it('is idempotent: labels already credited get nothing more', () => {
    expect(creditEntries(input([label(1, 10, 1, 'cat', { credited: RATE })]))).toEqual([]);
  });

  it('reverses a credited label that the settled answer now contradicts, or that was withdrawn', () => {
    const entries = creditEntries(
      input([label(1, 10, 2, 'cat', { credited: RATE }), label(2, 11, 1, 'cat', { credited: RATE, discarded: true })]),
    );
    expect(entries).toEqual([
      { annotationId: 1, annotatorId: 10, kind: 'reversal', amount: -RATE },
      { annotationId: 2, annotatorId: 11, kind: 'reversal', amount: -RATE },
    ]);
    // A label on an item no longer settled keeps what it earned until the item is settled again.
    expect(creditEntries(input([label(1, 10, 3, 'cat', { credited: RATE })]))).toEqual([]);
  });

  it('holds the work of annotators who may not earn yet (still qualifying)', () => {
    expect(creditEntries(input([label(1, 12, 1, 'cat')]))).toEqual([]);
  });

  it('never credits beyond the budget; reversals give budget back', () => {
    const labels = [label(1, 10, 1, 'cat'), label(2, 10, 1, 'cat'), label(3, 11, 2, 'cat', { credited: RATE })];
    const entries = creditEntries(input(labels, { budgetLeft: RATE }));
    expect(entries.map((e) => [e.annotationId, e.kind])).toEqual([
      [3, 'reversal'],
      [1, 'reward'],
      [2, 'reward'],
    ]);
    expect(creditEntries(input(labels.slice(0, 2), { budgetLeft: RATE })).map((e) => e.annotationId)).toEqual([1]);
  });

  it('judges drawn answers as wholes', () => {
    const boxes = { boxes: [{ x: 0, y: 0, w: 100, h: 100, label: 'car' }] };
    const entries = creditEntries({
      ...input([
        { ...label(1, 10, 1, ''), result: { boxes: [{ x: 5, y: 0, w: 100, h: 100, label: 'car' }] } },
        { ...label(2, 11, 1, ''), result: { boxes: [] } },
      ]),
      type: 'boxes',
      settled: new Map([[1, { result: boxes, data: {} }]]),
    });
    expect(entries.map((e) => e.annotationId)).toEqual([1]);
  });
});
