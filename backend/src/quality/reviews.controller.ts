import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { REVIEW_FILTERS, ReviewDecidedDto, ReviewDecisionDto, ReviewItemDto } from './reviews.dto.js';
import { ReviewsService } from './reviews.service.js';

/** The review queue: items the engine could not settle, for reviewers to accept, fix or reject. */
@ApiTags('quality')
@ApiBearerAuth()
@RequirePermission('review.work')
@Controller('review')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @ApiOkResponse({
    type: ReviewItemDto,
    isArray: true,
    description: 'Least confident first; filter {projectId}. Items the caller labelled are not offered (they may not decide them).',
  })
  async queue(
    @CurrentCaller() caller: Caller,
    @Query() raw: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewItemDto[]> {
    const query = parseListQuery(raw, { filters: REVIEW_FILTERS, sorts: ['confidence'], defaultSort: 'confidence' });
    const page = await this.reviews.queue(caller, query);
    void reply.header('Content-Range', contentRange('review', query, page));
    return page.rows;
  }

  @Post(':itemId')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewDecidedDto, description: 'Decision recorded' })
  @ApiConflictResponse({ description: 'REVIEW_NOT_PENDING: the item is not waiting for review (or another reviewer decided it first)' })
  @ApiForbiddenResponse({ description: 'REVIEW_OWN_LABEL: the caller labelled this item' })
  decide(@CurrentCaller() caller: Caller, @Param('itemId') itemId: string, @Body() body: ReviewDecisionDto): Promise<ReviewDecidedDto> {
    return this.reviews.decide(caller, parseId(itemId, 'itemId'), body.outcome, body.result);
  }
}
