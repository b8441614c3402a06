/**
 * What a hostile client sends to the marketplace's public routes (catalogue, Ocean provider,
 * Aquarius, Ocean config, faucet), against the real app with one published free asset and one
 * order on the embedded chain. Every refusal is a 4xx in the route's own error shape (JSON
 * `{statusCode, code, message, field?}`, plain text on Ocean Node's provider routes), answered in
 * bounded time, with no SQL, stack or path in it; nothing else of the app's state moves.
 */
import { createHash } from 'node:crypto';
import { Wallet, type JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import { requestDigest } from '../../src/provider/domain/signed-messages.js';
import { waitFor } from '../support/datasets.js';
import { devAccount, downloadUrl, orderFree, publishedDataset, rpcOf } from '../support/published-dataset.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { getNonce, siweMessage } from '../support/wallet.js';

let t: TestApp;
let chain: JsonRpcProvider;
let dataset: DatasetDto;
let buyer: Wallet;
let txId: string;
let plaintext: Buffer;

const did = () => dataset.publication!.did!;

/** What an error body must never carry: SQL, a stack frame, a path on the server. */
const LEAK = /\bSELECT\b|\bFROM\b|SQLSTATE|\bat \S+ \(|\/work\/|node_modules|\.ts:\d+/;

async function refusedJson(response: Response, status: number, field?: string): Promise<{ code: string; message: string }> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { statusCode: number; code: string; message: string; field?: string };
  expect(body.statusCode).toBe(status);
  expect(typeof body.code).toBe('string');
  expect(typeof body.message).toBe('string');
  if (field !== undefined) expect(body.field, text).toBe(field);
  expect(text).not.toMatch(LEAK);
  return body;
}

/** Ocean Node's provider routes answer refusals as plain text (ocean.js reads them so), and serve nothing of the file. */
async function refusedText(response: Response, status: number): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(response.headers.get('content-disposition')).toBeNull();
  expect(text.length).toBeLessThan(500);
  expect(text).not.toMatch(LEAK);
  return text;
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}${path}`, { headers });
const post = (path: string, body: string, contentType = 'application/json') =>
  fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

beforeAll(async () => {
  t = await startTestApp({ AUTO_SUSPEND: 'false', INDEXER_POLL_SECONDS: '1' });
  chain = rpcOf(t.tessera);
  buyer = devAccount(5, chain);
  dataset = await publishedDataset(t.tessera, { free: true }, 12);
  txId = await orderFree(t.baseUrl, buyer, dataset);
  // The metadata role and the catalogue answer from the indexer's tables.
  await waitFor('the indexed asset', async () => ((await get(`/api/aquarius/assets/ddo/${did()}`)).status === 200 ? true : undefined));
  const file = dataset.files[0]!;
  const response = await get(`/api/datasets/${dataset.id}/files/${file.name}`, { authorization: `Bearer ${t.admin.token}` });
  plaintext = Buffer.from(await response.arrayBuffer());
  expect(createHash('sha256').update(plaintext).digest('hex')).toBe(file.sha256);
});

afterAll(async () => {
  chain?.destroy();
  await t?.close();
});

describe('GET /api/market/assets', () => {
  const list = (query: string) => get(`/api/market/assets?${query}`);

  it('refuses a parameter given twice, of any of the four', async () => {
    await refusedJson(await list('q=birds&q=snow'), 400, 'q');
    await refusedJson(await list('filter={}&filter={}'), 400, 'filter');
    await refusedJson(await list('range=[0,1]&range=[0,2]'), 400, 'range');
    await refusedJson(await list('sort=["price","ASC"]&sort=["price","DESC"]'), 400, 'sort');
  });

  it('refuses pages past the cap and ranges that are no pair of integers', async () => {
    for (const range of [
      '[0,1000]',
      '[0,4294967295]',
      '[-1,5]',
      '[0.5,2]',
      '["0","5"]',
      '[5,2]',
      '[0]',
      '[0,1,2]',
      '{"0":1}',
      '1e9',
      'x',
    ]) {
      await refusedJson(await list(`range=${encodeURIComponent(range)}`), 400, 'range');
    }
    // The last page the cap allows, far past the end: empty, not an error.
    const far = await list(`range=${encodeURIComponent('[2147482648,2147483647]')}`);
    expect(far.status).toBe(200);
    expect(await far.json()).toEqual([]);
  });

  it('takes search text that looks like regex, SQL or query syntax as words; refuses text past 500 characters or with NUL', async () => {
    for (const q of ["' OR 1=1 --", '.*(a|b)+$', '"unterminated', '!!!&|<->:*', '-', 'or or or', '\\x00', '%', '😀'.repeat(100)]) {
      const answer = await list(`q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
      expect(Array.isArray(await answer.json())).toBe(true);
    }
    await refusedJson(await list(`q=${'a'.repeat(501)}`), 400, 'q');
    await refusedJson(await list('q=bird%00s'), 400, 'q');
    await refusedJson(await list(`filter=${encodeURIComponent('{"q":"bird\\u0000s"}')}`), 400, 'filter.q');
    await refusedJson(await list(`filter=${encodeURIComponent('{"q":["a"]}')}`), 400, 'filter.q');
  });

  it('refuses filter values of the wrong type, depth or size, and takes any number in a range', async () => {
    const filters: Array<[string, string]> = [
      ['{"taskType":[1]}', 'filter.taskType'],
      ['{"taskType":{"$ne":"x"}}', 'filter.taskType'],
      [`{"license":["${'x'.repeat(201)}"]}`, 'filter.license'],
      ['{"free":"yes"}', 'filter.free'],
      ['{"external":[true]}', 'filter.external'],
      ['{"priceMin":"1; DROP TABLE users"}', 'filter.priceMin'],
      ['{"sizeMax":[1]}', 'filter.sizeMax'],
      ['{"__proto__":{"x":1}}', 'filter.__proto__'],
      ['[1,2]', 'filter'],
    ];
    for (const [filter, field] of filters) {
      await refusedJson(await list(`filter=${encodeURIComponent(filter)}`), 400, field);
    }
    await refusedJson(await list(`filter=${encodeURIComponent('{"kind":{"a":{"b":{"c":1}}}}')}`), 422, 'filter.kind.a.b');
    // Out-of-range and fractional bounds are numbers like any other: a page (maybe empty), never a database error.
    for (const filter of [
      '{"labelsMin":1.5}',
      '{"labelsMax":1e20}',
      '{"labelsMin":-99999999999}',
      '{"sizeMin":1e300}',
      '{"priceMax":-1e300}',
      '{"agreementMin":"0.5","confidenceMax":1e308}',
    ]) {
      const answer = await list(`filter=${encodeURIComponent(filter)}`);
      expect(answer.status, `${filter}: ${await answer.clone().text()}`).toBe(200);
    }
  });

  it('refuses sorts that are not one of the four, as a pair', async () => {
    for (const sort of ['["did","ASC"]', '["price","ASC; --"]', '["price"]', '["price","ASC","x"]', '"price"', '[["price"],"ASC"]']) {
      await refusedJson(await list(`sort=${encodeURIComponent(sort)}`), 400, 'sort');
    }
  });
});

describe('GET /api/market/assets/:did and its sample and croissant', () => {
  it('answers 404 for a DID that is not one, however long or odd', async () => {
    for (const bad of [
      'x',
      'did:op:zz',
      `did:op:${'0'.repeat(64)}`,
      `did:op:${'A'.repeat(64)}`,
      "did:op:' OR ''='",
      '%00',
      'did%3Aop%3A%00',
    ]) {
      await refusedJson(await get(`/api/market/assets/${bad}`), 404);
      await refusedJson(await get(`/api/market/assets/${bad}/croissant.json`), 404);
    }
    // Past the router's parameter length, and not percent-encoding: the API's shape, without the path echoed.
    const long = await refusedJson(await get(`/api/market/assets/did:op:${'a'.repeat(5000)}`), 414);
    expect(long.message).not.toContain('aaaa');
    await refusedJson(await get('/api/market/assets/%E0%A4%A'), 400);
  });

  it('refuses a split given twice or that is none', async () => {
    await refusedJson(await get(`/api/market/assets/${did()}/sample?split=train&split=test`), 400, 'split');
    await refusedJson(await get(`/api/market/assets/${did()}/sample?split[a]=train`), 400, 'split');
  });
});

describe("the provider's nonce, initialize, encrypt and fileInfo", () => {
  it('nonce: refuses an address that is none', async () => {
    for (const address of ['', '0x1234', `0x${'g'.repeat(40)}`, `0x${'a'.repeat(41)}`, `${buyer.address}&userAddress=${buyer.address}`]) {
      await refusedText(await get(`/api/services/nonce?userAddress=${address}`), 400);
    }
    await refusedText(await get('/api/services/nonce'), 400);
  });

  it('initialize: 400 for a bad consumer, 404 for an unknown or malformed DID or service', async () => {
    const init = (documentId: string, consumerAddress: string, serviceId = 'access') =>
      get(
        `/api/services/initialize?documentId=${encodeURIComponent(documentId)}&serviceId=${encodeURIComponent(serviceId)}&consumerAddress=${encodeURIComponent(consumerAddress)}`,
      );
    await refusedText(await init(did(), '0xnope'), 400);
    await refusedText(await init(`did:op:${'0'.repeat(64)}`, buyer.address), 404);
    await refusedText(await init('did:op:\u0000', buyer.address), 404);
    await refusedText(await init(did(), buyer.address, 'compute'), 404);
    await refusedText(await get(`/api/services/initialize?documentId=${did()}&serviceId=access`), 400);
  });

  it('encrypt: refuses unsigned, wrong-chain, empty and oversized requests', async () => {
    const encryptor = devAccount(9, chain);
    const signed = async (nonce: string, chainId = '8996') => {
      const signature = await encryptor.signMessage(requestDigest(encryptor.address, nonce, 'encrypt'));
      return `/api/services/encrypt?chainId=${chainId}&nonce=${nonce}&consumerAddress=${encryptor.address}&signature=${signature}`;
    };
    const octets = (path: string, body: Uint8Array | string) =>
      fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    await refusedText(await octets(`/api/services/encrypt?nonce=1&consumerAddress=${encryptor.address}`, 'x'), 400);
    await refusedText(await octets(await signed('5', '1'), 'x'), 400);
    await refusedText(await octets(await signed('6', 'abc'), 'x'), 400);
    await refusedText(await octets(await signed('7'), ''), 400);
    // Past the route's 1 MiB, refused from its Content-Length before a byte is read.
    const oversized = await octets(await signed('8'), new Uint8Array(1024 * 1024 + 1));
    expect(oversized.status).toBe(413);
    await oversized.text();
    // Chunked, without a length: cut at the limit, and the answer still reaches the client.
    const chunked = await fetch(`${t.baseUrl}${await signed('10')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Blob([new Uint8Array(1024 * 1024 + 64 * 1024)]).stream(),
      duplex: 'half',
    });
    expect(await refusedText(chunked, 400)).toMatch(/At most 1048576 bytes/);
    await refusedText(await octets(`/api/services/encrypt?nonce=9&consumerAddress=${encryptor.address}&signature=0x`, 'x'), 401);
  });

  it('fileInfo: refuses bodies that are no {did, serviceId}', async () => {
    for (const body of ['[]', '"did"', 'null', '{}', '{"did":1,"serviceId":"access"}', '{"did":["a"],"serviceId":"access"}']) {
      await refusedText(await post('/api/services/fileInfo', body), 400);
    }
    await refusedText(await post('/api/services/fileInfo', JSON.stringify({ did: `did:op:${'1'.repeat(64)}`, serviceId: 'access' })), 404);
    await refusedText(await post('/api/services/fileInfo', JSON.stringify({ did: did(), serviceId: 'nope' })), 404);
  });
});

describe('GET /api/services/download', () => {
  it('refuses nonces that are no non-negative integer, and bad signatures, transactions and file indexes', async () => {
    const fileIndex = 0;
    for (const nonce of ['-1', '1.5', '0x10', '1e5', ' 7', 'NaN']) {
      const url = new URL(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex, nonce }));
      await refusedText(await fetch(url), 400);
    }
    // Digits, but past what ocean.js can add 1 to exactly: refused, and nothing stored (the later
    // downloads of this file sign the stored nonce + 1).
    for (const nonce of ['9007199254740991', '9'.repeat(70)]) {
      const url = new URL(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex, nonce }));
      await refusedText(await fetch(url), 400);
    }
    // Past the DTO's length: refused before anything is checked.
    const long = new URL(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex, nonce: '9'.repeat(71) }));
    await refusedText(await fetch(long), 400);
    for (const signature of ['0x', `0x${'00'.repeat(65)}`, `0x${'zz'.repeat(65)}`, 'not hex at all']) {
      const url = new URL(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }));
      url.searchParams.set('signature', signature);
      await refusedText(await fetch(url), 401);
    }
    const missing = new URL(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }));
    missing.searchParams.delete('signature');
    await refusedText(await fetch(missing), 400);
    for (const tx of ['0x1234', `0x${'g'.repeat(64)}`, `${txId}00`]) {
      await refusedText(await fetch(await downloadUrl(t.baseUrl, buyer, { did: did(), txId: tx, fileIndex })), 400);
    }
    for (const index of ['-1', '1e3', '0x0', '99999']) {
      const url = new URL(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }));
      url.searchParams.set('fileIndex', index);
      // The signature covers consumer, nonce and command only: the changed index is what is refused.
      const answer = await fetch(url);
      expect([400, 404], index).toContain(answer.status);
      await refusedText(answer, answer.status);
    }
  });

  it('answers each kind of Range header as RFC 9110 says, with the exact bytes', async () => {
    const size = plaintext.length;
    const download = async (range: string) =>
      fetch(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex: 0 }), { headers: { range } });
    const whole = async (range: string) => {
      const answer = await download(range);
      expect(answer.status, range).toBe(200);
      expect(Buffer.from(await answer.arrayBuffer()).equals(plaintext), range).toBe(true);
    };
    const partial = async (range: string, start: number, end: number) => {
      const answer = await download(range);
      expect(answer.status, range).toBe(206);
      expect(answer.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(Buffer.from(await answer.arrayBuffer()).equals(plaintext.subarray(start, end + 1)), range).toBe(true);
    };
    const unsatisfiable = async (range: string) => {
      const answer = await download(range);
      expect(answer.status, range).toBe(416);
      expect(answer.headers.get('content-range')).toBe(`bytes */${size}`);
      expect((await answer.arrayBuffer()).byteLength).toBe(0);
    };
    // Malformed, several ranges, last before first, another unit: ignored, the whole file.
    for (const range of ['bytes=abc', 'bytes=0-1,5-9', 'bytes=5-2', 'items=0-1', 'bytes=-', 'bytes 0-1', 'bytes=0x10-', 'bytes=1.5-2']) {
      await whole(range);
    }
    await partial('bytes=-10', size - 10, size - 1);
    await partial(`bytes=-${size * 10}`, 0, size - 1);
    await partial('bytes=3-', 3, size - 1);
    await partial('bytes=0-99999999999999999999999', 0, size - 1);
    await partial(`bytes=${size - 1}-${size - 1}`, size - 1, size - 1);
    await unsatisfiable(`bytes=${size}-`);
    await unsatisfiable('bytes=99999999999999999999999-');
    await unsatisfiable(`bytes=${'9'.repeat(400)}-`);
    await unsatisfiable('bytes=-0');
  });
});

describe('the Aquarius routes', () => {
  const query = (body: unknown) => post('/api/aquarius/assets/query', typeof body === 'string' ? body : JSON.stringify(body));

  it('answers 404 for DIDs that are none', async () => {
    for (const bad of ['x', `did:op:${'a'.repeat(70)}`, '%00', "did:op:' OR ''='"]) {
      await refusedJson(await get(`/api/aquarius/assets/ddo/${bad}`), 404);
      await refusedJson(await get(`/api/aquarius/assets/metadata/${bad}`), 404);
    }
    await refusedJson(await get(`/api/aquarius/assets/ddo/did:op:${'a'.repeat(5000)}`), 414);
  });

  it('refuses sizes and offsets that are no bounded integers, and clauses it does not run', async () => {
    for (const [body, field] of [
      [{ size: 1001 }, 'size'],
      [{ size: -1 }, 'size'],
      [{ size: '10' }, 'size'],
      [{ size: 1e21 }, 'size'],
      [{ from: 1.5 }, 'from'],
      [{ from: -1 }, 'from'],
      [{ query: { regexp: { 'metadata.name': '.*' } } }, 'query.regexp'],
      [{ query: { script: { script: 'while(true){}' } } }, 'query.script'],
      [{ query: { bool: { must: [{ wildcard: { id: '*' } }] } } }, 'query.wildcard'],
      [{ query: { match_all: {}, term: { id: 'x' } } }, 'query'],
      [{ aggs: { n: { terms: { field: 'id' } } } }, 'aggs'],
      [{ sort: { id: 'sideways' } }, 'sort.id'],
    ] as Array<[Record<string, unknown>, string]>) {
      await refusedJson(await query(body), 400, field);
    }
    await refusedJson(await query('{"query":'), 400);
    await refusedJson(await query('{"query":{"term":{"__proto__":"x"}}}'), 400);
  });

  it('refuses nesting past the JSON depth limit, and answers the deepest it takes', async () => {
    const nested = (depth: number): unknown => (depth === 0 ? { match_all: {} } : { bool: { must: [nested(depth - 1)] } });
    await refusedJson(await query({ query: nested(20) }), 422);
    const ok = await query({ query: nested(6), from: 1e15 });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { hits: { hits: unknown[] } }).hits.hits).toEqual([]);
  });

  it('refuses search text and term lists past their caps, in bounded time', async () => {
    const started = Date.now();
    // A run of letters without a colon: the field-prefix scan took minutes on it (quadratic).
    const letters = 'a'.repeat(200_000);
    await refusedJson(await query({ query: { multi_match: { query: letters } } }), 400, 'query.multi_match.query');
    await refusedJson(await query({ query: { query_string: { query: letters } } }), 400, 'query.query_string.query');
    await refusedJson(await query({ query: { match: { 'metadata.name': letters } } }), 400, 'query.match.metadata.name');
    const terms = { query: { terms: { id: Array.from({ length: 50_000 }, (_, i) => `did:op:${i}`) } } };
    await refusedJson(await query(terms), 400, 'query.terms.id');
    // Under the caps: answered.
    const long = await query({ query: { query_string: { query: `metadata.name:${'a'.repeat(980)}` } } });
    expect(long.status).toBe(200);
    await long.text();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('validate: refuses a DDO that is none, and a publisher signature that does not hold', async () => {
    const validate = (body: unknown) => post('/api/aquarius/assets/ddo/validate', JSON.stringify(body));
    await refusedJson(await validate({}), 400, 'ddo');
    await refusedJson(await validate({ ddo: [] }), 400, 'ddo');
    await refusedJson(await validate({ ddo: 'x' }), 400, 'ddo');
    await refusedJson(await validate({ ddo: {} }), 400, 'ddo.@context');
    const {
      datatokens: _datatokens,
      indexedMetadata: _indexed,
      ...ddo
    } = (await (await get(`/api/aquarius/assets/ddo/${did()}`)).json()) as Record<string, unknown>;
    await refusedJson(await validate({ ddo, publisherAddress: '0xnope', nonce: '1', signature: '0x00' }), 400, 'publisherAddress');
    await refusedJson(await validate({ ddo, publisherAddress: buyer.address, nonce: '1' }), 400, 'signature');
    await refusedJson(
      await validate({ ddo, publisherAddress: buyer.address, nonce: '1', signature: `0x${'11'.repeat(65)}` }),
      401,
      'signature',
    );
    await refusedJson(await validate({ ddo, publisherAddress: buyer.address, nonce: 1, signature: '0x' }), 400, 'nonce');
  });
});

describe('GET /api/ocean/config and POST /api/dev/faucet', () => {
  it('ocean config ignores query parameters', async () => {
    const answer = await get('/api/ocean/config?chainId=1&chainId=2&x[y]=z');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ chainId: 8996 });
  });

  it('faucet: refuses what is no address, and a second grant to the same address in any spelling', async () => {
    for (const body of [
      '{}',
      '{"address":null}',
      '{"address":["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]}',
      '{"address":"0x1234"}',
      // A checksum that does not hold.
      '{"address":"0x70997970c51812dc3A010C7d01b50e0d17dc79C8"}',
      '[]',
      'null',
    ]) {
      await refusedJson(await post('/api/dev/faucet', body), 400, body === '[]' || body === 'null' ? undefined : 'address');
    }
    await refusedJson(await post('/api/dev/faucet', 'address=0x1', 'application/x-www-form-urlencoded'), 415);
    const wallet = devAccount(11, chain);
    const first = await post('/api/dev/faucet', JSON.stringify({ address: wallet.address }));
    expect(first.status, await first.clone().text()).toBe(200);
    await first.text();
    const lower = await post('/api/dev/faucet', JSON.stringify({ address: wallet.address.toLowerCase() }));
    await refusedJson(lower, 429, 'address');
  });
});

describe('wallet sign-in (POST /api/auth/verify)', () => {
  it('refuses bodies of the wrong shape, signatures that are none, and a nonce it never issued, without spending one it did', async () => {
    const wallet = Wallet.createRandom();
    const url = new URL(t.baseUrl);
    const nonce = await getNonce(t.baseUrl);
    const issuedAt = new Date().toISOString();
    const message = (fields: { nonce?: string; address?: string } = {}) =>
      siweMessage({
        domain: url.host,
        address: fields.address ?? wallet.address,
        uri: url.origin,
        chainId: 8996,
        nonce: fields.nonce ?? nonce,
        issuedAt,
      });
    const verify = (body: unknown) => post('/api/auth/verify', typeof body === 'string' ? body : JSON.stringify(body));
    const signature = await wallet.signMessage(message());
    await refusedJson(await verify({ message: [message()], signature }), 400, 'message');
    await refusedJson(await verify({ message: 'x'.repeat(4097), signature }), 400, 'message');
    await refusedJson(await verify({ message: message(), signature: signature.toUpperCase() }), 400, 'signature');
    await refusedJson(await verify({ message: message(), signature: `${signature}00` }), 400, 'signature');
    await refusedJson(await verify({ message: message(), signature: `0x${'00'.repeat(65)}` }), 401, 'signature');
    await refusedJson(await verify({ message: message({ address: '0x1234' }), signature }), 400);
    await refusedJson(await verify({ message: `${message()}\u0000`, signature }), 400);
    const never = message({ nonce: 'a'.repeat(2000) });
    await refusedJson(await verify({ message: never, signature: await wallet.signMessage(never) }), 401, 'message.nonce');
    const unknown = message({ nonce: 'Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9' });
    await refusedJson(await verify({ message: unknown, signature: await wallet.signMessage(unknown) }), 401, 'message.nonce');
    // The issued nonce was not spent by any of these.
    const answer = await verify({ message: message(), signature });
    expect(answer.status, await answer.clone().text()).toBe(200);
  });
});
