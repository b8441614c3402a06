/**
 * The consensus status: the quality engine's verdict on an item's labels once they are aggregated,
 * by one rule, and how many more labels to ask for (dynamic overlap, as Toloka's: an item gets more
 * annotators only while it is still unsure). Not the item's progress through labeling (open,
 * in_progress, completed): that is `items/domain/item-status.ts`.
 */
import { QualityError, QualityErrorCode } from './quality-error.js';

export const CONSENSUS_STATUSES = ['confident', 'needs_more_labels', 'needs_review'] as const;
export type ConsensusStatus = (typeof CONSENSUS_STATUSES)[number];

export interface ConsensusInput {
  /** Aggregated confidence of the item's label, 0..1. */
  confidence: number;
  /** Labels the item has. */
  labels: number;
  /** Labels needed before an item can be confident, however sure the first ones look. Default 1. */
  minLabels?: number;
  /** Confidence at which the item is settled, 0..1. */
  targetConfidence: number;
  /** Most labels an item may get; below target there, a reviewer decides. */
  maxOverlap: number;
}

/**
 * confident: confidence >= target with at least minLabels labels; needs_more_labels: not confident
 * and fewer than maxOverlap labels; needs_review: not confident at maxOverlap.
 */
export function consensusStatus(input: ConsensusInput): ConsensusStatus {
  const minLabels = checkInput(input);
  if (input.confidence >= input.targetConfidence && input.labels >= minLabels) return 'confident';
  return input.labels < input.maxOverlap ? 'needs_more_labels' : 'needs_review';
}

/**
 * How many labels to request now: 0 unless the status is needs_more_labels. Otherwise the fewest
 * that could settle the item: enough to reach minLabels, and enough that, if all of them agree with
 * the current answer, a vote share of `confidence` over `labels` votes rises to the target
 * (n >= labels · (target − confidence) / (1 − target)); at least 1, at most what maxOverlap leaves.
 */
export function extraLabelsWanted(input: ConsensusInput): number {
  if (consensusStatus(input) !== 'needs_more_labels') return 0;
  const room = input.maxOverlap - input.labels;
  const toMinimum = (input.minLabels ?? 1) - input.labels;
  return Math.min(room, Math.max(1, toMinimum, labelsToTarget(input, room)));
}

function labelsToTarget({ confidence, labels, targetConfidence }: ConsensusInput, room: number): number {
  if (confidence >= targetConfidence) return 0;
  // No number of agreeing labels lifts a share below 1 to 1: ask for all maxOverlap allows.
  if (targetConfidence >= 1) return room;
  // The epsilon keeps float noise (2.0000000000000004) from asking for a label too many.
  return Math.ceil((labels * (targetConfidence - confidence)) / (1 - targetConfidence) - 1e-9);
}

function checkInput(input: ConsensusInput): number {
  const minLabels = input.minLabels ?? 1;
  const fail = (message: string): never => {
    throw new QualityError(QualityErrorCode.OPTIONS_INVALID, message);
  };
  if (!(input.confidence >= 0 && input.confidence <= 1)) fail(`confidence must be within 0..1, got ${input.confidence}`);
  if (!(input.targetConfidence > 0 && input.targetConfidence <= 1)) {
    fail(`targetConfidence must be within (0, 1], got ${input.targetConfidence}`);
  }
  if (!Number.isInteger(input.labels) || input.labels < 0) fail(`labels must be an integer >= 0, got ${input.labels}`);
  if (!Number.isInteger(input.maxOverlap) || input.maxOverlap < 1) fail(`maxOverlap must be an integer >= 1, got ${input.maxOverlap}`);
  if (!Number.isInteger(minLabels) || minLabels < 0 || minLabels > input.maxOverlap) {
    fail(`minLabels must be an integer within 0..maxOverlap, got ${minLabels}`);
  }
  return minLabels;
}
