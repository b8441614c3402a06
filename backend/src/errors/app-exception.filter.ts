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

interface DatabaseError {
  /** SQLSTATE, e.g. 22003 numeric_value_out_of_range. */
  code: string;
  constraint?: string;
}

/** PostgreSQL's error behind a failed query (TypeORM's QueryFailedError wraps pg's), if that is what it is. */
export function databaseErrorOf(error: unknown): DatabaseError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = ((error as { driverError?: unknown }).driverError ?? error) as Partial<DatabaseError> & { severity?: unknown };
  if (typeof candidate.code !== 'string' || !/^[0-9A-Z]{5}$/.test(candidate.code) || typeof candidate.severity !== 'string') {
    return undefined;
  }
  return candidate.constraint === undefined ? { code: candidate.code } : { code: candidate.code, constraint: candidate.constraint };
}

/** Socket errors of a connection to PostgreSQL that could not be made or was lost. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg's own messages for a lost connection or a pool that could not connect (they carry no code). */
const CONNECTION_LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/;

/**
 * True when a query failed because PostgreSQL was out of reach, not because of the query: SQLSTATE
 * class 08 (connection exception), 57P01-57P03 (shutting down, crashed, starting up), 53300 (too
 * many connections), a socket error of the driver, or pg's message for a lost connection. A client
 * may retry such a request as it was; the API answers 503 with Retry-After instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const cause = ((error as { driverError?: unknown }).driverError ?? error) as { code?: unknown; message?: unknown; errors?: unknown };
  const database = databaseErrorOf(cause);
  if (database) return database.code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(database.code);
  if (typeof cause.code === 'string' && CONNECTION_ERROR_CODES.has(cause.code)) return true;
  if (Array.isArray(cause.errors) && cause.errors.length > 0) return cause.errors.every((inner) => isDatabaseUnavailable(inner));
  return typeof cause.message === 'string' && CONNECTION_LOST.test(cause.message);
}

/** Seconds a client is asked to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The safety net behind validation: what PostgreSQL refuses as the data's fault is a 4xx, never a
 * 500 and never its SQL. Class 22 (data exception: out of range, bad text, NUL) and the integrity
 * violations (class 23) that come from a constraint; a check_violation raised by a trigger without
 * one (the ledger's immutability) is our bug and stays a 500.
 */
function databaseErrorBody(error: DatabaseError): ErrorBody | undefined {
  if (error.code.startsWith('22')) {
    return {
      statusCode: 400,
      code: ErrorCode.INVALID_VALUE,
      message: 'A value in the request cannot be stored (out of range or malformed)',
    };
  }
  switch (error.code) {
    case '23502':
      return { statusCode: 400, code: ErrorCode.INVALID_VALUE, message: 'A required value is missing' };
    case '23514':
      if (error.constraint === undefined) return undefined;
      return { statusCode: 400, code: ErrorCode.INVALID_VALUE, message: 'A value in the request is outside what is allowed' };
    case '23001':
    case '23503':
    case '23505':
    case '23P01':
      return { statusCode: 409, code: ErrorCode.CONFLICT, message: 'The request conflicts with existing data' };
    default:
      return undefined;
  }
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
  if (isDatabaseUnavailable(error)) {
    return { statusCode: 503, code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database is unavailable; try again shortly' };
  }
  const database = databaseErrorOf(error);
  if (database) return databaseErrorBody(database) ?? { statusCode: 500, code: ErrorCode.INTERNAL, message: 'Internal error' };
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
    const database = databaseErrorOf(error);
    if (database && body.statusCode < 500) {
      // The client gets a 4xx, but validation should have refused this input first: a bug to fix.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.logger.error(
        `Bug: PostgreSQL refused input that validation let through (SQLSTATE ${database.code}${database.constraint ? `, ${database.constraint}` : ''}): ${detail}`,
      );
    } else if (body.code === ErrorCode.DATABASE_UNAVAILABLE) {
      this.logger.warn(`Database unavailable, answered 503: ${error instanceof Error ? error.message : String(error)}`);
    } else if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (body.statusCode === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    if (error instanceof AppException && error.plainText) {
      // Ocean Node's routes answer errors as plain text, and ocean.js scripts read them so.
      void reply.status(body.statusCode).header('content-type', 'text/plain; charset=utf-8').send(body.message);
      return;
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
