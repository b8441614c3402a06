import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../access/access.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import { FileUrls } from '../items/domain/file-urls.js';
import { itemShapeOf, validateResult, type ProjectType } from '../projects/domain/label-schema.js';
import type { ConsensusStatus } from './domain/consensus-status.js';
import { QualityException } from './quality.exception.js';
import { mapReviewItem, type REVIEW_FILTERS, type ReviewDecidedDto, type ReviewItemDto } from './reviews.dto.js';
import { ReviewsRepository, type ReviewOutcome } from './reviews.repository.js';

function whyNotPending(state: { status: ConsensusStatus | null; lastDecision: ReviewOutcome | null }): string {
  if (state.lastDecision !== null && state.status === 'confident') return `a reviewer already decided it (${state.lastDecision})`;
  if (state.lastDecision === 'rejected' && state.status === null) return 'a reviewer rejected it; it is back in the pool';
  switch (state.status) {
    case null:
      return 'the quality engine has not judged its labels yet';
    case 'confident':
      return 'the quality engine settled it';
    case 'needs_more_labels':
      return 'it is waiting for more labels';
    default:
      return `its status is ${state.status}`;
  }
}

/**
 * The review queue: items the engine could not settle, for reviewers to accept, fix or reject. A
 * decision lands only on an item waiting for review, once, and never from a reviewer who labelled it.
 */
@Injectable()
export class ReviewsService {
  private readonly fileUrls: FileUrls;

  constructor(
    private readonly reviews: ReviewsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.fileUrls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  }

  async queue(caller: Caller, query: ListQuery<(typeof REVIEW_FILTERS)[number]>): Promise<ListPage<ReviewItemDto>> {
    const page = await this.reviews.queue(caller.id, idList(query.filter.projectId, 'projectId'), query.offset, query.limit);
    return { rows: page.rows.map((row) => mapReviewItem(row, this.fileUrls.forItem(row.data, null, caller.id))), total: page.total };
  }

  async decide(caller: Caller, itemId: number, outcome: ReviewOutcome, result: unknown): Promise<ReviewDecidedDto> {
    const context = await this.reviews.itemContext(itemId);
    if (!context) throw new QualityException(ErrorCode.ITEM_NOT_FOUND, `Item ${itemId} not found`);
    let fixed: unknown = null;
    if (outcome === 'fixed_and_accepted') {
      const checked = validateResult(
        { type: context.type as ProjectType, labels: context.labels },
        itemShapeOf(context.data, context.media),
        result,
      );
      if (!checked.ok) throw new QualityException(ErrorCode.RESULT_INVALID, `${checked.field} ${checked.message}`, checked.field);
      fixed = checked.result;
    }
    const answer = await this.reviews.decide(itemId, caller.id, outcome, fixed);
    switch (answer.outcome) {
      case 'decided':
        return { itemId, outcome };
      case 'not_found':
        throw new QualityException(ErrorCode.ITEM_NOT_FOUND, `Item ${itemId} not found`);
      case 'own_label':
        throw new QualityException(ErrorCode.REVIEW_OWN_LABEL, `You labelled item ${itemId}: another reviewer decides it`);
      case 'not_pending':
        throw new QualityException(ErrorCode.REVIEW_NOT_PENDING, `Item ${itemId} is not waiting for review: ${whyNotPending(answer)}`);
      default: {
        const unreachable: never = answer;
        return unreachable;
      }
    }
  }
}
