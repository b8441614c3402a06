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
    const unseen = [...new Set(goldAnswers.values())].filter((label) => !classIndex.has(label)).sort(compareLabels);
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
  };
}

/** Index of the largest entry of each posterior row; the lower class index wins a tie. */
export function argmaxRows(posterior: Float64Array, classCount: number): Int32Array {
  const rows = posterior.length / classCount;
  const best = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * classCount;
    let top = 0;
    for (let k = 1; k < classCount; k++) if (posterior[base + k]! > posterior[base + top]!) top = k;
    best[i] = top;
  }
  return best;
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
 * from the row's maximum so that large scores do not overflow; gold rows become one-hot.
 */
export function posteriorFromLogScores(crowd: CrowdLabels, scores: Float64Array): void {
  const k = crowd.classes.length;
  for (let i = 0; i < crowd.items.length; i++) {
    if (crowd.gold[i] !== NO_GOLD) continue;
    const base = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[base + c]!);
    let total = 0;
    for (let c = 0; c < k; c++) {
      const p = Math.exp(scores[base + c]! - max);
      scores[base + c] = p;
      total += p;
    }
    for (let c = 0; c < k; c++) scores[base + c] = scores[base + c]! / total;
  }
  pinGold(crowd, scores);
}

export interface EmOptions {
  /** Posterior to start the first M-step from (items × classes), e.g. a majority vote. Not modified. */
  initial: Float64Array;
  maxIterations: number;
  /** Stop once no posterior entry moved by more than this in an iteration. */
  tolerance: number;
}

/**
 * The EM loop of the model-based methods: from `initial` (gold rows one-hot), fit the model to the
 * posterior (`mStep`), write each item's log scores under it (`eStep`, into a zeroed array), turn them
 * into the next posterior, until no entry moves by more than `tolerance`.
 */
export function expectationMaximization(
  crowd: CrowdLabels,
  options: EmOptions,
  mStep: (posterior: Float64Array) => void,
  eStep: (logScores: Float64Array) => void,
): { posterior: Float64Array; iterations: number } {
  let posterior = options.initial.slice();
  pinGold(crowd, posterior);
  let next = new Float64Array(posterior.length);
  let iterations = 0;
  while (iterations < options.maxIterations) {
    mStep(posterior);
    next.fill(0);
    eStep(next);
    posteriorFromLogScores(crowd, next);
    iterations++;
    let change = 0;
    for (let j = 0; j < posterior.length; j++) change = Math.max(change, Math.abs(next[j]! - posterior[j]!));
    [posterior, next] = [next, posterior];
    if (change < options.tolerance) break;
  }
  return { posterior, iterations };
}

/** Share of each worker's votes that match `labels` (one class per item). */
export function agreementWith(crowd: CrowdLabels, labels: Int32Array): Float64Array {
  const agreed = new Float64Array(crowd.workers.length);
  for (let v = 0; v < crowd.itemIdx.length; v++) {
    if (crowd.labelIdx[v] === labels[crowd.itemIdx[v]!]) agreed[crowd.workerIdx[v]!]!++;
  }
  for (let w = 0; w < agreed.length; w++) agreed[w] = agreed[w]! / crowd.votesPerWorker[w]!;
  return agreed;
}
