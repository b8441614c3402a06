import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { ANNOTATION_FILTERS, ANNOTATION_SORTS, AnnotationDto, CreateAnnotationDto, UpdateAnnotationDto } from './annotation.dto.js';
import { AnnotationsService } from './annotations.service.js';

@ApiTags('annotations')
@ApiBearerAuth()
@Controller('annotations')
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  @Get()
  @RequirePermission('assignment.work')
  @ApiOkResponse({ type: AnnotationDto, isArray: true, description: 'Annotators get only their own labels' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() raw: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnnotationDto[]> {
    const query = parseListQuery(raw, { filters: ANNOTATION_FILTERS, sorts: ANNOTATION_SORTS });
    const page = await this.annotations.list(caller, query);
    void reply.header('Content-Range', contentRange('annotations', query, page));
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('assignment.work')
  @ApiOkResponse({ type: AnnotationDto })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<AnnotationDto> {
    return this.annotations.get(caller, parseId(id));
  }

  @Post()
  @RequirePermission('annotation.manage')
  @ApiCreatedResponse({ type: AnnotationDto })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateAnnotationDto): Promise<AnnotationDto> {
    return this.annotations.create(caller, body.itemId, body.result, body.leadTimeMs ?? 0);
  }

  @Put(':id')
  @RequirePermission('annotation.manage')
  @ApiOkResponse({ type: AnnotationDto })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateAnnotationDto): Promise<AnnotationDto> {
    return this.annotations.update(caller, parseId(id), body.result);
  }

  @Delete(':id')
  @RequirePermission('annotation.manage')
  @ApiOkResponse({ type: AnnotationDto })
  delete(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<AnnotationDto> {
    return this.annotations.delete(caller, parseId(id));
  }
}
