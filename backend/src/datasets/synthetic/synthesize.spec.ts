import { describe, expect, it } from 'vitest';
import type { DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';
import { CORRELATED_SCHEMA, correlatedSource, LATENT_CORRELATION } from './domain/correlated-source.js';
import { SynthesisError, SynthesisErrorCode } from './domain/synthesis-error.js';
import { labelledTexts } from './domain/text-fixtures.js';
import { tokens, VERBATIM_RUN } from './domain/verbatim-guard.js';
import { synthesize, synthesizeStream } from './synthesize.js';
import type { TextGeneratorFactory } from './text-generator.port.js';

async function collect(records: AsyncIterable<DatasetRecord>): Promise<DatasetRecord[]> {
  const out: DatasetRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

describe('synthesize: tabular', () => {
  const source = correlatedSource(3000, 41);

  it('streams the asked rows with synthetic ids, the source split fractions and no item', async () => {
    const synthesis = synthesize(source, CORRELATED_SCHEMA, { rows: 2500, seed: 1 });
    const records = await collect(synthesis.records);
    expect(records).toHaveLength(2500);
    expect(records[0]!.id).toBe('syn-1');
    expect(records.at(-1)!.id).toBe('syn-2500');
    expect(records.every((record) => record.itemId === null && record.method === null && record.annotations.length === 0)).toBe(true);
    const count = (split: string) => records.filter((record) => record.split === split).length;
    // The source is 80/10/10: the split rule follows the fractions within one row.
    expect(Math.abs(count('train') - 2000)).toBeLessThanOrEqual(1);
    expect(Math.abs(count('validation') - 250)).toBeLessThanOrEqual(1);
    expect(records.every((record) => 'label' in record.answer && ['low', 'high'].includes(record.answer.label))).toBe(true);
    expect(records.every((record) => typeof record.data['member'] === 'boolean')).toBe(true);
    expect(records.every((record) => record.data['signup'] === null || /^\d{4}-\d{2}-\d{2}$/.test(record.data['signup'] as string))).toBe(
      true,
    );

    const report = await synthesis.report;
    expect(report.kind).toBe('tabular');
    expect(report.rows).toBe(2500);
    // Exact copies, counted independently over the data and the answer.
    const keys = new Set(source.map((record) => JSON.stringify([record.data, record.answer])));
    expect(report.privacy.exactCopies).toBe(records.filter((record) => keys.has(JSON.stringify([record.data, record.answer]))).length);
    // The copula keeps the latent correlation of age and income (both monotone in the latent normals).
    const pair = report.columnPairTrends.find((trend) => trend.columns.join() === 'age,income')!;
    expect(pair.realCorrelation!).toBeGreaterThan(LATENT_CORRELATION / 2);
    expect(Math.abs(pair.syntheticCorrelation! - pair.realCorrelation!)).toBeLessThan((4 * Math.SQRT2) / Math.sqrt(2400));
    expect(report.utility!.holdout.rows).toBe(600);
    expect(report.utility!.classifier).toMatch(/naive Bayes/);
  });

  it('gives the same records and report for the same seed, and others for another seed', async () => {
    const run = async (seed: number) => {
      const synthesis = synthesize(source, CORRELATED_SCHEMA, { rows: 300, seed });
      return { records: await collect(synthesis.records), report: await synthesis.report };
    };
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(a).toEqual(b);
    expect(a.records).not.toEqual(c.records);
  });

  it('reads a stream of records as it reads an array', async () => {
    async function* stream() {
      for (const record of source) yield await Promise.resolve(record);
    }
    const fromArray = synthesize(source, CORRELATED_SCHEMA, { rows: 200, seed: 9 });
    const fromStream = await synthesizeStream(stream(), CORRELATED_SCHEMA, { rows: 200, seed: 9 });
    expect(await collect(fromStream.records)).toEqual(await collect(fromArray.records));
    expect(await fromStream.report).toEqual(await fromArray.report);
  });

  it('refuses what it cannot synthesize, and rejects the report of records not read to the end', async () => {
    expect(() => synthesize(source, { ...CORRELATED_SCHEMA, projectType: 'boxes' }, { rows: 10, seed: 1 })).toThrow(SynthesisError);
    expect(() => synthesize(source, CORRELATED_SCHEMA, { rows: 0, seed: 1 })).toThrow(SynthesisError);
    expect(() => synthesize([], CORRELATED_SCHEMA, { rows: 10, seed: 1 })).toThrow(SynthesisError);
    const synthesis = synthesize(source, CORRELATED_SCHEMA, { rows: 5000, seed: 1 });
    for await (const record of synthesis.records) if (record.id === 'syn-10') break;
    await expect(synthesis.report).rejects.toMatchObject({ code: SynthesisErrorCode.INCOMPLETE });
  });
});

describe('synthesize: multilabel', () => {
  it('samples label sets seen in the source, with their frequencies', async () => {
    const sets = [['a'], ['a', 'b'], ['b', 'c'], []];
    const source: DatasetRecord[] = Array.from({ length: 800 }, (_, i) => ({
      id: `item-${i + 1}`,
      itemId: i + 1,
      split: 'train',
      data: { size: i % 4 },
      media: null,
      answer: { labels: [...sets[i % 4]!].reverse() },
      confidence: 1,
      source: 'inferred',
      method: 'mv@1',
      annotations: [],
    }));
    const schema: DatasetSchema = { projectType: 'multilabel', labels: ['a', 'b', 'c'], fields: [{ name: 'size', type: 'numeric' }] };
    const records = await collect(synthesize(source, schema, { rows: 2000, seed: 2 }).records);
    const seen = new Map<string, number>();
    for (const record of records) {
      const key = JSON.stringify((record.answer as { labels: string[] }).labels);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(sets.map((set) => JSON.stringify(set)).sort());
    // Each set is a quarter of the source: within 4 standard errors of the source's and the sample's shares.
    for (const count of seen.values())
      expect(Math.abs(count / 2000 - 0.25)).toBeLessThan(4 * Math.sqrt(0.25 * 0.75 * (1 / 640 + 1 / 2000)));
  });
});

describe('synthesize: labelled text', () => {
  const texts = labelledTexts(120, 51);
  const source: DatasetRecord[] = texts.map(({ label, text }, i) => ({
    id: `item-${i + 1}`,
    itemId: i + 1,
    split: 'train',
    data: { text },
    media: null,
    answer: { label },
    confidence: 1,
    source: 'inferred',
    method: 'mv@1',
    annotations: [],
  }));
  const schema: DatasetSchema = {
    projectType: 'classification',
    labels: ['positive', 'negative'],
    fields: [{ name: 'text', type: 'text' }],
  };
  const sourceTexts = new Set(texts.map(({ text }) => tokens(text).join(' ')));
  const sourceWindows = new Set(
    texts.flatMap(({ text }) => {
      const words = tokens(text);
      return Array.from({ length: Math.max(words.length - VERBATIM_RUN + 1, 0) }, (_, i) => words.slice(i, i + VERBATIM_RUN).join(' '));
    }),
  );
  const copies = (text: string) => {
    const words = tokens(text);
    if (sourceTexts.has(words.join(' '))) return true;
    for (let i = 0; i + VERBATIM_RUN <= words.length; i++) if (sourceWindows.has(words.slice(i, i + VERBATIM_RUN).join(' '))) return true;
    return false;
  };

  it('writes label-conditioned texts, none a source text nor holding an 8-token source run', async () => {
    const synthesis = synthesize(source, schema, { rows: 400, seed: 3 });
    const records = await collect(synthesis.records);
    const written = records.filter((record) => typeof record.data['text'] === 'string');
    expect(written.length).toBeGreaterThan(200);
    for (const record of written) expect(copies(record.data['text'] as string)).toBe(false);
    const report = await synthesis.report;
    expect(report.kind).toBe('text');
    expect(report.columnShapes.map((shape) => [shape.column, shape.over])).toEqual([
      ['text', 'token count'],
      ['label', 'values'],
    ]);
    expect(report.privacy.exactCopies).toBe(0);
    expect(report.privacy.text[0]!.longestSharedRun).toBeLessThan(VERBATIM_RUN);
    expect(report.privacy.dcr).toBeNull();
    expect(report.synthesizer['textGenerator']).toMatch(/3-gram/);
  });

  it('passes any generator through the same guard: copied texts never reach a record', async () => {
    const copying: TextGeneratorFactory = (corpus) => ({
      name: 'copies its sources',
      async *generate(label, count) {
        const own = corpus.textsByLabel.get(label) ?? [];
        for (let i = 0; i < count; i++) yield await Promise.resolve(`${own[i % own.length]!}`);
      },
    });
    const records = await collect(synthesize(source, schema, { rows: 50, seed: 3, generator: copying }).records);
    expect(records.every((record) => record.data['text'] === null)).toBe(true);
  });
});
