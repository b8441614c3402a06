/**
 * One truth-inference method fitted to a crowd, with what `auto` needs to compare it with the
 * others: a predictive model of a worker's vote on an item, P(label | item, worker) =
 * sum_c posterior[item][c] · P(label | true c, worker, item).
 *  - mv, wawa: a one-coin model fitted from their answers: the worker gives the item's class with
 *    probability a_w = (agreements + 1) / (votes + 2) (Laplace's rule of succession), any other
 *    class with (1 - a_w) / (K - 1);
 *  - ds: the worker's confusion matrix;
 *  - mmce: its own model, the softmax of the worker's and the item's confusion logits (the item's
 *    fitted on its other votes).
 * And the same prediction for a typical item: the item's own terms at their prior mean (mmce's tau =
 * 0), so that only the truth posterior and the worker model speak. The other methods have no item
 * terms; for them both predictions are one.
 */
import { agreementWith, argmaxRows, type CrowdLabels } from './crowd-labels.js';
import { dawidSkene } from './dawid-skene.js';
import { majorityVotePosterior } from './majority-vote.js';
import { minimaxEntropy } from './minimax-entropy.js';
import { wawa } from './wawa.js';

export type MethodName = 'mv' | 'wawa' | 'ds' | 'mmce';

export interface MethodSettings {
  method: MethodName;
  maxIterations: number;
  tolerance: number;
  /** ds only. */
  smoothing: number;
  /** mmce only. */
  itemPenalty: number;
  /** mmce only. */
  workerPenalty: number;
  /** mmce only: block ascent passes per M-step. */
  sweeps: number;
}

/** Where a later fit of the same method on (nearly) the same crowd may start. */
export interface WarmStart {
  posterior: Float64Array;
  sigma?: Float64Array;
  tau?: Float64Array;
}

export interface FittedMethod {
  posterior: Float64Array;
  warm: WarmStart;
  /** Per worker, as `WorkerQuality.accuracy` describes. */
  accuracy: Float64Array;
  iterations: number;
  /** log P(worker w gives `label` on item i) under the fitted model. */
  voteLogProbability(item: number, worker: number, label: number): number;
  /** The same with the item's own terms (mmce's tau) at their prior mean, 0: a typical item of its posterior. */
  typicalVoteLogProbability(item: number, worker: number, label: number): number;
}

/**
 * `warm` (mmce only): start EM there instead of at the majority vote (the item and worker indexes
 * must be the crowd's). `auto` starts the winner's fit from its held-out fit, which saw most of the
 * same votes: minimax entropy is slow to converge from scratch.
 */
export function fitMethod(crowd: CrowdLabels, settings: MethodSettings, warm?: WarmStart): FittedMethod {
  const k = crowd.classes.length;
  const kk = k * k;
  switch (settings.method) {
    case 'mv':
    case 'wawa': {
      const posterior = settings.method === 'mv' ? majorityVotePosterior(crowd) : wawa(crowd).posterior;
      const accuracy = agreementWith(crowd, argmaxRows(posterior, k, crowd.tieKeys));
      const coin = accuracy.map((share, w) => (share * crowd.votesPerWorker[w]! + 1) / (crowd.votesPerWorker[w]! + 2));
      const voteLogProbability = (item: number, worker: number, label: number): number => {
        if (k === 1) return 0;
        const right = coin[worker]!;
        const wrong = (1 - right) / (k - 1);
        const p = posterior[item * k + label]!;
        return Math.log(p * right + (1 - p) * wrong);
      };
      return { posterior, warm: { posterior }, accuracy, iterations: 0, voteLogProbability, typicalVoteLogProbability: voteLogProbability };
    }
    case 'ds': {
      // Always from the majority vote, as published (it is fast enough not to need a warm start).
      const result = dawidSkene(crowd, { ...settings, initial: majorityVotePosterior(crowd) });
      const { posterior, confusion } = result;
      const voteLogProbability = (item: number, worker: number, label: number): number => {
        let p = 0;
        for (let c = 0; c < k; c++) p += posterior[item * k + c]! * confusion[worker * kk + c * k + label]!;
        return Math.log(p);
      };
      return {
        posterior,
        warm: { posterior },
        accuracy: result.accuracy,
        iterations: result.iterations,
        voteLogProbability,
        typicalVoteLogProbability: voteLogProbability,
      };
    }
    case 'mmce': {
      const start = warm?.sigma !== undefined && warm.tau !== undefined ? { sigma: warm.sigma, tau: warm.tau } : undefined;
      const result = minimaxEntropy(crowd, {
        ...settings,
        initial: warm?.posterior ?? majorityVotePosterior(crowd),
        ...(start === undefined ? {} : { start }),
      });
      const { posterior, sigma, tau } = result;
      const noItemTerms = new Float64Array(kk);
      /** sum_c posterior[item][c] · softmax(sigma[worker][c] + itemTerms[c])[label], itemTerms the item's tau or zeros. */
      const predict = (item: number, worker: number, label: number, itemTerms: Float64Array, itemBase: number): number => {
        let p = 0;
        for (let c = 0; c < k; c++) {
          const q = posterior[item * k + c]!;
          if (q === 0) continue;
          const sigmaRow = worker * kk + c * k;
          const tauRow = itemBase + c * k;
          let max = -Infinity;
          for (let l = 0; l < k; l++) max = Math.max(max, sigma[sigmaRow + l]! + itemTerms[tauRow + l]!);
          let total = 0;
          for (let l = 0; l < k; l++) total += Math.exp(sigma[sigmaRow + l]! + itemTerms[tauRow + l]! - max);
          p += (q * Math.exp(sigma[sigmaRow + label]! + itemTerms[tauRow + label]! - max)) / total;
        }
        return Math.log(p);
      };
      return {
        posterior,
        warm: { posterior, sigma, tau },
        accuracy: result.accuracy,
        iterations: result.iterations,
        voteLogProbability: (item, worker, label) => predict(item, worker, label, tau, item * kk),
        typicalVoteLogProbability: (item, worker, label) => predict(item, worker, label, noItemTerms, 0),
      };
    }
  }
}
