/**
 * The item import's side of HTTP: reads an upload (a raw body, or the files of a multipart form) as
 * import sources, and cleans up after an upload the import refused.
 */
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import type { ImportSource } from './items-import.service.js';
import { ItemException } from './items.exception.js';

const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Runs `use` on the request's upload; when it throws, reads what is left of the upload so the client
 * gets the error on a clean connection (past a bound, the connection is closed instead).
 */
export async function withUploadedSources<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  use: (sources: AsyncIterable<ImportSource>) => Promise<T>,
): Promise<T> {
  try {
    return await use(sourcesOf(request));
  } catch (error) {
    if (request.raw.readableAborted) {
      throw new ItemException(ErrorCode.MALFORMED_REQUEST, 'The upload was cut off before its end; nothing was imported', 'body');
    }
    if (!(await drain(request.raw, DRAIN_LIMIT_BYTES))) void reply.header('connection', 'close');
    throw error;
  }
}

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
  return new ItemException(ErrorCode.ITEM_INVALID, `The multipart form cannot be read: ${reason}; nothing was imported`, 'body');
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
