/**
 * Where one of an annotator's own labels stands with the quality engine, as the annotator may see it.
 *
 * - discarded: withdrawn (the annotator was suspended); it counts nowhere.
 * - pending: its item is not settled yet (more labels wanted, or a reviewer's decision).
 * - accepted: its item is settled and the label matches the settled answer; it earns (or will, once
 *   the annotator qualifies and the crediting run has passed).
 * - rejected: its item is settled otherwise.
 *
 * A check item (gold) is settled by its known answer the moment it is labeled, which would tell it
 * apart from the others: an item is shown settled only once it holds as many labels as a regular
 * item needs before it can settle, so a check item looks like any other.
 */
export const LABEL_STATUSES = ['pending', 'accepted', 'rejected', 'discarded'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

export interface LabelStanding {
  discarded: boolean;
  /** The item's consensus status and label count, if the quality engine decided it at all. */
  decision: { status: string; labels: number } | null;
  /** Labels a regular item of the project needs before it can settle (least of overlap and max overlap). */
  minLabels: number;
  /** Whether the label matches the settled answer (read only when the item is settled). */
  matches: () => boolean;
}

/** Settled as the annotator may see it: confident, and with as many labels as a regular item needs. */
export function visiblySettled(standing: Pick<LabelStanding, 'decision' | 'minLabels'>): boolean {
  return standing.decision !== null && standing.decision.status === 'confident' && standing.decision.labels >= standing.minLabels;
}

export function labelStatus(standing: LabelStanding): LabelStatus {
  if (standing.discarded) return 'discarded';
  if (!visiblySettled(standing)) return 'pending';
  return standing.matches() ? 'accepted' : 'rejected';
}

/** A label may be corrected while it is pending: not discarded and its item not (visibly) settled. */
export function correctable(standing: Pick<LabelStanding, 'discarded' | 'decision' | 'minLabels'>): boolean {
  return !standing.discarded && !visiblySettled(standing);
}
