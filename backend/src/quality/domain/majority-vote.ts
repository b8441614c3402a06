/**
 * (Weighted) majority vote: each item's posterior is the share of its (weighted) votes per class.
 * Used on its own, as Wawa's two passes, and to start Dawid-Skene.
 */
import { pinGold, type CrowdLabels } from './crowd-labels.js';

/**
 * `weights[w]` scales worker w's votes (all 1 when absent). An item whose votes all weigh 0 falls
 * back to the unweighted shares rather than to a posterior of zeros; an item without votes is flat.
 */
export function majorityVotePosterior(crowd: CrowdLabels, weights?: Float64Array): Float64Array {
  const k = crowd.classes.length;
  const posterior = new Float64Array(crowd.items.length * k);
  for (let v = 0; v < crowd.itemIdx.length; v++) {
    posterior[crowd.itemIdx[v]! * k + crowd.labelIdx[v]!]! += weights === undefined ? 1 : weights[crowd.workerIdx[v]!]!;
  }
  let unweighted: Float64Array | undefined;
  for (let i = 0; i < crowd.items.length; i++) {
    const base = i * k;
    let total = 0;
    for (let c = 0; c < k; c++) total += posterior[base + c]!;
    if (total > 0) {
      for (let c = 0; c < k; c++) posterior[base + c] = posterior[base + c]! / total;
    } else if (weights === undefined) {
      posterior.fill(1 / k, base, base + k);
    } else {
      unweighted ??= majorityVotePosterior(crowd);
      posterior.set(unweighted.subarray(base, base + k), base);
    }
  }
  pinGold(crowd, posterior);
  return posterior;
}
