/**
 * Gold mixing and the qualification a new annotator passes in each project before their labels earn.
 * While qualifying, an annotator gets gold items at a higher rate (gold-heavy, but never gold only, so
 * being new does not tell them which items are gold); the verdict comes once they have answered
 * `size` gold items (or every gold item the project has, when it has fewer).
 */
export type QualificationStatus = 'qualifying' | 'passed' | 'failed';

/** Gold share of the assignments a qualifying annotator gets, unless the project mixes in more anyway. */
export const QUALIFYING_GOLD_RATE = 0.5;

export interface QualificationRule {
  /** Gold items to answer before the verdict; 0 turns the qualification off. */
  size: number;
  /** Share of them to answer correctly. */
  minAccuracy: number;
}

export function qualificationStatus(
  rule: QualificationRule,
  goldInProject: number,
  answered: { goldSeen: number; goldCorrect: number },
): QualificationStatus {
  const needed = Math.min(rule.size, goldInProject);
  if (needed <= 0) return 'passed';
  if (answered.goldSeen < needed) return 'qualifying';
  return answered.goldCorrect / answered.goldSeen >= rule.minAccuracy - 1e-9 ? 'passed' : 'failed';
}

/** The chance that the next assignment is a gold item. */
export function goldChance(projectGoldRate: number, status: QualificationStatus): number {
  return status === 'qualifying' ? Math.max(projectGoldRate, QUALIFYING_GOLD_RATE) : projectGoldRate;
}
