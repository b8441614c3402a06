import type { Readable } from 'node:stream';
import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import type { UploadRouteConfig } from '../http/body-policy.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { CreateItemDto, ImportResultDto, ItemDto, UpdateItemDto } from './item.dto.js';
import { IMPORT_MEDIA_TYPES, ItemImportException, ItemsImportService, type ImportSource } from './items-import.service.js';
import { ITEM_FILTERS, ITEM_SORTS } from './items.repository.js';
import { ItemsService } from './items.service.js';

const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** Resolves true once the request body has been read to its end, false past `limit` bytes. */
function drain(stream: NodeJS.ReadableStream & { readableEnded?: boolean }, limit: number): Promise<boolean> {
  if (stream.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let read = 0;
    const onData = (chunk: Buffer): void => {
      read += chunk.length;
      if (read > limit) finish(false);
    };
    const finish = (ended: boolean): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      resolve(ended);
    };
    const onEnd = (): void => finish(true);
    const onError = (): void => finish(false);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', () => finish(stream.readableEnded === true));
    stream.resume();
  });
}

/** A form busboy cannot read (cut short, malformed part headers) is the client's error, not ours. */
function multipartError(error: unknown): unknown {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (error instanceof AppException || (typeof status === 'number' && status >= 400 && status < 500)) return error;
  const reason = error instanceof Error ? error.message : 'unreadable';
  return new ItemImportException(ErrorCode.ITEM_INVALID, `The multipart form cannot be read: ${reason}; nothing was imported`, 'body');
}

async function* multipartContent(file: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* file;
  } catch (error) {
    throw multipartError(error);
  }
}

async function* sourcesOf(request: FastifyRequest): AsyncGenerator<ImportSource> {
  if (request.isMultipart()) {
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        yield { fileName: part.filename, mimeType: part.mimetype, content: multipartContent(part.file) };
      }
    } catch (error) {
      throw multipartError(error);
    }
    return;
  }
  // Not destroyed when the import stops early, so the rest can be drained and the connection kept.
  const body = (request.body as Readable).iterator({ destroyOnReturn: false });
  yield { mimeType: request.headers['content-type'] ?? '', content: body };
}

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
  async import(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResultDto> {
    try {
      return await this.importer.import(parseId(id), sourcesOf(request));
    } catch (error) {
      if (request.raw.readableAborted) {
        throw new ItemImportException(ErrorCode.MALFORMED_REQUEST, 'The upload was cut off before its end; nothing was imported', 'body');
      }
      // Read what is left of a refused upload so the client gets the error on a clean connection;
      // past a bound, close the connection instead of reading on.
      if (!(await drain(request.raw, DRAIN_LIMIT_BYTES))) void reply.header('connection', 'close');
      throw error;
    }
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
