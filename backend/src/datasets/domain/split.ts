/**
 * The seeded stratified split of a version into train / validation / test, as scikit-learn's
 * `train_test_split(stratify=…)` intends (each class keeps the version's proportions), made
 * independent of the order the items are read in: within a class, items are ranked by a seeded
 * hash of their id (MurmurHash3's 32-bit finaliser over the id and the seed), and each split takes
 * its share of the ranks. Each class's counts are the fractions of its size rounded by the largest
 * remainder method (Hamilton), so every class is within one item of its exact share, and the counts
 * add up to the class size. Pure, and compact: ids and strata arrive as typed arrays so that a
 * version of millions of items splits in a few tens of megabytes.
 */
import { SPLITS, type Split } from './dataset-record.js';
import type { LabelResult, ProjectType } from '../../projects/domain/label-schema.js';

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

export const DEFAULT_SPLITS: SplitFractions = { train: 0.8, validation: 0.1, test: 0.1 };

/** The sum of the fractions may miss 1 by this much (decimal input such as 0.7 + 0.2 + 0.1). */
const SUM_TOLERANCE = 1e-6;

/** A problem with the fractions, named by field; undefined when they are fine. */
export function checkFractions(fractions: SplitFractions): { field: string; message: string } | undefined {
  for (const split of SPLITS) {
    const value = fractions[split];
    if (!Number.isFinite(value) || value < 0 || value > 1) return { field: `splits.${split}`, message: 'must be a number within 0..1' };
  }
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > SUM_TOLERANCE) return { field: 'splits', message: `fractions must sum to 1, got ${sum}` };
  return undefined;
}

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit seeded hash of an integer id (two finaliser rounds: the seed and the id both diffuse). */
export function rankOf(id: number, seed: number): number {
  return mix32(mix32(id ^ mix32(seed)) ^ Math.imul(id >>> 0, 0x9e3779b1));
}

/** How many of `n` items each split gets: fractions of n, rounded by largest remainder, ties to the earlier split. */
export function splitCounts(n: number, fractions: SplitFractions): Record<Split, number> {
  const exact = SPLITS.map((s) => n * fractions[s]);
  const counts = exact.map((x) => Math.floor(x + 1e-9));
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = SPLITS.map((_, i) => i).sort((a, b) => exact[b]! - counts[b]! - (exact[a]! - counts[a]!) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  return { train: counts[0]!, validation: counts[1]!, test: counts[2]! };
}

/**
 * Assigns each item a split. `ids[i]` is item i's id (unique), `strata[i]` its class index; answers
 * the split index (0 train, 1 validation, 2 test) of each item, in the input's order.
 */
export function assignSplits(ids: Int32Array, strata: Int32Array, fractions: SplitFractions, seed: number): Uint8Array {
  if (ids.length !== strata.length) throw new RangeError('ids and strata differ in length');
  const n = ids.length;
  const ranks = new Uint32Array(n);
  for (let i = 0; i < n; i++) ranks[i] = rankOf(ids[i]!, seed);
  // Items in (stratum, rank, id) order: the id breaks the rare hash tie, so the order is total.
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => strata[a]! - strata[b]! || ranks[a]! - ranks[b]! || ids[a]! - ids[b]!);
  const result = new Uint8Array(n);
  for (let start = 0; start < n;) {
    let end = start;
    while (end < n && strata[order[end]!] === strata[order[start]!]) end++;
    const counts = splitCounts(end - start, fractions);
    const trainEnd = start + counts.train;
    const validationEnd = trainEnd + counts.validation;
    for (let k = start; k < end; k++) result[order[k]!] = k < trainEnd ? 0 : k < validationEnd ? 1 : 2;
    start = end;
  }
  return result;
}

/**
 * The class an answer is stratified by. Classification: its label. Multi-label: the sorted set of
 * labels (each combination is a stratum, as in label-powerset stratification). Spans and boxes: the
 * sorted set of labels their regions carry (`(none)` for an answer with no region), so images or
 * documents with the same kinds of objects are spread evenly. Free text: one stratum (there is no
 * class to keep in proportion; the split is then a seeded random one).
 */
export function stratumOf(type: ProjectType, answer: LabelResult): string {
  const set = (labels: Iterable<string>): string => {
    const sorted = [...new Set(labels)].sort();
    return sorted.length === 0 ? '(none)' : sorted.join('|');
  };
  switch (type) {
    case 'classification':
      return 'label' in answer ? answer.label : '';
    case 'multilabel':
      return 'labels' in answer ? set(answer.labels) : '';
    case 'spans':
      return 'spans' in answer ? set(answer.spans.map((s) => s.label)) : '';
    case 'boxes':
      return 'boxes' in answer ? set(answer.boxes.map((b) => b.label)) : '';
    case 'text':
      return '';
  }
}
