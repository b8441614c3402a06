import { createRequire } from 'node:module';
import { Contract, JsonRpcProvider, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { OutboxService } from '../../src/chain/outbox.service.js';
import { sqlRows } from '../../src/database/sql.js';
import { OCEAN_CONTRACTS, type OceanContractsPort, type OceanContractsRef } from '../../src/ocean/ocean-contracts.port.js';
import { OCEAN_DEPLOYMENT_KEY } from '../../src/ocean/ocean-deployment.js';
import { OceanPublisherService, type TxOutcome } from '../../src/ocean/ocean-publisher.service.js';
import { OceanService } from '../../src/ocean/ocean.service.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const require = createRequire(import.meta.url);
const abi = (path: string) => (require(`@oceanprotocol/contracts/artifacts/contracts/${path}.json`) as { abi: [] }).abi;
const factoryAbi = abi('ERC721Factory.sol/ERC721Factory');
const nftAbi = abi('templates/ERC721Template.sol/ERC721Template');
const datatokenAbi = abi('templates/ERC20TemplateEnterprise.sol/ERC20TemplateEnterprise');

const FILES = [{ type: 'ipfs', hash: 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o' }];
const METADATA = {
  name: 'Cats and dogs v1',
  description: 'Accepted labels of the cats-and-dogs project',
  author: 'Tessera',
  license: 'CC-BY-4.0',
  tags: ['images'],
  additionalInformation: { croissant: { recordSets: 1 } },
  created: new Date('2026-12-03T18:00:00Z'),
};

let platform: TestPlatform;
let chain: ChainPort;
let provider: JsonRpcProvider;
const gas: Record<string, number> = {};

/** The chain port and an RPC client of the running platform (a restart serves the chain on a new port). */
function connect(): void {
  provider?.destroy();
  chain = platform.tessera.app.get<ChainPort>(CHAIN_PORT);
  provider = new JsonRpcProvider(chain.info.publicRpcUrl, chain.info.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
}

beforeAll(async () => {
  platform = await startTestPlatform();
  connect();
});

afterAll(async () => {
  provider?.destroy();
  await platform?.close();
  if (Object.keys(gas).length > 0) console.info(`ocean gas per step: ${JSON.stringify(gas)}`);
});

const publisher = (): OceanPublisherService => platform.tessera.app.get(OceanPublisherService);
/** The contracts adapter, to read the exchange and the dispenser back. */
const contracts = (): OceanContractsPort => platform.tessera.app.get<OceanContractsRef>(OCEAN_CONTRACTS).contracts!;

/** Records the intents in one database transaction, as a publish job does, then lets the outbox send them. */
async function send(...intents: Parameters<OutboxService['enqueue']>[1]): Promise<void> {
  const outbox = platform.tessera.app.get(OutboxService);
  await platform.tessera.dataSource.transaction((manager) => outbox.enqueue(manager, intents));
  await outbox.settle();
}

async function confirmed(purpose: string): Promise<Extract<TxOutcome, { status: 'confirmed' }>> {
  const outcome = await publisher().outcome(purpose);
  if (outcome.status !== 'confirmed') throw new Error(`${purpose}: ${JSON.stringify(outcome)}`);
  gas[purpose] = outcome.gasUsed;
  return outcome;
}

describe('publishing on Ocean through the outbox (embedded chain, real contracts)', () => {
  it('mints a data NFT, an enterprise datatoken and a fixed-rate exchange at the price in one transaction, once per purpose', async () => {
    const ocean = publisher();
    expect(ocean.available).toBe(true);
    const intent = ocean.mintIntent({ purpose: 'dataset:1:mint', name: 'Cats and dogs v1', symbol: 'TSR-1', price: '2.5' });
    // The same purpose asked twice (a job retried after a crash): one transaction.
    await send(intent, ocean.mintIntent({ purpose: 'dataset:1:mint', name: 'Cats and dogs v1', symbol: 'TSR-1', price: '2.5' }));
    const rows = await sqlRows(platform.tessera.dataSource, `SELECT 1 FROM chain_txs WHERE purpose = 'dataset:1:mint'`);
    expect(rows).toHaveLength(1);
    await send(ocean.mintIntent({ purpose: 'dataset:1:mint', name: 'Cats and dogs v1', symbol: 'TSR-1', price: '2.5' }));

    const minted = ocean.readMint((await confirmed('dataset:1:mint')).receipt);
    expect(minted.sale.kind).toBe('fixed-rate');
    for (const address of [minted.nftAddress, minted.datatokenAddress]) expect((await provider.getCode(address)).length).toBeGreaterThan(2);
    const config = platform.tessera.app.get(OceanService).config();
    const factory = new Contract(config.nftFactoryAddress, factoryAbi, provider);
    expect(await factory.getFunction('getCurrentNFTCount')()).toBe(1n);
    expect(await factory.getFunction('erc20List')(minted.datatokenAddress)).toBe(true);

    // The datatoken is of the enterprise template, minted by the operator's NFT.
    const datatoken = new Contract(minted.datatokenAddress, datatokenAbi, provider);
    expect(await datatoken.getFunction('getId')()).toBe(2n);
    expect(await datatoken.getFunction('getERC721Address')()).toBe(minted.nftAddress);
    const nft = new Contract(minted.nftAddress, nftAbi, provider);
    expect(await nft.getFunction('ownerOf')(1)).toBe(chain.info.operator);

    // The exchange sells it for OCEAN at 2.5, minting on sale.
    if (minted.sale.kind !== 'fixed-rate') throw new Error('expected an exchange');
    expect(minted.sale.exchangeContract).toBe(config.fixedRateExchangeAddress);
    expect(await contracts().exchange(minted.sale.exchangeId)).toMatchObject({
      datatoken: minted.datatokenAddress,
      baseToken: config.oceanTokenAddress,
      rate: parseUnits('2.5', 18),
      active: true,
      withMint: true,
      baseTokenDecimals: 18,
      datatokenDecimals: 18,
    });
  });

  it('a free dataset gets an active dispenser that may mint', async () => {
    const ocean = publisher();
    await send(ocean.mintIntent({ purpose: 'dataset:2:mint', name: 'Free sample', symbol: 'TSR-2', free: true }));
    const minted = ocean.readMint((await confirmed('dataset:2:mint')).receipt);
    if (minted.sale.kind !== 'dispenser') throw new Error('expected a dispenser');
    expect(minted.sale.dispenser).toBe(contracts().addresses.dispenser);
    expect(await contracts().dispenser(minted.datatokenAddress)).toMatchObject({
      active: true,
      isMinter: true,
      maxTokens: parseUnits('1', 18),
    });
  });

  it('sets the DDO as plain metadata: read back from the events it equals the DDO, its hash verifies, its files decrypt', async () => {
    const ocean = publisher();
    const minted = ocean.readMint((await confirmed('dataset:1:mint')).receipt);
    expect(await ocean.readDdo(minted.nftAddress)).toBeNull();
    const ddo = ocean.datasetDdo({
      nftAddress: minted.nftAddress,
      datatokenAddress: minted.datatokenAddress,
      files: FILES,
      metadata: METADATA,
    });
    await send(ocean.metadataIntent({ purpose: 'dataset:1:metadata', nftAddress: minted.nftAddress, ddo }));
    await confirmed('dataset:1:metadata');

    const published = await ocean.readDdo(minted.nftAddress);
    expect(published).toMatchObject({ ddo, hashValid: true, state: 0, event: 'MetadataCreated', decryptorUrl: ocean.providerUrl });
    expect(published!.ddo.id).toMatch(/^did:op:[0-9a-f]{64}$/);
    expect(ocean.decryptFiles(published!.ddo.services[0]!.files)).toEqual({
      nftAddress: minted.nftAddress,
      datatokenAddress: minted.datatokenAddress,
      files: FILES,
    });
    // What getMetaData reports: the decryptor URL and state Ocean's node reads, the metadata marked as set.
    const nft = new Contract(minted.nftAddress, nftAbi, provider);
    const [decryptorUrl, , state, hasMetadata] = (await nft.getFunction('getMetaData')()) as [string, string, bigint, boolean];
    expect([decryptorUrl, state, hasMetadata]).toEqual([ocean.providerUrl, 0n, true]);

    // An update: the last event is what Ocean's indexers (and readDdo) take.
    const updated = { ...ddo, metadata: { ...ddo.metadata, description: 'v1, with a corrected licence note' } };
    await send(ocean.metadataIntent({ purpose: 'dataset:1:metadata:2', nftAddress: minted.nftAddress, ddo: updated }));
    await confirmed('dataset:1:metadata:2');
    expect(await ocean.readDdo(minted.nftAddress)).toMatchObject({ ddo: updated, hashValid: true, event: 'MetadataUpdated' });
  });

  it('refuses a mint request that does not say how the datatoken is sold', () => {
    const ocean = publisher();
    expect(() => ocean.mintIntent({ purpose: 'dataset:3:mint', name: 'x', symbol: 'x' })).toThrow(/price/);
    expect(() => ocean.mintIntent({ purpose: 'dataset:3:mint', name: 'x', symbol: 'x', price: '1', free: true })).toThrow(/not both/);
    expect(() => ocean.mintIntent({ purpose: 'dataset:3:mint', name: 'x', symbol: 'x', price: '-1' })).toThrow(/decimal/);
    expect(() => ocean.mintIntent({ purpose: 'dataset:3:mint', name: 'x', symbol: 'x', price: '0' })).toThrow(/at least 0.00000001/);
    // The exchange's MIN_RATE is 10^10 wei: one wei under it would revert on chain.
    expect(() => ocean.mintIntent({ purpose: 'dataset:3:mint', name: 'x', symbol: 'x', price: '0.000000009999999999' })).toThrow(
      /at least/,
    );
    expect(ocean.mintIntent({ purpose: 'dataset:3:mint', name: 'x', symbol: 'x', price: '0.00000001' }).purpose).toBe('dataset:3:mint');
  });

  it('deploys once: a restart keeps the recorded contracts', async () => {
    const recorded = async () =>
      (
        await sqlRows<{ value: string }>(
          platform.tessera.dataSource,
          `SELECT string_agg(key || '=' || value, ',' ORDER BY key) AS value FROM chain_state WHERE key LIKE 'ocean:%'`,
        )
      )[0]?.value;
    const before = await recorded();
    expect(before).toContain(`${OCEAN_DEPLOYMENT_KEY}=complete`);
    const blockBefore = await chain.blockNumber();
    await platform.restart();
    connect();
    expect(await recorded()).toBe(before);
    expect(await chain.blockNumber()).toBe(blockBefore);
    const minted = publisher().readMint((await confirmed('dataset:1:mint')).receipt);
    expect((await publisher().readDdo(minted.nftAddress))?.event).toBe('MetadataUpdated');
  });

  it('a deployment cut short (no completion mark) is deployed again cleanly at the next boot', async () => {
    const before = platform.tessera.app.get(OceanService).config();
    const blockBefore = await chain.blockNumber();
    // As if the process had died after writing the addresses but before the mark that completes the record.
    await sqlRows(platform.tessera.dataSource, `DELETE FROM chain_state WHERE key = $1`, [OCEAN_DEPLOYMENT_KEY]);
    await platform.restart();
    connect();
    const after = platform.tessera.app.get(OceanService).config();
    expect(after.nftFactoryAddress).not.toBe(before.nftFactoryAddress);
    expect(await chain.blockNumber()).toBeGreaterThan(blockBefore);
    expect(after.startBlock).toBeGreaterThan(blockBefore);
    const templates = await contracts().tokenTemplates();
    expect(templates.map((t) => [t.index, t.active])).toEqual([
      [1, true],
      [2, true],
    ]);
    // The new contracts mint.
    await send(publisher().mintIntent({ purpose: 'dataset:4:mint', name: 'After redeploy', symbol: 'TSR-4', price: '1' }));
    const minted = publisher().readMint((await confirmed('dataset:4:mint')).receipt);
    expect((await provider.getCode(minted.nftAddress)).length).toBeGreaterThan(2);
  });
});
