import { createHash } from 'node:crypto';
import {
  getAddress,
  getBytes,
  hexlify,
  keccak256,
  recoverAddress,
  Signature,
  solidityPackedKeccak256,
  hashMessage,
  toBeArray,
  toUtf8Bytes,
  Wallet,
} from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMarket, type SeededMarket } from '../support/market.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call } from '../support/wallet.js';

let t: TestApp;
let seeded: SeededMarket;

interface Resolved {
  id: string;
  nftAddress: string;
  metadata: { name: string };
  services: Array<{ id: string; datatokenAddress: string }>;
  datatokens: Array<{ address: string; name: string; symbol: string; serviceId: string }>;
  indexedMetadata: {
    nft: { address: string; state: number; owner: string; name: string; symbol: string; tokenURI: string; created: string };
    event: { txid: string; from: string; contract: string; block: number; datetime: string };
    stats: Array<{
      datatokenAddress: string;
      serviceId: string;
      orders: number;
      prices: Array<{ type: string; price: string; token: string; contract: string; exchangeId: string }>;
    }>;
    purgatory: { state: boolean };
  };
}

interface Hits {
  hits: { total: { value: number }; hits: Array<{ _id: string; _source: Resolved }> };
}

beforeAll(async () => {
  t = await startTestApp({ AUTO_SUSPEND: 'false', INDEXER_POLL_SECONDS: '1' });
  seeded = await seedMarket(t);
});

afterAll(async () => {
  await t?.close();
});

const query = (path: string, body: unknown) => call<Hits>(t.baseUrl, undefined, 'POST', `/api/aquarius/assets/${path}`, body);

describe('the metadata role (Aquarius paths)', () => {
  it('resolves a DDO with top-level datatokens and indexedMetadata, as ocean.js reads them', async () => {
    const answer = await call<Resolved>(t.baseUrl, undefined, 'GET', `/api/aquarius/assets/ddo/${seeded.priced.did}`);
    expect(answer.status).toBe(200);
    const asset = answer.body;
    expect(asset.id).toBe(seeded.priced.did);
    expect(asset.datatokens).toEqual([
      { address: seeded.priced.datatokenAddress, name: expect.any(String), symbol: expect.any(String), serviceId: 'access' },
    ]);
    expect(asset.indexedMetadata.nft).toMatchObject({ address: seeded.priced.nftAddress, state: 0, owner: expect.stringMatching(/^0x/) });
    expect(asset.indexedMetadata.event).toMatchObject({ txid: seeded.priced.metadataTx, contract: seeded.priced.nftAddress });
    expect(asset.indexedMetadata.stats).toEqual([
      expect.objectContaining({
        datatokenAddress: seeded.priced.datatokenAddress,
        serviceId: 'access',
        orders: 0,
        prices: [expect.objectContaining({ type: 'fixedrate', price: '3', exchangeId: expect.stringMatching(/^0x[0-9a-f]{64}$/) })],
      }),
    ]);
    expect(asset.indexedMetadata.purgatory).toEqual({ state: false });
    const free = await call<Resolved>(t.baseUrl, undefined, 'GET', `/api/aquarius/assets/ddo/${seeded.free.did}`);
    expect(free.body.indexedMetadata.stats[0]!.prices).toEqual([expect.objectContaining({ type: 'dispenser', price: '0' })]);
    const metadata = await call<{ name: string; id: string; metadata: { name: string } }>(
      t.baseUrl,
      undefined,
      'GET',
      `/api/aquarius/assets/metadata/${seeded.priced.did}`,
    );
    // Ocean Node's answer (the DDO) and the older Aquarius's (its metadata) at once.
    expect(metadata.body).toMatchObject({ id: seeded.priced.did, name: 'Heron calls', metadata: { name: 'Heron calls' } });
  });

  it('answers 404 for a DID it does not know', async () => {
    const did = `did:op:${'0'.repeat(64)}`;
    expect((await call(t.baseUrl, undefined, 'GET', `/api/aquarius/assets/ddo/${did}`)).status).toBe(404);
    expect((await call(t.baseUrl, undefined, 'GET', `/api/aquarius/assets/metadata/${did}`)).status).toBe(404);
  });

  it('queries on both paths (ocean.js and Ocean Node disagree) with the subset of the query DSL they send', async () => {
    for (const path of ['query', 'metadata/query']) {
      const all = await query(path, { query: { match_all: {} }, size: 100 });
      expect(all.status).toBe(200);
      expect(all.body.hits.total.value).toBe(3);
      const byId = await query(path, { query: { term: { id: seeded.external.did } } });
      expect(byId.body.hits.hits.map((h) => h._id)).toEqual([seeded.external.did]);
      const byDatatoken = await query(path, {
        query: {
          bool: {
            filter: [{ terms: { 'datatokens.address': [seeded.priced.datatokenAddress.toLowerCase()] } }, { term: { chainId: 8996 } }],
          },
        },
      });
      expect(byDatatoken.body.hits.hits.map((h) => h._id)).toEqual([seeded.priced.did]);
      const text = await query(path, { query: { query_string: { query: 'walrus*', fields: ['metadata.name', 'metadata.description'] } } });
      expect(text.body.hits.hits.map((h) => h._id)).toEqual([seeded.external.did]);
      const typed = await query(path, {
        query: {
          bool: { must: [{ match: { 'metadata.type': 'dataset' } }], must_not: [{ term: { nftAddress: seeded.external.nftAddress } }] },
        },
        sort: { 'metadata.name': 'asc' },
      });
      expect(typed.body.hits.hits.map((h) => h._source.metadata.name)).toEqual(['Heron calls', 'Lynx tracks']);
      const paged = await query(path, { query: { match_all: {} }, from: 1, size: 1 });
      expect(paged.body.hits.hits).toHaveLength(1);
      expect(paged.body.hits.total.value).toBe(3);
    }
    const unsupported = await call<{ field: string }>(t.baseUrl, undefined, 'POST', '/api/aquarius/assets/query', {
      query: { fuzzy: { id: 'x' } },
    });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.field).toBe('query.fuzzy');
  });

  it('validates a DDO and signs its hash with the provider key, r and s as one-element arrays', async () => {
    const resolved = (await call<Record<string, unknown>>(t.baseUrl, undefined, 'GET', `/api/aquarius/assets/ddo/${seeded.external.did}`))
      .body;
    const { datatokens: _d, indexedMetadata: _i, ...ddo } = resolved;
    const publisher = Wallet.createRandom();
    const nonce = '1';
    const signature = await publisher.signMessage(toBeArray(keccak256(toUtf8Bytes(`${publisher.address}${nonce}validateDDO`))));
    const answer = await call<{ hash: string; publicKey: string; r: string[]; s: string[]; v: number }>(
      t.baseUrl,
      undefined,
      'POST',
      '/api/aquarius/assets/ddo/validate',
      { ddo, publisherAddress: publisher.address, nonce, signature },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.hash).toBe(`0x${createHash('sha256').update(JSON.stringify(ddo)).digest('hex')}`);
    expect(answer.body.r).toHaveLength(1);
    expect(answer.body.s).toHaveLength(1);
    expect([27, 28]).toContain(answer.body.v);
    const provider = (await call<{ providerAddress: string }>(t.baseUrl, undefined, 'GET', '/api/ocean/config')).body.providerAddress;
    expect(answer.body.publicKey).toBe(getAddress(provider));
    const digest = hashMessage(toBeArray(solidityPackedKeccak256(['bytes'], [hexlify(toUtf8Bytes(answer.body.hash))])));
    const recovered = recoverAddress(digest, Signature.from({ r: answer.body.r[0]!, s: answer.body.s[0]!, v: answer.body.v }));
    expect(recovered).toBe(answer.body.publicKey);
  });

  it('takes a publisher signature over the 32-byte digest and over the digest with its leading zero bytes dropped', async () => {
    const resolved = (await call<Record<string, unknown>>(t.baseUrl, undefined, 'GET', `/api/aquarius/assets/ddo/${seeded.external.did}`))
      .body;
    const { datatokens: _d, indexedMetadata: _i, ...ddo } = resolved;
    const publisher = Wallet.createRandom();
    // A nonce whose digest starts with a zero byte: ocean.js 8 (toBeArray) signs 31 bytes, ethers 5 scripts (arrayify) 32.
    let nonce = 1;
    const digestOf = (n: number) => getBytes(keccak256(toUtf8Bytes(`${publisher.address}${n}validateDDO`)));
    while (digestOf(nonce)[0] !== 0) nonce++;
    const digest = digestOf(nonce);
    expect(toBeArray(hexlify(digest)).length).toBeLessThan(32);
    for (const message of [digest, toBeArray(hexlify(digest))]) {
      const signature = await publisher.signMessage(message);
      const answer = await call(t.baseUrl, undefined, 'POST', '/api/aquarius/assets/ddo/validate', {
        ddo,
        publisherAddress: publisher.address,
        nonce: String(nonce),
        signature,
      });
      expect(answer.status, `${message.length} bytes`).toBe(200);
    }
  });

  it('refuses a DDO missing a required field, and a signature that is not the publisher’s, naming the field', async () => {
    const resolved = (await call<Record<string, unknown>>(t.baseUrl, undefined, 'GET', `/api/aquarius/assets/ddo/${seeded.external.did}`))
      .body;
    const { datatokens: _d, indexedMetadata: _i, ...ddo } = resolved;
    const metadata = { ...(ddo['metadata'] as Record<string, unknown>) };
    delete metadata['license'];
    const cases: Array<[unknown, string]> = [
      [{ ...ddo, metadata }, 'ddo.metadata.license'],
      [{ ...ddo, id: `did:op:${'1'.repeat(64)}` }, 'ddo.id'],
      [{ ...ddo, services: [] }, 'ddo.services'],
      [{ ...ddo, version: 'x' }, 'ddo.version'],
    ];
    for (const [bad, field] of cases) {
      const answer = await call<{ field: string; code: string }>(t.baseUrl, undefined, 'POST', '/api/aquarius/assets/ddo/validate', {
        ddo: bad,
      });
      expect(answer.status, field).toBe(400);
      expect(answer.body.field).toBe(field);
    }
    const other = Wallet.createRandom();
    const forged = await other.signMessage(toBeArray(keccak256(toUtf8Bytes(`${other.address}1validateDDO`))));
    const answer = await call<{ field: string }>(t.baseUrl, undefined, 'POST', '/api/aquarius/assets/ddo/validate', {
      ddo,
      publisherAddress: Wallet.createRandom().address,
      nonce: '1',
      signature: forged,
    });
    expect(answer.status).toBe(401);
    expect(answer.body.field).toBe('signature');
  });
});
