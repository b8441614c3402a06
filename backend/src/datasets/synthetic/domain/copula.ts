/**
 * A Gaussian copula over mixed columns, as SDV's GaussianCopulaSynthesizer (sdv.single_table.copulas,
 * over copulas.multivariate.GaussianMultivariate) builds it:
 *
 *   fit:    each column -> u in (0,1) by its marginal CDF -> z = Φ⁻¹(u); the model is the Pearson
 *           correlation matrix of the z columns;
 *   sample: z ~ N(0, R) as L·e (L the Cholesky factor of R, e standard normal) -> u = Φ(z) -> back
 *           through each column's inverse marginal.
 *
 * Where we differ from SDV's defaults, and why:
 *   - Numeric (and date) marginals are empirical, not SDV's fitted beta/truncnorm family: u is the
 *     value's mid-rank plotting position (r − ½)/n (Hazen), and the inverse interpolates linearly
 *     between order statistics. It needs no distribution search, reproduces any shape, and keeps values
 *     inside the observed range as SDV's `enforce_min_max_values=True` does. Values are rounded to the
 *     most decimals seen, as `enforce_rounding`.
 *   - Categorical and boolean columns as RDT's UniformEncoder encodes them: each category owns an
 *     interval of [0,1] as wide as its frequency (here ordered most frequent first, ties by name, as
 *     RDT's FrequencyEncoder orders them, so the order is deterministic); a value is fitted as a uniform
 *     draw inside its interval and sampled back by the interval u falls in.
 *   - Missing values: SDV's default `missing_value_generation='random'`: each column keeps its share of
 *     missing values, drawn independently at sampling; in the fit a missing cell scores z = 0, the
 *     mean of the normal scores (RDT replaces missing numbers with the mean before the copula).
 *   - u is clipped to [ε, 1−ε], ε = 2⁻²³ (float32 machine epsilon, copulas' EPSILON), so Φ⁻¹ is finite.
 *   - A correlation matrix that is not positive definite (rounding; a constant column) is repaired by
 *     R' = (R + δI)/(1 + δ) with δ = 1e-10, ×10 until Cholesky succeeds: still a correlation matrix
 *     (unit diagonal), shrunk towards I by the least δ that works. The δ used is kept in the model.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { phi, phiInverse, standardNormal } from './normal.js';
import type { Cell, CellKind, Row } from './table.js';

const EPSILON = 2 ** -23;

export interface NumberMarginal {
  kind: 'number';
  /** Sorted non-missing values of the fitting sample. */
  sorted: Float64Array;
  decimals: number;
  missingShare: number;
}

export interface CategoryMarginal {
  kind: 'category';
  /** Most frequent first; `upper[k]` is the right end of category k's interval (the last is 1). */
  categories: string[];
  upper: Float64Array;
  missingShare: number;
}

export type Marginal = NumberMarginal | CategoryMarginal;

export interface GaussianCopula {
  marginals: Marginal[];
  correlation: number[][];
  /** Lower-triangular Cholesky factor of the (repaired) correlation matrix. */
  cholesky: number[][];
  /** δ added to the diagonal to make the matrix positive definite (0: none needed). */
  repair: number;
}

function clip(u: number): number {
  return Math.min(Math.max(u, EPSILON), 1 - EPSILON);
}

function decimalsOf(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Math.min(12, Number(exponent[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0));
  return Math.min(12, text.split('.')[1]?.length ?? 0);
}

function fitNumber(values: readonly Cell[]): NumberMarginal {
  const present = values.filter((value): value is number => typeof value === 'number');
  const sorted = Float64Array.from(present).sort();
  let decimals = 0;
  for (const value of present) decimals = Math.max(decimals, decimalsOf(value));
  return { kind: 'number', sorted, decimals, missingShare: values.length ? 1 - present.length / values.length : 0 };
}

function fitCategory(values: readonly Cell[]): CategoryMarginal {
  const counts = new Map<string, number>();
  let present = 0;
  for (const value of values) {
    if (value === null) continue;
    present++;
    counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  }
  const categories = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const upper = new Float64Array(categories.length);
  let cumulative = 0;
  categories.forEach((category, k) => {
    cumulative += counts.get(category)!;
    upper[k] = k === categories.length - 1 ? 1 : cumulative / present;
  });
  return { kind: 'category', categories, upper, missingShare: values.length ? 1 - present / values.length : 0 };
}

/** Number of sorted values below x, and equal to it. */
function rankOf(sorted: Float64Array, x: number): { below: number; equal: number } {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && sorted[end] === x) end++;
  return { below: lo, equal: end - lo };
}

function toUniform(marginal: Marginal, cell: Cell, random: () => number): number | null {
  if (cell === null) return null;
  if (marginal.kind === 'number') {
    const n = marginal.sorted.length;
    const { below, equal } = rankOf(marginal.sorted, cell as number);
    return clip((below + equal / 2) / n);
  }
  const k = marginal.categories.indexOf(String(cell));
  if (k < 0) return null;
  const lower = k === 0 ? 0 : marginal.upper[k - 1]!;
  return clip(lower + random() * (marginal.upper[k]! - lower));
}

function fromUniform(marginal: Marginal, u: number): Cell {
  if (marginal.kind === 'number') {
    const { sorted, decimals } = marginal;
    if (sorted.length === 0) return null;
    const position = Math.min(Math.max(u * sorted.length - 0.5, 0), sorted.length - 1);
    const i = Math.floor(position);
    const upper = sorted[Math.min(i + 1, sorted.length - 1)]!;
    const value = sorted[i]! + (position - i) * (upper - sorted[i]!);
    const scale = 10 ** decimals;
    return Math.round(value * scale) / scale;
  }
  const { categories, upper } = marginal;
  if (categories.length === 0) return null;
  let lo = 0;
  let hi = categories.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < upper[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return categories[lo]!;
}

/** Pearson correlation matrix of the columns of `scores` (n × d); a constant column correlates 0 with the rest. */
export function correlationMatrix(scores: readonly Float64Array[], d: number): number[][] {
  const n = scores.length;
  const mean = new Float64Array(d);
  for (const row of scores) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
  const cov = Array.from({ length: d }, () => new Float64Array(d));
  for (const row of scores) {
    for (let i = 0; i < d; i++) {
      const a = row[i]! - mean[i]!;
      for (let j = i; j < d; j++) cov[i]![j]! += a * (row[j]! - mean[j]!);
    }
  }
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      if (i === j) return 1;
      const [a, b] = i < j ? [i, j] : [j, i];
      const denominator = Math.sqrt(cov[a]![a]! * cov[b]![b]!);
      return denominator > 0 ? Math.max(-1, Math.min(1, cov[a]![b]! / denominator)) : 0;
    }),
  );
}

/** The Cholesky factor of R, repaired towards I as the file header says when R is not positive definite. */
export function choleskyWithRepair(correlation: number[][]): { cholesky: number[][]; repair: number } {
  const d = correlation.length;
  if (d === 0) return { cholesky: [], repair: 0 };
  let delta = 0;
  for (;;) {
    const matrix = new Matrix(correlation.map((row, i) => row.map((value, j) => (value + (i === j ? delta : 0)) / (1 + delta))));
    const decomposition = new CholeskyDecomposition(matrix);
    if (decomposition.isPositiveDefinite()) return { cholesky: decomposition.lowerTriangularMatrix.to2DArray(), repair: delta };
    delta = delta === 0 ? 1e-10 : delta * 10;
  }
}

/** Fits the copula to the `kinds` columns of `rows` (text columns are not part of it: pass only number and category ones). */
export function fitGaussianCopula(rows: readonly Row[], kinds: readonly Exclude<CellKind, 'text'>[], random: () => number): GaussianCopula {
  const d = kinds.length;
  const marginals: Marginal[] = kinds.map((kind, j) => {
    const values = rows.map((row) => row[j] ?? null);
    return kind === 'number' ? fitNumber(values) : fitCategory(values);
  });
  const scores = rows.map((row) => {
    const z = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const u = toUniform(marginals[j]!, row[j] ?? null, random);
      z[j] = u === null ? 0 : phiInverse(u);
    }
    return z;
  });
  const correlation = correlationMatrix(scores, d);
  return { marginals, correlation, ...choleskyWithRepair(correlation) };
}

/** A sampler of rows (cells in the fitted columns' order); the same `random` stream gives the same rows. */
export function copulaSampler(model: GaussianCopula, random: () => number): () => Row {
  const d = model.marginals.length;
  const normal = standardNormal(random);
  const e = new Float64Array(d);
  return () => {
    for (let j = 0; j < d; j++) e[j] = normal();
    const row: Row = new Array<Cell>(d);
    for (let i = 0; i < d; i++) {
      const li = model.cholesky[i]!;
      let z = 0;
      for (let j = 0; j <= i; j++) z += li[j]! * e[j]!;
      const marginal = model.marginals[i]!;
      const missing = random() < marginal.missingShare;
      row[i] = missing ? null : fromUniform(marginal, clip(phi(z)));
    }
    return row;
  };
}
