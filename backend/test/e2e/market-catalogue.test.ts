import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { OCEAN_CONTRACTS, type OceanContractsRef } from '../../src/ocean/ocean-contracts.port.js';
import { waitFor } from '../support/datasets.js';
import { EXTERNAL_LICENSE, seedMarket, type SeededMarket } from '../support/market.js';
import { devWallet, publishExternally } from '../support/ocean-chain.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call } from '../support/wallet.js';

let t: TestApp;
let seeded: SeededMarket;

interface Listing {
  did: string;
  name: string;
  external: boolean;
  kind: string | null;
  taskType: string | null;
  license: string | null;
  price: string | null;
  free: boolean;
  sizeBytes: number | null;
  labelCount: number | null;
  agreement: number | null;
  confidence: number | null;
  quality: number | null;
  sales: number;
}

interface Page extends Listing {
  author: string;
  ddo: { id: string; services: Array<Record<string, unknown>> };
  datasheet: { instances: number; classBalance: unknown; confidenceHistogram: unknown } | null;
  schema: Record<string, unknown> | null;
  files: Array<{ name: string; format: string; mediaType: string; bytes: number; sha256: string }>;
  croissantUrl: string | null;
  syntheticReport: unknown;
  chain: {
    chainId: number;
    nftAddress: string;
    mintTx: string;
    metadataTx: string;
    mintTxUrl: string | null;
    datatokens: Array<{ address: string; prices: unknown[] }>;
  };
}

beforeAll(async () => {
  t = await startTestApp({ AUTO_SUSPEND: 'false', INDEXER_POLL_SECONDS: '1' });
  seeded = await seedMarket(t);
});

afterAll(async () => {
  await t?.close();
});

function list(params: Record<string, unknown> = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  return call<Listing[]>(t.baseUrl, undefined, 'GET', `/api/market/assets?${search.toString()}`);
}

describe('the catalogue API (GET /api/market/assets)', () => {
  it('lists every listing to anyone, newest first, with Content-Range and facet counts', async () => {
    const answer = await list();
    expect(answer.status).toBe(200);
    expect(answer.body.map((l) => l.did)).toEqual([seeded.external.did, seeded.free.did, seeded.priced.did]);
    expect(answer.headers.get('content-range')).toBe('assets 0-2/3');
    const facets = JSON.parse(answer.headers.get('x-facets')!) as Record<string, Record<string, number>>;
    expect(facets).toMatchObject({
      kind: { curated: 2 },
      external: { true: 1, false: 2 },
      free: { true: 1, false: 2 },
      taskType: { classification: 2 },
      license: { 'CC-BY-4.0': 2, [EXTERNAL_LICENSE]: 1 },
    });
    const heron = answer.body.find((l) => l.did === seeded.priced.did)!;
    expect(heron).toMatchObject({
      name: 'Heron calls',
      external: false,
      kind: 'curated',
      taskType: 'classification',
      license: 'CC-BY-4.0',
      price: '3',
      free: false,
      sales: 0,
    });
    expect(heron.labelCount).toBe(48);
    expect(heron.sizeBytes).toBeGreaterThan(0);
    expect(heron.confidence).toBeGreaterThan(0);
    expect(answer.body.find((l) => l.did === seeded.external.did)).toMatchObject({
      external: true,
      kind: null,
      license: EXTERNAL_LICENSE,
      price: '7',
      labelCount: null,
      quality: null,
    });
  });

  it('searches the full text (name, description, tags, labels) with q', async () => {
    expect((await list({ q: 'herons' })).body.map((l) => l.did)).toEqual([seeded.priced.did]);
    expect((await list({ q: 'walrus' })).body.map((l) => l.did)).toEqual([seeded.external.did]);
    // The class labels of the datasheet are searchable too.
    expect((await list({ q: 'bird' })).body.map((l) => l.did).sort()).toEqual([seeded.priced.did, seeded.free.did].sort());
    expect((await list({ q: 'snow -herons' })).body.map((l) => l.did)).toEqual([seeded.free.did]);
    const none = await list({ q: 'zeppelin' });
    expect(none.body).toEqual([]);
    expect(none.headers.get('content-range')).toBe('assets */0');
  });

  it('filters on facets and ranges, sorts and pages', async () => {
    expect((await list({ filter: { free: true } })).body.map((l) => l.did)).toEqual([seeded.free.did]);
    expect((await list({ filter: { external: true } })).body.map((l) => l.did)).toEqual([seeded.external.did]);
    expect((await list({ filter: { kind: 'curated', priceMin: 1 } })).body.map((l) => l.did)).toEqual([seeded.priced.did]);
    expect((await list({ filter: { priceMax: 5 } })).body.map((l) => l.did).sort()).toEqual([seeded.priced.did, seeded.free.did].sort());
    expect((await list({ filter: { license: [EXTERNAL_LICENSE.toLowerCase()] } })).body.map((l) => l.did)).toEqual([seeded.external.did]);
    expect((await list({ filter: { labelsMin: 1, confidenceMin: 0.1 } })).body).toHaveLength(2);
    expect((await list({ filter: { taskType: 'classification', sizeMax: 1 } })).body).toEqual([]);
    expect((await list({ sort: ['price', 'ASC'] })).body.map((l) => l.did)).toEqual([
      seeded.free.did,
      seeded.priced.did,
      seeded.external.did,
    ]);
    expect((await list({ sort: ['price', 'DESC'] })).body.map((l) => l.did)).toEqual([
      seeded.external.did,
      seeded.priced.did,
      seeded.free.did,
    ]);
    expect((await list({ sort: ['quality', 'DESC'] })).body.at(-1)!.did).toBe(seeded.external.did);
    const second = await list({ sort: ['newest', 'DESC'], range: [1, 1] });
    expect(second.body.map((l) => l.did)).toEqual([seeded.free.did]);
    expect(second.headers.get('content-range')).toBe('assets 1-1/3');
  });

  it('refuses unknown filters and sorts and bad values with 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ filter: { colour: 'red' } }, 'filter.colour'],
      [{ sort: ['rating', 'ASC'] }, 'sort'],
      [{ filter: { free: 'maybe' } }, 'filter.free'],
      [{ filter: { priceMin: 'cheap' } }, 'filter.priceMin'],
      [{ range: [5, 2] }, 'range'],
    ];
    for (const [params, field] of cases) {
      const answer = await call<{ field: string }>(
        t.baseUrl,
        undefined,
        'GET',
        `/api/market/assets?${new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)]))).toString()}`,
      );
      expect(answer.status, field).toBe(400);
      expect(answer.body.field).toBe(field);
    }
  });
});

describe('the asset page (GET /api/market/assets/:did)', () => {
  it('shows a Tessera asset: DDO summary, datasheet, schema, files without CIDs, Croissant, on-chain details', async () => {
    const answer = await call<Page>(t.baseUrl, undefined, 'GET', `/api/market/assets/${seeded.priced.did}`);
    expect(answer.status).toBe(200);
    const page = answer.body;
    expect(page).toMatchObject({
      did: seeded.priced.did,
      name: 'Heron calls',
      author: 'Tessera',
      price: '3',
      sales: 0,
      syntheticReport: null,
    });
    expect(page.ddo.id).toBe(seeded.priced.did);
    expect(page.ddo.services[0]).not.toHaveProperty('files');
    expect(page.datasheet).toMatchObject({ instances: 24 });
    expect(page.schema).not.toBeNull();
    expect(page.files.map((f) => f.name)).toContain('croissant.json');
    expect(JSON.stringify(page.files)).not.toMatch(/Qm[1-9A-HJ-NP-Za-km-z]{44}|bafy/);
    expect(page.chain).toMatchObject({
      chainId: 8996,
      nftAddress: seeded.priced.nftAddress,
      mintTx: seeded.priced.mintTx,
      metadataTx: seeded.priced.metadataTx,
      mintTxUrl: null,
    });
    expect(page.chain.datatokens).toEqual([
      expect.objectContaining({
        address: seeded.priced.datatokenAddress,
        prices: [expect.objectContaining({ type: 'fixedrate', price: '3' })],
      }),
    ]);
    const croissant = await fetch(page.croissantUrl!);
    expect(croissant.status).toBe(200);
    const document = (await croissant.json()) as { conformsTo: string; name: string };
    expect(document.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
  });

  it('previews a few records of each split, without the annotators’ labels; 400 for another split, 404 for an external listing', async () => {
    const seen = new Set<string>();
    for (const split of ['train', 'validation', 'test']) {
      const answer = await call<Array<Record<string, unknown>>>(
        t.baseUrl,
        undefined,
        'GET',
        `/api/market/assets/${seeded.priced.did}/sample?split=${split}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.length).toBeLessThanOrEqual(5);
      for (const row of answer.body) {
        expect(row['split']).toBe(split);
        expect(row).not.toHaveProperty('annotations');
        expect(typeof row['id']).toBe('string');
        seen.add(String(row['id']));
      }
    }
    // 24 items split 80/10/10 by default: every split has records, none repeated.
    expect(seen.size).toBeGreaterThanOrEqual(7);
    const bad = await call<{ field?: string }>(t.baseUrl, undefined, 'GET', `/api/market/assets/${seeded.priced.did}/sample?split=all`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('split');
    expect((await fetch(`${t.baseUrl}/api/market/assets/${seeded.external.did}/sample?split=train`)).status).toBe(404);
  });

  it('shows an external listing with what its DDO has, and 404 for an unknown DID', async () => {
    const answer = await call<Page>(t.baseUrl, undefined, 'GET', `/api/market/assets/${seeded.external.did}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ external: true, author: 'Someone else', datasheet: null, croissantUrl: null, files: [] });
    const unknown = `did:op:${'0'.repeat(64)}`;
    expect((await call(t.baseUrl, undefined, 'GET', `/api/market/assets/${unknown}`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/market/assets/${seeded.external.did}/croissant.json`)).status).toBe(404);
  });
});

// Last: it adds a listing the tests above do not count.
describe('facet counts from listings anyone can mint', () => {
  it('list the most listed values in a header of bounded size, leaving out a value no filter panel could show', async () => {
    const addresses = t.tessera.app.get<OceanContractsRef>(OCEAN_CONTRACTS, { strict: false }).contracts!.addresses;
    const hostile = await publishExternally(
      devWallet(7, t.tessera.app.get<ChainPort>(CHAIN_PORT, { strict: false }).info.publicRpcUrl),
      addresses,
      t.config.chainId,
      {
        name: 'Seal pups',
        description: 'A listing with a licence of 20,000 characters',
        tags: [],
        price: '1',
        license: 'é'.repeat(20_000),
      },
    );
    const answer = await waitFor('the listing in the catalogue', async () => {
      const got = await call<Array<{ did: string }>>(t.baseUrl, undefined, 'GET', '/api/market/assets');
      return got.body.some((l) => l.did === hostile.did) ? got : undefined;
    });
    const header = answer.headers.get('x-facets')!;
    expect(header.length).toBeLessThan(16_384);
    const facets = JSON.parse(header) as Record<string, Record<string, number>>;
    expect(Object.keys(facets['license']!).sort()).toEqual(['CC-BY-4.0', EXTERNAL_LICENSE].sort());
    expect(facets['external']).toEqual({ true: 2, false: 2 });
  });
});
