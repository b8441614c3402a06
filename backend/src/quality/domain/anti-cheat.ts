/**
 * Rules that catch annotators who game label-to-earn: answering faster than anyone can read,
 * giving the same answer to everything, failing (or dodging) gold items. Pure: the aggregation job
 * feeds it each annotator's labels in a project, with facts the server measured, and suspends those
 * it names.
 */
export interface LabelFacts {
  /**
   * Time from the lease being handed out to the submit being received, as the server measured it
   * (never the client's claim); null when there was no lease to time (an admin's direct label).
   */
  serverTimeMs: number | null;
  /** The answer, as a comparable string (the label for classification). */
  answer: string;
  /** Undefined for non-gold items. */
  goldCorrect?: boolean;
}

/** What the rules know of one annotator in one project. */
export interface AnnotatorFacts {
  labels: readonly LabelFacts[];
  /** Gold items they were given and did not answer (skipped, or left to run out): each counts as wrong. */
  goldUnanswered: number;
}

export interface AntiCheatPolicy {
  /** Labels needed before the speed and straight-lining rules may fire (for speed: timed labels). */
  minLabels: number;
  /** A median server-measured time per label under this is faster than plausible. */
  minMedianTimeMs: number;
  /** One answer on at least this share of labels... */
  straightLineShare: number;
  /** ...while the crowd's most common answer is at most this share. */
  crowdTopShareBelow: number;
  /** Gold items needed before gold accuracy counts. */
  minGold: number;
  /** Gold accuracy under this suspends. */
  minGoldAccuracy: number;
}

export const DEFAULT_POLICY: AntiCheatPolicy = {
  minLabels: 10,
  minMedianTimeMs: 800,
  straightLineShare: 0.95,
  crowdTopShareBelow: 0.8,
  minGold: 5,
  minGoldAccuracy: 0.6,
};

export type CheatReason =
  | { rule: 'too_fast'; medianServerTimeMs: number; labels: number }
  | { rule: 'straight_lining'; answer: string; share: number; crowdTopShare: number }
  | { rule: 'gold_failures'; goldSeen: number; goldCorrect: number };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The reasons to suspend this annotator, or an empty list. `crowdTopShare`: the crowd's top answer share. */
export function cheatReasons(facts: AnnotatorFacts, crowdTopShare: number, policy: AntiCheatPolicy = DEFAULT_POLICY): CheatReason[] {
  const { labels } = facts;
  const reasons: CheatReason[] = [];
  const timed = labels.flatMap((l) => (l.serverTimeMs === null ? [] : [l.serverTimeMs]));
  if (timed.length >= policy.minLabels) {
    const medianServerTimeMs = median(timed);
    if (medianServerTimeMs < policy.minMedianTimeMs) reasons.push({ rule: 'too_fast', medianServerTimeMs, labels: timed.length });
  }
  if (labels.length >= policy.minLabels) {
    const counts = new Map<string, number>();
    for (const l of labels) counts.set(l.answer, (counts.get(l.answer) ?? 0) + 1);
    const [answer, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    const share = n / labels.length;
    if (share >= policy.straightLineShare && crowdTopShare <= policy.crowdTopShareBelow) {
      reasons.push({ rule: 'straight_lining', answer, share, crowdTopShare });
    }
  }
  const answered = labels.filter((l) => l.goldCorrect !== undefined);
  const goldSeen = answered.length + facts.goldUnanswered;
  const goldCorrect = answered.filter((l) => l.goldCorrect).length;
  if (goldSeen >= policy.minGold && goldCorrect / goldSeen < policy.minGoldAccuracy) {
    reasons.push({ rule: 'gold_failures', goldSeen, goldCorrect });
  }
  return reasons;
}
