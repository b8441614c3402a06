/**
 * The report of a synthetic version, in SDMetrics' terms (QualityReport: "Column Shapes", "Column Pair
 * Trends", their mean as the overall score), with a utility score and privacy measures:
 *   - column shapes: KSComplement for numeric and date columns, TVComplement for categorical and
 *     boolean ones and the label; a text column by KSComplement over its texts' token counts;
 *   - column pair trends over every pair of non-text columns (label included): CorrelationSimilarity
 *     when both are numeric or date, ContingencySimilarity otherwise (numbers in 10 bins);
 *   - overall = mean of the two scores (the one present when a version has no pair);
 *   - utility = accuracy(train on synthetic, test on real holdout) / accuracy(train on real, test on the
 *     same holdout), at most 1, the classifier written in `utility.classifier`;
 *   - privacy: exact copies (synthetic rows equal to a source row, over every synthetic row), DCR
 *     (see dcr.ts; a sample of the synthetic rows against every real row the synthesizer saw) with the
 *     share of synthetic rows closer to a real row than the median real row is to its nearest other
 *     real row, DCRBaselineProtection, and for text columns the longest run of tokens
 *     a synthetic text shares with a source text.
 * Scores are computed on bounded seeded samples of the synthetic rows, whose sizes the report states.
 */
import type { FieldType } from '../../../datasets/domain/dataset-record.js';
import { binEdges, contingencySimilarity, correlationSimilarity, discretise, pearson } from './column-pair-metrics.js';
import { dcrBaselineProtection, distanceColumns, distancesToClosest, median, randomBaselineRows, shareCloserThan } from './dcr.js';
import type { SourceRuns } from './longest-shared-run.js';
import { accuracy, CLASSIFIER_DESCRIPTION, trainNaiveBayes } from './naive-bayes.js';
import { ksComplement, tvComplement } from './single-column-metrics.js';
import { cellKind, columnOf, rowKey, type Cell, type ColumnSpec, type Row } from './table.js';
import { tokens } from './verbatim-guard.js';

export interface ColumnShape {
  column: string;
  type: FieldType;
  metric: 'KSComplement' | 'TVComplement';
  /** What is compared: the values, or (text) each text's number of tokens. */
  over: 'values' | 'token count';
  score: number | null;
}

export interface ColumnPairTrend {
  columns: [string, string];
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: number | null;
  /** CorrelationSimilarity only: Pearson's r in each. */
  realCorrelation?: number | null;
  syntheticCorrelation?: number | null;
}

export interface DcrReport {
  /** Columns compared (text columns are not: their privacy is the shared-run measure). */
  columns: string[];
  syntheticRows: number;
  realRows: number;
  medianSyntheticToReal: number | null;
  /** Median distance of a real row to its nearest other real row. */
  medianRealToReal: number | null;
  medianRandomToReal: number | null;
  /**
   * Share of synthetic rows whose DCR is below medianRealToReal, a tie counting ½ (about ½ when they sit as
   * close as real rows do; ½ for copies of real rows that are themselves duplicated).
   */
  closerThanRealShare: number | null;
  /** DCRBaselineProtection: min(median synthetic DCR / median random DCR, 1); 1 best. */
  baselineProtection: number | null;
}

export interface TextRunReport {
  column: string;
  /** Tokens in the longest run any sampled synthetic text shares with a sampled source text. */
  longestSharedRun: number;
  syntheticTexts: number;
  sourceTexts: number;
  sourceTokens: number;
  meanLongestSharedRun: number | null;
  /** The verbatim guard's bound: no emitted text shares a run this long. */
  guardRun: number;
}

export interface UtilityReport {
  classifier: string;
  metric: 'accuracy';
  trainOnSynthetic: number | null;
  trainOnReal: number | null;
  /** min(trainOnSynthetic / trainOnReal, 1). */
  score: number | null;
  holdout: { seed: number; rows: number; trainRows: number; syntheticRows: number };
}

export interface SyntheticReport {
  kind: 'tabular' | 'text';
  rows: number;
  seed: number;
  synthesizer: Record<string, string | number>;
  /** Real rows the synthesizer was fitted on and the report compares with; synthetic rows sampled for it. */
  samples: { realRows: number; syntheticRows: number };
  scores: { columnShapes: number | null; columnPairTrends: number | null; overall: number | null; utility: number | null };
  columnShapes: ColumnShape[];
  columnPairTrends: ColumnPairTrend[];
  utility: UtilityReport | null;
  privacy: { exactCopies: number; exactCopyShare: number; dcr: DcrReport | null; text: TextRunReport[] };
}

export const DCR_SYNTHETIC_ROWS = 1000;
/** Synthetic texts (of the uniform synthetic sample) whose longest shared run is measured. */
export const RUN_SYNTHETIC_TEXTS = 1000;

export interface ReportInput {
  columns: readonly ColumnSpec[];
  labelIndex: number;
  /** The real rows the synthesizer was fitted on (the DCR reference, the TRTR training set). */
  real: readonly Row[];
  /** Real rows the synthesizer never saw (TSTR/TRTR test set). */
  holdout: readonly Row[];
  holdoutSeed: number;
  /** A uniform sample of the synthetic rows. */
  synthetic: readonly Row[];
  syntheticTotal: number;
  exactCopies: number;
  seed: number;
  random: () => number;
  synthesizer: Record<string, string | number>;
  sourceRuns?: ReadonlyMap<string, SourceRuns>;
  guardRun: number;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function mean(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

function tokenCounts(values: readonly Cell[]): Cell[] {
  return values.map((value) => (value === null ? null : tokens(String(value)).length));
}

function seededSample<T>(items: readonly T[], size: number, random: () => number): T[] {
  if (items.length <= size) return [...items];
  const copy = [...items];
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, size);
}

export function columnShapes(columns: readonly ColumnSpec[], real: readonly Row[], synthetic: readonly Row[]): ColumnShape[] {
  const out: ColumnShape[] = [];
  columns.forEach((column, index) => {
    if (column.role === 'confidence') return;
    const a = columnOf(real, index);
    const b = columnOf(synthetic, index);
    switch (cellKind(column.type)) {
      case 'number':
        out.push({ column: column.name, type: column.type, metric: 'KSComplement', over: 'values', score: finite(ksComplement(a, b)) });
        break;
      case 'category':
        out.push({ column: column.name, type: column.type, metric: 'TVComplement', over: 'values', score: finite(tvComplement(a, b)) });
        break;
      case 'text':
        out.push({
          column: column.name,
          type: column.type,
          metric: 'KSComplement',
          over: 'token count',
          score: finite(ksComplement(tokenCounts(a), tokenCounts(b))),
        });
        break;
    }
  });
  return out;
}

export function columnPairTrends(columns: readonly ColumnSpec[], real: readonly Row[], synthetic: readonly Row[]): ColumnPairTrend[] {
  const indices = columns.flatMap((column, index) => (column.role !== 'confidence' && column.type !== 'text' ? [index] : []));
  const out: ColumnPairTrend[] = [];
  for (let x = 0; x < indices.length; x++) {
    for (let y = x + 1; y < indices.length; y++) {
      const i = indices[x]!;
      const j = indices[y]!;
      const [ci, cj] = [columns[i]!, columns[j]!];
      const [ri, rj, si, sj] = [columnOf(real, i), columnOf(real, j), columnOf(synthetic, i), columnOf(synthetic, j)];
      if (cellKind(ci.type) === 'number' && cellKind(cj.type) === 'number') {
        const realCorrelation = finite(pearson(ri, rj));
        const syntheticCorrelation = finite(pearson(si, sj));
        out.push({
          columns: [ci.name, cj.name],
          metric: 'CorrelationSimilarity',
          score: finite(correlationSimilarity(ri, rj, si, sj)),
          realCorrelation,
          syntheticCorrelation,
        });
        continue;
      }
      const bin = (column: ColumnSpec, realValues: Cell[], values: Cell[]) =>
        cellKind(column.type) === 'number' ? discretise(values, binEdges(realValues)) : values;
      out.push({
        columns: [ci.name, cj.name],
        metric: 'ContingencySimilarity',
        score: finite(contingencySimilarity(bin(ci, ri, ri), bin(cj, rj, rj), bin(ci, ri, si), bin(cj, rj, sj))),
      });
    }
  }
  return out;
}

export function countExactCopies(columns: readonly ColumnSpec[], real: readonly Row[], synthetic: readonly Row[]): number {
  const keys = new Set(real.map((row) => rowKey(row, columns)));
  return synthetic.filter((row) => keys.has(rowKey(row, columns))).length;
}

function dcrReport(input: ReportInput): DcrReport | null {
  const { columns, real, synthetic, random } = input;
  // Every real row the synthesizer saw (SDMetrics samples the synthetic rows only): a synthetic row
  // copied from a row left out of a sample would look far from the data.
  const reference = real;
  const compared = distanceColumns(columns, reference);
  // Only the label: a distance over one category says nothing of re-identification.
  if (compared.indices.length < 2 || reference.length < 2 || synthetic.length === 0) return null;
  const queries = seededSample(synthetic, DCR_SYNTHETIC_ROWS, random);
  const syntheticDcr = distancesToClosest(queries, reference, compared);
  const realQueries = seededSample(
    reference.map((row, index) => ({ row, index })),
    DCR_SYNTHETIC_ROWS,
    random,
  );
  const realDcr = distancesToClosest(
    realQueries.map(({ row }) => row),
    reference,
    compared,
    Int32Array.from(realQueries, ({ index }) => index),
  );
  const randomRows = randomBaselineRows(reference, compared, columns.length, queries.length, random);
  const randomDcr = distancesToClosest(randomRows, reference, compared);
  const medianRealToReal = median(realDcr);
  return {
    columns: compared.indices.map((index) => columns[index]!.name),
    syntheticRows: queries.length,
    realRows: reference.length,
    medianSyntheticToReal: finite(median(syntheticDcr)),
    medianRealToReal: finite(medianRealToReal),
    medianRandomToReal: finite(median(randomDcr)),
    closerThanRealShare: finite(shareCloserThan(syntheticDcr, medianRealToReal)),
    baselineProtection: finite(dcrBaselineProtection(syntheticDcr, randomDcr)),
  };
}

function utilityReport(input: ReportInput): UtilityReport | null {
  const { columns, labelIndex, real, holdout, synthetic } = input;
  if (holdout.length === 0 || real.length === 0 || synthetic.length === 0) return null;
  const trainOnSynthetic = finite(accuracy(trainNaiveBayes(synthetic, columns, labelIndex), holdout, labelIndex));
  const trainOnReal = finite(accuracy(trainNaiveBayes(real, columns, labelIndex), holdout, labelIndex));
  return {
    classifier: CLASSIFIER_DESCRIPTION,
    metric: 'accuracy',
    trainOnSynthetic,
    trainOnReal,
    // Capped at 1 like the other scores: on a small holdout the synthetic rows' classifier can beat the real rows' by chance.
    score: trainOnSynthetic !== null && trainOnReal ? Math.min(trainOnSynthetic / trainOnReal, 1) : null,
    holdout: { seed: input.holdoutSeed, rows: holdout.length, trainRows: real.length, syntheticRows: synthetic.length },
  };
}

function textRuns(input: ReportInput): TextRunReport[] {
  const out: TextRunReport[] = [];
  input.columns.forEach((column, index) => {
    const runs = input.sourceRuns?.get(column.name);
    if (column.type !== 'text' || !runs) return;
    const texts = input.synthetic.slice(0, RUN_SYNTHETIC_TEXTS).flatMap((row) => (typeof row[index] === 'string' ? [row[index]] : []));
    const lengths = texts.map((text) => runs.longestRun(text));
    out.push({
      column: column.name,
      longestSharedRun: lengths.reduce((a, b) => Math.max(a, b), 0),
      syntheticTexts: texts.length,
      sourceTexts: runs.texts,
      sourceTokens: runs.tokens,
      meanLongestSharedRun: mean(lengths),
      guardRun: input.guardRun,
    });
  });
  return out;
}

export function syntheticReport(input: ReportInput): SyntheticReport {
  const shapes = columnShapes(input.columns, input.real, input.synthetic);
  const pairs = columnPairTrends(input.columns, input.real, input.synthetic);
  const shapeScore = mean(shapes.map((shape) => shape.score));
  const pairScore = mean(pairs.map((pair) => pair.score));
  const utility = utilityReport(input);
  return {
    kind: input.columns.some((column) => column.type === 'text') ? 'text' : 'tabular',
    rows: input.syntheticTotal,
    seed: input.seed,
    synthesizer: input.synthesizer,
    samples: { realRows: input.real.length, syntheticRows: input.synthetic.length },
    scores: {
      columnShapes: shapeScore,
      columnPairTrends: pairScore,
      overall: mean([shapeScore, pairScore]),
      utility: utility?.score ?? null,
    },
    columnShapes: shapes,
    columnPairTrends: pairs,
    utility,
    privacy: {
      exactCopies: input.exactCopies,
      exactCopyShare: input.syntheticTotal ? input.exactCopies / input.syntheticTotal : 0,
      dcr: dcrReport(input),
      text: textRuns(input),
    },
  };
}
