/**
 * Dawid & Skene (1979): EM over a class prior and one full confusion matrix per worker,
 * pi[w][true][given], as the published implementations run it: the first M-step takes the class
 * prior and the confusion matrices from the majority-vote posterior (`initial`), and EM runs until
 * the log-likelihood stops moving. The E-step runs in log space (a long product of probabilities underflows),
 * both steps loop over the flat vote arrays, and gold items stay one-hot on their answer in every
 * E-step while still teaching the M-step.
 *
 * Every confusion row and the class prior get a pseudo-count `smoothing` per cell (a symmetric
 * Dirichlet prior; the estimate is its posterior mean), so a worker who never saw a class gets a
 * flat row instead of 0/0, and a (true, given) pair never seen yet is unlikely rather than
 * impossible: one odd vote cannot veto a class.
 */
import { expectationMaximization, type CrowdLabels, type EmOptions } from './crowd-labels.js';

export interface DawidSkeneOptions extends EmOptions {
  /** Dirichlet pseudo-count per cell of each confusion row and of the class prior. */
  smoothing: number;
}

export interface DawidSkeneResult {
  posterior: Float64Array;
  /** sum_k prior_k * pi[w][k][k]: the chance the worker's label is right on a random item. */
  accuracy: Float64Array;
  prior: Float64Array;
  /** confusion[(w * K + trueClass) * K + givenClass] */
  confusion: Float64Array;
  /** EM iterations run (each one M-step and one E-step). */
  iterations: number;
  /** Log-likelihood of the votes at the last E-step. */
  logLikelihood: number;
}

export function dawidSkene(crowd: CrowdLabels, options: DawidSkeneOptions): DawidSkeneResult {
  const k = crowd.classes.length;
  const kk = k * k;
  const { itemIdx, workerIdx, labelIdx } = crowd;
  const itemCount = crowd.items.length;
  const voteCount = itemIdx.length;
  const alpha = options.smoothing;

  // counts holds expected counts after the M-step's first loop, then log pi.
  const counts = new Float64Array(crowd.workers.length * kk);
  const logPrior = new Float64Array(k);

  const mStep = (posterior: Float64Array): void => {
    counts.fill(0);
    for (let v = 0; v < voteCount; v++) {
      const row = itemIdx[v]! * k;
      const cell = workerIdx[v]! * kk + labelIdx[v]!;
      for (let c = 0; c < k; c++) counts[cell + c * k]! += posterior[row + c]!;
    }
    for (let start = 0; start < counts.length; start += k) {
      let total = k * alpha;
      for (let l = 0; l < k; l++) total += counts[start + l]!;
      for (let l = 0; l < k; l++) counts[start + l] = Math.log((counts[start + l]! + alpha) / total);
    }
    logPrior.fill(alpha);
    for (let j = 0; j < posterior.length; j++) logPrior[j % k]! += posterior[j]!;
    const priorTotal = itemCount + k * alpha;
    for (let c = 0; c < k; c++) logPrior[c] = Math.log(logPrior[c]! / priorTotal);
  };

  const eStep = (logScores: Float64Array): void => {
    for (let i = 0; i < itemCount; i++) logScores.set(logPrior, i * k);
    for (let v = 0; v < voteCount; v++) {
      const row = itemIdx[v]! * k;
      const cell = workerIdx[v]! * kk + labelIdx[v]!;
      for (let c = 0; c < k; c++) logScores[row + c]! += counts[cell + c * k]!;
    }
  };

  const { posterior, iterations, logLikelihood } = expectationMaximization(crowd, options, mStep, eStep);
  // Report the worker model fitted to the posterior returned, not the one before the last E-step.
  mStep(posterior);

  const confusion = counts.map((logP) => Math.exp(logP));
  const prior = logPrior.map((logP) => Math.exp(logP));
  const accuracy = new Float64Array(crowd.workers.length);
  for (let w = 0; w < accuracy.length; w++) {
    for (let c = 0; c < k; c++) accuracy[w]! += prior[c]! * confusion[w * kk + c * k + c]!;
  }
  return { posterior, accuracy, prior, confusion, iterations, logLikelihood };
}
