import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { parseId } from '../http/list-query.js';
import { DraftDto, DraftSavedDto, ProgressDto, SubmitDto, SubmittedDto, AssignmentDto } from './assignment.dto.js';
import { AssignmentsService } from './assignments.service.js';

@ApiTags('assignments')
@ApiBearerAuth()
@RequirePermission('assignment.work')
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get('projects/:id/next')
  @ApiOkResponse({ type: AssignmentDto, description: 'The next item to label (or the one already leased)' })
  @ApiNoContentResponse({ description: 'Nothing is left for this annotator' })
  async next(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssignmentDto | undefined> {
    const assignment = await this.assignments.next(caller, parseId(id));
    if (!assignment) void reply.status(204);
    return assignment;
  }

  @Get('projects/:id/progress')
  @ApiOkResponse({ type: ProgressDto })
  progress(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ProgressDto> {
    return this.assignments.progress(caller, parseId(id));
  }

  @Post('assignments/:id/submit')
  @HttpCode(201)
  @ApiCreatedResponse({ type: SubmittedDto, description: 'A retried submit answers the same annotationId' })
  @ApiQuery({ name: 'next', required: false, type: Boolean, description: 'Also lease and return the next assignment' })
  submit(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: SubmitDto,
    @Query('next') next?: string,
  ): Promise<SubmittedDto> {
    return this.assignments.submit(caller, parseId(id), body.result, body.leadTimeMs, next === 'true' || next === '1');
  }

  @Post('assignments/:id/skip')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The item went back to the pool for others' })
  skip(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    return this.assignments.skip(caller, parseId(id));
  }

  @Put('assignments/:id/draft')
  @ApiOkResponse({ type: DraftSavedDto })
  draft(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: DraftDto): Promise<DraftSavedDto> {
    return this.assignments.saveDraft(caller, parseId(id), body.result);
  }
}
