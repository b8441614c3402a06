/**
 * SDMetrics' column-pair quality metrics (sdmetrics/column_pairs/statistical/):
 *   CorrelationSimilarity = 1 − |ρ_real − ρ_syn| / 2, ρ Pearson's coefficient over the rows where both
 *   values are present;
 *   ContingencySimilarity = 1 − ½ Σ_(a,b) |P_real(a,b) − P_syn(a,b)|, the total variation between the
 *   two normalised contingency tables. A numeric (or date) column enters it discretised into 10
 *   equal-width bins over the real data's range (SDMetrics' `num_discrete_bins=10`, pandas.cut); a
 *   synthetic value outside that range falls in no bin and counts as missing, as pandas.cut leaves it.
 */
import { totalVariation } from './single-column-metrics.js';
import type { Cell } from './table.js';

export const CONTINGENCY_BINS = 10;

/** Pearson's r over the pairs where both values are numbers (NaN when undefined: fewer than 2 pairs, or a constant column). */
export function pearson(x: readonly Cell[], y: readonly Cell[]): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (typeof a !== 'number' || typeof b !== 'number') continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return Number.NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (typeof a !== 'number' || typeof b !== 'number') continue;
    sxx += (a - mx) ** 2;
    syy += (b - my) ** 2;
    sxy += (a - mx) * (b - my);
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

export function correlationSimilarity(
  realX: readonly Cell[],
  realY: readonly Cell[],
  synX: readonly Cell[],
  synY: readonly Cell[],
): number {
  return 1 - Math.abs(pearson(realX, realY) - pearson(synX, synY)) / 2;
}

/** Equal-width bin edges over the real values' range (one bin when the range is a point). */
export function binEdges(real: readonly Cell[], bins = CONTINGENCY_BINS): { min: number; max: number; bins: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of real) {
    if (typeof value !== 'number') continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (min === Infinity) return null;
  return { min, max, bins: max > min ? bins : 1 };
}

/** The bin index of each value as a category key; missing and out-of-range values become null. */
export function discretise(values: readonly Cell[], edges: ReturnType<typeof binEdges>): Cell[] {
  return values.map((value) => {
    if (typeof value !== 'number' || edges === null || value < edges.min || value > edges.max) return null;
    if (edges.bins === 1) return '0';
    return String(Math.min(Math.floor(((value - edges.min) / (edges.max - edges.min)) * edges.bins), edges.bins - 1));
  });
}

function jointCounts(a: readonly Cell[], b: readonly Cell[]): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (let i = 0; i < a.length; i++) {
    const key = JSON.stringify([a[i] ?? null, b[i] ?? null]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Contingency similarity of two already categorical (or discretised) column pairs. */
export function contingencySimilarity(
  realA: readonly Cell[],
  realB: readonly Cell[],
  synA: readonly Cell[],
  synB: readonly Cell[],
): number {
  return 1 - totalVariation(jointCounts(realA, realB), jointCounts(synA, synB));
}
