import { describe, expect, it } from 'vitest';
import { matches, MAX_QUERY_COST, MAX_TERMS, queryCost, QueryError, search, valuesAt } from './es-query.js';

const heron = {
  id: 'did:op:1',
  chainId: 8996,
  nftAddress: '0xAbC',
  metadata: { type: 'dataset', name: 'Heron calls', description: 'Dawn recordings', tags: ['birds'], created: '2026-01-02' },
  datatokens: [{ address: '0xDaTa1' }, { address: '0xDaTa2' }],
};
const lynx = {
  id: 'did:op:2',
  chainId: 1,
  nftAddress: '0xdef',
  metadata: { type: 'algorithm', name: 'Lynx tracks', description: 'Snow', tags: [], created: '2026-03-04' },
  datatokens: [],
};
const docs = [heron, lynx];

describe('the Elasticsearch query subset', () => {
  it('reads dotted paths through arrays, ignoring .keyword', () => {
    expect(valuesAt(heron, 'datatokens.address')).toEqual(['0xDaTa1', '0xDaTa2']);
    expect(valuesAt(heron, 'metadata.name.keyword')).toEqual(['Heron calls']);
  });

  it('matches term, terms, match, range, exists and bool as ocean.js sends them', () => {
    expect(matches(heron, { match_all: {} })).toBe(true);
    expect(matches(heron, { term: { 'datatokens.address': '0xdata2' } })).toBe(true);
    expect(matches(heron, { term: { chainId: { value: 8996 } } })).toBe(true);
    expect(matches(lynx, { terms: { chainId: [8996, 137] } })).toBe(false);
    expect(matches(heron, { match: { 'metadata.name': 'heron' } })).toBe(true);
    expect(matches(heron, { range: { 'metadata.created': { gte: '2026-01-01', lt: '2026-02-01' } } })).toBe(true);
    expect(matches(lynx, { exists: { field: 'metadata.tags' } })).toBe(false);
    const query = {
      bool: {
        filter: [{ term: { 'metadata.type': 'dataset' } }],
        must_not: { term: { id: 'did:op:2' } },
        should: [{ match: { 'metadata.name': 'nothing' } }],
      },
    };
    expect(matches(heron, query)).toBe(true);
    expect(matches(heron, { bool: { should: [{ term: { id: 'x' } }, { term: { id: 'did:op:1' } }] } })).toBe(true);
    expect(matches(heron, { bool: { should: [{ term: { id: 'x' } }] } })).toBe(false);
  });

  it('matches every word of a query_string or multi_match in the fields', () => {
    expect(matches(heron, { query_string: { query: '(metadata.name:*heron*) AND dawn' } })).toBe(true);
    expect(matches(heron, { multi_match: { query: 'heron snow', fields: ['metadata.name', 'metadata.description'] } })).toBe(false);
  });

  it('sorts, pages and answers in the hits shape', () => {
    const result = search(docs, { query: { match_all: {} }, sort: { 'metadata.name': 'desc' }, from: 0, size: 1 }, (d) => String(d['id']));
    expect(result.hits.total.value).toBe(2);
    expect(result.hits.hits).toEqual([{ _index: 'ddo', _id: 'did:op:2', _score: 1, _source: lynx }]);
  });

  it('refuses what it does not support instead of ignoring it', () => {
    expect(() => search(docs, { query: { fuzzy: { id: 'x' } } }, () => '')).toThrow(QueryError);
    expect(() => search(docs, { aggs: {} }, () => '')).toThrow(/aggregations/);
    expect(() => search(docs, { size: 5000 }, () => '')).toThrow(/size/);
    expect(() => search(docs, { query: { bool: { boost: 2 } } }, () => '')).toThrow(/bool.boost/);
  });

  it('checks every clause whatever the catalogue holds: an empty one, or a bool whose first branch already fails', () => {
    expect(() => search([], { query: { fuzzy: { id: 'x' } } }, () => '')).toThrow(/fuzzy/);
    const failingFirst = { bool: { must: [{ term: { id: 'no such asset' } }, { wildcard: { id: 'x*' } }] } };
    expect(() => search(docs, { query: failingFirst }, () => '')).toThrow(/wildcard/);
    const inShould = { bool: { should: [{ match_all: {} }, { range: { 'stats.price.value': 5 } }] } };
    expect(() => search(docs, { query: inShould }, () => '')).toThrow(/range takes/);
    for (const body of [[], 'match everything', null, 7]) expect(() => search(docs, body, () => '')).toThrow(/search request/);
    expect(search([], undefined, () => '').hits.total.value).toBe(0);
  });

  it('drops field prefixes in linear time, and refuses search text and term lists past their caps', () => {
    // 'field:' prefixes were looked for from every position of a run of letters: quadratic, minutes for this.
    expect(matches(heron, { query_string: { query: 'a'.repeat(1000) } })).toBe(false);
    expect(matches(heron, { query_string: { query: `metadata.name:heron ${'x.'.repeat(400)}` } })).toBe(false);
    expect(() => matches(heron, { multi_match: { query: 'a'.repeat(1001) } })).toThrow(/at most 1000 characters/);
    expect(() => matches(heron, { match: { 'metadata.name': 'a'.repeat(1001) } })).toThrow(QueryError);
    expect(() => matches(heron, { terms: { id: Array.from({ length: 1001 }, String) } })).toThrow(/at most 1000 values/);
  });

  it('refuses a query whose clauses together ask too much of each asset, each clause within its own caps', () => {
    const ids = Array.from({ length: MAX_TERMS }, (_, i) => `did:op:${i}`);
    // The largest single clause passes, with the filters a market adds.
    const market = {
      query: {
        bool: { must: [{ terms: { id: ids } }, { query_string: { query: 'heron calls at dawn' } }], filter: [{ term: { chainId: 8996 } }] },
      },
    };
    expect(search(docs, market, (d) => String(d['id'])).hits.total.value).toBe(0);
    // The same list repeated is refused before any asset is read, naming the query.
    const repeated = { size: 0, query: { bool: { should: Array.from({ length: 3 }, () => ({ terms: { id: ids } })) } } };
    expect(queryCost(repeated.query)).toBeGreaterThan(MAX_QUERY_COST);
    expect(() => search(docs, repeated, (d) => String(d['id']))).toThrow(expect.objectContaining({ field: 'query' }));
    // So is a text search over many fields, repeated.
    const fields = Array.from({ length: 50 }, () => 'metadata.description');
    const wide = {
      query: { bool: { should: Array.from({ length: 10 }, () => ({ multi_match: { query: 'tessera '.repeat(10), fields } })) } },
    };
    expect(() => search(docs, wide, (d) => String(d['id']))).toThrow(/too much/);
  });

  it('caps sort keys, fields and field paths; reads own fields only; orders only numbers and strings', () => {
    const ids = (body: unknown) => search(docs, body, (d) => String(d['id'])).hits.hits.map((h) => h._id);
    expect(() => search(docs, { sort: Array.from({ length: 11 }, () => 'metadata.name') }, (d) => String(d['id']))).toThrow(
      new QueryError('at most 10 sort keys', 'sort'),
    );
    const fields = Array.from({ length: 51 }, () => 'metadata.name');
    expect(() => search(docs, { query: { multi_match: { query: 'heron', fields } } }, (d) => String(d['id']))).toThrow(/at most 50 fields/);
    for (const body of [
      { sort: ['x'.repeat(201)] },
      { query: { term: { ['x'.repeat(201)]: 'a' } } },
      { query: { range: { ['x'.repeat(201)]: { gte: 1 } } } },
      { query: { exists: { field: 'x'.repeat(201) } } },
    ]) {
      expect(() => search(docs, body, (d) => String(d['id'])), JSON.stringify(body).slice(0, 30)).toThrow(/at most 200 characters/);
    }
    // Inherited properties are no fields of a document.
    expect(valuesAt(heron, 'toString')).toEqual([]);
    expect(ids({ query: { exists: { field: 'constructor' } } })).toEqual([]);
    // A field holding an object (an outside DDO may) is out of every range and sorts as missing.
    const odd = { ...lynx, id: 'did:op:3', metadata: { ...lynx.metadata, created: { toString: 0, valueOf: 0 } } };
    const all = [heron, odd];
    expect(search(all, { query: { range: { 'metadata.created': { gte: '2026-01-01' } } } }, (d) => String(d['id'])).hits.total.value).toBe(
      1,
    );
    expect(search(all, { sort: [{ 'metadata.created': 'desc' }] }, (d) => String(d['id'])).hits.hits.map((h) => h._id)).toEqual([
      'did:op:1',
      'did:op:3',
    ]);
  });
});
