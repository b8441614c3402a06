import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode, type ErrorBody } from '../errors/app.exception.js';
import { httpStatusFor } from '../errors/http-status.js';

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.HEADERS_TOO_LARGE]: 'Request headers are larger than the server takes',
  [ErrorCode.REQUEST_TIMEOUT]: 'The request did not arrive in time',
  [ErrorCode.MALFORMED_REQUEST]: 'The request is not valid HTTP/1.1',
};

/** What the HTTP parser's error means for the client. */
export function clientErrorBody(error: { code?: string }): ErrorBody {
  const code =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ErrorCode.HEADERS_TOO_LARGE
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ErrorCode.REQUEST_TIMEOUT
        : ErrorCode.MALFORMED_REQUEST;
  return { statusCode: httpStatusFor(code), code, message: MESSAGES[code]! };
}

/**
 * What Fastify's router refuses before a route runs (its `frameworkErrors`): a path that is not valid
 * percent-encoding, or a path parameter past its length limit. Fastify's own answers echo the whole
 * path in another shape; these are the API's error shape, with Fastify's status.
 */
export function frameworkErrorBody(error: { code?: string; statusCode?: number }): ErrorBody {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return { statusCode: 400, code: ErrorCode.VALIDATION_FAILED, message: 'The path is not valid percent-encoded UTF-8' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { statusCode: 414, code: ErrorCode.VALIDATION_FAILED, message: 'A parameter in the path is longer than the server takes' };
    default:
      return { statusCode: 500, code: ErrorCode.INTERNAL, message: 'Internal error' };
  }
}

/**
 * Node's `clientError`: a request its HTTP parser refuses (a malformed request line, bytes after a
 * body that had no length, headers past the limit) gets the error shape too, and the connection is
 * closed, since nothing after the bad bytes can be trusted to start a request.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = clientErrorBody(error);
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
