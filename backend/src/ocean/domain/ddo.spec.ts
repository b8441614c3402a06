import { createHash } from 'node:crypto';
import { getAddress, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { buildDatasetDdo, checksumAddress, didFor } from './ddo.js';
import { decodePlainMetadata, encodePlainMetadata, metadataHash } from './metadata-encoding.js';

describe('did:op', () => {
  it("matches ddo.js's DDO 4.1 example (its validator recomputes the id)", () => {
    // ddo.js src/test/data/ddo.ts `DDOExampleV4` and its README.
    expect(didFor('0xBB1081DbF3227bbB233Db68f7117114baBb43656', 137)).toBe(
      'did:op:fa0e8fa9550e8eb13392d6eeb9ba9f8111801b332c8d2345b350b3bc66b379d5',
    );
  });

  it('is sha256 of the checksummed address and the decimal chain id, whatever the case given', () => {
    for (let i = 0; i < 5; i++) {
      const address = Wallet.createRandom().address;
      const expected = `did:op:${createHash('sha256')
        .update(`${getAddress(address)}8996`)
        .digest('hex')}`;
      expect(didFor(address.toLowerCase(), 8996)).toBe(expected);
      expect(didFor(address, 8996)).toBe(expected);
    }
  });

  it('checksums addresses as EIP-55 (ethers as the reference)', () => {
    for (let i = 0; i < 20; i++) {
      const address = Wallet.createRandom().address;
      expect(checksumAddress(address.toLowerCase())).toBe(getAddress(address));
    }
    expect(() => checksumAddress('0x1234')).toThrow(RangeError);
  });
});

const INPUT = {
  chainId: 8996,
  nftAddress: '0xbb1081dbf3227bbb233db68f7117114babb43656',
  datatokenAddress: '0xff4ae9869cafb5ff725f962f3bbc22fb303a8ad8',
  encryptedFiles: '0x04abcdef',
  serviceEndpoint: 'https://tessera.example',
  metadata: {
    name: 'Cats and dogs v3',
    description: 'Accepted labels of the cats-and-dogs project',
    author: 'Tessera',
    license: 'CC-BY-4.0',
    tags: ['images', 'classification'],
    additionalInformation: { croissant: { recordSets: 1 } },
    created: new Date('2026-12-03T18:00:00.123Z'),
  },
};

describe('buildDatasetDdo', () => {
  it('builds the DDO 4.1.0 shape with one access service', () => {
    expect(buildDatasetDdo(INPUT)).toEqual({
      '@context': ['https://w3id.org/did/v1'],
      id: didFor(INPUT.nftAddress, 8996),
      version: '4.1.0',
      chainId: 8996,
      nftAddress: '0xBB1081DbF3227bbB233Db68f7117114baBb43656',
      metadata: {
        created: '2026-12-03T18:00:00Z',
        updated: '2026-12-03T18:00:00Z',
        type: 'dataset',
        name: 'Cats and dogs v3',
        description: 'Accepted labels of the cats-and-dogs project',
        author: 'Tessera',
        license: 'CC-BY-4.0',
        tags: ['images', 'classification'],
        additionalInformation: { croissant: { recordSets: 1 } },
      },
      services: [
        {
          id: 'access',
          type: 'access',
          files: '0x04abcdef',
          datatokenAddress: '0xfF4AE9869Cafb5Ff725f962F3Bbc22Fb303A8aD8',
          serviceEndpoint: 'https://tessera.example',
          timeout: 0,
        },
      ],
    });
  });

  it('refuses what DDO 4.1 requires and is missing', () => {
    expect(() => buildDatasetDdo({ ...INPUT, metadata: { ...INPUT.metadata, license: ' ' } })).toThrow(/license/);
    expect(() => buildDatasetDdo({ ...INPUT, encryptedFiles: 'not hex' })).toThrow(/hex/);
    expect(() => buildDatasetDdo({ ...INPUT, timeout: -1 })).toThrow(/timeout/);
  });
});

describe('plain metadata (ocean.js createAsset, encryptDDO = false)', () => {
  it('is the hex of the JSON, hashed as a hex string, and decodes back', () => {
    const ddo = buildDatasetDdo(INPUT);
    const encoded = encodePlainMetadata(ddo);
    expect(encoded.flags).toBe('0x00');
    expect(encoded.data).toBe(`0x${Buffer.from(JSON.stringify(ddo), 'utf8').toString('hex')}`);
    expect(encoded.hash).toBe(`0x${createHash('sha256').update(encoded.data).digest('hex')}`);
    expect(metadataHash(encoded.data)).toBe(encoded.hash);
    expect(decodePlainMetadata(encoded.flags, encoded.data)).toEqual(ddo);
  });

  it('does not decode encrypted metadata as plain', () => {
    expect(() => decodePlainMetadata('0x02', '0x7b7d')).toThrow(/not plain/);
  });
});
