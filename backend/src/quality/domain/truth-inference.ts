/**
 * Truth inference: from many workers' labels per item, the most likely label, how sure we are,
 * and how reliable each worker is. The quality engine's one entry point; the methods live in
 * `majority-vote.ts`, `wawa.ts`, `dawid-skene.ts` and `minimax-entropy.ts`, `auto`'s choice among
 * them in `method-selection.ts`.
 */
import { argmaxRows, prepareCrowdLabels, type CrowdLabels } from './crowd-labels.js';
import { fitMethod, type MethodSettings, type WarmStart } from './fit-method.js';
import {
  describeCandidate,
  HELD_OUT_SCORES,
  selectMethod,
  type Candidate,
  type HeldOutScore,
  type MethodSelection,
} from './method-selection.js';
import { QualityError, QualityErrorCode } from './quality-error.js';
import type { EncodedVotes, Vote } from './votes.js';

export const TRUTH_METHODS = ['mv', 'wawa', 'ds', 'mmce'] as const;
export type TruthMethod = (typeof TRUTH_METHODS)[number];
export type TruthMethodChoice = TruthMethod | 'auto';

export interface TruthInferenceOptions {
  /** Default `auto`: the candidate with the best held-out evidence (method-selection.ts). */
  method?: TruthMethodChoice;
  /** Item -> its known answer. Never overturned; Wawa and Dawid-Skene also learn workers from it. */
  gold?: ReadonlyMap<string, string>;
  /** Dawid-Skene and minimax entropy only. Default 200. */
  maxIterations?: number;
  /** Dawid-Skene and minimax entropy only: stop once the log-likelihood moves less than this per vote. Default 1e-7. */
  tolerance?: number;
  /** Dawid-Skene only: Dirichlet pseudo-count per confusion cell. Default: see DS_SMOOTHING_GRID. */
  smoothing?: number;
  /** Minimax entropy only: L2 penalty on each item's confusion logits. Default: see MMCE_ITEM_PENALTY_GRID. */
  itemPenalty?: number;
  /** Minimax entropy only: L2 penalty on each worker's confusion logits. Default 0.1. */
  workerPenalty?: number;
  /** `auto` only: how hidden votes rank the candidates (method-selection.ts). Default `nested`. */
  heldOutScore?: HeldOutScore;
  /** `auto` only: offer minimax entropy up to this many votes · classes² (default MMCE_MAX_WORK; Infinity: always). */
  mmceMaxWork?: number;
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
  /**
   * How the method (and any parameter left to the data) was chosen: every candidate's score and the
   * winner's lead. Absent when there was nothing to choose.
   */
  selection?: MethodSelection;
}

export const DEFAULT_MAX_ITERATIONS = 200;
/** Per vote: EM stops once an iteration raises the log-likelihood by less than 1e-7 nats per vote. */
export const DEFAULT_TOLERANCE = 1e-7;
/**
 * Dawid-Skene's Dirichlet pseudo-count per confusion cell, when the caller gives none: one value per
 * decade from near maximum likelihood (0.01, the published estimator, only kept off log 0) to
 * Laplace's 1, and the held-out likelihood of votes (method-selection.ts) picks it on the data at hand.
 */
export const DS_SMOOTHING_GRID: readonly number[] = [0.01, 0.1, 1];
/** Above this many classes a full confusion matrix per worker is not worth its K² parameters. */
export const DS_MAX_CLASSES = 20;
/**
 * Minimax entropy's Gaussian prior precision on an item's logits, when the caller gives none: one
 * value per decade, picked by the held-out likelihood like DS_SMOOTHING_GRID.
 */
export const MMCE_ITEM_PENALTY_GRID: readonly number[] = [1, 10, 100];
/** Close to free, like Dawid-Skene's confusion (prior standard deviation ~3 on a logit). */
export const DEFAULT_WORKER_PENALTY = 0.1;
/**
 * Minimax entropy is slow to converge (measured: ~200 ms for bluebird's 4,212 binary votes, 2-3 s for
 * dog's 8,070 votes of 4 classes), so `auto` tries it only where its fits stay within a few hundred
 * ms: votes · K² up to this. A budget of time, not of accuracy: bench:quality shows what `auto`
 * picks without it (`mmceMaxWork: Infinity`) next to what it picks with it.
 */
export const MMCE_MAX_WORK = 50_000;
/**
 * Most values a method's per-worker (and, for minimax entropy, per-item) K × K matrices may take
 * together, 400 MB of doubles: past it, asked for by name, ds and mmce are refused with a message
 * rather than failing to allocate.
 */
export const MAX_MATRIX_VALUES = 50_000_000;
/** Minimax entropy: block ascent passes per M-step (one is enough for the fixed point, three get there faster). */
const MMCE_SWEEPS = 3;

export function inferTruth(votes: readonly Vote[] | EncodedVotes, options: TruthInferenceOptions = {}): TruthInference {
  const crowd = prepareCrowdLabels(votes, options.gold);
  const choice = options.method ?? 'auto';
  const candidates = candidatesFor(crowd, choice === 'auto' ? 'auto' : checkMethod(choice), options);
  let chosen = candidates[0]!;
  let selection: MethodSelection | undefined;
  let warm: WarmStart | undefined;
  if (candidates.length > 1 && crowd.itemIdx.length > 0)
    ({ winner: chosen, selection, warm } = selectMethod(crowd, candidates, heldOutScore(options.heldOutScore)));
  const fitted = fitMethod(crowd, chosen.settings, warm);
  const result = present(crowd, chosen.settings.method, fitted.posterior, fitted.accuracy, fitted.iterations);
  return selection === undefined ? result : { ...result, selection };
}

function candidatesFor(crowd: CrowdLabels, choice: TruthMethodChoice, options: TruthInferenceOptions): Candidate[] {
  const base = {
    maxIterations: positiveInteger('maxIterations', options.maxIterations ?? DEFAULT_MAX_ITERATIONS),
    tolerance: nonNegative('tolerance', options.tolerance ?? DEFAULT_TOLERANCE),
    smoothing: positive('smoothing', options.smoothing ?? DS_SMOOTHING_GRID[0]!),
    itemPenalty: positive('itemPenalty', options.itemPenalty ?? MMCE_ITEM_PENALTY_GRID[0]!),
    workerPenalty: positive('workerPenalty', options.workerPenalty ?? DEFAULT_WORKER_PENALTY),
    sweeps: MMCE_SWEEPS,
  };
  const k = crowd.classes.length;
  const matrices = { ds: crowd.workers.length * k * k, mmce: (crowd.workers.length + crowd.items.length) * k * k };
  if ((choice === 'ds' || choice === 'mmce') && matrices[choice] > MAX_MATRIX_VALUES) {
    throw new QualityError(
      QualityErrorCode.OPTIONS_INVALID,
      `${choice} keeps a ${k} x ${k} matrix per ${choice === 'ds' ? 'worker' : 'worker and item'}: ${matrices[choice]} values, more than ${MAX_MATRIX_VALUES}; with ${k} classes use mv, wawa or auto`,
    );
  }
  const candidates: MethodSettings[] = [];
  const wanted = (method: TruthMethod): boolean => choice === method || choice === 'auto';
  if (wanted('mv')) candidates.push({ ...base, method: 'mv' });
  if (wanted('wawa')) candidates.push({ ...base, method: 'wawa' });
  if (choice === 'ds' || (choice === 'auto' && k <= DS_MAX_CLASSES)) {
    for (const smoothing of options.smoothing === undefined ? DS_SMOOTHING_GRID : [base.smoothing])
      candidates.push({ ...base, method: 'ds', smoothing });
  }
  if (choice === 'mmce' || (choice === 'auto' && crowd.itemIdx.length * k * k <= mmceMaxWork(options.mmceMaxWork))) {
    for (const itemPenalty of options.itemPenalty === undefined ? MMCE_ITEM_PENALTY_GRID : [base.itemPenalty])
      candidates.push({ ...base, method: 'mmce', itemPenalty });
  }
  return candidates.map((settings) => ({ name: describeCandidate(settings), settings }));
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
  const best = argmaxRows(posterior, k, crowd.tieKeys);
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

function mmceMaxWork(work: number | undefined): number {
  if (work === undefined) return MMCE_MAX_WORK;
  if (work >= 0) return work; // Infinity included
  throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `mmceMaxWork must be a number >= 0, got ${work}`);
}

function heldOutScore(score: HeldOutScore | undefined): HeldOutScore {
  if (score === undefined) return 'nested';
  if (HELD_OUT_SCORES.includes(score)) return score;
  throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `heldOutScore must be ${HELD_OUT_SCORES.join(', ')}; got "${String(score)}"`);
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
