/**
 * Worker Agreement with Aggregate (Crowd-Kit's `Wawa`): a majority vote, each worker's skill as
 * the share of their votes that agree with it (gold items count with their gold answer), then a
 * vote weighted by those skills.
 */
import { agreementWith, argmaxRows, type CrowdLabels } from './crowd-labels.js';
import { majorityVotePosterior } from './majority-vote.js';

export interface WawaResult {
  posterior: Float64Array;
  /** Agreement of each worker with the majority vote: the weights of the second pass. */
  skills: Float64Array;
}

export function wawa(crowd: CrowdLabels): WawaResult {
  const k = crowd.classes.length;
  const skills = agreementWith(crowd, argmaxRows(majorityVotePosterior(crowd), k, crowd.tieKeys));
  return { posterior: majorityVotePosterior(crowd, skills), skills };
}
