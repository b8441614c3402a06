import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Caller } from '../access/access.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { itemShapeOf, validateResult, type ItemShape, type ProjectType } from '../projects/domain/label-schema.js';
import { ProjectsService } from '../projects/projects.service.js';
import { AggregationService } from '../quality/aggregation.service.js';
import { goldChance, qualificationStatus, type QualificationStatus } from '../quality/domain/qualification.js';
import { QualificationsRepository } from '../quality/qualifications.repository.js';
import { QualificationsService } from '../quality/qualifications.service.js';
import { SuspensionsService } from '../quality/suspensions.service.js';
import { FileUrls } from '../items/file-urls.js';
import { ItemRefs } from '../items/item-refs.js';
import { BudgetService } from '../rewards/budget.service.js';
import { AssignmentsRepository, type AssignmentForSubmit, type LeaseAnswer, type LeasedTask } from './assignments.repository.js';
import type { DraftSavedDto, ProgressDto, SubmittedDto, TaskDto } from './task.dto.js';

export class TaskException extends AppException {}

function mapTask(task: LeasedTask, itemRef: string, files: Record<string, string>): TaskDto {
  const dto: TaskDto = {
    assignmentId: task.assignmentId,
    item: { id: itemRef, data: task.data, files },
    expiresAt: task.expiresAt.toISOString(),
  };
  if (task.draft !== null && task.draft !== undefined) dto.draft = task.draft;
  return dto;
}

/** What the fast submit path needs to know of a lease it handed out. */
interface LeaseContext {
  annotatorId: number;
  projectId: number;
  shape: ItemShape;
}

const MAX_CACHED_LEASES = 100_000;
const FLOOR_REFRESH_MS = 5_000;

@Injectable()
export class TasksService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TasksService.name);
  private sweeper: NodeJS.Timeout | undefined;
  /** Leases this instance handed out, so a submit can be judged without reading them back. */
  private readonly leases = new Map<number, LeaseContext>();
  /** Per project, the lowest item id that may be open: lease scans start there. A hint only. */
  private readonly floors = new Map<number, { floor: number; refreshedAt: number }>();
  /** Per project, how many gold items it has (a hint, refreshed like the floor). */
  private readonly goldCounts = new Map<number, { count: number; refreshedAt: number }>();
  private readonly random: () => number = Math.random;

  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly projects: ProjectsService,
    private readonly aggregation: AggregationService,
    private readonly suspensions: SuspensionsService,
    private readonly qualifications: QualificationsRepository,
    private readonly qualificationVerdicts: QualificationsService,
    private readonly budget: BudgetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.itemRefs = new ItemRefs(config.jwtSecret);
    this.fileUrls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  }

  private readonly itemRefs: ItemRefs;
  /** Only the annotator holding the lease gets URLs for the item's files. */
  private readonly fileUrls: FileUrls;

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.assignments.expireLeases().then(
        (released) => {
          for (const { projectId, itemId } of released) this.lowerFloor(projectId, itemId);
          // A gold item left to run out counts as a wrong answer: the next aggregation judges it.
          for (const projectId of new Set(released.map((r) => r.projectId))) this.aggregation.schedule(projectId);
          if (released.length > 0) this.logger.log(`returned ${released.length} expired leases to the pool`);
        },
        (error: unknown) => this.logger.warn(`lease sweep failed: ${String(error)}`),
      );
    }, this.config.leaseSweepSeconds * 1000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /**
   * The caller's live lease in the project, else a new one; undefined when nothing is left. Gold
   * items are mixed in at the project's rate (more while the annotator qualifies); nothing in the
   * answer tells them apart. A new lease takes a place in the project's budget for as long as it lives.
   */
  async next(caller: Caller, projectId: number): Promise<TaskDto | undefined> {
    await this.checkNotSuspended(caller);
    const project = await this.projects.visible(caller, projectId);
    if (project.status !== 'active') throw new TaskException(ErrorCode.PROJECT_NOT_ACTIVE, `Project ${projectId} is ${project.status}`);
    const hold = await this.budget.hold(projectId, project.rewardBudget);
    if (!hold) {
      // A spent budget hands out nothing new, but the caller's own lease is theirs to finish.
      const live = await this.assignments.liveTask(projectId, caller.id);
      if (live) return this.handOut(caller, projectId, live);
      throw new TaskException(
        ErrorCode.PROJECT_BUDGET_SPENT,
        `Project ${projectId} has spent its reward budget; it hands out no more work`,
      );
    }
    let answer: LeaseAnswer;
    try {
      answer = await this.lease(caller, projectId, project);
    } catch (error) {
      this.budget.settle(hold);
      throw error;
    }
    this.budget.settle(hold, answer.outcome === 'leased' ? answer.task : undefined);
    switch (answer.outcome) {
      case 'none':
        return undefined;
      case 'capped': {
        const max = this.config.newAnnotators.maxLeases;
        throw new TaskException(
          ErrorCode.LEASE_LIMIT_REACHED,
          `You hold ${max} tasks in other projects: finish or skip one of them first (accounts without a track record hold at most ${max} at once)`,
        );
      }
      case 'leased':
      case 'resumed':
        return this.handOut(caller, projectId, answer.task);
      default: {
        const unreachable: never = answer;
        return unreachable;
      }
    }
  }

  private handOut(caller: Caller, projectId: number, task: LeasedTask): TaskDto {
    this.remember(task.assignmentId, { annotatorId: caller.id, projectId, shape: itemShapeOf(task.data) });
    return mapTask(task, this.itemRefs.of(caller.id, task.itemId), this.fileUrls.forItem(task.data, null, caller.id));
  }

  private async lease(
    caller: Caller,
    projectId: number,
    project: { goldRate: number; leaseSeconds: number; qualificationSize: number; qualificationMinAccuracy: number },
  ): Promise<LeaseAnswer> {
    const goldInProject = await this.goldCount(projectId);
    const qualification = goldInProject > 0 ? await this.qualification(projectId, caller.id, project, goldInProject) : 'passed';
    if (qualification === 'failed') {
      throw new TaskException(
        ErrorCode.QUALIFICATION_FAILED,
        "You did not pass this project's qualification: too few of your answers to its check items were right",
      );
    }
    const wantGold = goldInProject > 0 && this.random() < goldChance(project.goldRate, qualification);
    const floor = await this.floor(projectId);
    const request = { projectId, annotatorId: caller.id, leaseSeconds: project.leaseSeconds, floor, gold: wantGold };
    let answer = await this.assignments.nextTask(request);
    // Below the floor: items another instance released since the last refresh.
    if (answer.outcome === 'none' && floor > 0) answer = await this.assignments.nextTask({ ...request, floor: 0 });
    // Nothing open: leases that ran out may be holding items the sweeper has not returned yet.
    if (answer.outcome === 'none') {
      const released = await this.assignments.expireLeases(projectId);
      if (released.length > 0) {
        this.aggregation.schedule(projectId);
        answer = await this.assignments.nextTask({ ...request, floor: 0 });
      }
    }
    return answer;
  }

  async progress(caller: Caller, projectId: number): Promise<ProgressDto> {
    await this.projects.visible(caller, projectId);
    return this.assignments.countOpen(projectId, caller.id);
  }

  /** Gives the item back: the lease stops counting against the budget, and a skipped gold item counts as a wrong answer. */
  async skip(caller: Caller, assignmentId: number): Promise<void> {
    const freed = await this.assignments.skip(assignmentId, caller.id);
    if (freed) {
      this.leases.delete(assignmentId);
      this.lowerFloor(freed.projectId, freed.itemId);
      this.budget.release(freed);
      this.aggregation.schedule(freed.projectId);
      return;
    }
    const assignment = await this.own(caller, assignmentId);
    throw new TaskException(ErrorCode.ASSIGNMENT_CLOSED, `Assignment ${assignment.id} is ${assignment.status}; it cannot be skipped`);
  }

  /** Records the label; with `thenNext`, also leases the next task of the project in the same call. */
  async submit(caller: Caller, assignmentId: number, result: unknown, leadTimeMs: number, thenNext = false): Promise<SubmittedDto> {
    const { annotationId, projectId } = await this.record(caller, assignmentId, result, leadTimeMs);
    this.aggregation.schedule(projectId);
    if (!thenNext) return { annotationId };
    try {
      return { annotationId, next: (await this.next(caller, projectId)) ?? null };
    } catch (error) {
      // The label is in; a project paused meanwhile just means there is no next task.
      if (error instanceof AppException) return { annotationId, next: null };
      throw error;
    }
  }

  private async checkNotSuspended(caller: Caller): Promise<void> {
    if (await this.suspensions.isSuspended(caller.id))
      throw new TaskException(
        ErrorCode.ANNOTATOR_SUSPENDED,
        'Your account is suspended: your recent labels did not pass the quality checks',
      );
  }

  private async record(
    caller: Caller,
    assignmentId: number,
    result: unknown,
    leadTimeMs: number,
  ): Promise<{ annotationId: number; projectId: number }> {
    await this.checkNotSuspended(caller);
    // Fast path: a lease this instance handed out is judged from memory and closed in one statement.
    const context = this.leases.get(assignmentId);
    if (context && context.annotatorId === caller.id) {
      const project = await this.projects.cached(context.projectId);
      if (project) {
        const checked = this.check({ type: project.type as ProjectType, labels: project.labels }, context.shape, result);
        const annotationId = await this.assignments.submit({ assignmentId, annotatorId: caller.id, result: checked, leadTimeMs });
        if (annotationId !== undefined) {
          this.leases.delete(assignmentId);
          return { annotationId, projectId: context.projectId };
        }
      }
    }
    const assignment = await this.own(caller, assignmentId);
    if (assignment.annotationId !== null) return { annotationId: assignment.annotationId, projectId: assignment.projectId };
    this.checkOpen(assignment);
    const checked = this.check(
      { type: assignment.projectType as ProjectType, labels: assignment.labels },
      itemShapeOf(assignment.data, assignment.media),
      result,
    );
    const annotationId = await this.assignments.submit({ assignmentId, annotatorId: caller.id, result: checked, leadTimeMs });
    this.leases.delete(assignmentId);
    if (annotationId !== undefined) return { annotationId, projectId: assignment.projectId };
    // Lost a race: a concurrent retry submitted it, or the lease ran out meanwhile.
    const after = await this.own(caller, assignmentId);
    if (after.annotationId !== null) return { annotationId: after.annotationId, projectId: after.projectId };
    this.checkOpen(after);
    throw new TaskException(ErrorCode.LEASE_EXPIRED, 'The lease ran out before the submit; take the next task');
  }

  async saveDraft(caller: Caller, assignmentId: number, draft: unknown): Promise<DraftSavedDto> {
    const expiresAt = await this.assignments.saveDraft(assignmentId, caller.id, draft);
    if (expiresAt) return { expiresAt: expiresAt.toISOString() };
    this.checkOpen(await this.own(caller, assignmentId));
    throw new TaskException(ErrorCode.LEASE_EXPIRED, 'The lease ran out; the draft was not saved');
  }

  private qualification(
    projectId: number,
    annotatorId: number,
    project: { qualificationSize: number; qualificationMinAccuracy: number },
    goldInProject: number,
  ): Promise<QualificationStatus> {
    // No verdict yet: a new annotator, unless the project asks for no qualification at all.
    return this.qualificationVerdicts.status(projectId, annotatorId, () =>
      qualificationStatus({ size: project.qualificationSize, minAccuracy: project.qualificationMinAccuracy }, goldInProject, {
        goldSeen: 0,
        goldCorrect: 0,
      }),
    );
  }

  private async goldCount(projectId: number): Promise<number> {
    const entry = this.goldCounts.get(projectId);
    if (entry && Date.now() - entry.refreshedAt < FLOOR_REFRESH_MS) return entry.count;
    const count = await this.qualifications.goldCount(projectId);
    this.goldCounts.set(projectId, { count, refreshedAt: Date.now() });
    return count;
  }

  /** Lets lease scans find an item that went back to the pool below the current floor. */
  lowerFloor(projectId: number, itemId: number): void {
    const entry = this.floors.get(projectId);
    if (entry && itemId < entry.floor) entry.floor = itemId;
  }

  private async floor(projectId: number): Promise<number> {
    const entry = this.floors.get(projectId);
    if (entry && Date.now() - entry.refreshedAt < FLOOR_REFRESH_MS) return entry.floor;
    const floor = await this.assignments.openFloor(projectId);
    this.floors.set(projectId, { floor, refreshedAt: Date.now() });
    return floor;
  }

  private remember(assignmentId: number, context: LeaseContext): void {
    if (this.leases.size >= MAX_CACHED_LEASES) {
      const oldest = this.leases.keys().next();
      if (!oldest.done) this.leases.delete(oldest.value);
    }
    this.leases.set(assignmentId, context);
  }

  private check(schema: { type: ProjectType; labels: readonly string[] }, shape: ItemShape, result: unknown): unknown {
    const checked = validateResult(schema, shape, result);
    if (!checked.ok) throw new TaskException(ErrorCode.RESULT_INVALID, `${checked.field} ${checked.message}`, checked.field);
    return checked.result;
  }

  /** The assignment if it is the caller's; someone else's is reported as not found. */
  private async own(caller: Caller, assignmentId: number): Promise<AssignmentForSubmit> {
    const assignment = await this.assignments.findForSubmit(assignmentId);
    if (!assignment || assignment.annotatorId !== caller.id) {
      throw new TaskException(ErrorCode.ASSIGNMENT_NOT_FOUND, `Assignment ${assignmentId} not found`);
    }
    return assignment;
  }

  private checkOpen(assignment: AssignmentForSubmit): void {
    if (assignment.status === 'expired' || (assignment.status === 'leased' && !assignment.live)) {
      throw new TaskException(ErrorCode.LEASE_EXPIRED, 'The lease ran out; the item went back to the pool. Take the next task');
    }
    if (assignment.status !== 'leased') {
      throw new TaskException(ErrorCode.ASSIGNMENT_CLOSED, `Assignment ${assignment.id} is ${assignment.status}`);
    }
  }
}
