/**
 * The classifier of the utility score (TSTR / TRTR, Esteban et al. 2017 "Real-valued (medical) time
 * series generation with recurrent conditional GANs"; SDMetrics' ML-efficacy family): a naive Bayes
 * predicting the label from every data field, each feature's likelihood by its type:
 *   - numeric and date: Gaussian per class (mean, variance + 1e-9 × the feature's overall variance:
 *     scikit-learn's GaussianNB `var_smoothing`, but per feature, since one scale for all lets a date in
 *     milliseconds (variance ~1e20) swamp every other feature);
 *   - categorical and boolean: categorical per class with Laplace smoothing α = 1 (CategoricalNB);
 *   - text: multinomial over lower-cased word counts with α = 1 (McCallum & Nigam 1998; MultinomialNB).
 * Class priors are the training frequencies with α = 1, so a class the training set lacks can still be
 * predicted. Missing feature values are skipped (they add no evidence). Scored by accuracy.
 */
import { tokens } from './verbatim-guard.js';
import type { Cell, ColumnSpec, Row } from './table.js';
import { cellKind } from './table.js';

export const CLASSIFIER_DESCRIPTION =
  "naive Bayes: Gaussian likelihood per class for numeric and date fields (variance smoothing 1e-9 × each feature's own variance), " +
  'categorical with Laplace α=1 for categorical and boolean fields, multinomial with Laplace α=1 over lower-cased ' +
  'whitespace tokens for text fields; class priors with Laplace α=1; missing values skipped; scored by accuracy on the real holdout';

type Feature =
  | { kind: 'number'; index: number; mean: Float64Array; variance: Float64Array }
  | { kind: 'category'; index: number; logP: Map<string, Float64Array>; logUnseen: Float64Array }
  | { kind: 'text'; index: number; logP: Map<string, Float64Array>; logUnseen: Float64Array };

export interface NaiveBayes {
  classes: string[];
  logPrior: Float64Array;
  features: Feature[];
}

function countsByClass(rows: readonly Row[], index: number, labels: readonly number[], k: number, split: (cell: Cell) => string[]) {
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(k);
  rows.forEach((row, r) => {
    const cell = row[index] ?? null;
    if (cell === null) return;
    for (const value of split(cell)) {
      let perClass = counts.get(value);
      if (!perClass) counts.set(value, (perClass = new Float64Array(k)));
      perClass[labels[r]!]!++;
      totals[labels[r]!]!++;
    }
  });
  const vocabulary = counts.size + 1; // +1: the bucket of values training never saw
  const logP = new Map<string, Float64Array>();
  for (const [value, perClass] of counts) {
    logP.set(
      value,
      perClass.map((count, c) => Math.log((count + 1) / (totals[c]! + vocabulary))),
    );
  }
  const logUnseen = totals.map((total) => Math.log(1 / (total + vocabulary)));
  return { logP, logUnseen };
}

/** Trains on `rows` whose label is in column `labelIndex`; features are the columns of role `field`. */
export function trainNaiveBayes(rows: readonly Row[], columns: readonly ColumnSpec[], labelIndex: number): NaiveBayes {
  const classes = [...new Set(rows.map((row) => row[labelIndex]).filter((cell): cell is string => typeof cell === 'string'))].sort();
  const classOf = new Map(classes.map((name, c) => [name, c]));
  const kept = rows.filter((row) => typeof row[labelIndex] === 'string');
  const labels = kept.map((row) => classOf.get(row[labelIndex] as string)!);
  const k = classes.length;
  const classCounts = new Float64Array(k);
  for (const c of labels) classCounts[c]!++;
  const logPrior = classCounts.map((count) => Math.log((count + 1) / (kept.length + k)));
  const features: Feature[] = [];
  columns.forEach((column, index) => {
    if (column.role !== 'field') return;
    const kind = cellKind(column.type);
    if (kind === 'number') {
      // Two passes, the squares taken about the means: a date in milliseconds (~1.7e12) squared
      // leaves E[x²] − mean² with no digits of an hour's variance.
      const sum = new Float64Array(k);
      const n = new Float64Array(k);
      kept.forEach((row, r) => {
        const value = row[index];
        if (typeof value !== 'number') return;
        sum[labels[r]!]! += value;
        n[labels[r]!]!++;
      });
      const mean = sum.map((s, c) => (n[c]! > 0 ? s / n[c]! : 0));
      const all = n.reduce((a, b) => a + b, 0);
      const overallMean = all > 0 ? sum.reduce((a, b) => a + b, 0) / all : 0;
      const squares = new Float64Array(k);
      let overallSquares = 0;
      kept.forEach((row, r) => {
        const value = row[index];
        if (typeof value !== 'number') return;
        squares[labels[r]!]! += (value - mean[labels[r]!]!) ** 2;
        overallSquares += (value - overallMean) ** 2;
      });
      const variance = squares.map((s, c) => (n[c]! > 0 ? s / n[c]! : 0));
      // A constant feature still needs a positive variance: 1e-9 of the feature's own variance, or 1e-9.
      const smoothing = 1e-9 * Math.max(all > 0 ? overallSquares / all : 0, 1);
      features.push({ kind, index, mean, variance: variance.map((v) => v + smoothing) });
    } else {
      const split = kind === 'text' ? (cell: Cell) => tokens(String(cell)) : (cell: Cell) => [String(cell)];
      features.push({ kind, index, ...countsByClass(kept, index, labels, k, split) });
    }
  });
  return { classes, logPrior, features };
}

export function predict(model: NaiveBayes, row: Row): string | undefined {
  const k = model.classes.length;
  if (k === 0) return undefined;
  const score = Float64Array.from(model.logPrior);
  for (const feature of model.features) {
    const cell = row[feature.index] ?? null;
    if (cell === null) continue;
    if (feature.kind === 'number') {
      if (typeof cell !== 'number') continue;
      for (let c = 0; c < k; c++) {
        const variance = feature.variance[c]!;
        score[c]! += -0.5 * Math.log(2 * Math.PI * variance) - (cell - feature.mean[c]!) ** 2 / (2 * variance);
      }
    } else {
      const values = feature.kind === 'text' ? tokens(String(cell)) : [String(cell)];
      for (const value of values) {
        const logP = feature.logP.get(value) ?? feature.logUnseen;
        for (let c = 0; c < k; c++) score[c]! += logP[c]!;
      }
    }
  }
  let best = 0;
  for (let c = 1; c < k; c++) if (score[c]! > score[best]!) best = c;
  return model.classes[best];
}

/** Share of `rows` whose label the model predicts (NaN for no labelled row). */
export function accuracy(model: NaiveBayes, rows: readonly Row[], labelIndex: number): number {
  let right = 0;
  let total = 0;
  for (const row of rows) {
    const label = row[labelIndex];
    if (typeof label !== 'string') continue;
    total++;
    if (predict(model, row) === label) right++;
  }
  return total ? right / total : Number.NaN;
}
