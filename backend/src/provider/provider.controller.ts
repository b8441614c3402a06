import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { UploadRouteConfig } from '../http/body-policy.js';
import { PublicCors } from '../http/cors.js';
import { addRouteConfig } from '../http/route-config.js';
import { countedDownload } from '../observability/metrics.js';
import {
  DownloadQueryDto,
  EncryptQueryDto,
  FileInfoDto,
  FileInfoRequestDto,
  InitializeQueryDto,
  InitializeResultDto,
  ProviderNonceDto,
  ProviderNonceQueryDto,
} from './provider.dto.js';
import { PlainTextErrorsFilter } from './plain-text-errors.filter.js';
import { ProviderException } from './provider.exception.js';
import { ProviderService } from './provider.service.js';

/** Decrypted pieces (256 KiB for new files, 64 KiB chunks for older ones) are written to the socket in pieces of at least this size: fewer, larger writes. */
const WRITE_BYTES = 256 * 1024;

/** Largest payload /encrypt takes (a files object or a DDO). */
const MAX_ENCRYPT_BYTES = 1024 * 1024;

/** Ocean Node's provider services, on its paths, for ocean.js 8 unchanged. Public: the checks are the order and the signature. */
@ApiTags('provider')
@Public()
@UseFilters(PlainTextErrorsFilter)
@Controller('services')
export class ProviderController {
  constructor(private readonly provider: ProviderService) {}

  @Get('nonce')
  @PublicCors()
  @ApiOkResponse({ type: ProviderNonceDto })
  nonce(@Query() query: ProviderNonceQueryDto): Promise<ProviderNonceDto> {
    return this.provider.nonce(query.userAddress);
  }

  @Get('initialize')
  @PublicCors()
  @ApiOkResponse({
    type: InitializeResultDto,
    description: 'A provider fee for startOrder / buyFromFreAndOrder, signed by the provider key',
  })
  initialize(@Query() query: InitializeQueryDto): Promise<InitializeResultDto> {
    return this.provider.initialize(query);
  }

  @Get('download')
  @PublicCors()
  @ApiHeader({ name: 'Range', required: false, description: 'One byte range of the plaintext, e.g. bytes=1048576- to resume' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, decrypted (206 for a Range; 416 outside the file); refusals are 4xx plain text' })
  async download(@Query() query: DownloadQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.provider.download(query, request.headers.range);
    if (answer.kind === 'unsatisfiable') {
      await reply.status(416).header('content-range', `bytes */${answer.bytes}`).send();
      return;
    }
    const { opened, partial } = answer;
    void reply
      .status(partial ? 206 : 200)
      .header('content-type', opened.file.mediaType)
      .header('content-length', String(opened.end - opened.start + 1))
      .header('content-disposition', `attachment;filename=${opened.file.name}`)
      .header('accept-ranges', 'bytes')
      .header('etag', `"${opened.file.sha256}"`)
      .header('access-control-expose-headers', 'Content-Disposition, Content-Range, Content-Length, Accept-Ranges');
    if (partial) void reply.header('content-range', `bytes ${opened.start}-${opened.end}/${opened.file.bytes}`);
    // One piece read ahead of the socket, not Readable.from's sixteen: decrypting further ahead than the
    // buyer takes only keeps the plaintext alive long enough for the GC to promote it.
    await reply.send(Readable.from(inPiecesOf(countedDownload(opened.body, 'provider'), WRITE_BYTES), { highWaterMark: 1 }));
  }

  @Post('encrypt')
  @HttpCode(200)
  @PublicCors()
  @addRouteConfig({
    streamBody: true,
    uploadTypes: ['application/octet-stream', 'application/json', 'text/plain'],
    maxBytes: MAX_ENCRYPT_BYTES,
  } satisfies UploadRouteConfig)
  @ApiConsumes('application/octet-stream')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: '0x + hex: the body ECIES-encrypted for the provider key (as a DDO `files` holds it)' })
  async encrypt(@Query() query: EncryptQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const data = await readBody(request.body as Readable | undefined, reply);
    const encrypted = await this.provider.encrypt(query, data);
    await reply.status(200).header('content-type', 'text/plain; charset=utf-8').send(encrypted);
  }

  @Post('fileInfo')
  @HttpCode(200)
  @PublicCors()
  @ApiOkResponse({ type: FileInfoDto, isArray: true })
  fileInfo(@Body() body: FileInfoRequestDto): Promise<FileInfoDto[]> {
    return this.provider.fileInfo(body ?? {});
  }
}

/** The body, up to MAX_ENCRYPT_BYTES: a Content-Length over it was refused before a byte was read, a chunked body is cut here. */
async function readBody(stream: Readable | undefined, reply: FastifyReply): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > MAX_ENCRYPT_BYTES) {
      // Stop reading and close after the answer, rather than destroy the socket before the client has it.
      stream.pause();
      void reply.header('connection', 'close');
      throw new ProviderException(ErrorCode.VALIDATION_FAILED, `At most ${MAX_ENCRYPT_BYTES} bytes are encrypted`, 'body');
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Regroups a stream of small pieces into pieces of at least `size` bytes (the last one may be smaller). */
async function* inPiecesOf(pieces: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let held: Uint8Array[] = [];
  let bytes = 0;
  for await (const piece of pieces) {
    held.push(piece);
    bytes += piece.length;
    if (bytes >= size) {
      yield held.length === 1 ? held[0]! : Buffer.concat(held, bytes);
      held = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(held, bytes);
}
