/**
 * Inter-annotator agreement on nominal labels (classification answers, or one class of a multi-label
 * project). Pure: worker and item ids are opaque strings, labels are compared for equality only.
 *
 * Every function expects at most one vote per (item, worker): a worker who relabels an item must be
 * reduced to one answer by the caller, because which answer counts is a product decision, not a
 * statistical one. A repeated (item, worker) pair throws QUALITY_VOTES_INVALID.
 */
import { QualityError, QualityErrorCode } from './quality-error.js';
import type { Vote } from './votes.js';

export interface PairAgreement {
  /** The two workers, `a < b` in code-unit order. */
  a: string;
  b: string;
  /** Items both labeled. */
  common: number;
  /** Share of the common items on which they gave the same label, in [0, 1]. */
  agreement: number;
}

export interface WorkerAgreement {
  worker: string;
  /** Unweighted mean of the worker's pair agreements: every partner counts once, however many items they share. */
  meanAgreement: number;
  /** Number of partners, always >= 1. */
  pairs: number;
}

export interface PairwiseAgreement {
  /** Sorted by `a`, then `b`. */
  pairs: PairAgreement[];
  /** Sorted by worker; workers who share no item with anyone are left out. */
  workers: WorkerAgreement[];
}

/** Code-unit order: unlike localeCompare, it does not depend on the server's locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** item -> worker -> label, throwing on a second vote for the same (item, worker). */
function byItem(votes: readonly Vote[]): Map<string, Map<string, string>> {
  const items = new Map<string, Map<string, string>>();
  for (const { item, worker, label } of votes) {
    let labels = items.get(item);
    if (!labels) {
      labels = new Map();
      items.set(item, labels);
    }
    if (labels.has(worker)) throw new QualityError(QualityErrorCode.VOTES_INVALID, `worker "${worker}" voted twice on item "${item}"`);
    labels.set(worker, label);
  }
  return items;
}

/**
 * What both coefficients need from the pairable items (those with >= 2 votes), summed with integers
 * only, so the result is bit-identical however the votes are ordered or named:
 * for each vote count m, the sum over items with m votes of sum_c n_uc^2, and how many such items;
 * and over all of them, how many votes each label got.
 */
interface PairableTallies {
  /** m -> { items: number of items with m votes, squares: sum over them of sum_c n_uc^2 } */
  bySize: Map<number, { items: number; squares: number }>;
  /** label -> votes on pairable items */
  totals: Map<string, number>;
  /** Votes on pairable items. */
  n: number;
}

function pairableTallies(votes: readonly Vote[]): PairableTallies {
  const tallies = new AlphaTallies();
  for (const labels of byItem(votes).values()) tallies.addItem(labels.values());
  return tallies;
}

/**
 * The pairable tallies, added to one item at a time: what a caller that streams items (a dataset
 * version read in pages) keeps instead of every vote. `nominalAlpha()` equals `krippendorffAlpha`
 * over the same votes.
 */
export class AlphaTallies implements PairableTallies {
  readonly bySize = new Map<number, { items: number; squares: number }>();
  readonly totals = new Map<string, number>();
  n = 0;

  /** One item's labels, one per worker (the caller reduces a worker's repeated labels first). */
  addItem(labels: Iterable<string>): void {
    const counts = new Map<string, number>();
    let m = 0;
    for (const label of labels) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
      m++;
    }
    if (m < 2) return;
    const size = this.bySize.get(m) ?? { items: 0, squares: 0 };
    size.items += 1;
    size.squares += sumOfSquares(counts.values());
    this.bySize.set(m, size);
    for (const [label, count] of counts) this.totals.set(label, (this.totals.get(label) ?? 0) + count);
    this.n += m;
  }

  nominalAlpha(): number {
    return alphaOf(this);
  }
}

/** The tallies' item sizes in increasing order, so that float sums over them are order-independent. */
function sizes(tallies: PairableTallies): Array<[number, { items: number; squares: number }]> {
  return [...tallies.bySize.entries()].sort(([a], [b]) => a - b);
}

function sumOfSquares(counts: Iterable<number>): number {
  let sum = 0;
  for (const count of counts) sum += count * count;
  return sum;
}

/**
 * Krippendorff's alpha for nominal data, with missing values (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability", section C), through the coincidence matrix:
 *
 *   alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k
 *
 * where an item with m_u >= 2 values adds 1 / (m_u - 1) to o_ck for each ordered pair of its values,
 * n_c are the matrix's marginals and n the number of pairable values. Items with a single value carry
 * no information on agreement and are ignored.
 *
 * Returns NaN when alpha is undefined: fewer than 2 pairable values, or every pairable value is the
 * same label (expected disagreement 0; alpha is then 0/0, not 1: data without variation cannot tell
 * reliable coders from coders who always answer the same).
 */
export function krippendorffAlpha(votes: readonly Vote[]): number {
  return alphaOf(pairableTallies(votes));
}

function alphaOf(tallies: PairableTallies): number {
  const { n } = tallies;
  if (n < 2) return NaN;
  const expected = n * n - sumOfSquares(tallies.totals.values()); // sum_{c != k} n_c * n_k
  if (expected === 0) return NaN;
  // An item's ordered pairs with different labels number m^2 - sum_c n_uc^2, each weighing 1 / (m - 1).
  let observed = 0; // sum_{c != k} o_ck
  for (const [m, { items, squares }] of sizes(tallies)) observed += (items * m * m - squares) / (m - 1);
  return 1 - ((n - 1) * observed) / expected;
}

/**
 * Fleiss' kappa. Fleiss (1971) assumes every item has the same number of raters n; here each item
 * uses its own n_i (the usual generalisation for unequal rater counts):
 *
 *   P_i   = (sum_j n_ij^2 - n_i) / (n_i * (n_i - 1))      agreement among item i's raters
 *   P̄     = mean of P_i over the items                     (each item weighs the same)
 *   p_j   = sum_i n_ij / sum_i n_i                          share of all ratings in category j
 *   P̄e    = sum_j p_j^2
 *   kappa = (P̄ - P̄e) / (1 - P̄e)
 *
 * With equal n_i this is exactly Fleiss' formula. Items with n_i < 2 have no P_i and are left out of
 * every term. Returns NaN when no item has 2 ratings, or when all ratings fall in one category
 * (P̄e = 1, kappa is 0/0).
 */
export function fleissKappa(votes: readonly Vote[]): number {
  const tallies = pairableTallies(votes);
  const { n } = tallies;
  if (n === 0) return NaN;
  let agreementSum = 0; // sum_i P_i
  let rated = 0;
  for (const [m, { items, squares }] of sizes(tallies)) {
    agreementSum += (squares - items * m) / (m * (m - 1));
    rated += items;
  }
  const observed = agreementSum / rated;
  const chance = sumOfSquares(tallies.totals.values()) / (n * n);
  if (chance === 1) return NaN;
  return (observed - chance) / (1 - chance);
}

/**
 * Raw agreement between every two workers who labeled at least one common item, and each worker's
 * mean agreement with their partners. Chance is not corrected for: use it to spot a worker who
 * disagrees with everyone, and alpha or kappa for the project's reliability.
 */
export function pairwiseAgreement(votes: readonly Vote[]): PairwiseAgreement {
  const tallies = new Map<string, { a: string; b: string; common: number; same: number }>();
  for (const labels of byItem(votes).values()) {
    const workers = [...labels.keys()].sort(compareIds);
    for (let i = 0; i < workers.length; i++) {
      for (let j = i + 1; j < workers.length; j++) {
        const a = workers[i]!;
        const b = workers[j]!;
        // JSON of the pair cannot collide, whatever characters the ids hold.
        const key = JSON.stringify([a, b]);
        let tally = tallies.get(key);
        if (!tally) {
          tally = { a, b, common: 0, same: 0 };
          tallies.set(key, tally);
        }
        tally.common += 1;
        if (labels.get(a) === labels.get(b)) tally.same += 1;
      }
    }
  }

  const pairs = [...tallies.values()]
    .map(({ a, b, common, same }) => ({ a, b, common, agreement: same / common }))
    .sort((p, q) => compareIds(p.a, q.a) || compareIds(p.b, q.b));

  const perWorker = new Map<string, { sum: number; pairs: number }>();
  for (const pair of pairs) {
    for (const worker of [pair.a, pair.b]) {
      const entry = perWorker.get(worker) ?? { sum: 0, pairs: 0 };
      entry.sum += pair.agreement;
      entry.pairs += 1;
      perWorker.set(worker, entry);
    }
  }
  const workers = [...perWorker.entries()]
    .map(([worker, { sum, pairs }]) => ({ worker, meanAgreement: sum / pairs, pairs }))
    .sort((p, q) => compareIds(p.worker, q.worker));

  return { pairs, workers };
}
