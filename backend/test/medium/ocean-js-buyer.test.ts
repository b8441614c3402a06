/**
 * The key compatibility test: @oceanprotocol/lib 8.6.2's own classes, driven as a buyer's script drives
 * them, against Tessera on the embedded chain: the Config from GET /api/ocean/config,
 * ProviderInstance.initialize, the one-transaction buy-and-order of orderAsset (datatoken template 2:
 * buyFromFreAndOrder), ProviderInstance.getDownloadUrl, then the download, whose bytes are the
 * version's exported file.
 */
import { createHash } from 'node:crypto';
import { Contract, type JsonRpcProvider, type Wallet } from 'ethers';
import { Datatoken, orderAsset, ProviderInstance, type Config } from '@oceanprotocol/lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import { oceanArtifact } from '../../src/ocean/ocean-artifacts.js';
import { eciesDecrypt } from '../../src/ocean/domain/provider-encryption.js';
import { OceanPublisherService } from '../../src/ocean/ocean-publisher.service.js';
import { devAccount, operatorWallet, publishedDataset, rpcOf } from '../support/published-dataset.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PRICE = '2.5';

let t: TestApp;
let chain: JsonRpcProvider;
let buyer: Wallet;
let dataset: DatasetDto;

/**
 * The asset as Aquarius.resolve(did) answers it (ocean-facts A): the DDO on the NFT plus the top-level
 * `datatokens` orderAsset reads and the `indexedMetadata` an Ocean indexer adds. Built here from the
 * chain because /api/aquarius is served by another workstream; the lead switches this to
 * `new Aquarius(config.oceanNodeUri).resolve(did)` (and waitForIndexer) at merge.
 */
async function resolvedAsset(config: Config): Promise<Parameters<typeof orderAsset>[0]> {
  const publication = dataset.publication!;
  const onChain = await t.tessera.app.get(OceanPublisherService).readDdo(publication.nftAddress!);
  const token = new Contract(publication.datatokenAddress!, oceanArtifact('ERC20TemplateEnterprise').abi, chain);
  const [name, symbol] = (await Promise.all([token.getFunction('name')(), token.getFunction('symbol')()])) as [string, string];
  return {
    ...onChain!.ddo,
    datatokens: [{ address: publication.datatokenAddress!, name, symbol, serviceId: 'access' }],
    indexedMetadata: {
      nft: { address: publication.nftAddress!, state: onChain!.state, owner: t.tessera.app.get(OceanPublisherService).providerAddress },
      event: { txid: publication.metadataTx!, from: '', block: onChain!.blockNumber, datetime: '' },
      stats: [
        {
          datatokenAddress: publication.datatokenAddress!,
          serviceId: 'access',
          orders: 0,
          prices: [
            {
              type: 'fixedrate',
              price: PRICE,
              token: config.oceanTokenAddress,
              contract: publication.exchangeAddress,
              exchangeId: publication.exchangeId,
            },
          ],
        },
      ],
      purgatory: { state: false },
    },
  } as unknown as Parameters<typeof orderAsset>[0];
}

beforeAll(async () => {
  t = await startTestApp();
  chain = rpcOf(t.tessera);
  buyer = devAccount(5, chain);
  dataset = await publishedDataset(t.tessera, { price: PRICE });
  // The buyer's base tokens (the operator holds the embedded chain's OCEAN; nothing else sends meanwhile).
  const ocean = new Contract(
    ((await (await fetch(`${t.baseUrl}/api/ocean/config`)).json()) as Config).oceanTokenAddress!,
    oceanArtifact('OceanToken').abi,
    operatorWallet(chain),
  );
  await ((await ocean.getFunction('transfer')(buyer.address, 10n ** 20n)) as { wait(): Promise<unknown> }).wait();
});

afterAll(async () => {
  chain?.destroy();
  await t?.close();
});

describe('ocean.js 8.6.2 as a buyer script, against Tessera', () => {
  it('initializes, buys and orders in one transaction, gets a download URL and downloads the exact file', async () => {
    const config = (await (await fetch(`${t.baseUrl}/api/ocean/config`)).json()) as Config;
    const providerUri = config.oceanNodeUri!;
    expect(await ProviderInstance.isValidProvider(providerUri)).toBe(true);
    const did = dataset.publication!.did!;

    const initialized = await ProviderInstance.initialize(did, 'access', 0, buyer.address, providerUri);
    expect(initialized.datatoken.toLowerCase()).toBe(dataset.publication!.datatokenAddress!.toLowerCase());

    const asset = await resolvedAsset(config);
    const datatoken = new Datatoken(buyer, config.chainId, config);
    const before = await chain.getTransactionCount(buyer.address);
    const order = await orderAsset(asset, buyer, config, datatoken, providerUri, undefined, undefined, initialized.providerFee);
    const receipt = await order.wait();
    expect(receipt?.status).toBe(1);
    // Approve the base token, then buy and order in one transaction sent to the datatoken.
    expect(await chain.getTransactionCount(buyer.address)).toBe(before + 2);
    expect(order.to?.toLowerCase()).toBe(dataset.publication!.datatokenAddress!.toLowerCase());

    // Ocean Node's fileInfo answers a name too (ocean.js's FileInfo type leaves it out).
    const files = (await ProviderInstance.checkDidFiles(did, 'access', providerUri)) as unknown as Array<{
      name: string;
      valid: boolean;
      contentLength: string;
    }>;
    const fileIndex = files.findIndex((file) => file.name === 'croissant.json');
    const file = dataset.files.find((f) => f.name === 'croissant.json')!;
    expect(files[fileIndex]).toMatchObject({ valid: true, contentLength: String(file.bytes) });

    const url = (await ProviderInstance.getDownloadUrl(did, 'access', fileIndex, order.hash, providerUri, buyer)) as string;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment;filename=(.+)/);
    const bytes = Buffer.from(await response.arrayBuffer());

    // The version's exported file, as the console lists it.
    const listed = (await (
      await fetch(`${t.baseUrl}/api/datasets/${dataset.id}`, { headers: { authorization: `Bearer ${t.admin.token}` } })
    ).json()) as DatasetDto;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed.files.find((f) => f.name === 'croissant.json')!.sha256);

    // Every file of the service through the same order.
    for (const [index, info] of files.entries()) {
      const next = (await ProviderInstance.getDownloadUrl(did, 'access', index, order.hash, providerUri, buyer)) as string;
      const body = Buffer.from(await (await fetch(next)).arrayBuffer());
      const expected = listed.files.find((f) => f.name === info.name)!;
      expect(createHash('sha256').update(body).digest('hex'), info.name).toBe(expected.sha256);
    }
  });

  it('encrypts through ProviderInstance.encrypt for the provider key', async () => {
    const config = (await (await fetch(`${t.baseUrl}/api/ocean/config`)).json()) as Config;
    const encrypted = await ProviderInstance.encrypt({ hello: 'provider' }, config.chainId, config.oceanNodeUri!, buyer);
    expect(encrypted).toMatch(/^0x04[0-9a-f]+$/);
    expect(JSON.parse(Buffer.from(eciesDecrypt(t.config.ocean.providerKey!, encrypted)).toString())).toEqual({ hello: 'provider' });
  });
});
