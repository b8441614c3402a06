import { Readable } from 'node:stream';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { SignedFileUrlRoute } from '../http/rate-limits.js';
import { FilesService } from './files.service.js';

/**
 * Serves stored files (item images) by CID, through the signed URLs the API hands out with each view
 * that shows a file (`files` of assignments, items and review items). No session token in the URL.
 */
@ApiTags('files')
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Public()
  @SignedFileUrlRoute()
  @Get(':cid')
  @ApiQuery({ name: 'u', description: 'The user the URL was made for' })
  @ApiQuery({ name: 'exp', description: 'Expiry (Unix seconds)' })
  @ApiQuery({ name: 'sig', description: 'HMAC of cid, user and expiry' })
  @ApiOkResponse({ description: 'The file bytes; 403 FILE_URL_INVALID for an altered URL or another user, 401 FILE_URL_EXPIRED' })
  async get(
    @Param('cid') cid: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.files.open(cid, query, request.headers);
    await reply
      .header('content-type', file.mime)
      .header('content-length', String(file.size))
      .header('cache-control', `private, max-age=${file.maxAgeSeconds}, immutable`)
      .header('etag', `"${cid}"`)
      .send(Readable.from(file.body));
  }
}
