import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../quality/domain/agreement.js';
import type { DatasetRecord, Split } from './dataset-record.js';
import { DatasheetBuilder, type DatasheetContext } from './datasheet.js';

function record(n: number, split: Split, label: string, votes: string[], confidence: number): DatasetRecord {
  return {
    id: `r${n}`,
    itemId: n,
    split,
    data: { text: `t${n}` },
    media: null,
    answer: { label },
    confidence,
    source: n % 5 === 0 ? 'review' : 'inferred',
    method: n % 5 === 0 ? 'review' : 'ds',
    annotations: votes.map((v, w) => ({
      id: n * 10 + w,
      annotatorId: w + 1,
      result: { label: v },
      leadTimeMs: 1000,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, n, w)).toISOString(),
    })),
  };
}

const context: DatasheetContext = {
  projectType: 'classification',
  intendedUse: 'sentiment research',
  description: 'd',
  license: 'CC-BY-4.0',
  filters: { minConfidence: 0.5 },
  fractions: { train: 0.8, validation: 0.1, test: 0.1 },
  seed: 3,
  trust: new Map([
    [1, 0.9],
    [2, 0.6],
  ]),
};

describe('datasheet', () => {
  it('counts splits, class balance, sources, confidences, annotators and the time span in one pass', () => {
    const records = [
      record(1, 'train', 'cat', ['cat', 'cat', 'dog'], 0.66),
      record(2, 'train', 'dog', ['dog', 'dog', 'dog'], 1),
      record(3, 'validation', 'cat', ['cat', 'dog'], 0.55),
      record(5, 'test', 'dog', ['dog'], 1),
    ];
    const builder = new DatasheetBuilder('classification');
    for (const r of records) builder.add(r);
    const sheet = builder.finish(context);
    expect(sheet.composition.instances).toBe(4);
    expect(sheet.composition.bySplit).toEqual({ train: 2, validation: 1, test: 1 });
    expect(sheet.composition.classBalance).toEqual({ train: { cat: 1, dog: 1 }, validation: { cat: 1 }, test: { dog: 1 } });
    expect(sheet.composition.bySource).toEqual({ inferred: 3, gold: 0, review: 1, synthetic: 0 });
    expect(sheet.labeling.methods).toEqual({ ds: 3, review: 1 });
    expect(sheet.labeling.confidenceHistogram.map((b) => b.items)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 2]);
    expect(sheet.collection.annotations).toBe(9);
    expect(sheet.collection.annotators).toEqual([
      { annotatorId: 1, labels: 4, trust: 0.9 },
      { annotatorId: 2, labels: 3, trust: 0.6 },
      { annotatorId: 3, labels: 2, trust: null },
    ]);
    expect(sheet.collection.timeSpan).toEqual({ from: '2026-01-01T00:01:00.000Z', to: '2026-01-01T00:05:00.000Z' });
    expect(sheet.distribution.license).toBe('CC-BY-4.0');
    expect(sheet.motivation.intendedUse).toBe('sentiment research');
    expect(sheet.labeling.split.stratifiedBy).toContain('label');

    // Streamed alpha equals quality's alpha over all the votes at once.
    const votes = records.flatMap((r) =>
      r.annotations.map((a) => ({ item: r.id, worker: String(a.annotatorId), label: (a.result as { label: string }).label })),
    );
    expect(sheet.labeling.agreement.krippendorffAlpha).toBeCloseTo(krippendorffAlpha(votes), 12);
    expect(sheet.labeling.agreement.pairableItems).toBe(3);
  });

  it('reports alpha as null when it is undefined, and for answers that are not one class', () => {
    const builder = new DatasheetBuilder('classification');
    builder.add(record(1, 'train', 'cat', ['cat'], 1));
    expect(builder.finish(context).labeling.agreement.krippendorffAlpha).toBeNull();
    const spans = new DatasheetBuilder('spans');
    expect(spans.finish({ ...context, projectType: 'spans' }).labeling.agreement.krippendorffAlpha).toBeNull();
  });
});
