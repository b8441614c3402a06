/**
 * Which labels earn, as ledger entries to append. Pure and idempotent: given the labels, the quality
 * engine's decisions and what each label has already been credited, it answers only the difference,
 * so running it again after a crash (or twice) appends nothing new.
 *
 * - A label earns once its item is settled (status confident: inferred, gold or reviewed) and it
 *   matches the settled answer (as a gold answer is matched: whole-token spans, IoU-matched boxes).
 * - It earns the project's rate times the annotator's quality multiplier at the time it is credited.
 * - Work of an annotator still qualifying waits; it is credited once they pass.
 * - A credited label whose item is later settled otherwise, or that was withdrawn (suspension, failed
 *   qualification), is reversed by a negative entry: rows are never changed.
 * - Nothing is credited beyond the project's budget.
 */
import type { ProjectType } from '../../projects/domain/label-schema.js';
import { matchesGold } from '../../quality/domain/gold-check.js';
import { PRIOR_TRUST } from '../../quality/domain/trust.js';
import { qualityMultiplierBps, rewardFor } from './reward-math.js';

export interface CreditLabel {
  annotationId: number;
  annotatorId: number;
  itemId: number;
  result: unknown;
  /** Withdrawn: the annotator was suspended or failed the qualification. */
  discarded: boolean;
  /** Net amount the ledger holds for this label so far. */
  credited: bigint;
}

export interface CreditInput {
  type: ProjectType;
  /** Tokens per accepted label, smallest unit. */
  rate: bigint;
  /** Smallest units the project may still pay out; undefined: no budget. */
  budgetLeft?: bigint;
  labels: readonly CreditLabel[];
  /** Settled (confident) items: their answer, and the item data the answer is read against (spans' text). */
  settled: ReadonlyMap<number, { result: unknown; data: Record<string, unknown> }>;
  /** Annotators whose labels may earn now (not qualifying, not suspended). */
  eligible: ReadonlySet<number>;
  trust: ReadonlyMap<number, number>;
}

export interface CreditEntry {
  annotationId: number;
  annotatorId: number;
  kind: 'reward' | 'reversal';
  amount: bigint;
  /** The quality multiplier a reward was computed with, basis points. */
  multiplierBps?: number;
}

export function creditEntries(input: CreditInput): CreditEntry[] {
  const entries: CreditEntry[] = [];
  let budgetLeft = input.budgetLeft;
  const labels = [...input.labels].sort((a, b) => a.annotationId - b.annotationId);
  for (const label of labels) {
    const settled = input.settled.get(label.itemId);
    const accepted = !label.discarded && settled !== undefined && matchesGold(input.type, settled.data, settled.result, label.result);
    const rejected = label.discarded || (settled !== undefined && !accepted);
    if (rejected && label.credited > 0n) {
      entries.push({ annotationId: label.annotationId, annotatorId: label.annotatorId, kind: 'reversal', amount: -label.credited });
      if (budgetLeft !== undefined) budgetLeft += label.credited;
    }
  }
  for (const label of labels) {
    if (label.credited !== 0n || label.discarded || !input.eligible.has(label.annotatorId)) continue;
    const settled = input.settled.get(label.itemId);
    if (!settled || !matchesGold(input.type, settled.data, settled.result, label.result)) continue;
    const trust = input.trust.get(label.annotatorId) ?? PRIOR_TRUST;
    const amount = rewardFor(input.rate, trust);
    if (amount === 0n) continue;
    if (budgetLeft !== undefined) {
      if (amount > budgetLeft) continue;
      budgetLeft -= amount;
    }
    entries.push({
      annotationId: label.annotationId,
      annotatorId: label.annotatorId,
      kind: 'reward',
      amount,
      multiplierBps: Number(qualityMultiplierBps(trust)),
    });
  }
  return entries;
}
