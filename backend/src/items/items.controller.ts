import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import type { UploadRouteConfig } from '../http/body-policy.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { CreateItemDto, ImportResultDto, ITEM_FILTERS, ITEM_SORTS, ItemDto, UpdateItemDto } from './item.dto.js';
import { withUploadedSources } from './import-upload.util.js';
import { IMPORT_MEDIA_TYPES, ItemsImportService } from './items-import.service.js';
import { ItemsService } from './items.service.js';

@ApiTags('items')
@ApiBearerAuth()
@RequirePermission('item.manage')
@Controller()
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly importer: ItemsImportService,
  ) {}

  @Post('projects/:id/items')
  @RouteConfig({ streamBody: true, uploadTypes: IMPORT_MEDIA_TYPES } satisfies UploadRouteConfig)
  @ApiConsumes('application/json', 'application/x-ndjson', 'text/csv', 'multipart/form-data')
  @ApiBody({ description: 'A JSON array or JSONL of {externalId?, data}, a CSV with a header row, or files (JSON, JSONL, CSV, images)' })
  @ApiCreatedResponse({ type: ImportResultDto })
  import(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResultDto> {
    return withUploadedSources(request, reply, (sources) => this.importer.import(parseId(id), sources));
  }

  @Get('items')
  @ApiOkResponse({ type: ItemDto, isArray: true })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() raw: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItemDto[]> {
    const query = parseListQuery(raw, { filters: ITEM_FILTERS, sorts: ITEM_SORTS });
    const page = await this.items.list(query, caller.id);
    void reply.header('Content-Range', contentRange('items', query, page));
    return page.rows;
  }

  @Get('items/:id')
  @ApiOkResponse({ type: ItemDto })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ItemDto> {
    return this.items.get(parseId(id), caller.id);
  }

  @Post('items')
  @ApiCreatedResponse({ type: ItemDto })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateItemDto): Promise<ItemDto> {
    return this.items.create(body, caller.id);
  }

  @Put('items/:id')
  @ApiOkResponse({ type: ItemDto })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateItemDto): Promise<ItemDto> {
    return this.items.update(parseId(id), body, caller.id);
  }

  @Delete('items/:id')
  @ApiOkResponse({ type: ItemDto })
  delete(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ItemDto> {
    return this.items.delete(parseId(id), caller.id);
  }
}
