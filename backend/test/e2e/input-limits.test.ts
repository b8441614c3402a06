/**
 * Body limits by route and bad input at the edge (issue 10, parts 5 and 9), through real HTTP:
 * a body too large for its route is refused before it is read, and input PostgreSQL would refuse
 * gets a 4xx naming the field instead of a 500.
 */
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { openRequest, parseResponse, type RawResponse } from '../support/raw-http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type CallResult, type Session } from '../support/wallet.js';

const MiB = 1024 * 1024;
// Above 48 MiB, so that the small routes are shown to refuse what the import route would take.
const IMPORT_LIMIT = 64 * MiB;

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
}

let t: TestApp;
let worker: Session;
let projectId: number;
let itemId: number;
let assignmentId: number;

function expectError(response: CallResult<unknown> | RawResponse, status: number, code: string, field?: string): void {
  const body = (typeof response.body === 'string' ? JSON.parse(response.body) : response.body) as ErrorBody;
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
  if (field !== undefined) expect(body.field).toBe(field);
}

function admin(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return call<ErrorBody>(t.baseUrl, t.admin, method, path, body, headers);
}

beforeAll(async () => {
  t = await startTestApp({ MAX_IMPORT_BYTES: String(IMPORT_LIMIT) });
  worker = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: 'Limits',
    type: 'text',
    labels: [],
    overlap: 1,
    rewardPerLabel: '1',
    status: 'active',
  });
  projectId = created.body.id;
  const item = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/items', { projectId, data: { text: 'hello' } });
  itemId = item.body.id;
  const assignment = await call<{ assignmentId: number }>(t.baseUrl, worker, 'GET', `/api/projects/${projectId}/next`);
  assignmentId = assignment.body.assignmentId;
});

afterAll(async () => {
  await t?.close();
});

describe('a body too large for its route', () => {
  it.each([
    ['application/json'],
    ['text/plain'],
    ['application/octet-stream'],
    ['multipart/form-data; boundary=xyz'],
    ['application/x-made-up'],
    [undefined],
  ])('48 MiB of %s to a small route: 413 before a byte of it is read, and the connection closed', async (contentType) => {
    const headers: Record<string, string> = { authorization: `Bearer ${t.admin.token}`, 'content-length': String(48 * MiB) };
    if (contentType) headers['content-type'] = contentType;
    const exchange = openRequest(t.baseUrl, 'POST', '/api/projects', headers);
    const response = await exchange.response;
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(response.headers['connection']).toBe('close');
    // The answer came with nothing of the body sent, and the server hangs up rather than reading on.
    expect(response.sentBeforeAnswer).toBe(0);
    await exchange.closed;
    expect(await exchange.write(Buffer.alloc(64 * 1024))).toBe(false);
  });

  it('the same for a route that takes no body at all, and for the import route past MAX_IMPORT_BYTES', async () => {
    for (const [method, path, length] of [
      ['GET', '/api/items', 48 * MiB],
      ['PUT', `/api/assignments/${assignmentId}/draft`, 2 * MiB],
      ['POST', `/api/projects/${projectId}/items`, IMPORT_LIMIT + 1],
    ] as const) {
      const exchange = openRequest(t.baseUrl, method, path, {
        authorization: `Bearer ${t.admin.token}`,
        'content-type': 'application/json',
        'content-length': String(length),
      });
      const response = await exchange.response;
      expectError(response, 413, 'PAYLOAD_TOO_LARGE');
      expect(response.sentBeforeAnswer).toBe(0);
      await exchange.closed;
    }
  });

  it('a chunked body is counted as it arrives and cut at the limit, the connection closed', async () => {
    const exchange = openRequest(t.baseUrl, 'POST', '/api/projects', {
      authorization: `Bearer ${t.admin.token}`,
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    const data = Buffer.alloc(64 * 1024, 0x20);
    const frame = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
    let answered = false;
    void exchange.response.then(() => (answered = true));
    while (!answered && exchange.sent() < 48 * MiB && (await exchange.write(frame)));
    const response = await exchange.response;
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    await exchange.closed;
    // Socket buffers let a few MiB through before the close is seen; nowhere near the 48 MiB.
    expect(exchange.sent()).toBeLessThan(16 * MiB);
  });

  it('a chunked body of a type the route does not take is refused at once', async () => {
    const exchange = openRequest(t.baseUrl, 'POST', '/api/projects', {
      authorization: `Bearer ${t.admin.token}`,
      'content-type': 'text/plain',
      'transfer-encoding': 'chunked',
    });
    const response = await exchange.response;
    expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(response.sentBeforeAnswer).toBe(0);
    await exchange.closed;
  });

  it('only the import route takes a body past MAX_BODY_BYTES', async () => {
    const line = `{"data":{"text":"${'x'.repeat(1000)}"}}\n`;
    const lines = Math.ceil((2 * MiB) / line.length);
    const jsonl = line.repeat(lines);
    expectError(await admin('POST', '/api/items', jsonl, { 'content-type': 'application/json' }), 413, 'PAYLOAD_TOO_LARGE');
    const imported = await admin('POST', `/api/projects/${projectId}/items`, jsonl, { 'content-type': 'application/x-ndjson' });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ imported: lines, duplicates: 0, rejectedCount: 0 });
    const form = new FormData();
    form.append('file', new Blob([jsonl], { type: 'application/x-ndjson' }), 'items.jsonl');
    const uploaded = await admin('POST', `/api/projects/${projectId}/items`, form);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ imported: lines, rejectedCount: 0 });
  });
});

describe('content types by route (size first, then type)', () => {
  it.each([
    ['text/plain', 'hello'],
    ['application/octet-stream', '\u0001\u0002'],
    ['application/xml', '<project/>'],
    ['multipart/form-data; boundary=x', '--x--\r\n'],
    ['text/csv', 'name\nx\n'],
  ])('a %s body to a JSON route is 415', async (contentType, body) => {
    expectError(await admin('POST', '/api/projects', body, { 'content-type': contentType }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body to a GET route is 415; a Content-Type without a body is no body', async () => {
    const exchange = openRequest(t.baseUrl, 'GET', '/api/items', {
      authorization: `Bearer ${t.admin.token}`,
      'content-type': 'application/json',
      'content-length': '2',
    });
    await exchange.write(Buffer.from('{}'));
    expectError(await exchange.response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    exchange.destroy();
    expect((await admin('GET', '/api/items', undefined, { 'content-type': 'application/json' })).status).toBe(200);
  });

  it('react-admin deletes with an empty text/plain body, and that still works', async () => {
    const item = await admin('POST', '/api/items', { projectId, data: { text: 'to delete' } });
    const deleted = await admin('DELETE', `/api/items/${(item.body as unknown as { id: number }).id}`, undefined, {
      'content-type': 'text/plain',
    });
    expect(deleted.status).toBe(200);
  });

  it('a POST with Content-Type JSON and no body reaches validation as an empty body', async () => {
    const response = await admin('POST', '/api/suspensions', undefined, { 'content-type': 'application/json' });
    expectError(response, 400, 'VALIDATION_FAILED', 'annotatorId');
  });
});

describe('bad input never reaches the database or a 500', () => {
  it('multipart/form-data without a boundary is a 400 (was a 500 "Multipart: Boundary not found")', async () => {
    const response = await admin('POST', `/api/projects/${projectId}/items`, '--x\r\n', { 'content-type': 'multipart/form-data' });
    expectError(response, 400, 'VALIDATION_FAILED', 'content-type');
    const cut = await admin(
      'POST',
      `/api/projects/${projectId}/items`,
      '--x\r\nContent-Disposition: form-data; name="f"; filename="a.jsonl"\r\n',
      {
        'content-type': 'multipart/form-data; boundary=x',
      },
    );
    expectError(cut, 400, 'ITEM_INVALID', 'body');
  });

  it('a JSON string holding \\u0000 is a 400 naming the field (was a 500 from PostgreSQL)', async () => {
    expectError(
      await call(t.baseUrl, worker, 'PUT', `/api/assignments/${assignmentId}/draft`, { result: { text: 'a\u0000b' } }),
      400,
      'INVALID_VALUE',
      'result.text',
    );
    expectError(
      await admin('POST', '/api/projects', { name: 'nul\u0000', type: 'text', labels: [], overlap: 1, rewardPerLabel: '1' }),
      400,
      'INVALID_VALUE',
      'name',
    );
    expectError(
      await admin('GET', `/api/items?filter=${encodeURIComponent('{"externalId":"\\u0000"}')}`),
      400,
      'INVALID_VALUE',
      'filter.externalId',
    );
  });

  it('unpaired surrogates and invalid UTF-8 are refused, not stored as replacement characters', async () => {
    expectError(
      await call(t.baseUrl, worker, 'PUT', `/api/assignments/${assignmentId}/draft`, '{"result":{"text":"\\ud800"}}', {
        'content-type': 'application/json',
      }),
      400,
      'INVALID_VALUE',
      'result.text',
    );
    const bytes = Buffer.concat([Buffer.from('{"result":{"text":"'), Buffer.from([0xff, 0xc0, 0xaf]), Buffer.from('"}}')]);
    expectError(
      await call(t.baseUrl, worker, 'PUT', `/api/assignments/${assignmentId}/draft`, bytes, { 'content-type': 'application/json' }),
      400,
      'INVALID_JSON',
    );
  });

  it('deep nesting and too many keys are a 422 with the field; prototype keys a 400', async () => {
    const deep = '{"result":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    expectError(
      await call(t.baseUrl, worker, 'PUT', `/api/assignments/${assignmentId}/draft`, deep, { 'content-type': 'application/json' }),
      422,
      'JSON_TOO_COMPLEX',
    );
    const wide = { result: Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i])) };
    expectError(await call(t.baseUrl, worker, 'PUT', `/api/assignments/${assignmentId}/draft`, wide), 422, 'JSON_TOO_COMPLEX', 'result');
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = `{"projectId": ${projectId}, "data": {"text": "x", "${key}": {"isAdmin": true}}}`;
      expectError(await admin('POST', '/api/items', body, { 'content-type': 'application/json' }), 400, 'VALIDATION_FAILED', `data.${key}`);
    }
  });

  it('integers past PostgreSQL integer are a 400 in paths, queries and bodies (were 500s)', async () => {
    expectError(await admin('GET', '/api/items/99999999999'), 400, 'VALIDATION_FAILED', 'id');
    expectError(await admin('GET', '/api/items?range=[99999999999,99999999999]'), 400, 'VALIDATION_FAILED', 'range');
    expectError(await admin('GET', '/api/items?range=[1e21,1e21]'), 400, 'VALIDATION_FAILED', 'range');
    expectError(
      await admin('POST', '/api/items', { projectId: 99_999_999_999, data: { text: 'x' } }),
      400,
      'VALIDATION_FAILED',
      'projectId',
    );
    expectError(
      await admin('POST', '/api/annotations', { itemId: 99_999_999_999, result: { text: 'x' } }),
      400,
      'VALIDATION_FAILED',
      'itemId',
    );
    expectError(await admin('POST', '/api/suspensions', { annotatorId: 99_999_999_999 }), 400, 'VALIDATION_FAILED', 'annotatorId');
    expectError(await admin('PUT', `/api/items/${itemId}`, { overlap: 99_999_999_999 }), 400, 'VALIDATION_FAILED', 'overlap');
    expectError(
      await admin('PUT', `/api/items/${itemId}`, '{"overlap": 1e400}', { 'content-type': 'application/json' }),
      400,
      'INVALID_VALUE',
      'overlap',
    );
  });

  it('odd list parameters are a 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['filter=nope', 'filter'],
      ['filter=[1]', 'filter'],
      ['filter={"id":[{"a":1}]}', 'filter.id'],
      ['filter={"owner":1}', 'filter.owner'],
      ['filter={"__proto__":{"x":1}}', 'filter.__proto__'],
      ['sort=["password","ASC"]', 'sort'],
      ['range=[9,0]', 'range'],
      ['range=[0&range=9]', 'range'],
    ] as const) {
      expectError(await admin('GET', `/api/items?${query.replace(/[{}"[\]]/g, encodeURIComponent)}`), 400, 'VALIDATION_FAILED', field);
    }
  });

  it('path tricks in :id and :cid are a 400 or a 404, never a 500', async () => {
    for (const path of [
      '/api/items/..%2F..%2Fetc%2Fpasswd',
      '/api/items/%00',
      '/api/items/1%20OR%201=1',
      '/api/items/%EF%BC%91',
      '/api/files/..%2F..%2Fjwt-secret',
      '/api/files/%ZZ',
    ]) {
      const response = await admin('GET', path);
      expect([400, 404], `${path}: ${response.status}`).toContain(response.status);
      expect(response.body).toMatchObject({ statusCode: response.status, code: expect.any(String) });
    }
  });

  it('an import record over MAX_ITEM_BYTES is rejected by line while the rest goes in', async () => {
    const big = `{"externalId":"big","data":{"text":"${'x'.repeat(2 * MiB)}"}}`;
    const jsonl = `{"externalId":"l1","data":{"text":"one"}}\n${big}\n{"externalId":"l3","data":{"text":"\\u0000"}}\n{"externalId":"l4","data":{"text":"four"}}\n`;
    const response = await admin('POST', `/api/projects/${projectId}/items`, jsonl, { 'content-type': 'application/x-ndjson' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      imported: 2,
      rejected: [
        { line: 2, message: 'line is larger than 262144 bytes' },
        { line: 3, message: 'data.text text holds a NUL character (\\u0000)' },
      ],
    });
  });

  it('list filters the route declares are applied or refused, never ignored', async () => {
    expectError(
      await admin('GET', `/api/items?filter=${encodeURIComponent('{"status":"weird"}')}`),
      400,
      'VALIDATION_FAILED',
      'filter.status',
    );
    expectError(
      await admin('GET', `/api/suspensions?filter=${encodeURIComponent('{"active":"yes"}')}`),
      400,
      'VALIDATION_FAILED',
      'filter.active',
    );
    expectError(await admin('GET', `/api/ledger?filter=${encodeURIComponent('{"id":[0]}')}`), 400, 'VALIDATION_FAILED', 'filter.id');
    const none = await admin('GET', `/api/ledger?filter=${encodeURIComponent('{"id":[2147483000]}')}`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);
    // A trailing backslash was an error in PostgreSQL's LIKE (500).
    expect((await admin('GET', `/api/payouts?filter=${encodeURIComponent('{"q":"epoch\\\\"}')}`)).status).toBe(200);
  });

  it('a multipart upload with no file in it is a 400, not an empty success', async () => {
    const form = new FormData();
    form.append('note', 'no file here');
    expectError(await admin('POST', `/api/projects/${projectId}/items`, form), 400, 'ITEM_INVALID', 'body');
  });

  it('what the HTTP parser refuses is answered in the error shape too', async () => {
    for (const [head, status, code] of [
      ['GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400, 'MALFORMED_REQUEST'],
      [
        'POST /api/projects HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        400,
        'MALFORMED_REQUEST',
      ],
      [`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
    ] as const) {
      const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(t.baseUrl).port) });
      const answer = await new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('close', () => resolve(Buffer.concat(chunks)));
        socket.on('error', () => undefined);
        socket.end(head);
      });
      const response = parseResponse(answer)!;
      expectError({ ...response, sentBeforeAnswer: 0 }, status, code);
    }
  });
});
