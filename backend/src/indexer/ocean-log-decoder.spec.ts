import { createRequire } from 'node:module';
import { Interface, type InterfaceAbi } from 'ethers';
import { describe, expect, it } from 'vitest';
import { decodeOceanLog } from './ocean-log-decoder.js';

const require = createRequire(import.meta.url);
const abi = (path: string) =>
  new Interface((require(`@oceanprotocol/contracts/artifacts/contracts/${path}.json`) as { abi: InterfaceAbi }).abi);
const factory = abi('ERC721Factory.sol/ERC721Factory');
const nft = abi('templates/ERC721Template.sol/ERC721Template');
const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe('decoding Ocean logs anyone can emit', () => {
  it('decodes a followed event', () => {
    const log = nft.encodeEventLog('MetadataState', [A, 5, 1_700_000_000, 12]);
    expect(decodeOceanLog(log)).toEqual({ event: { name: 'MetadataState', by: A, state: 5, timestamp: 1_700_000_000 }, role: 'nft' });
  });

  it('answers null, not an error, for a followed topic whose fields do not decode', () => {
    const log = nft.encodeEventLog('MetadataState', [A, 5, 1_700_000_000, 12]);
    // An "address" topic past 160 bits: ethers reports it only when the field is read.
    expect(decodeOceanLog({ topics: [log.topics[0]!, `0x${'f'.repeat(64)}`], data: log.data })).toBeNull();
    // Data cut short.
    expect(decodeOceanLog({ topics: log.topics, data: log.data.slice(0, 40) })).toBeNull();
  });

  it('keeps text the database can store: a NUL in an NFT name is replaced', () => {
    const log = factory.encodeEventLog('NFTCreated', [A, B, 'Walrus\u0000counts', A, 'W\u0000', 'ipfs://x', true, B]);
    expect(decodeOceanLog(log)?.event).toMatchObject({ name: 'NFTCreated', tokenName: 'Walrus\uFFFDcounts', symbol: 'W\uFFFD' });
  });
});
