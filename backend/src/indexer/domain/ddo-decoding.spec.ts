import { describe, expect, it } from 'vitest';
import { buildDatasetDdo } from '../../ocean/domain/ddo.js';
import { encodePlainMetadata, metadataHash } from '../../ocean/domain/metadata-encoding.js';
import { eciesDecrypt, eciesEncrypt, providerPublicKey } from '../../ocean/domain/provider-encryption.js';
import { MAX_DDO_BYTES, readDdo, searchText } from './ddo-decoding.js';

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const OTHER = '0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f';
const NFT = '0xBB1081DbF3227bbB233Db68f7117114baBb43656';
const ddo = buildDatasetDdo({
  chainId: 8996,
  nftAddress: NFT,
  datatokenAddress: '0xfF4AE9869Cafb5Ff725f962F3Bbc22Fb303A8aD8',
  encryptedFiles: '0x04ab',
  serviceEndpoint: 'http://localhost:3000',
  metadata: {
    name: 'Heron calls',
    description: 'Dawn recordings',
    author: 'A',
    license: 'MIT',
    tags: ['birds', 'audio'],
    additionalInformation: { datasheet: { classBalance: { train: { heron: 3, egret: 1 }, test: { crane: 1 } } } },
    created: new Date('2026-12-01T00:00:00Z'),
  },
});
const asset = { nftAddress: NFT, chainId: 8996 };
const decrypt = (data: string) => eciesDecrypt(KEY, data);

describe('reading the DDO of a metadata event', () => {
  it('takes plain JSON whose hash is sha256 of the data', () => {
    const encoded = encodePlainMetadata(ddo);
    expect(readDdo({ ...encoded, decryptorUrl: '' }, asset, decrypt)).toEqual({ ok: true, ddo });
  });

  it('refuses a plain DDO whose hash does not match, or that describes another NFT or chain', () => {
    const encoded = encodePlainMetadata(ddo);
    expect(readDdo({ ...encoded, hash: `0x${'0'.repeat(64)}`, decryptorUrl: '' }, asset, decrypt)).toMatchObject({
      ok: false,
      reason: /hash/,
    });
    expect(readDdo({ ...encoded, decryptorUrl: '' }, { ...asset, chainId: 1 }, decrypt)).toMatchObject({ ok: false, reason: /id/ });
  });

  it('decrypts flags 0x02 data encrypted for our provider key, and skips one encrypted for another key', () => {
    const mine = eciesEncrypt(providerPublicKey(KEY), new TextEncoder().encode(JSON.stringify(ddo)));
    expect(readDdo({ flags: '0x02', data: mine, hash: '0x00', decryptorUrl: 'http://us' }, asset, decrypt)).toEqual({ ok: true, ddo });
    const theirs = eciesEncrypt(providerPublicKey(OTHER), new TextEncoder().encode(JSON.stringify(ddo)));
    expect(readDdo({ flags: '0x02', data: theirs, hash: '0x00', decryptorUrl: 'http://them' }, asset, decrypt)).toMatchObject({
      ok: false,
      reason: /another provider \(http:\/\/them\)/,
    });
    expect(readDdo({ flags: '0x02', data: mine, hash: '0x00', decryptorUrl: '' }, asset, null)).toMatchObject({
      ok: false,
      reason: /no provider key/,
    });
  });

  it('refuses compressed metadata and data that is not JSON', () => {
    expect(readDdo({ flags: '0x01', data: '0x00', hash: '0x00', decryptorUrl: '' }, asset, decrypt)).toMatchObject({
      ok: false,
      reason: /compressed/,
    });
    const notJson = { ...encodePlainMetadata(ddo), data: '0x7b7b' };
    expect(readDdo({ ...notJson, hash: encodePlainMetadata(ddo).hash, decryptorUrl: '' }, asset, decrypt)).toMatchObject({ ok: false });
  });

  it('refuses a DDO the database could not store or the catalogue could not read: NUL, a lone surrogate, too large, services not objects', () => {
    const plain = (doc: Record<string, unknown>) => ({ ...encodePlainMetadata(doc), decryptorUrl: '' });
    const named = (name: string) => ({ ...ddo, metadata: { ...ddo.metadata, name } });
    expect(readDdo(plain(named('nul \u0000 inside')), asset, decrypt)).toMatchObject({ ok: false, reason: /metadata\.name .*NUL/ });
    expect(readDdo(plain(named('lone \ud800 surrogate')), asset, decrypt)).toMatchObject({ ok: false, reason: /surrogate/ });
    expect(readDdo(plain(named('x'.repeat(MAX_DDO_BYTES))), asset, decrypt)).toMatchObject({ ok: false, reason: /over 262144/ });
    expect(readDdo(plain({ ...ddo, services: [null] }), asset, decrypt)).toMatchObject({ ok: false, reason: /services/ });
    expect(readDdo(plain({ ...ddo, metadata: 'text' }), asset, decrypt)).toMatchObject({ ok: false, reason: /metadata is not an object/ });
    // Thousands of levels deep: refused by its depth before anything recursive reads it.
    const deep = `${'['.repeat(10_000)}"bottom"${']'.repeat(10_000)}`;
    const deepDdo = `{"id":${JSON.stringify(ddo.id)},"metadata":{"name":"x","nested":${deep}}}`;
    const deepData = `0x${Buffer.from(deepDdo).toString('hex')}`;
    expect(readDdo({ flags: '0x00', data: deepData, hash: metadataHash(deepData), decryptorUrl: '' }, asset, decrypt)).toMatchObject({
      ok: false,
      reason: /deeper than 32/,
    });
    expect(readDdo(plain(named('just under the cap')), asset, decrypt)).toMatchObject({ ok: true });
  });

  it('gives full-text search the name, description, tags and the labels of the datasheet', () => {
    expect(searchText(ddo as unknown as Record<string, unknown>)).toEqual({
      name: 'Heron calls',
      description: 'Dawn recordings',
      tags: 'birds audio',
      labels: 'heron egret crane',
    });
  });
});
