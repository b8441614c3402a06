import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KuboStorage } from './kubo.storage.js';
import { StorageNotFoundError } from './storage.port.js';

const HELLO = 'hello world\n';
const HELLO_CID = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';
const ABSENT_CID = 'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH';
const CIDV1 = 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: Buffer;
}

function kuboError(res: ServerResponse, message: string): void {
  res.writeHead(500, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ Message: message, Code: 0, Type: 'error' }));
}

interface FakeState {
  addAnswer: string;
  catBody: Buffer;
  /** cat sends this many bytes of the body and then nothing, keeping the response open. */
  catStallAfter?: number;
  /** The file size files/stat answers (default: HELLO's). */
  statSize?: number;
  /** files/stat never answers. */
  statStalls?: boolean;
  /** Responses held open, ended by the test. */
  held: ServerResponse[];
}

/**
 * Answers the way kubo's RPC API does, for the few calls the adapter makes. It checks what goes over the wire,
 * not kubo's behaviour: no kubo daemon can run here.
 */
function fakeKubo(requests: RecordedRequest[], state: FakeState) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body: Buffer.concat(chunks),
    };
    requests.push(request);
    const arg = url.searchParams.get('arg') ?? '';
    switch (url.pathname) {
      case '/api/v0/add':
        res.writeHead(200, { 'content-type': 'application/json', 'x-chunked-output': '1' });
        res.end(`${JSON.stringify({ Name: state.addAnswer, Hash: state.addAnswer, Size: '20' })}\n`);
        return;
      case '/api/v0/files/stat':
        if (state.statStalls) {
          state.held.push(res);
          return;
        }
        if (arg !== `/ipfs/${HELLO_CID}`) {
          kuboError(res, `block was not found locally (offline): ipld: could not find ${arg.slice(6)}`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Hash: HELLO_CID, Size: state.statSize ?? 12, CumulativeSize: 20, Blocks: 0, Type: 'file' }));
        return;
      case '/api/v0/cat': {
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const length = Number(url.searchParams.get('length') ?? state.catBody.length);
        res.writeHead(200, { 'content-type': 'text/plain' });
        const body = state.catBody.subarray(offset, offset + length);
        if (state.catStallAfter === undefined) {
          res.end(body);
          return;
        }
        res.write(body.subarray(0, state.catStallAfter));
        state.held.push(res);
        return;
      }
      case '/api/v0/pin/ls':
        if (arg !== HELLO_CID) {
          kuboError(res, `path '/ipfs/${arg}' is not pinned`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`${JSON.stringify({ Cid: HELLO_CID, Type: 'recursive' })}\n`);
        return;
      case '/api/v0/pin/add':
        if (arg !== HELLO_CID) {
          kuboError(res, `pin: block was not found locally (offline): ipld: could not find ${arg}`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Pins: [HELLO_CID] }));
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('404 page not found');
    }
  };
}

describe('KuboStorage wire contract (fake kubo over HTTP, not a real daemon)', () => {
  const requests: RecordedRequest[] = [];
  const state: FakeState = { addAnswer: HELLO_CID, catBody: Buffer.from(HELLO), held: [] };
  let server: Server;
  let storage: KuboStorage;
  /** The same node, with reads given up after 1 s of silence. */
  let impatient: KuboStorage;

  beforeAll(async () => {
    const handle = fakeKubo(requests, state);
    // A client that aborts its upload (the failing-source test) resets the connection mid-body.
    server = createServer((req, res) => {
      handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    storage = new KuboStorage(`http://127.0.0.1:${port}`);
    impatient = new KuboStorage(`http://127.0.0.1:${port}`, { readIdleMs: 1000 });
  });

  afterAll(async () => {
    await storage.close();
    await impatient.close();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  beforeEach(() => {
    requests.length = 0;
    state.addAnswer = HELLO_CID;
    state.catBody = Buffer.from(HELLO);
    state.catStallAfter = undefined;
    state.statStalls = false;
    state.statSize = undefined;
    for (const res of state.held.splice(0)) res.destroy();
  });

  const only = (path: string): RecordedRequest => {
    const matching = requests.filter((request) => request.path === path);
    expect(matching).toHaveLength(1);
    return matching[0]!;
  };

  it('add streams the content with kubo v0 flags and returns the CID kubo answers', async () => {
    const encoder = new TextEncoder();
    const result = await storage.add(
      (async function* () {
        yield encoder.encode('hello ');
        await nextTurn();
        yield encoder.encode('world\n');
      })(),
    );

    expect(result).toEqual({ cid: HELLO_CID, size: 12 });
    const add = only('/api/v0/add');
    expect(add.method).toBe('POST');
    expect(add.query.get('cid-version')).toBe('0');
    expect(add.query.get('raw-leaves')).toBe('false');
    expect(add.query.get('chunker')).toBe('size-262144');
    expect(add.query.get('hash')).toBe('sha2-256');
    expect(add.query.get('trickle')).toBe('false');
    expect(add.query.get('pin')).toBe('true');
    expect(add.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(add.body.includes(Buffer.from(HELLO))).toBe(true);
  });

  it('add of a Uint8Array reports its length as the size', async () => {
    expect(await storage.add(new TextEncoder().encode(HELLO))).toEqual({ cid: HELLO_CID, size: 12 });
  });

  it('add refuses a CIDv1 answer, which would not match embedded CIDs', async () => {
    state.addAnswer = CIDV1;
    await expect(storage.add(new TextEncoder().encode(HELLO))).rejects.toThrow(/not a CIDv0/);
  });

  it('add reports why a failing source failed, not the resulting abort', async () => {
    const failing = (async function* () {
      yield new TextEncoder().encode('hello');
      await nextTurn();
      throw new Error('client went away');
    })();
    await expect(storage.add(failing)).rejects.toThrow('client went away');
  });

  it('cat reads offline with offset and length and returns the body', async () => {
    const bytes = await collect(storage.cat(HELLO_CID, { offset: 6, length: 100 }));
    expect(bytes.toString()).toBe('world\n');
    expect(only('/api/v0/files/stat').query.get('offline')).toBe('true');
    const cat = only('/api/v0/cat');
    expect(cat.query.get('arg')).toBe(HELLO_CID);
    expect(cat.query.get('offline')).toBe('true');
    expect(cat.query.get('offset')).toBe('6');
    expect(cat.query.get('length')).toBe('6');
  });

  it('readInto fills the buffer from a cat of its length, fewer bytes at the end of the file', async () => {
    const target = Buffer.alloc(10);
    expect(await storage.readInto(HELLO_CID, 6, target)).toBe(6);
    expect(target.subarray(0, 6).toString()).toBe('world\n');
    expect(only('/api/v0/cat').query.get('length')).toBe('6');
  });

  it('cat fails when kubo ends the body early', async () => {
    state.catBody = Buffer.from('hello');
    await expect(collect(storage.cat(HELLO_CID))).rejects.toThrow(/5 of the 12 bytes/);
  });

  it('a read that kubo stops answering fails once it has been quiet for readIdleMs, with what it was reading', async () => {
    state.catStallAfter = 5;
    const read = impatient.cat(HELLO_CID);
    const first = await read.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('hello');
    await expect(read.next()).rejects.toThrow(`kubo sent nothing for 1000 ms reading ${HELLO_CID}`);
    expect(state.held).toHaveLength(1);
  });

  it('a lookup that kubo never answers fails instead of answering "not found"', async () => {
    state.statStalls = true;
    await expect(impatient.stat(HELLO_CID)).rejects.toThrow(`kubo sent nothing for 1000 ms looking up ${HELLO_CID}`);
    await expect(impatient.readInto(HELLO_CID, 0, new Uint8Array(5))).rejects.toThrow('kubo sent nothing for 1000 ms');
  });

  it('the idle wait does not run while the consumer holds the bytes it was given', async () => {
    state.catBody = Buffer.alloc(4 * 1024 * 1024, 7);
    state.statSize = state.catBody.length;
    const read = impatient.cat(HELLO_CID);
    let received = 0;
    for await (const chunk of read) {
      received += chunk.length;
      // A slow consumer: longer than the idle limit between two chunks.
      if (received === chunk.length) await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    expect(received).toBe(state.catBody.length);
  });

  it('maps kubo answers for absent content to not found', async () => {
    await expect(collect(storage.cat(ABSENT_CID))).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await storage.stat(ABSENT_CID)).toBeUndefined();
    expect(await storage.has(ABSENT_CID)).toBe(false);
    await expect(storage.pin(ABSENT_CID)).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(requests.filter((request) => request.path === '/api/v0/cat')).toHaveLength(0);
    for (const request of requests) expect(request.query.get('offline')).toBe('true');
  });

  it('has, stat and pin for stored content', async () => {
    expect(await storage.has(HELLO_CID)).toBe(true);
    expect(only('/api/v0/pin/ls').query.get('type')).toBe('recursive');
    expect(await storage.stat(HELLO_CID)).toEqual({ size: 12 });
    await expect(storage.pin(HELLO_CID)).resolves.toBeUndefined();
    expect(only('/api/v0/pin/add').query.get('recursive')).toBe('true');
  });

  it('throws a TypeError for a string that is not a CID, without calling kubo', async () => {
    await expect(storage.has('nope')).rejects.toBeInstanceOf(TypeError);
    await expect(storage.stat('nope')).rejects.toBeInstanceOf(TypeError);
    expect(requests).toHaveLength(0);
  });
});

describe('KuboStorage once closed', () => {
  it('refuses calls', async () => {
    const storage = new KuboStorage('http://127.0.0.1:1');
    await storage.close();
    await expect(storage.has(HELLO_CID)).rejects.toThrow(/closed/);
    await expect(storage.add(new Uint8Array(1))).rejects.toThrow(/closed/);
  });
});
