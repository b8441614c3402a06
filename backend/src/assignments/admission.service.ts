import { Injectable } from '@nestjs/common';
import type { Caller } from '../access/access.js';
import { TtlCache } from '../cache/ttl-cache.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { Project } from '../projects/domain/project.js';
import { ProjectsService } from '../projects/projects.service.js';
import { goldChance, qualificationStatus } from '../quality/domain/qualification.js';
import { QualificationsService } from '../quality/qualifications.service.js';
import { SuspensionsService } from '../quality/suspensions.service.js';
import { BudgetService, type BudgetHold, type BudgetLease } from '../rewards/budget.service.js';
import { AssignmentException } from './assignments.exception.js';

/** How long a project's count of gold items is trusted: gold imported meanwhile is mixed in after this. */
const GOLD_COUNT_TTL_MS = 5_000;
const MAX_PROJECTS = 10_000;

/** Leave to look for new work in a project. */
export interface Admitted {
  /** The budget place taken for the lease: settle it whatever happens. */
  hold: BudgetHold;
  /** Try the project's gold pool first. */
  gold: boolean;
  leaseSeconds: number;
}

/**
 * Whether a caller may take new work in a project now, and on what terms: not suspended, the project
 * active, a place in its budget held, their qualification not failed; and whether the assignment should be
 * a gold item (the project's gold rate, more while the annotator qualifies).
 */
@Injectable()
export class AdmissionService {
  /** Per project, how many gold items it has. */
  private readonly goldCounts = new TtlCache<number, number>({ maxEntries: MAX_PROJECTS, ttlMs: GOLD_COUNT_TTL_MS });
  private readonly countGold = (projectId: number): Promise<number> => this.qualifications.goldCount(projectId);

  constructor(
    private readonly projects: ProjectsService,
    private readonly suspensions: SuspensionsService,
    private readonly qualifications: QualificationsService,
    private readonly budget: BudgetService,
  ) {}

  /**
   * Leave to look for a new lease, or `budget-spent`: the project hands out nothing new (the caller's
   * live lease there is still theirs to finish).
   */
  async admit(caller: Caller, projectId: number): Promise<Admitted | 'budget-spent'> {
    await this.requireNotSuspended(caller);
    const project = await this.projects.visible(caller, projectId);
    if (project.status !== 'active')
      throw new AssignmentException(ErrorCode.PROJECT_NOT_ACTIVE, `Project ${projectId} is ${project.status}`);
    const hold = await this.budget.hold(projectId, project.rewardBudget);
    if (!hold) return 'budget-spent';
    try {
      return { hold, gold: await this.wantsGold(caller, project), leaseSeconds: project.leaseSeconds };
    } catch (error) {
      this.budget.settle(hold);
      throw error;
    }
  }

  async requireNotSuspended(caller: Caller): Promise<void> {
    if (await this.suspensions.isSuspended(caller.id)) {
      throw new AssignmentException(
        ErrorCode.ANNOTATOR_SUSPENDED,
        'Your account is suspended: your recent labels did not pass the quality checks',
      );
    }
  }

  /** Ends a hold: with the lease it became when it became a new one, else its place is given back. */
  settle(hold: BudgetHold, lease?: { assignmentId: number; expiresAt: Date }): void {
    this.budget.settle(hold, lease);
  }

  /** A lease closed early (skipped) stops taking a place in its project's budget. */
  release(lease: BudgetLease): void {
    this.budget.release(lease);
  }

  /** Whether to try gold first; refuses an annotator who failed the project's qualification. */
  private async wantsGold(caller: Caller, project: Project): Promise<boolean> {
    const goldInProject = await this.goldCounts.getOrLoad(project.id, this.countGold);
    if (goldInProject === 0) return false;
    // No verdict yet: a new annotator, unless the project asks for no qualification at all.
    const qualification = await this.qualifications.status(project.id, caller.id, () =>
      qualificationStatus({ size: project.qualificationSize, minAccuracy: project.qualificationMinAccuracy }, goldInProject, {
        goldSeen: 0,
        goldCorrect: 0,
      }),
    );
    if (qualification === 'failed') {
      throw new AssignmentException(
        ErrorCode.QUALIFICATION_FAILED,
        "You did not pass this project's qualification: too few of your answers to its check items were right",
      );
    }
    return Math.random() < goldChance(project.goldRate, qualification);
  }
}
