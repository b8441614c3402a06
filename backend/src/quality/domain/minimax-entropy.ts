/**
 * Regularized minimax conditional entropy (Zhou, Basu, Mao & Platt, NIPS 2012; Zhou, Liu, Platt &
 * Meek, ICML 2014). The dual of the minimax problem is a log-linear label model in which both the
 * worker and the item shape the confusion:
 *
 *   P(worker w gives l | item i, true class c) ∝ exp(sigma[w][c][l] + tau[i][c][l])
 *
 * sigma is Dawid-Skene's confusion matrix in log space; tau lets an item be confusing in its own
 * way (a blurry photo many good workers get wrong in the same direction). Dawid-Skene has to blame
 * such an item on the workers, which skews their matrices for every other item; here the item
 * absorbs it. Both get a Gaussian (L2) prior: `itemPenalty` on tau is strong, so an item only
 * departs from the workers' model when many of its votes insist, `workerPenalty` on sigma weak.
 * The model has no class prior (the paper's posterior is the product of the label likelihoods).
 *
 * Fitting is generalized EM: the E-step is exact; the M-step takes `sweeps` block ascent passes,
 * first over the workers' rows then over the items' rows, each a Newton-like step on one softmax
 * row with Böhning's bound (Hessian <= count/2) as curvature, so every step raises the penalized
 * expected log-likelihood. Cost per pass is O(votes · K²).
 */
import { expectationMaximization, type CrowdLabels, type EmOptions } from './crowd-labels.js';

export interface MinimaxEntropyOptions extends EmOptions {
  /** L2 penalty on each item's confusion logits tau. */
  itemPenalty: number;
  /** L2 penalty on each worker's confusion logits sigma. */
  workerPenalty: number;
  /** Block ascent passes per M-step. */
  sweeps: number;
  /** Logits to start from (e.g. a fit on most of the same votes); zeros when absent. Not modified. */
  start?: { sigma: Float64Array; tau: Float64Array };
}

export interface MinimaxEntropyResult {
  posterior: Float64Array;
  /** Mean over classes of P(worker answers c | true c, an average item, tau = 0). */
  accuracy: Float64Array;
  /** EM iterations run (each one M-step and one E-step). */
  iterations: number;
  /** Worker logits sigma[(w * K + c) * K + l]. */
  sigma: Float64Array;
  /** Item logits tau[(i * K + c) * K + l]. */
  tau: Float64Array;
}

/**
 * Below this sum of a row pair's shifted exponentials, the row is computed directly: far from
 * underflow (each factor's largest term is 1, so the sum only gets this small when the two rows'
 * maxima sit on different labels hundreds of nats apart), far above subnormal numbers.
 */
const MIN_FAST_TOTAL = 1e-250;

/** out[row + l] = exp(params[row + l] - max of the row), and the rows' maxima, for rows of k. */
function rowExps(params: Float64Array, k: number, out: Float64Array, maxima: Float64Array): void {
  for (let row = 0, r = 0; row < params.length; row += k, r++) {
    let max = params[row]!;
    for (let l = 1; l < k; l++) max = Math.max(max, params[row + l]!);
    maxima[r] = max;
    for (let l = 0; l < k; l++) out[row + l] = Math.exp(params[row + l]! - max);
  }
}

export function minimaxEntropy(crowd: CrowdLabels, options: MinimaxEntropyOptions): MinimaxEntropyResult {
  const k = crowd.classes.length;
  const kk = k * k;
  const { itemIdx, workerIdx, labelIdx } = crowd;
  const itemCount = crowd.items.length;
  const workerCount = crowd.workers.length;
  const voteCount = itemIdx.length;
  const { itemPenalty, workerPenalty } = options;

  // sigma[(w * K + c) * K + l], tau[(i * K + c) * K + l]; both start at 0 (every label equally likely) unless given.
  const sigma = options.start?.sigma.slice() ?? new Float64Array(workerCount * kk);
  const tau = options.start?.tau.slice() ?? new Float64Array(itemCount * kk);
  const gradient = new Float64Array(Math.max(workerCount, itemCount) * kk);
  // Posterior mass per (worker, true class) and per (item, true class): the Böhning curvature.
  const workerMass = new Float64Array(workerCount * k);
  const itemMass = new Float64Array(itemCount * k);
  const softmax = new Float64Array(k);
  // exp of each logit row less the row's maximum, refreshed whenever the logits change (once per
  // block step and E-step): the (vote, true class) softmax is then K products, not K exponentials.
  const expSigma = new Float64Array(sigma.length);
  const expTau = new Float64Array(tau.length);
  const maxSigma = new Float64Array(workerCount * k);
  const maxTau = new Float64Array(itemCount * k);
  const refreshExps = (): void => {
    rowExps(sigma, k, expSigma, maxSigma);
    rowExps(tau, k, expTau, maxTau);
  };
  /**
   * The exact softmax of worker w's and item i's logit rows for true class c, with the row's own
   * maximum: fills `softmax` with the label probabilities and answers the log of the normalizer.
   * Taken only where the products of the rows' exponentials underflow (see MIN_FAST_TOTAL).
   */
  const exactSoftmax = (w: number, i: number, c: number): number => {
    const sigmaRow = w * kk + c * k;
    const tauRow = i * kk + c * k;
    let max = sigma[sigmaRow]! + tau[tauRow]!;
    for (let l = 1; l < k; l++) max = Math.max(max, sigma[sigmaRow + l]! + tau[tauRow + l]!);
    let total = 0;
    for (let l = 0; l < k; l++) {
      const e = Math.exp(sigma[sigmaRow + l]! + tau[tauRow + l]! - max);
      softmax[l] = e;
      total += e;
    }
    for (let l = 0; l < k; l++) softmax[l]! /= total;
    return max + Math.log(total);
  };

  /**
   * One ascent step on sigma (`onWorkers`) or tau, the other held fixed. The softmax of each
   * (vote, true class) row, from the rows' exponentials, is this loop's whole cost.
   */
  const blockStep = (posterior: Float64Array, onWorkers: boolean): void => {
    const params = onWorkers ? sigma : tau;
    const mass = onWorkers ? workerMass : itemMass;
    const penalty = onWorkers ? workerPenalty : itemPenalty;
    refreshExps();
    gradient.fill(0, 0, params.length);
    for (let v = 0; v < voteCount; v++) {
      const i = itemIdx[v]!;
      const w = workerIdx[v]!;
      const given = labelIdx[v]!;
      const ownerBase = (onWorkers ? w : i) * kk;
      for (let c = 0; c < k; c++) {
        const q = posterior[i * k + c]!;
        if (q === 0) continue;
        const sigmaRow = w * kk + c * k;
        const tauRow = i * kk + c * k;
        const row = ownerBase + c * k;
        let total = 0;
        for (let l = 0; l < k; l++) {
          const e = expSigma[sigmaRow + l]! * expTau[tauRow + l]!;
          softmax[l] = e;
          total += e;
        }
        let scale = q / total;
        if (!(total > MIN_FAST_TOTAL)) {
          exactSoftmax(w, i, c);
          scale = q;
        }
        for (let l = 0; l < k; l++) gradient[row + l]! -= scale * softmax[l]!;
        gradient[row + given]! += q;
      }
    }
    for (let row = 0; row < params.length; row += k) {
      const step = 1 / (0.5 * mass[row / k]! + penalty);
      for (let l = 0; l < k; l++) params[row + l]! += step * (gradient[row + l]! - penalty * params[row + l]!);
    }
  };

  const mStep = (posterior: Float64Array): void => {
    workerMass.fill(0);
    itemMass.fill(0);
    for (let v = 0; v < voteCount; v++) {
      const i = itemIdx[v]!;
      const w = workerIdx[v]!;
      for (let c = 0; c < k; c++) {
        workerMass[w * k + c]! += posterior[i * k + c]!;
        itemMass[i * k + c]! += posterior[i * k + c]!;
      }
    }
    for (let sweep = 0; sweep < options.sweeps; sweep++) {
      blockStep(posterior, true);
      blockStep(posterior, false);
    }
  };

  const eStep = (logScores: Float64Array): void => {
    refreshExps();
    for (let v = 0; v < voteCount; v++) {
      const i = itemIdx[v]!;
      const w = workerIdx[v]!;
      const given = labelIdx[v]!;
      for (let c = 0; c < k; c++) {
        const sigmaRow = w * kk + c * k;
        const tauRow = i * kk + c * k;
        let total = 0;
        for (let l = 0; l < k; l++) total += expSigma[sigmaRow + l]! * expTau[tauRow + l]!;
        // log of the given label's share: its shifted logits less the log of the shifted sum.
        const logShare =
          total > MIN_FAST_TOTAL
            ? sigma[sigmaRow + given]! - maxSigma[w * k + c]! + tau[tauRow + given]! - maxTau[i * k + c]! - Math.log(total)
            : sigma[sigmaRow + given]! + tau[tauRow + given]! - exactSoftmax(w, i, c);
        logScores[i * k + c]! += logShare;
      }
    }
  };

  const { posterior, iterations } = expectationMaximization(crowd, options, mStep, eStep);

  const accuracy = new Float64Array(workerCount);
  for (let w = 0; w < workerCount; w++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const row = (w * k + c) * k;
      let max = -Infinity;
      for (let l = 0; l < k; l++) max = Math.max(max, sigma[row + l]!);
      let total = 0;
      for (let l = 0; l < k; l++) total += Math.exp(sigma[row + l]! - max);
      sum += Math.exp(sigma[row + c]! - max) / total;
    }
    accuracy[w] = sum / k;
  }
  return { posterior, accuracy, iterations, sigma, tau };
}
