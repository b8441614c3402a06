/**
 * SDMetrics' single-column quality metrics (sdmetrics/single_column/statistical/):
 *   KSComplement = 1 − D, D the two-sample Kolmogorov-Smirnov statistic (the largest gap between the
 *   two empirical CDFs); missing values dropped, datetimes compared as numbers.
 *   TVComplement = 1 − ½ Σ_c |p_syn(c) − p_real(c)| over the real categories, a category only the
 *   synthetic data has entering with a real count of 1e-6 (SDMetrics' `get_frequencies`); missing
 *   values count as one category of their own.
 * Both are 1 for identical distributions and 0 for disjoint ones.
 */
import type { Cell } from './table.js';

function numbers(values: readonly Cell[]): Float64Array {
  return Float64Array.from(values.filter((value): value is number => typeof value === 'number')).sort();
}

/** The two-sample KS statistic of two samples (NaN when either is empty). */
export function ksStatistic(real: readonly Cell[], synthetic: readonly Cell[]): number {
  const a = numbers(real);
  const b = numbers(synthetic);
  if (a.length === 0 || b.length === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    // Step past every copy of the smaller value in both samples before comparing the CDFs.
    const x = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

export function ksComplement(real: readonly Cell[], synthetic: readonly Cell[]): number {
  return 1 - ksStatistic(real, synthetic);
}

function frequencies(values: readonly Cell[]): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const value of values) {
    const key = value === null ? null : String(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ½ Σ |p − q| between two count tables, SDMetrics' regularisation for keys only `synthetic` has. */
export function totalVariation(real: Map<string | null, number>, synthetic: Map<string | null, number>): number {
  const regularised = new Map(real);
  for (const key of synthetic.keys()) if (!regularised.has(key)) regularised.set(key, 1e-6);
  let realTotal = 0;
  for (const count of regularised.values()) realTotal += count;
  let syntheticTotal = 0;
  for (const count of synthetic.values()) syntheticTotal += count;
  if (realTotal === 0 || syntheticTotal === 0) return Number.NaN;
  let sum = 0;
  for (const [key, count] of regularised) sum += Math.abs((synthetic.get(key) ?? 0) / syntheticTotal - count / realTotal);
  return sum / 2;
}

export function tvComplement(real: readonly Cell[], synthetic: readonly Cell[]): number {
  return 1 - totalVariation(frequencies(real), frequencies(synthetic));
}
