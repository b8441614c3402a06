/**
 * The key compatibility test: @oceanprotocol/lib 8.6.2's own classes, driven as a buyer's script drives
 * them, against Tessera on the embedded chain: the Config from GET /api/ocean/config,
 * Aquarius.waitForIndexer and resolve, ProviderInstance.initialize, the one-transaction buy-and-order
 * of orderAsset (datatoken template 2: buyFromFreAndOrder), ProviderInstance.getDownloadUrl, then the
 * download, whose bytes are the version's exported file; the sale then reaches the buyer's purchases.
 */
import { createHash } from 'node:crypto';
import { Contract, type JsonRpcProvider, type Wallet } from 'ethers';
import { Aquarius, Datatoken, orderAsset, ProviderInstance, type Config } from '@oceanprotocol/lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import { oceanArtifact } from '../../src/ocean/ocean-artifacts.js';
import { eciesDecrypt } from '../../src/ocean/domain/provider-encryption.js';
import { devAccount, operatorWallet, publishedDataset, rpcOf } from '../support/published-dataset.js';
import { waitFor } from '../support/datasets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn } from '../support/wallet.js';

const PRICE = '2.5';

let t: TestApp;
let chain: JsonRpcProvider;
let buyer: Wallet;
let dataset: DatasetDto;

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

    // The asset as a script finds it: Tessera's metadata role, indexed as the publish job finished.
    const aquarius = new Aquarius(config.oceanNodeUri!);
    const asset = await aquarius.waitForIndexer(did, dataset.publication!.metadataTx!, undefined, 200, 50);
    expect(asset.indexedMetadata?.event?.txid).toBe(dataset.publication!.metadataTx);
    expect((await aquarius.resolve(did)).id).toBe(did);
    // The whole DDO, as Ocean Node answers, with the metadata's fields at the top, as the older Aquarius answered.
    const described = (await aquarius.getAssetMetadata(did)) as {
      id: string;
      name: string;
      metadata: { name: string };
      services: Array<{ id: string }>;
    };
    expect(described).toMatchObject({ id: did, name: dataset.name, metadata: { name: dataset.name }, services: [{ id: 'access' }] });
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

    // The indexer sees the order as a sale: it is among the buyer's purchases, still valid.
    const session = await signIn(t.baseUrl, buyer);
    const purchase = await waitFor('the order among the buyer’s purchases', async () => {
      const answer = await call<Array<{ txHash: string; did: string; valid: boolean; versionId: number | null }>>(
        t.baseUrl,
        session,
        'GET',
        '/api/market/purchases',
      );
      return answer.body.find((p) => p.txHash.toLowerCase() === order.hash.toLowerCase());
    });
    expect(purchase).toMatchObject({ did, valid: true, versionId: dataset.id });
  });

  it('orders a free dataset through its dispenser in one transaction with orderAsset, and downloads its files', async () => {
    const free = await publishedDataset(t.tessera, { free: true });
    const config = (await (await fetch(`${t.baseUrl}/api/ocean/config`)).json()) as Config;
    const providerUri = config.oceanNodeUri!;
    const did = free.publication!.did!;
    const asset = await new Aquarius(providerUri).waitForIndexer(did, free.publication!.metadataTx!, undefined, 200, 50);
    const consumer = devAccount(6, chain);
    const before = await chain.getTransactionCount(consumer.address);
    // No provider fees given: orderAsset asks the provider (initialize) itself.
    const order = await orderAsset(asset, consumer, config, new Datatoken(consumer, config.chainId, config), providerUri);
    expect((await order.wait())?.status).toBe(1);
    // One transaction, to the datatoken: the dispenser's token and the order together (no approval, nothing to pay).
    expect(await chain.getTransactionCount(consumer.address)).toBe(before + 1);
    expect(order.to?.toLowerCase()).toBe(free.publication!.datatokenAddress!.toLowerCase());

    const files = await ProviderInstance.checkDidFiles(did, 'access', providerUri);
    expect(files.length).toBe(free.files.length);
    for (const [index, info] of (files as unknown as Array<{ name: string }>).entries()) {
      const url = (await ProviderInstance.getDownloadUrl(did, 'access', index, order.hash, providerUri, consumer)) as string;
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(createHash('sha256').update(body).digest('hex'), info.name).toBe(free.files.find((f) => f.name === info.name)!.sha256);
    }
  });

  it('answers getFileInfo for a storage object it does not fetch with a file it cannot reach, not an error', async () => {
    const config = (await (await fetch(`${t.baseUrl}/api/ocean/config`)).json()) as Config;
    const info = await ProviderInstance.getFileInfo(
      { type: 'url', url: 'http://127.0.0.1:1/private', method: 'GET' },
      config.oceanNodeUri!,
    );
    expect(info).toEqual([{ type: 'url', valid: false, contentLength: '0', contentType: '', name: '' }]);
  });

  it('encrypts through ProviderInstance.encrypt for the provider key', async () => {
    const config = (await (await fetch(`${t.baseUrl}/api/ocean/config`)).json()) as Config;
    const encrypted = await ProviderInstance.encrypt({ hello: 'provider' }, config.chainId, config.oceanNodeUri!, buyer);
    expect(encrypted).toMatch(/^0x04[0-9a-f]+$/);
    expect(JSON.parse(Buffer.from(eciesDecrypt(t.config.ocean.providerKey!, encrypted)).toString())).toEqual({ hello: 'provider' });
  });
});
