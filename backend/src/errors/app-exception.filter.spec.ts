import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
  type ArgumentsHost,
} from '@nestjs/common';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppExceptionFilter, databaseErrorOf, isDatabaseUnavailable, toErrorBody } from './app-exception.filter.js';
import { AppException, ErrorCode, type ErrorBody } from './app.exception.js';
import { httpStatusFor } from './http-status.js';

class ProjectException extends AppException {}

function fastifyError(code: string, statusCode: number, message = `${code} happened`): Error {
  return Object.assign(new Error(message), { code, statusCode });
}

describe('toErrorBody: AppException', () => {
  it('keeps code, message and field, with the mapped status', () => {
    const body = toErrorBody(new AppException(ErrorCode.RESULT_INVALID, 'end must be greater than start', 'result.spans[0].end'));
    expect(body).toEqual({
      statusCode: 400,
      code: 'RESULT_INVALID',
      message: 'end must be greater than start',
      field: 'result.spans[0].end',
    });
  });

  it('leaves field out when the exception has none', () => {
    const body = toErrorBody(new AppException(ErrorCode.PROJECT_NOT_FOUND, 'Project 3 not found'));
    expect(body).toEqual({ statusCode: 404, code: 'PROJECT_NOT_FOUND', message: 'Project 3 not found' });
    expect(body).not.toHaveProperty('field');
  });

  it('keeps an empty-string field', () => {
    expect(toErrorBody(new AppException(ErrorCode.VALIDATION_FAILED, 'bad', ''))).toHaveProperty('field', '');
  });

  it('works for subclasses, whose name is the subclass', () => {
    const error = new ProjectException(ErrorCode.PROJECT_NOT_ACTIVE, 'Project is paused');
    expect(error.name).toBe('ProjectException');
    expect(toErrorBody(error)).toEqual({ statusCode: 409, code: 'PROJECT_NOT_ACTIVE', message: 'Project is paused' });
  });

  it.each(Object.values(ErrorCode))('%s: status comes from httpStatusFor', (code) => {
    const body = toErrorBody(new AppException(code, 'x'));
    expect(body.statusCode).toBe(httpStatusFor(code));
    expect(body.code).toBe(code);
  });

  it('an AppException that also carries Fastify-like properties is still read as an AppException', () => {
    const error = Object.assign(new AppException(ErrorCode.FORBIDDEN, 'no'), { statusCode: 413 });
    expect(toErrorBody(error)).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'no' });
  });
});

describe('toErrorBody: Fastify errors', () => {
  it('a body too large becomes PAYLOAD_TOO_LARGE', () => {
    expect(toErrorBody({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413, message: 'Request body is too large' })).toEqual({
      statusCode: 413,
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      message: 'Request body is too large',
    });
    expect(toErrorBody(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'limit 1048576 bytes'))).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('an unsupported content type becomes UNSUPPORTED_MEDIA_TYPE', () => {
    expect(toErrorBody(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'Unsupported Media Type: text/xml'))).toEqual({
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Unsupported Media Type: text/xml',
    });
  });

  it.each(['FST_ERR_CTP_EMPTY_JSON_BODY', 'FST_ERR_CTP_INVALID_JSON_BODY'])('%s becomes INVALID_JSON', (code) => {
    expect(toErrorBody(fastifyError(code, 400, 'Unexpected token } in JSON at position 9'))).toEqual({
      statusCode: 400,
      code: 'INVALID_JSON',
      message: 'Request body is not valid JSON',
    });
  });

  it('another Fastify 4xx error becomes VALIDATION_FAILED with its status', () => {
    expect(toErrorBody(fastifyError('FST_ERR_VALIDATION', 400, 'body/name must be string'))).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'body/name must be string',
    });
  });

  it('a Fastify 5xx error is an opaque INTERNAL', () => {
    expect(toErrorBody(fastifyError('FST_ERR_SOMETHING', 500, 'internal detail'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Internal error',
    });
  });
});

describe('toErrorBody: other errors', () => {
  it('a JSON SyntaxError from the body parser becomes INVALID_JSON', () => {
    const error = Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 });
    expect(toErrorBody(error)).toEqual({ statusCode: 400, code: 'INVALID_JSON', message: 'Request body is not valid JSON' });
  });

  it('a plain SyntaxError (a bug) is a 500', () => {
    expect(toErrorBody(new SyntaxError('Unexpected token'))).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal error' });
  });

  it('maps Nest HttpExceptions', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /nope'))).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: 'Cannot GET /nope',
    });
    expect(toErrorBody(new PayloadTooLargeException('too big'))).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'too big',
    });
    expect(toErrorBody(new UnsupportedMediaTypeException('xml'))).toEqual({
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'xml',
    });
    expect(toErrorBody(new BadRequestException('bad'))).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'bad' });
    expect(toErrorBody(new ForbiddenException('nope'))).toMatchObject({ statusCode: 403, code: 'VALIDATION_FAILED' });
    expect(toErrorBody(new ConflictException('dup'))).toMatchObject({ statusCode: 409 });
  });

  it('Nest 5xx HttpExceptions are opaque INTERNAL errors', () => {
    for (const error of [
      new InternalServerErrorException('pool exhausted'),
      new ServiceUnavailableException('db down'),
      new HttpException('x', 502),
    ]) {
      expect(toErrorBody(error)).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal error' });
    }
  });

  it('an unknown Error is a 500 INTERNAL that does not leak its message', () => {
    const body: ErrorBody = toErrorBody(new Error('password authentication failed for user "tessera" at 10.0.0.5'));
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal error' });
    expect(JSON.stringify(body)).not.toContain('password');
    expect(body).not.toHaveProperty('field');
  });

  it('a TypeError is a 500 INTERNAL', () => {
    expect(toErrorBody(new TypeError("Cannot read properties of undefined (reading 'id')"))).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Internal error',
    });
  });

  it.each([undefined, null, 'boom', 42, {}, [], { message: 'x' }])('a thrown non-error %j is a 500 INTERNAL', (value) => {
    expect(toErrorBody(value)).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal error' });
  });

  it('an error with a statusCode 413 and no code is PAYLOAD_TOO_LARGE', () => {
    expect(toErrorBody(Object.assign(new Error('stream limit'), { statusCode: 413 }))).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Request body is too large',
    });
  });

  it('an error with another 4xx statusCode keeps it as VALIDATION_FAILED', () => {
    expect(toErrorBody(Object.assign(new Error('Multipart: Boundary not found'), { statusCode: 406 }))).toEqual({
      statusCode: 406,
      code: 'VALIDATION_FAILED',
      message: 'Multipart: Boundary not found',
    });
  });

  it('an error with a 5xx or a non-number statusCode is INTERNAL', () => {
    expect(toErrorBody(Object.assign(new Error('upstream'), { statusCode: 503 }))).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
    expect(toErrorBody(Object.assign(new Error('odd'), { statusCode: '400' }))).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
    expect(toErrorBody(Object.assign(new Error('odd'), { statusCode: 302 }))).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
  });
});

/** A query failure as TypeORM throws it, around pg's own error. */
function queryFailed(code: string, message: string, constraint?: string): QueryFailedError {
  const driverError = Object.assign(new pg.DatabaseError(message, 0, 'error'), { severity: 'ERROR', code, constraint });
  return new QueryFailedError('INSERT INTO "items" ("project_id") VALUES ($1)', [99_999_999_999], driverError);
}

describe('toErrorBody: what PostgreSQL refuses', () => {
  it.each([
    ['22003', 'value "99999999999" is out of range for type integer'],
    ['22P02', 'invalid input syntax for type json'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22001', 'value too long for type character varying(200)'],
    ['22025', 'LIKE pattern must not end with escape character'],
  ])('a data exception %s is a 400 INVALID_VALUE that shows no SQL', (code, message) => {
    const body = toErrorBody(queryFailed(code, message));
    expect(body).toEqual({ statusCode: 400, code: 'INVALID_VALUE', message: expect.any(String) });
    expect(body.message).not.toContain('INSERT');
    expect(body.message).not.toContain(message);
  });

  it('integrity violations from a constraint are 409 CONFLICT or 400', () => {
    expect(toErrorBody(queryFailed('23505', 'duplicate key', 'UQ_items_external'))).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
    expect(toErrorBody(queryFailed('23503', 'violates foreign key', 'FK_items_project'))).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
    });
    expect(toErrorBody(queryFailed('23502', 'null value in column'))).toMatchObject({ statusCode: 400, code: 'INVALID_VALUE' });
    expect(toErrorBody(queryFailed('23514', 'violates check constraint', 'CHK_overlap'))).toMatchObject({ statusCode: 400 });
  });

  it("a check_violation raised by a trigger (the ledger's immutability), a deadlock or a syntax error stays a 500", () => {
    expect(toErrorBody(queryFailed('23514', 'ledger entries are immutable'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Internal error',
    });
    expect(toErrorBody(queryFailed('40P01', 'deadlock detected'))).toMatchObject({ statusCode: 500 });
    expect(toErrorBody(queryFailed('42601', 'syntax error at or near "e"'))).toMatchObject({ statusCode: 500 });
  });

  it("reads pg's error unwrapped too, and nothing else as one", () => {
    expect(databaseErrorOf(Object.assign(new pg.DatabaseError('x', 0, 'error'), { severity: 'ERROR', code: '22003' }))).toEqual({
      code: '22003',
    });
    expect(databaseErrorOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(databaseErrorOf(Object.assign(new Error('x'), { code: '22003' }))).toBeUndefined();
  });
});

describe('toErrorBody: the database out of reach', () => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['53300', 'sorry, too many clients already'],
  ])('SQLSTATE %s is a 503 DATABASE_UNAVAILABLE that shows nothing of it', (code, message) => {
    const body = toErrorBody(queryFailed(code, message));
    expect(body).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; try again shortly' });
    expect(isDatabaseUnavailable(queryFailed(code, message))).toBe(true);
  });

  it("the driver's socket errors and pg's lost-connection messages are too, wrapped or not", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused, refused], ''))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('other failures are not: a deadlock, a constraint, an unrelated error with a code, an empty AggregateError', () => {
    expect(isDatabaseUnavailable(queryFailed('40P01', 'deadlock detected'))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed('23505', 'duplicate key', 'UQ_x'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('nope'), { code: 'ENOENT' }))).toBe(false);
    expect(isDatabaseUnavailable(new AggregateError([], 'none'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('the connection to the chain terminated'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('AppExceptionFilter', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function fakeHost() {
    const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const reply = {
      status(code: number) {
        sent.status = code;
        return reply;
      },
      header(name: string, value: string) {
        sent.headers[name] = value;
        return reply;
      },
      send(body: unknown) {
        sent.body = body;
        return reply;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
    return { host, sent };
  }

  it('sends the error body with its status as JSON and does not log a 4xx', () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = fakeHost();
    new AppExceptionFilter().catch(new AppException(ErrorCode.ITEM_INVALID, 'data.text is empty', 'data.text'), host);
    expect(sent.status).toBe(400);
    expect(sent.headers['content-type']).toMatch(/^application\/json/);
    expect(sent.body).toEqual({ statusCode: 400, code: 'ITEM_INVALID', message: 'data.text is empty', field: 'data.text' });
    expect(logged).not.toHaveBeenCalled();
  });

  it('answers a database data exception with a 4xx and logs it as a bug, with the SQLSTATE', () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = fakeHost();
    new AppExceptionFilter().catch(queryFailed('22003', 'value "99999999999" is out of range for type integer'), host);
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ statusCode: 400, code: 'INVALID_VALUE' });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/^Bug: .*SQLSTATE 22003.*out of range/s);
  });

  it('logs a 5xx with its stack and sends the opaque body', () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = fakeHost();
    const error = new Error('secret detail');
    new AppExceptionFilter().catch(error, host);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal error' });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toContain('secret detail');
  });

  it('answers a lost database with 503 and Retry-After, and warns instead of logging a stack', () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warned = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { host, sent } = fakeHost();
    new AppExceptionFilter().catch(queryFailed('57P01', 'terminating connection due to administrator command'), host);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(logged).not.toHaveBeenCalled();
    expect(warned).toHaveBeenCalledTimes(1);
  });
});
