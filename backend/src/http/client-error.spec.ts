import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { answerClientError, clientErrorBody, frameworkErrorBody } from './client-error.js';

function parserError(code: string): Error & { code: string } {
  return Object.assign(new Error(code), { code });
}

describe('clientErrorBody', () => {
  it.each([
    ['HPE_INVALID_METHOD', 400, 'MALFORMED_REQUEST'],
    ['HPE_INVALID_CONTENT_LENGTH', 400, 'MALFORMED_REQUEST'],
    ['HPE_UNEXPECTED_CONTENT_LENGTH', 400, 'MALFORMED_REQUEST'],
    ['HPE_HEADER_OVERFLOW', 431, 'HEADERS_TOO_LARGE'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT'],
  ])('%s is a %d %s in the error shape', (parserCode, statusCode, code) => {
    expect(clientErrorBody(parserError(parserCode))).toEqual({ statusCode, code, message: expect.any(String) });
  });
});

describe('frameworkErrorBody', () => {
  it.each([
    ['FST_ERR_BAD_URL', 400],
    ['FST_ERR_MAX_PARAM_LENGTH', 414],
  ])('%s is a %d without the path it was given', (routerCode, statusCode) => {
    const body = frameworkErrorBody(Object.assign(new Error(`'/api/x/${'a'.repeat(200)}' is not valid`), { code: routerCode }));
    expect(body).toEqual({ statusCode, code: 'VALIDATION_FAILED', message: expect.any(String) });
    expect(body.message).not.toContain('aaaa');
  });
});

describe('answerClientError', () => {
  it('writes a complete HTTP answer with the error shape, then closes the socket', () => {
    const socket = new PassThrough();
    const written: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => written.push(chunk));
    socket.on('error', () => undefined); // the server's own listener takes the error it is destroyed with
    answerClientError(parserError('HPE_INVALID_METHOD'), socket);
    const text = Buffer.concat(written).toString();
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(text).toContain('Connection: close');
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toEqual({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'The request is not valid HTTP/1.1' });
    expect(text).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(socket.destroyed).toBe(true);
  });

  it('writes nothing on a connection the client reset', () => {
    const socket = new PassThrough();
    const written: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => written.push(chunk));
    answerClientError(parserError('ECONNRESET'), socket);
    expect(written).toEqual([]);
  });
});
