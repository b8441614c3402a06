import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from '../../../quality/domain/seeded-random.js';
import { pearson } from './column-pair-metrics.js';
import { CORRELATED_SCHEMA, correlatedSource } from './correlated-source.js';
import { countExactCopies, syntheticReport, type SyntheticReport } from './report.js';
import { cellKind, columnOf, tableCodec, type Row } from './table.js';

const codec = tableCodec(CORRELATED_SCHEMA);
const encoded = correlatedSource(2000, 31).map((record) => codec.encode(record));
const real = encoded.slice(0, 1600);
const holdout = encoded.slice(1600);
const { columns, labelIndex } = codec;

function report(synthetic: Row[]): SyntheticReport {
  return syntheticReport({
    columns,
    labelIndex,
    real,
    holdout,
    holdoutSeed: 1,
    synthetic,
    syntheticTotal: synthetic.length,
    exactCopies: countExactCopies(columns, real, synthetic),
    seed: 1,
    random: seededRandom(2),
    synthesizer: {},
    guardRun: 8,
  });
}

function pairScore(result: SyntheticReport, a: string, b: string): number {
  return result.columnPairTrends.find((pair) => pair.columns[0] === a && pair.columns[1] === b)!.score!;
}

describe('synthetic report on data with known distributions', () => {
  it('scores a copy of the real data 1 on shapes and pair trends, 0 on DCR protection, every row an exact copy', () => {
    const result = report(real.map((row) => [...row]));
    expect(result.scores.columnShapes).toBe(1);
    expect(result.scores.columnPairTrends).toBe(1);
    expect(result.scores.overall).toBe(1);
    expect(result.privacy.exactCopies).toBe(real.length);
    expect(result.privacy.dcr!.medianSyntheticToReal).toBe(0);
    expect(result.privacy.dcr!.baselineProtection).toBe(0);
    expect(result.privacy.dcr!.closerThanRealShare).toBe(1);
    // The same training rows: TSTR equals TRTR.
    expect(result.utility!.score).toBe(1);
    expect(result.columnShapes.map((shape) => [shape.column, shape.metric])).toEqual([
      ['age', 'KSComplement'],
      ['income', 'KSComplement'],
      ['member', 'TVComplement'],
      ['signup', 'KSComplement'],
      ['city', 'TVComplement'],
      ['label', 'TVComplement'],
    ]);
  });

  it('keeps shapes but loses pair trends when every column is shuffled on its own', () => {
    const random = seededRandom(5);
    const shuffledColumns = columns.map((_, index) => shuffled(columnOf(real, index), random));
    const synthetic = real.map((_, r) => shuffledColumns.map((column) => column[r]!));
    const result = report(synthetic);
    expect(result.scores.columnShapes).toBe(1);
    // age and income correlate in the real data (latent ρ = 0.6); shuffled, their correlation is 0 up to
    // sampling error (4 standard errors: 4/√n), so the similarity is at most 1 − (|r| − 4/√n)/2.
    const r = pearson(columnOf(real, 0), columnOf(real, 1));
    expect(r).toBeGreaterThan(0.3);
    expect(pairScore(result, 'age', 'income')).toBeLessThan(1 - (r - 4 / Math.sqrt(real.length)) / 2);
    const copy = report(real.map((row) => [...row]));
    expect(result.scores.columnPairTrends!).toBeLessThan(copy.scores.columnPairTrends!);
    expect(pairScore(result, 'income', 'label')).toBeLessThan(pairScore(copy, 'income', 'label'));
    expect(result.privacy.exactCopies).toBeLessThan(real.length);
  });

  it('scores independent noise outside the real ranges and categories near 0 on shapes', () => {
    const random = seededRandom(7);
    const synthetic = real.map(() =>
      columns.map((column, index) => {
        if (cellKind(column.type) === 'number') {
          const max = Math.max(...columnOf(real, index).filter((value): value is number => typeof value === 'number'));
          return max + 1 + random();
        }
        return `noise-${Math.floor(random() * 5)}`;
      }),
    );
    const result = report(synthetic);
    expect(result.scores.columnShapes).toBeLessThan(1e-3);
    expect(result.privacy.exactCopies).toBe(0);
    expect(result.privacy.dcr!.baselineProtection).toBe(1);
  });

  it('measures DCR against every real row: copies of a large source score as copies', () => {
    // 16,000 training rows, synthetic rows copied from them: compared with a sample of the training
    // rows, most copies would find only a near neighbour and look like fresh rows.
    const large = correlatedSource(20_000, 37).map((record) => codec.encode(record));
    const train = large.slice(0, 16_000);
    const random = seededRandom(3);
    const copies = Array.from({ length: 2000 }, () => [...train[Math.floor(random() * train.length)]!]);
    const result = syntheticReport({
      columns,
      labelIndex,
      real: train,
      holdout: large.slice(16_000),
      holdoutSeed: 1,
      synthetic: copies,
      syntheticTotal: copies.length,
      exactCopies: countExactCopies(columns, train, copies),
      seed: 1,
      random: seededRandom(2),
      synthesizer: {},
      guardRun: 8,
    });
    expect(result.privacy.dcr!.realRows).toBe(16_000);
    expect(result.privacy.dcr!.medianSyntheticToReal).toBe(0);
    expect(result.privacy.dcr!.baselineProtection).toBe(0);
    expect(result.privacy.dcr!.closerThanRealShare).toBe(1);
  });
});
