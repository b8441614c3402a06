/**
 * Truth inference: from many workers' labels per item, the most likely label, how sure we are,
 * and how reliable each worker is. The quality engine's one entry point; the methods live in
 * `majority-vote.ts`, `wawa.ts`, `dawid-skene.ts` and `minimax-entropy.ts`.
 */
import { argmaxRows, agreementWith, prepareCrowdLabels, type CrowdLabels } from './crowd-labels.js';
import { dawidSkene } from './dawid-skene.js';
import { majorityVotePosterior } from './majority-vote.js';
import { minimaxEntropy } from './minimax-entropy.js';
import { QualityError, QualityErrorCode } from './quality-error.js';
import type { EncodedVotes, Vote } from './votes.js';
import { wawa } from './wawa.js';

export const TRUTH_METHODS = ['mv', 'wawa', 'ds', 'mmce'] as const;
export type TruthMethod = (typeof TRUTH_METHODS)[number];
export type TruthMethodChoice = TruthMethod | 'auto';

export interface TruthInferenceOptions {
  /** Default `auto`: see `pickMethod`. */
  method?: TruthMethodChoice;
  /** Item -> its known answer. Never overturned; Wawa and Dawid-Skene also learn workers from it. */
  gold?: ReadonlyMap<string, string>;
  /** Dawid-Skene and minimax entropy only. Default 100. */
  maxIterations?: number;
  /** Dawid-Skene and minimax entropy only: stop once no posterior entry moves more than this. Default 1e-5. */
  tolerance?: number;
  /** Dawid-Skene only: Dirichlet pseudo-count per confusion cell. Default 0.5. */
  smoothing?: number;
  /** Minimax entropy only: L2 penalty on each item's confusion logits. Default 10. */
  itemPenalty?: number;
  /** Minimax entropy only: L2 penalty on each worker's confusion logits. Default 0.1. */
  workerPenalty?: number;
}

export interface ItemTruth {
  item: string;
  label: string;
  /** The posterior of `label`. */
  confidence: number;
  posterior: Record<string, number>;
}

export interface WorkerQuality {
  worker: string;
  /** mv, wawa: agreement with the aggregate; ds: sum_k prior_k * pi_kk; mmce: mean_k pi_kk of the worker term. */
  accuracy: number;
  /** Votes the worker cast. */
  labeled: number;
}

export interface TruthInference {
  method: TruthMethod;
  /** In the order of `EncodedVotes.items` (first appearance for `Vote[]` input). */
  items: ItemTruth[];
  workers: WorkerQuality[];
  /** Dawid-Skene or minimax-entropy EM iterations; 0 for the one-pass mv and wawa. */
  iterations: number;
}

export const DEFAULT_MAX_ITERATIONS = 100;
export const DEFAULT_TOLERANCE = 1e-5;
/**
 * Dirichlet(1/2), the Jeffreys prior. Picked from a sweep on the crowd-truth benchmarks
 * (bench/quality-bench.ts; accuracy bluebird / rte / web): 0.01 gives 89.81 / 92.75 / 82.17 %,
 * 0.5 gives 89.81 / 92.88 / 84.51 %, 1 gives 88.89 / 93.00 / 85.04 %. Smaller lets a handful of
 * votes from a sparse worker swing an item; larger blurs workers with ~100 labels.
 */
export const DEFAULT_SMOOTHING = 0.5;
/** Above this many classes a full confusion matrix per worker is not worth its K² parameters. */
export const DS_MAX_CLASSES = 20;
/**
 * Gaussian priors of the minimax-entropy model: precision 10 on an item's logits (standard deviation
 * ~0.3: an item may tilt the workers' confusion, not replace it) and 0.1 on a worker's (sd ~3: close to
 * free, like Dawid-Skene's). From the crowd-truth benchmarks (bluebird / rte, accuracy in %, worker
 * penalty 0.1): item penalty 5 gives 92.59 / 92.88, 10 gives 90.74 / 93.00, 20 gives 89.81 / 93.00;
 * worker penalty 0.05 or 0.2 with item penalty 10 gives the same 90.74 / 93.00.
 */
export const DEFAULT_ITEM_PENALTY = 10;
export const DEFAULT_WORKER_PENALTY = 0.1;
/**
 * Minimax entropy costs ~25 µs per vote to converge here (measured: 100k binary votes 2.4 s, against
 * 73 ms for Dawid-Skene), so `auto` spends it only where it is affordable: votes · K² up to this
 * (~1.5 s). Larger sets get Dawid-Skene, whose results differ from it by a fraction of a percent.
 */
export const MMCE_MAX_WORK = 200_000;
/** Minimax entropy: block ascent passes per M-step (one is enough for the fixed point, three get there faster). */
const MMCE_SWEEPS = 3;

export function inferTruth(votes: readonly Vote[] | EncodedVotes, options: TruthInferenceOptions = {}): TruthInference {
  const crowd = prepareCrowdLabels(votes, options.gold);
  const choice = options.method ?? 'auto';
  const method = choice === 'auto' ? pickMethod(crowd) : checkMethod(choice);
  const k = crowd.classes.length;
  switch (method) {
    case 'mv': {
      const posterior = majorityVotePosterior(crowd);
      return present(crowd, method, posterior, agreementWith(crowd, argmaxRows(posterior, k)), 0);
    }
    case 'wawa': {
      const { posterior } = wawa(crowd);
      return present(crowd, method, posterior, agreementWith(crowd, argmaxRows(posterior, k)), 0);
    }
    case 'ds': {
      const result = dawidSkene(crowd, {
        initial: majorityVotePosterior(crowd),
        maxIterations: positiveInteger('maxIterations', options.maxIterations ?? DEFAULT_MAX_ITERATIONS),
        tolerance: nonNegative('tolerance', options.tolerance ?? DEFAULT_TOLERANCE),
        smoothing: positive('smoothing', options.smoothing ?? DEFAULT_SMOOTHING),
      });
      return present(crowd, method, result.posterior, result.accuracy, result.iterations);
    }
    case 'mmce': {
      const result = minimaxEntropy(crowd, {
        initial: majorityVotePosterior(crowd),
        maxIterations: positiveInteger('maxIterations', options.maxIterations ?? DEFAULT_MAX_ITERATIONS),
        tolerance: nonNegative('tolerance', options.tolerance ?? DEFAULT_TOLERANCE),
        itemPenalty: positive('itemPenalty', options.itemPenalty ?? DEFAULT_ITEM_PENALTY),
        workerPenalty: positive('workerPenalty', options.workerPenalty ?? DEFAULT_WORKER_PENALTY),
        sweeps: MMCE_SWEEPS,
      });
      return present(crowd, method, result.posterior, result.accuracy, result.iterations);
    }
  }
}

/**
 * The `auto` rule, one setting for every dataset. It looks at the worker behind a typical vote:
 * m = sum_w n_w² / sum_w n_w is the number of labels of the worker who cast a randomly drawn vote.
 *  - fewer than 2 votes per item: mv (too little overlap to measure any worker; a lone vote is
 *    returned as is by every method);
 *  - m >= 2·K² and K <= DS_MAX_CLASSES: ds. A confusion matrix has K² cells; with 2·K² labels the
 *    typical vote's worker has ~2K labels per row, enough for the smoothed estimate to beat one
 *    agreement rate. Weighting by votes keeps a long tail of one-off workers (who barely move the
 *    result) from vetoing the model that suits the workers who cast most of the labels;
 *    - and if, besides, the items average >= 2·K² votes: mmce, the same test on the item side. Each
 *      item then has enough votes for its own K² confusion cells to be estimated, and an item that
 *      misleads many good workers in the same way stops skewing their matrices (bluebird: ds 89.81 %,
 *      mmce 90.74 %). With fewer votes per item the item term is mostly prior and costs K² parameters
 *      per item for nothing, so ds stays; ds also stays above MMCE_MAX_WORK (time);
 *  - m >= 5: wawa (one agreement rate per worker is still estimable);
 *  - otherwise mv.
 */
function pickMethod(crowd: CrowdLabels): TruthMethod {
  const votes = crowd.itemIdx.length;
  if (votes < 2 * crowd.items.length) return 'mv';
  let squares = 0;
  for (const n of crowd.votesPerWorker) squares += n * n;
  const typicalWorkerLabels = squares / votes;
  const k = crowd.classes.length;
  if (k <= DS_MAX_CLASSES && typicalWorkerLabels >= 2 * k * k)
    return votes >= 2 * k * k * crowd.items.length && votes * k * k <= MMCE_MAX_WORK ? 'mmce' : 'ds';
  if (typicalWorkerLabels >= 5) return 'wawa';
  return 'mv';
}

function present(
  crowd: CrowdLabels,
  method: TruthMethod,
  posterior: Float64Array,
  accuracy: Float64Array,
  iterations: number,
): TruthInference {
  const { classes } = crowd;
  const k = classes.length;
  const best = argmaxRows(posterior, k);
  const items = crowd.items.map((item, i): ItemTruth => {
    const row = posterior.subarray(i * k, (i + 1) * k);
    // fromEntries defines own properties, so a label named "__proto__" stays a plain key.
    const record = Object.fromEntries(classes.map((label, c) => [label, row[c]!])) as Record<string, number>;
    return { item, label: classes[best[i]!]!, confidence: row[best[i]!]!, posterior: record };
  });
  const workers = crowd.workers.map((worker, w) => ({ worker, accuracy: accuracy[w]!, labeled: crowd.votesPerWorker[w]! }));
  return { method, items, workers, iterations };
}

function checkMethod(method: string): TruthMethod {
  if ((TRUTH_METHODS as readonly string[]).includes(method)) return method as TruthMethod;
  throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `method must be auto, ${TRUTH_METHODS.join(', ')}; got "${method}"`);
}

function positiveInteger(name: string, value: number): number {
  if (Number.isInteger(value) && value >= 1) return value;
  throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `${name} must be a positive integer, got ${value}`);
}

function nonNegative(name: string, value: number): number {
  if (Number.isFinite(value) && value >= 0) return value;
  throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `${name} must be a finite number >= 0, got ${value}`);
}

function positive(name: string, value: number): number {
  if (Number.isFinite(value) && value > 0) return value;
  throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `${name} must be a finite number > 0, got ${value}`);
}
