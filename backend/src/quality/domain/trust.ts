/**
 * An annotator's trust in a project, in [0, 1]: their gold accuracy, pulled towards their accuracy
 * against the inferred answers while they have answered few gold items, and towards a neutral prior
 * while they have few labels at all. Box merging weighs each annotator by it.
 */
export const PRIOR_TRUST = 0.7;
/** How many gold answers the inferred accuracy is worth. */
const INFERRED_WEIGHT = 3;
/** How many labels the prior is worth. */
const PRIOR_WEIGHT = 2;

export interface TrustInput {
  labels: number;
  accuracy: number;
  goldSeen: number;
  goldCorrect: number;
}

export function trustOf(worker: TrustInput | undefined): number {
  if (!worker) return PRIOR_TRUST;
  const inferred = (worker.accuracy * worker.labels + PRIOR_TRUST * PRIOR_WEIGHT) / (worker.labels + PRIOR_WEIGHT);
  const trust = (worker.goldCorrect + inferred * INFERRED_WEIGHT) / (worker.goldSeen + INFERRED_WEIGHT);
  return Math.min(1, Math.max(0, trust));
}
