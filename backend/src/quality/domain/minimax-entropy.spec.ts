import { describe, expect, it } from 'vitest';
import { prepareCrowdLabels, type CrowdLabels } from './crowd-labels.js';
import { minimaxEntropy } from './minimax-entropy.js';
import { seededRandom } from './seeded-random.js';

/**
 * The E-step alone, written out from the model: with `sweeps: 0` the M-step leaves the starting
 * logits as they are, so one iteration's posterior is, per item, the normalized product over its
 * votes of softmax(sigma[w][c] + tau[i][c])[given], each softmax by log-sum-exp with its own maximum.
 */
function posteriorFromModel(crowd: CrowdLabels, sigma: Float64Array, tau: Float64Array): number[][] {
  const k = crowd.classes.length;
  const scores = crowd.items.map(() => new Array<number>(k).fill(0));
  for (let v = 0; v < crowd.itemIdx.length; v++) {
    const [i, w, given] = [crowd.itemIdx[v]!, crowd.workerIdx[v]!, crowd.labelIdx[v]!];
    for (let c = 0; c < k; c++) {
      const logits = Array.from({ length: k }, (_, l) => sigma[(w * k + c) * k + l]! + tau[(i * k + c) * k + l]!);
      const max = Math.max(...logits);
      const logNormalizer = max + Math.log(logits.reduce((sum, logit) => sum + Math.exp(logit - max), 0));
      scores[i]![c]! += logits[given]! - logNormalizer;
    }
  }
  return scores.map((row) => {
    const max = Math.max(...row);
    const total = row.reduce((sum, score) => sum + Math.exp(score - max), 0);
    return row.map((score) => Math.exp(score - max) / total);
  });
}

function eStepOnly(crowd: CrowdLabels, sigma: Float64Array, tau: Float64Array): number[][] {
  const k = crowd.classes.length;
  const { posterior } = minimaxEntropy(crowd, {
    initial: new Float64Array(crowd.items.length * k).fill(1 / k),
    maxIterations: 1,
    tolerance: 0,
    sweeps: 0,
    itemPenalty: 1,
    workerPenalty: 0.1,
    start: { sigma, tau },
  });
  return crowd.items.map((_, i) => Array.from(posterior.subarray(i * k, (i + 1) * k)));
}

const crowd = prepareCrowdLabels([
  { item: 'a', worker: 'w1', label: 'x' },
  { item: 'a', worker: 'w2', label: 'y' },
  { item: 'b', worker: 'w1', label: 'y' },
  { item: 'b', worker: 'w2', label: 'y' },
  { item: 'c', worker: 'w1', label: 'x' },
]);

describe('minimaxEntropy', () => {
  it('scores votes as the model says, from the logits rows exponentiated once per step', () => {
    const random = seededRandom(7);
    const sigma = Float64Array.from({ length: 2 * 4 }, () => 6 * random() - 3);
    const tau = Float64Array.from({ length: 3 * 4 }, () => 4 * random() - 2);
    const posterior = eStepOnly(crowd, sigma, tau);
    posteriorFromModel(crowd, sigma, tau).forEach((row, i) => row.forEach((p, c) => expect(posterior[i]![c]).toBeCloseTo(p, 12)));
  });

  it('computes a softmax row directly where the products of its rows’ exponentials underflow', () => {
    // For true class 1, worker w1's row peaks on label x and item a's on label y, 800 nats apart:
    // exp(-800) underflows, so the shifted products sum to 0 and only the direct row is right.
    const sigma = new Float64Array(2 * 4);
    const tau = new Float64Array(3 * 4);
    sigma.set([0, -800], 1 * 2); // w1, class 1
    tau.set([-800, 1], 1 * 2); // a, class 1
    const posterior = eStepOnly(crowd, sigma, tau);
    const expected = posteriorFromModel(crowd, sigma, tau);
    for (const row of posterior) for (const p of row) expect(Number.isFinite(p)).toBe(true);
    expected.forEach((row, i) => row.forEach((p, c) => expect(posterior[i]![c]).toBeCloseTo(p, 12)));
    // w1 said x on a: under class 1 the logits are (-800, -799), so x has 1 / (1 + e) of it.
    expect(expected[0]![1]).toBeGreaterThan(0.1);
  });
});
