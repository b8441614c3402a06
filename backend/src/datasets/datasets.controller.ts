import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { ErrorCode } from '../errors/app.exception.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { countedDownload } from '../observability/metrics.js';
import { parseByteRange } from './byte-range.util.js';
import {
  CreateDatasetDto,
  CreateSyntheticDto,
  DATASET_FILTERS,
  PublishDatasetDto,
  PublishQueuedDto,
  DATASET_SORTS,
  DatasetCreatedDto,
  DatasetDto,
} from './datasets.dto.js';
import { DatasetException } from './datasets.exception.js';
import { DatasetsService } from './datasets.service.js';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

@ApiTags('datasets')
@ApiBearerAuth()
@Controller('datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @Get()
  @RequirePermission('dataset.manage')
  @ApiOkResponse({
    type: DatasetDto,
    isArray: true,
    description: 'react-admin list: filter {id, projectId, status, kind, q}, sort, range; Content-Range',
  })
  async list(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<DatasetDto[]> {
    const query = parseListQuery(raw, { filters: DATASET_FILTERS, sorts: DATASET_SORTS });
    const page = await this.datasets.list(query);
    void reply.header('Content-Range', contentRange('datasets', query, page));
    return page.rows;
  }

  @Post()
  @HttpCode(202)
  @RequirePermission('dataset.manage')
  @ApiAcceptedResponse({ type: DatasetCreatedDto, description: 'The version is building; GET /api/datasets/:id shows its progress' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateDatasetDto): Promise<DatasetCreatedDto> {
    return this.datasets.create(body, caller.id);
  }

  @Post(':id/synthetic')
  @HttpCode(202)
  @RequirePermission('dataset.manage')
  @ApiAcceptedResponse({ type: DatasetCreatedDto, description: 'A synthetic version made from this ready curated one is building' })
  createSynthetic(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CreateSyntheticDto): Promise<DatasetCreatedDto> {
    return this.datasets.createSynthetic(parseId(id), body, caller.id);
  }

  @Post(':id/publish')
  @HttpCode(202)
  @RequirePermission('dataset.manage')
  @ApiAcceptedResponse({
    type: PublishQueuedDto,
    description: 'Publishing on Ocean has started (mint, then metadata); GET /api/datasets/:id shows its steps and, once done, the DID',
  })
  publish(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: PublishDatasetDto): Promise<PublishQueuedDto> {
    return this.datasets.publish(parseId(id), body, caller.id);
  }

  @Get(':id')
  @RequirePermission('dataset.manage')
  @ApiOkResponse({ type: DatasetDto })
  get(@Param('id') id: string): Promise<DatasetDto> {
    return this.datasets.get(parseId(id));
  }

  @Get(':id/files/:name')
  @RequirePermission('dataset.manage')
  @ApiHeader({ name: 'Range', required: false, description: 'One byte range of the plaintext, e.g. bytes=0-1023' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, decrypted (206 with Content-Range for a Range request; 416 outside the file)' })
  async file(
    @Param('id') id: string,
    @Param('name') name: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!FILE_NAME.test(name)) throw new DatasetException(ErrorCode.VALIDATION_FAILED, 'name must be a file name of the version', 'name');
    const versionId = parseId(id);
    const { bytes } = await this.datasets.describeFile(versionId, name);
    const range = parseByteRange(request.headers.range, bytes);
    if (range.kind === 'unsatisfiable') {
      // 416 with the size (RFC 9110) and the API's error body.
      void reply.header('content-range', `bytes */${bytes}`);
      throw new DatasetException(ErrorCode.RANGE_NOT_SATISFIABLE, `the requested range is outside the file (${bytes} bytes)`, 'range');
    }
    const opened = await this.datasets.openFile(
      versionId,
      name,
      range.kind === 'range' ? { start: range.start, end: range.end } : undefined,
    );
    const partial = range.kind === 'range';
    void reply
      .status(partial ? 206 : 200)
      .header('content-type', opened.file.mediaType)
      .header('content-length', String(opened.end - opened.start + 1))
      .header('content-disposition', `attachment; filename="${opened.file.name}"`)
      .header('accept-ranges', 'bytes')
      .header('etag', `"${opened.file.sha256}"`);
    if (partial) void reply.header('content-range', `bytes ${opened.start}-${opened.end}/${opened.file.bytes}`);
    // One piece read ahead of the socket, as the provider's download does (its comment says why).
    await reply.send(Readable.from(countedDownload(opened.body, 'dataset'), { highWaterMark: 1 }));
  }
}
