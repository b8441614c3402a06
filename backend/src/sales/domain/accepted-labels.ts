/**
 * Which labels of a sold version count for its revenue share: the annotations its items were built
 * from whose result matches the answer the version carries, judged as crediting judges a label
 * against its settled answer (quality/domain/gold-check.ts: same label, same label set, whole-token
 * spans and IoU-matched boxes at F1 >= 0.8, normalized text). A label that disagreed with the
 * version's answer was not accepted, so it earns nothing from the sale either.
 */
import type { ProjectType } from '../../projects/domain/label-schema.js';
import { matchesGold } from '../../quality/domain/gold-check.js';
import type { LabelCount } from './revenue-share.js';

export interface VersionLabel {
  annotatorId: number;
  /** The annotation's result. */
  result: unknown;
  /** The answer the version's item carries. */
  answer: unknown;
  /** The item's data (spans are matched on its text); {} for other types. */
  data: Record<string, unknown>;
}

/** Accepted labels per annotator, by annotator id; annotators with none are left out. */
export function acceptedLabelCounts(type: ProjectType, labels: readonly VersionLabel[]): LabelCount[] {
  const counts = new Map<number, number>();
  for (const label of labels) {
    if (matchesGold(type, label.data, label.answer, label.result)) counts.set(label.annotatorId, (counts.get(label.annotatorId) ?? 0) + 1);
  }
  return [...counts].map(([annotatorId, labels]) => ({ annotatorId, labels })).sort((a, b) => a.annotatorId - b.annotatorId);
}
