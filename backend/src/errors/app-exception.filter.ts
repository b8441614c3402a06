import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppException, ErrorCode, type ErrorBody } from './app.exception.js';
import { httpStatusFor } from './http-status.js';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
}

function isFastifyError(error: unknown): error is FastifyLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as FastifyLikeError).code === 'string' &&
    (error as FastifyLikeError).code!.startsWith('FST_')
  );
}

/** Turns anything thrown into `{statusCode, code, message, field?}`. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppException) {
    const app = error as AppException;
    const body: ErrorBody = { statusCode: httpStatusFor(app.code), code: app.code, message: app.message };
    if (app.field !== undefined) body.field = app.field;
    return body;
  }
  if (isFastifyError(error)) {
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body is too large' };
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return { statusCode: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: error.message };
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return { statusCode: 400, code: ErrorCode.INVALID_JSON, message: 'Request body is not valid JSON' };
      default:
        break;
    }
  }
  if (error instanceof SyntaxError && 'statusCode' in error) {
    return { statusCode: 400, code: ErrorCode.INVALID_JSON, message: 'Request body is not valid JSON' };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 400 && /not valid JSON/i.test(error.message)) {
      return { statusCode: 400, code: ErrorCode.INVALID_JSON, message: 'Request body is not valid JSON' };
    }
    if (status === 404) return { statusCode: 404, code: ErrorCode.ROUTE_NOT_FOUND, message: error.message };
    if (status === 413) return { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: error.message };
    if (status === 415) return { statusCode: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: error.message };
    if (status < 500) return { statusCode: status, code: ErrorCode.VALIDATION_FAILED, message: error.message };
  }
  const statusCode = (error as FastifyLikeError | undefined)?.statusCode;
  if (typeof statusCode === 'number' && statusCode === 413) {
    return { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body is too large' };
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { statusCode, code: ErrorCode.VALIDATION_FAILED, message: (error as FastifyLikeError).message };
  }
  return { statusCode: 500, code: ErrorCode.INTERNAL, message: 'Internal error' };
}

@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
