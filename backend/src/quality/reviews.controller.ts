import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { getAddress } from 'ethers';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { contentRange, idList, parseId, parseListQuery } from '../http/list-query.js';
import { FileUrls } from '../items/file-urls.js';
import { itemShapeOf, validateResult, type ProjectType } from '../projects/domain/label-schema.js';
import { ReviewDecisionDto, ReviewItemDto } from './reviews.dto.js';
import { ReviewsRepository } from './reviews.repository.js';

/** The review queue: items the engine could not settle, for reviewers to accept, fix or reject. */
@ApiTags('quality')
@ApiBearerAuth()
@RequirePermission('review.work')
@Controller('review')
export class ReviewsController {
  private readonly fileUrls: FileUrls;

  constructor(
    private readonly reviews: ReviewsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.fileUrls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  }

  @Get()
  @ApiOkResponse({ type: ReviewItemDto, isArray: true, description: 'Least confident first; filter {projectId}' })
  async queue(
    @CurrentCaller() caller: Caller,
    @Query() raw: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewItemDto[]> {
    const query = parseListQuery(raw, { filters: ['projectId'] as const, sorts: ['confidence'], defaultSort: 'confidence' });
    const page = await this.reviews.queue(idList(query.filter.projectId, 'projectId'), query.offset, query.limit);
    const rows = page.rows.map((r) => ({
      id: r.itemId,
      projectId: r.projectId,
      data: r.data,
      files: this.fileUrls.forItem(r.data, null, caller.id),
      result: r.result,
      confidence: r.confidence,
      labels: r.labels.map((l) => ({
        annotationId: l.annotationId,
        annotatorId: l.annotatorId,
        annotatorAddress: getAddress(l.address),
        result: l.result,
      })),
    }));
    void reply.header('Content-Range', contentRange('review', query, { rows, total: page.total }));
    return rows;
  }

  @Post(':itemId')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Decision recorded' })
  async decide(
    @CurrentCaller() caller: Caller,
    @Param('itemId') itemIdRaw: string,
    @Body() body: ReviewDecisionDto,
  ): Promise<{ itemId: number; outcome: string }> {
    const itemId = parseId(itemIdRaw, 'itemId');
    const context = await this.reviews.itemContext(itemId);
    if (!context) throw new AppException(ErrorCode.ITEM_NOT_FOUND, `Item ${itemId} not found`);
    let result: unknown = null;
    if (body.outcome === 'fixed_and_accepted') {
      const checked = validateResult({ type: context.type as ProjectType, labels: context.labels }, itemShapeOf(context.data), body.result);
      if (!checked.ok) throw new AppException(ErrorCode.RESULT_INVALID, `${checked.field} ${checked.message}`, checked.field);
      result = checked.result;
    } else if (body.outcome === 'accepted') {
      const current = await this.reviews.currentResult(itemId);
      if (current?.status !== 'needs_review')
        throw new AppException(ErrorCode.ASSIGNMENT_CLOSED, `Item ${itemId} is not waiting for review`);
      result = current.result;
    }
    await this.reviews.decide(itemId, context.projectId, caller.id, body.outcome, result);
    return { itemId, outcome: body.outcome };
  }
}
