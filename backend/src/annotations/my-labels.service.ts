import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../access/access.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { FileUrls } from '../items/domain/file-urls.js';
import { ItemRefs } from '../items/domain/item-refs.js';
import { itemShapeOf, validateResult, type ProjectType } from '../projects/domain/label-schema.js';
import { AggregationService } from '../quality/aggregation.service.js';
import { matchesGold } from '../quality/domain/gold-check.js';
import { PRIOR_TRUST, trustOf } from '../quality/domain/trust.js';
import { SuspensionsService } from '../quality/suspensions.service.js';
import { formatTokens, MAX_MULTIPLIER_BPS, MIN_MULTIPLIER_BPS, PAR_TRUST, qualityMultiplierBps } from '../rewards/domain/reward-math.js';
import { correctable, labelStatus, type LabelStatus } from './domain/label-status.js';
import { AnnotationException } from './annotations.exception.js';
import type { LabelCountsDto, MyLabelDetailDto, MyLabelDto, MyLabelsDto } from './my-labels.dto.js';
import { MyLabelsRepository, type MyLabelRow } from './my-labels.repository.js';

/** How many of their latest labels an annotator sees. */
const RECENT_LABELS = 50;

function standingOf(row: MyLabelRow): LabelStatus {
  return labelStatus({
    discarded: row.discarded,
    decision: row.decisionStatus === null ? null : { status: row.decisionStatus, labels: row.decisionLabels ?? 0 },
    minLabels: row.minLabels,
    // A label with a net reward matched when it was credited (a reversal follows any change of answer).
    matches: () => BigInt(row.earnedWei) > 0n || matchesGold(row.projectType as ProjectType, row.data, row.settled, row.result),
  });
}

/**
 * An annotator's own labels: where each stands with the quality check, counts by standing, their
 * trust per project and what it does to their pay; and correcting a label while its item is open.
 */
@Injectable()
export class MyLabelsService {
  private readonly itemRefs: ItemRefs;
  private readonly fileUrls: FileUrls;

  constructor(
    private readonly labels: MyLabelsRepository,
    private readonly aggregation: AggregationService,
    private readonly suspensions: SuspensionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.itemRefs = new ItemRefs(config.jwtSecret);
    this.fileUrls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  }

  async overview(caller: Caller): Promise<MyLabelsDto> {
    const [recent, standing, uncredited, trust] = await Promise.all([
      this.labels.recent(caller.id, RECENT_LABELS),
      this.labels.standingCounts(caller.id),
      this.labels.settledUncredited(caller.id),
      this.labels.trust(caller.id),
    ]);
    const matched = uncredited.filter((row) => matchesGold(row.projectType as ProjectType, row.data, row.settled, row.result)).length;
    const counts: LabelCountsDto = {
      submitted: standing.submitted,
      pending: standing.pending,
      accepted: standing.credited + matched,
      rejected: uncredited.length - matched,
      discarded: standing.discarded,
    };
    return {
      counts,
      trust: trust.map((w) => {
        const value = trustOf(w);
        return {
          projectId: w.projectId,
          projectName: w.projectName,
          trust: value,
          multiplier: Number(qualityMultiplierBps(value)) / 10_000,
        };
      }),
      trustRule: {
        parTrust: PAR_TRUST,
        minMultiplier: Number(MIN_MULTIPLIER_BPS) / 10_000,
        maxMultiplier: Number(MAX_MULTIPLIER_BPS) / 10_000,
        startingTrust: PRIOR_TRUST,
      },
      recent: recent.map((row) => this.mapLabel(row)),
    };
  }

  async get(caller: Caller, id: number): Promise<MyLabelDetailDto> {
    const row = await this.labels.findOwn(caller.id, id);
    if (!row) throw new AnnotationException(ErrorCode.ANNOTATION_NOT_FOUND, `Label ${id} not found`);
    const item = await this.labels.item(row.itemId);
    if (!item) throw new AnnotationException(ErrorCode.ANNOTATION_NOT_FOUND, `Label ${id} not found`);
    return { ...this.mapLabel(row), item: { data: item.data, files: this.fileUrls.forItem(item.data, item.media, caller.id) } };
  }

  /**
   * Replaces the caller's label while its item is still open, and has the quality check run again. A
   * suspended annotator, a discarded label, a settled item or a project no longer active refuse it.
   */
  async correct(caller: Caller, id: number, result: unknown): Promise<MyLabelDetailDto> {
    if (await this.suspensions.isSuspended(caller.id)) {
      throw new AnnotationException(ErrorCode.ANNOTATOR_SUSPENDED, 'Your account is suspended: your labels cannot be changed');
    }
    const row = await this.labels.findOwn(caller.id, id);
    const item = row && (await this.labels.item(row.itemId));
    if (!row || !item) throw new AnnotationException(ErrorCode.ANNOTATION_NOT_FOUND, `Label ${id} not found`);
    const checked = validateResult(
      { type: row.projectType as ProjectType, labels: row.projectLabels },
      itemShapeOf(item.data, item.media),
      result,
    );
    if (!checked.ok) throw new AnnotationException(ErrorCode.RESULT_INVALID, `${checked.field} ${checked.message}`, checked.field);
    const projectId = await this.labels.correct(id, caller.id, checked.result);
    if (projectId === undefined) {
      throw new AnnotationException(
        ErrorCode.ASSIGNMENT_CLOSED,
        `Label ${id} can no longer be corrected: the quality check has decided its item, or the project is closed`,
      );
    }
    this.aggregation.schedule(projectId);
    return this.get(caller, id);
  }

  private mapLabel(row: MyLabelRow): MyLabelDto {
    const decision = row.decisionStatus === null ? null : { status: row.decisionStatus, labels: row.decisionLabels ?? 0 };
    return {
      id: row.id,
      projectId: row.projectId,
      projectName: row.projectName,
      projectType: row.projectType,
      itemId: this.itemRefs.of(row.annotatorId, row.itemId),
      result: row.result,
      status: standingOf(row),
      correctable: row.projectActive && correctable({ discarded: row.discarded, decision, minLabels: row.minLabels }),
      earned: formatTokens(BigInt(row.earnedWei)),
      createdAt: row.createdAt.toISOString(),
    };
  }
}
