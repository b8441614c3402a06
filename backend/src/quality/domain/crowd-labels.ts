/**
 * The shape every aggregation method works on: encoded votes plus the gold answers as class
 * indexes, and posteriors as flat `items × classes` Float64Arrays.
 */
import { checkEncodedVotes, compareLabels, encodeVotes, type EncodedVotes, type Vote } from './votes.js';

export const NO_GOLD = -1;

export interface CrowdLabels {
  items: readonly string[];
  workers: readonly string[];
  /** The classes: the voted labels, then gold answers nobody voted for (in `compareLabels` order). */
  classes: readonly string[];
  itemIdx: Int32Array;
  workerIdx: Int32Array;
  labelIdx: Int32Array;
  /** Gold class per item, NO_GOLD when the item has none. */
  gold: Int32Array;
  votesPerItem: Int32Array;
  votesPerWorker: Int32Array;
  /** Per item, a seeded hash of its name: which of several tied classes it gets (see `argmaxRows`). */
  tieKeys: Uint32Array;
}

export function isEncodedVotes(votes: readonly Vote[] | EncodedVotes): votes is EncodedVotes {
  return !Array.isArray(votes);
}

export function prepareCrowdLabels(input: readonly Vote[] | EncodedVotes, goldAnswers?: ReadonlyMap<string, string>): CrowdLabels {
  let votes: EncodedVotes;
  if (isEncodedVotes(input)) {
    checkEncodedVotes(input);
    votes = input;
  } else {
    votes = encodeVotes(input);
  }
  const classIndex = new Map(votes.labels.map((label, k) => [label, k]));
  const classes = [...votes.labels];
  const gold = new Int32Array(votes.items.length).fill(NO_GOLD);
  if (goldAnswers !== undefined && goldAnswers.size > 0) {
    // Gold of an item nobody voted on tells nothing about these votes: its label is no class here (a
    // class almost no item takes, added by a stray line, would draw items to it in a method without a
    // class prior).
    const answers = new Set(votes.items.map((item) => goldAnswers.get(item)).filter((label) => label !== undefined));
    const unseen = [...answers].filter((label) => !classIndex.has(label)).sort(compareLabels);
    for (const label of unseen) {
      classIndex.set(label, classes.length);
      classes.push(label);
    }
    votes.items.forEach((item, i) => {
      const answer = goldAnswers.get(item);
      if (answer !== undefined) gold[i] = classIndex.get(answer)!;
    });
  }
  const votesPerItem = new Int32Array(votes.items.length);
  const votesPerWorker = new Int32Array(votes.workers.length);
  for (let v = 0; v < votes.itemIdx.length; v++) {
    votesPerItem[votes.itemIdx[v]!]!++;
    votesPerWorker[votes.workerIdx[v]!]!++;
  }
  return {
    items: votes.items,
    workers: votes.workers,
    classes,
    itemIdx: votes.itemIdx,
    workerIdx: votes.workerIdx,
    labelIdx: votes.labelIdx,
    gold,
    votesPerItem,
    votesPerWorker,
    tieKeys: Uint32Array.from(votes.items, tieKey),
  };
}

const TIE_SEED = 0x9e3779b9;
/** Posterior entries closer than this (relative) count as tied. */
const TIE_TOLERANCE = 1e-12;

/** FNV-1a of the item's name, seeded and finished with a murmur3 mix. */
export function tieKey(item: string): number {
  let hash = TIE_SEED ^ 0x811c9dc5;
  for (let j = 0; j < item.length; j++) hash = Math.imul(hash ^ item.charCodeAt(j), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * Index of the largest entry of each posterior row. Classes tied with it (within TIE_TOLERANCE)
 * share the row: the item's tie key picks one of them (`key mod tied`), so the same item gets
 * the same class on every run and in every input order, but no label is favoured across items.
 * Without keys the lower class index wins.
 */
export function argmaxRows(posterior: Float64Array, classCount: number, tieKeys?: Uint32Array): Int32Array {
  const rows = posterior.length / classCount;
  const best = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * classCount;
    let top = 0;
    for (let k = 1; k < classCount; k++) if (posterior[base + k]! > posterior[base + top]!) top = k;
    if (tieKeys !== undefined) {
      const floor = posterior[base + top]! * (1 - TIE_TOLERANCE);
      let tied = 0;
      for (let k = 0; k < classCount; k++) if (posterior[base + k]! >= floor) tied++;
      if (tied > 1) {
        let pick = tieKeys[i]! % tied;
        for (let k = 0; k < classCount; k++) {
          if (posterior[base + k]! < floor) continue;
          if (pick-- === 0) {
            top = k;
            break;
          }
        }
      }
    }
    best[i] = top;
  }
  return best;
}

/**
 * The same crowd with only the votes where `keep[v]` is 1, and `gold` in place of its gold
 * answers (items, workers and classes keep their indexes).
 */
export function subsetCrowd(crowd: CrowdLabels, keep: Uint8Array, gold: Int32Array = crowd.gold): CrowdLabels {
  let count = 0;
  for (let v = 0; v < keep.length; v++) count += keep[v]!;
  const itemIdx = new Int32Array(count);
  const workerIdx = new Int32Array(count);
  const labelIdx = new Int32Array(count);
  const votesPerItem = new Int32Array(crowd.items.length);
  const votesPerWorker = new Int32Array(crowd.workers.length);
  let next = 0;
  for (let v = 0; v < keep.length; v++) {
    if (keep[v] === 0) continue;
    itemIdx[next] = crowd.itemIdx[v]!;
    workerIdx[next] = crowd.workerIdx[v]!;
    labelIdx[next] = crowd.labelIdx[v]!;
    votesPerItem[itemIdx[next]!]!++;
    votesPerWorker[workerIdx[next]!]!++;
    next++;
  }
  return { ...crowd, itemIdx, workerIdx, labelIdx, gold, votesPerItem, votesPerWorker };
}

/** Overwrites the rows of gold items with a one-hot on the gold class. */
export function pinGold(crowd: CrowdLabels, posterior: Float64Array): void {
  const k = crowd.classes.length;
  for (let i = 0; i < crowd.gold.length; i++) {
    const answer = crowd.gold[i]!;
    if (answer === NO_GOLD) continue;
    posterior.fill(0, i * k, (i + 1) * k);
    posterior[i * k + answer] = 1;
  }
}

/**
 * Turns per-item log scores (items × classes) into posteriors in place: a softmax per row, computed
 * from the row's maximum so that large scores do not overflow; gold rows become one-hot. Answers
 * the log-likelihood of the votes (and gold answers): sum over items of log sum_c exp(score), the
 * gold class's score alone on a gold item.
 */
export function posteriorFromLogScores(crowd: CrowdLabels, scores: Float64Array): number {
  const k = crowd.classes.length;
  let logLikelihood = 0;
  for (let i = 0; i < crowd.items.length; i++) {
    const base = i * k;
    if (crowd.gold[i] !== NO_GOLD) {
      logLikelihood += scores[base + crowd.gold[i]!]!;
      continue;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[base + c]!);
    let total = 0;
    for (let c = 0; c < k; c++) {
      const p = Math.exp(scores[base + c]! - max);
      scores[base + c] = p;
      total += p;
    }
    for (let c = 0; c < k; c++) scores[base + c] = scores[base + c]! / total;
    logLikelihood += max + Math.log(total);
  }
  pinGold(crowd, scores);
  return logLikelihood;
}

export interface EmOptions {
  /** Posterior to start the first M-step from (items × classes), e.g. a majority vote. Not modified. */
  initial: Float64Array;
  maxIterations: number;
  /** Stop once the log-likelihood moved by less than this per vote in an iteration. */
  tolerance: number;
}

/**
 * The EM loop of the model-based methods: from `initial` (gold rows one-hot), fit the model to the
 * posterior (`mStep`), write each item's log scores under it (`eStep`, into a zeroed array), turn them
 * into the next posterior, until the log-likelihood changes by less than `tolerance` per vote
 * (or `maxIterations`).
 */
export function expectationMaximization(
  crowd: CrowdLabels,
  options: EmOptions,
  mStep: (posterior: Float64Array) => void,
  eStep: (logScores: Float64Array) => void,
): { posterior: Float64Array; iterations: number; logLikelihood: number } {
  let posterior = options.initial.slice();
  pinGold(crowd, posterior);
  let next = new Float64Array(posterior.length);
  let iterations = 0;
  let logLikelihood = -Infinity;
  const threshold = options.tolerance * Math.max(1, crowd.itemIdx.length);
  while (iterations < options.maxIterations) {
    mStep(posterior);
    next.fill(0);
    eStep(next);
    const previous = logLikelihood;
    logLikelihood = posteriorFromLogScores(crowd, next);
    iterations++;
    [posterior, next] = [next, posterior];
    if (Math.abs(logLikelihood - previous) < threshold) break;
  }
  return { posterior, iterations, logLikelihood };
}

/** Share of each worker's votes that match `labels` (one class per item); 0 for a worker without votes. */
export function agreementWith(crowd: CrowdLabels, labels: Int32Array): Float64Array {
  const agreed = new Float64Array(crowd.workers.length);
  for (let v = 0; v < crowd.itemIdx.length; v++) {
    if (crowd.labelIdx[v] === labels[crowd.itemIdx[v]!]) agreed[crowd.workerIdx[v]!]!++;
  }
  for (let w = 0; w < agreed.length; w++) agreed[w] = crowd.votesPerWorker[w]! === 0 ? 0 : agreed[w]! / crowd.votesPerWorker[w]!;
  return agreed;
}
