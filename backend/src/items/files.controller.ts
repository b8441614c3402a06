import { Readable } from 'node:stream';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowQueryToken, RequirePermission } from '../auth/auth.decorators.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { readImageInfo } from '../storage/domain/image-info.js';
import { isCid, STORAGE_PORT, StorageNotFoundError, type StoragePort } from '../storage/storage.port.js';

/** Serves stored files (item images) by CID. `<img>` cannot send headers, so `?token=` works too. */
@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(@Inject(STORAGE_PORT) private readonly storage: StoragePort) {}

  @Get(':cid')
  @AllowQueryToken()
  @RequirePermission('project.read')
  @ApiQuery({ name: 'token', required: false, description: 'The session token, for <img src>' })
  @ApiOkResponse({ description: 'The file bytes' })
  async get(@Param('cid') cid: string, @Res() reply: FastifyReply): Promise<void> {
    if (!isCid(cid)) throw new AppException(ErrorCode.VALIDATION_FAILED, 'not a CID', 'cid');
    const stat = await this.storage.stat(cid);
    if (!stat) throw new AppException(ErrorCode.FILE_NOT_FOUND, `No file ${cid}`);
    const chunks = this.storage.cat(cid)[Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await chunks.next();
    } catch (error) {
      if (error instanceof StorageNotFoundError) throw new AppException(ErrorCode.FILE_NOT_FOUND, `No file ${cid}`);
      throw error;
    }
    const head = first.done ? new Uint8Array() : first.value;
    const mime = readImageInfo(head)?.mime ?? 'application/octet-stream';
    const body = (async function* () {
      if (!first.done) yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })();
    await reply
      .header('content-type', mime)
      .header('content-length', String(stat.size))
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('etag', `"${cid}"`)
      .send(Readable.from(body));
  }
}
