import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Caller } from '../access/access.js';
import { TtlCache } from '../cache/ttl-cache.js';
import { APP_CONFIG, runsBackgroundWork, type AppConfig } from '../config/app-config.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { FileUrls } from '../items/domain/file-urls.js';
import { ItemRefs } from '../items/domain/item-refs.js';
import { labelsSubmitted } from '../observability/metrics.js';
import { itemShapeOf, validateResult, type ItemShape, type ProjectType } from '../projects/domain/label-schema.js';
import { ProjectsService } from '../projects/projects.service.js';
import { AggregationService } from '../quality/aggregation.service.js';
import { AdmissionService, type Admitted } from './admission.service.js';
import { AssignmentsRepository, type AssignmentForSubmit, type LeaseAnswer, type LeasedAssignment } from './assignments.repository.js';
import type { DraftSavedDto, ProgressDto, SubmittedDto, AssignmentDto } from './assignment.dto.js';
import { AssignmentException } from './assignments.exception.js';

function mapAssignment(leased: LeasedAssignment, itemRef: string, files: Record<string, string>): AssignmentDto {
  const dto: AssignmentDto = {
    assignmentId: leased.assignmentId,
    item: { id: itemRef, data: leased.data, files },
    expiresAt: leased.expiresAt.toISOString(),
  };
  if (leased.draft !== null && leased.draft !== undefined) dto.draft = leased.draft;
  return dto;
}

/** What the fast submit path needs to know of a lease this instance handed out. */
interface HandedOut {
  annotatorId: number;
  projectId: number;
  shape: ItemShape;
}

const MAX_HANDED_OUT = 100_000;
const MAX_PROJECTS = 10_000;
/** How long a project's lowest open item id is trusted before it is read again. */
const SCAN_START_TTL_MS = 5_000;

/**
 * The labeling rules: an annotator takes the next assignment in a project (`next`), gives it back (`skip`),
 * saves unfinished work (`saveDraft`) and submits a label (`submit`). Who may take work is the
 * admission's call; which item they get is the lease statement's (lease-assignments.sql).
 */
@Injectable()
export class AssignmentsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AssignmentsService.name);
  private sweeper: NodeJS.Timeout | undefined;
  /** Leases this instance handed out, so that their submit is judged without reading them back. */
  private readonly handedOut = new TtlCache<number, HandedOut>({ maxEntries: MAX_HANDED_OUT, ttlMs: Infinity });
  /**
   * Per project, the lowest item id that may still be open: lease scans start there. A hint only,
   * lowered at once when this instance sees an item come back; another instance's show up on refresh.
   */
  private readonly scanStarts = new TtlCache<number, number>({ maxEntries: MAX_PROJECTS, ttlMs: SCAN_START_TTL_MS });
  private readonly readScanStart = (projectId: number): Promise<number> => this.assignments.lowestOpenItemId(projectId);
  private readonly itemRefs: ItemRefs;
  /** Only the annotator holding the lease gets URLs for the item's files. */
  private readonly fileUrls: FileUrls;

  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly admission: AdmissionService,
    private readonly projects: ProjectsService,
    private readonly aggregation: AggregationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.itemRefs = new ItemRefs(config.jwtSecret);
    this.fileUrls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  }

  onModuleInit(): void {
    // The workers return expired leases; an API process also does when it finds nothing open (`lease`).
    if (!runsBackgroundWork(this.config)) return;
    this.sweeper = setInterval(() => {
      this.assignments.expireLeases().then(
        (released) => {
          for (const { projectId, itemId } of released) this.itemReopened(projectId, itemId);
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
  async next(caller: Caller, projectId: number): Promise<AssignmentDto | undefined> {
    const admitted = await this.admission.admit(caller, projectId);
    if (admitted === 'budget-spent') {
      // A spent budget hands out nothing new, but the caller's own lease is theirs to finish.
      const live = await this.assignments.liveAssignment(projectId, caller.id);
      if (live) return this.handOut(caller, projectId, live);
      throw new AssignmentException(
        ErrorCode.PROJECT_BUDGET_SPENT,
        `Project ${projectId} has spent its reward budget; it hands out no more work`,
      );
    }
    let answer: LeaseAnswer;
    try {
      answer = await this.lease(caller, projectId, admitted);
    } catch (error) {
      this.admission.settle(admitted.hold);
      throw error;
    }
    this.admission.settle(admitted.hold, answer.outcome === 'leased' ? answer.assignment : undefined);
    switch (answer.outcome) {
      case 'none':
        return undefined;
      case 'capped': {
        const max = this.config.newAnnotators.maxLeases;
        throw new AssignmentException(
          ErrorCode.LEASE_LIMIT_REACHED,
          `You hold ${max} leased items in other projects: finish or skip one of them first (accounts without a track record hold at most ${max} at once)`,
        );
      }
      case 'leased':
      case 'resumed':
        return this.handOut(caller, projectId, answer.assignment);
      default: {
        const unreachable: never = answer;
        return unreachable;
      }
    }
  }

  async progress(caller: Caller, projectId: number): Promise<ProgressDto> {
    await this.projects.visible(caller, projectId);
    return this.assignments.countOpen(projectId, caller.id);
  }

  /** Gives the item back: the lease stops counting against the budget, and a skipped gold item counts as a wrong answer. */
  async skip(caller: Caller, assignmentId: number): Promise<void> {
    const freed = await this.assignments.skip(assignmentId, caller.id);
    if (freed) {
      this.handedOut.delete(assignmentId);
      this.itemReopened(freed.projectId, freed.itemId);
      this.admission.release(freed);
      this.aggregation.schedule(freed.projectId);
      return;
    }
    const assignment = await this.ownAssignment(caller, assignmentId);
    throw new AssignmentException(ErrorCode.ASSIGNMENT_CLOSED, `Assignment ${assignment.id} is ${assignment.status}; it cannot be skipped`);
  }

  /** Records the label; with `thenNext`, also leases the next assignment in the project in the same call. */
  async submit(caller: Caller, assignmentId: number, result: unknown, leadTimeMs: number, thenNext = false): Promise<SubmittedDto> {
    const { annotationId, projectId } = await this.recordLabel(caller, assignmentId, result, leadTimeMs);
    this.aggregation.schedule(projectId);
    if (!thenNext) return { annotationId };
    try {
      return { annotationId, next: (await this.next(caller, projectId)) ?? null };
    } catch (error) {
      // The label is in; a project paused meanwhile just means there is no next assignment.
      if (error instanceof AppException) return { annotationId, next: null };
      throw error;
    }
  }

  async saveDraft(caller: Caller, assignmentId: number, draft: unknown): Promise<DraftSavedDto> {
    const expiresAt = await this.assignments.saveDraft(assignmentId, caller.id, draft);
    if (expiresAt) return { expiresAt: expiresAt.toISOString() };
    this.requireStillLeased(await this.ownAssignment(caller, assignmentId));
    throw new AssignmentException(ErrorCode.LEASE_EXPIRED, 'The lease ran out; the draft was not saved');
  }

  /** Lets lease scans find an item that went back to the pool below where they start. */
  private itemReopened(projectId: number, itemId: number): void {
    this.scanStarts.update(projectId, (lowest) => Math.min(lowest, itemId));
  }

  private handOut(caller: Caller, projectId: number, leased: LeasedAssignment): AssignmentDto {
    this.handedOut.set(leased.assignmentId, { annotatorId: caller.id, projectId, shape: itemShapeOf(leased.data) });
    return mapAssignment(leased, this.itemRefs.of(caller.id, leased.itemId), this.fileUrls.forItem(leased.data, null, caller.id));
  }

  private async lease(caller: Caller, projectId: number, admitted: Admitted): Promise<LeaseAnswer> {
    const scanFrom = await this.scanStarts.getOrLoad(projectId, this.readScanStart);
    const request = { projectId, annotatorId: caller.id, leaseSeconds: admitted.leaseSeconds, scanFrom, gold: admitted.gold };
    let answer = await this.assignments.nextAssignment(request);
    // Below the scan start: items another instance released since the last refresh.
    if (answer.outcome === 'none' && scanFrom > 0) answer = await this.assignments.nextAssignment({ ...request, scanFrom: 0 });
    // Nothing open: leases that ran out may be holding items the sweeper has not returned yet.
    if (answer.outcome === 'none') {
      const released = await this.assignments.expireLeases(projectId);
      if (released.length > 0) {
        this.aggregation.schedule(projectId);
        answer = await this.assignments.nextAssignment({ ...request, scanFrom: 0 });
      }
    }
    return answer;
  }

  /**
   * Closes the caller's lease with their label. A retry of a submit that went through answers the same
   * annotation; a lease that ran out or was closed is refused.
   */
  private async recordLabel(
    caller: Caller,
    assignmentId: number,
    result: unknown,
    leadTimeMs: number,
  ): Promise<{ annotationId: number; projectId: number }> {
    await this.admission.requireNotSuspended(caller);
    // Fast path: a lease this instance handed out is judged from memory and closed in one statement.
    const handedOut = this.handedOut.get(assignmentId);
    if (handedOut && handedOut.annotatorId === caller.id) {
      const project = await this.projects.cached(handedOut.projectId);
      if (project) {
        const valid = this.validResult({ type: project.type as ProjectType, labels: project.labels }, handedOut.shape, result);
        const annotationId = await this.assignments.submit({ assignmentId, annotatorId: caller.id, result: valid, leadTimeMs });
        if (annotationId !== undefined) {
          labelsSubmitted.inc();
          this.handedOut.delete(assignmentId);
          return { annotationId, projectId: handedOut.projectId };
        }
      }
    }
    // Slow path: the lease as the database has it (handed out elsewhere, retried, or no longer live).
    const assignment = await this.ownAssignment(caller, assignmentId);
    if (assignment.annotationId !== null) return { annotationId: assignment.annotationId, projectId: assignment.projectId };
    this.requireStillLeased(assignment);
    const valid = this.validResult(
      { type: assignment.projectType as ProjectType, labels: assignment.labels },
      itemShapeOf(assignment.data, assignment.media),
      result,
    );
    const annotationId = await this.assignments.submit({ assignmentId, annotatorId: caller.id, result: valid, leadTimeMs });
    this.handedOut.delete(assignmentId);
    if (annotationId !== undefined) {
      labelsSubmitted.inc();
      return { annotationId, projectId: assignment.projectId };
    }
    // Lost a race: a concurrent retry submitted it, or the lease ran out meanwhile.
    const after = await this.ownAssignment(caller, assignmentId);
    if (after.annotationId !== null) return { annotationId: after.annotationId, projectId: after.projectId };
    this.requireStillLeased(after);
    throw new AssignmentException(ErrorCode.LEASE_EXPIRED, 'The lease ran out before the submit; take the next item');
  }

  /** The result as stored, or RESULT_INVALID naming the offending field. */
  private validResult(schema: { type: ProjectType; labels: readonly string[] }, shape: ItemShape, result: unknown): unknown {
    const checked = validateResult(schema, shape, result);
    if (!checked.ok) throw new AssignmentException(ErrorCode.RESULT_INVALID, `${checked.field} ${checked.message}`, checked.field);
    return checked.result;
  }

  /** The assignment if it is the caller's; someone else's is reported as not found. */
  private async ownAssignment(caller: Caller, assignmentId: number): Promise<AssignmentForSubmit> {
    const assignment = await this.assignments.findForSubmit(assignmentId);
    if (!assignment || assignment.annotatorId !== caller.id) {
      throw new AssignmentException(ErrorCode.ASSIGNMENT_NOT_FOUND, `Assignment ${assignmentId} not found`);
    }
    return assignment;
  }

  private requireStillLeased(assignment: AssignmentForSubmit): void {
    if (assignment.status === 'expired' || (assignment.status === 'leased' && !assignment.live)) {
      throw new AssignmentException(ErrorCode.LEASE_EXPIRED, 'The lease ran out; the item went back to the pool. Take the next one');
    }
    if (assignment.status !== 'leased') {
      throw new AssignmentException(ErrorCode.ASSIGNMENT_CLOSED, `Assignment ${assignment.id} is ${assignment.status}`);
    }
  }
}
