/**
 * Rules that catch annotators who game label-to-earn: answering faster than anyone can read,
 * giving the same answer to everything, failing gold items. Pure: the aggregation job feeds it each
 * annotator's recent labels and suspends those it names.
 */
export interface LabelFacts {
  leadTimeMs: number;
  /** The answer, as a comparable string (the label for classification). */
  answer: string;
  /** Undefined for non-gold items. */
  goldCorrect?: boolean;
}

export interface AntiCheatPolicy {
  /** Labels needed before any rule may fire. */
  minLabels: number;
  /** A median time per label under this is faster than plausible. */
  minMedianLeadTimeMs: number;
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
  minMedianLeadTimeMs: 800,
  straightLineShare: 0.95,
  crowdTopShareBelow: 0.8,
  minGold: 5,
  minGoldAccuracy: 0.6,
};

export type CheatReason =
  | { rule: 'too_fast'; medianLeadTimeMs: number; labels: number }
  | { rule: 'straight_lining'; answer: string; share: number; crowdTopShare: number }
  | { rule: 'gold_failures'; goldSeen: number; goldCorrect: number };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The reasons to suspend this annotator, or an empty list. `crowdTopShare`: the crowd's top answer share. */
export function cheatReasons(
  labels: readonly LabelFacts[],
  crowdTopShare: number,
  policy: AntiCheatPolicy = DEFAULT_POLICY,
): CheatReason[] {
  const reasons: CheatReason[] = [];
  if (labels.length >= policy.minLabels) {
    const medianLeadTimeMs = median(labels.map((l) => l.leadTimeMs));
    if (medianLeadTimeMs < policy.minMedianLeadTimeMs) reasons.push({ rule: 'too_fast', medianLeadTimeMs, labels: labels.length });
    const counts = new Map<string, number>();
    for (const l of labels) counts.set(l.answer, (counts.get(l.answer) ?? 0) + 1);
    const [answer, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    const share = n / labels.length;
    if (share >= policy.straightLineShare && crowdTopShare <= policy.crowdTopShareBelow) {
      reasons.push({ rule: 'straight_lining', answer, share, crowdTopShare });
    }
  }
  const gold = labels.filter((l) => l.goldCorrect !== undefined);
  const goldCorrect = gold.filter((l) => l.goldCorrect).length;
  if (gold.length >= policy.minGold && goldCorrect / gold.length < policy.minGoldAccuracy) {
    reasons.push({ rule: 'gold_failures', goldSeen: gold.length, goldCorrect });
  }
  return reasons;
}
