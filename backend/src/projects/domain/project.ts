/**
 * A project as other modules see it (ProjectsService answers these; the TypeORM entity stays inside
 * the projects module and satisfies this shape).
 */
export interface Project {
  readonly id: number;
  readonly name: string;
  /** One of label-schema's ProjectType values. */
  readonly type: string;
  readonly labels: string[];
  readonly overlap: number;
  /** Dynamic overlap: an item below `targetConfidence` gets more labels, up to this many. */
  readonly maxOverlap: number;
  /** Confidence at which the quality engine settles an item. */
  readonly targetConfidence: number;
  /** Share of an annotator's assignments that are gold items (when the project has gold). */
  readonly goldRate: number;
  /** Gold items a new annotator answers (gold-heavy) before their labels count; 0: no qualification. */
  readonly qualificationSize: number;
  /** Share of the qualification's gold items to answer correctly. */
  readonly qualificationMinAccuracy: number;
  readonly leaseSeconds: number;
  /** Tokens per accepted label, as a decimal string (18 decimals). */
  readonly rewardPerLabel: string;
  /** Most tokens the project pays out in all (decimal string); null: no limit. */
  readonly rewardBudget: string | null;
  readonly instructions: string;
  readonly status: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
