import { Contract, Interface, JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainStateService } from '../../src/chain/chain-state.service.js';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config.js';
import { sqlRows } from '../../src/database/sql.js';
import { DatasetsService } from '../../src/datasets/datasets.service.js';
import { IndexerRepository } from '../../src/indexer/indexer.repository.js';
import { IndexerService } from '../../src/indexer/indexer.service.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import type { Sale, SaleSink } from '../../src/market/sale.port.js';
import { MarketService } from '../../src/market/market.service.js';
import { OCEAN_CONTRACTS, type OceanContractsRef } from '../../src/ocean/ocean-contracts.port.js';
import { OceanPublisherService } from '../../src/ocean/ocean-publisher.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { AggregationService } from '../../src/quality/aggregation.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { jsonItems, LABELS, waitFor, writeLabels } from '../support/datasets.js';
import { buyAndOrder, devWallet, EXCHANGE_ABI, fundOcean, NFT_ABI, publishExternally } from '../support/ocean-chain.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;
let projectId: number;

const app = () => platform.tessera.app;
const db = () => platform.tessera.dataSource;
const chain = () => app().get<ChainPort>(CHAIN_PORT);
const addresses = () => app().get<OceanContractsRef>(OCEAN_CONTRACTS).contracts!.addresses;
const market = () => app().get(MarketService);
const listAll = (q?: string, filter: Record<string, unknown> = {}) =>
  market().list({ filter, offset: 0, limit: 100, sortField: 'newest', sortOrder: 'DESC' }, q);

/** The real indexer on the real database and chain, with a sale sink that records what it is given. */
function indexerWithSink(sales: Sale[], confirmations = 0): IndexerService {
  const config = app().get<AppConfig>(APP_CONFIG);
  const sink: SaleSink = {
    recordSale: (sale) => {
      sales.push(sale);
      return Promise.resolve();
    },
  };
  return new IndexerService(
    app().get(IndexerRepository, { strict: false }),
    app().get(ChainStateService, { strict: false }),
    chain(),
    app().get<OceanContractsRef>(OCEAN_CONTRACTS, { strict: false }),
    { ...config, indexer: { ...config.indexer, confirmations } },
    sink,
  );
}

const counts = async () =>
  (
    await sqlRows<{ events: number; assets: number; datatokens: number; prices: number; orders: number }>(
      db(),
      `SELECT (SELECT count(*)::int FROM ocean_events) AS events, (SELECT count(*)::int FROM ocean_assets) AS assets,
              (SELECT count(*)::int FROM ocean_datatokens) AS datatokens, (SELECT count(*)::int FROM ocean_prices) AS prices,
              (SELECT count(*)::int FROM ocean_orders) AS orders`,
    )
  )[0]!;

beforeAll(async () => {
  // A poll long enough that the app's own loop does not race the explicit syncs below (they are idempotent anyway).
  // A narrow log window, so a pass reads the chain in several eth_getLogs ranges.
  platform = await startTestPlatform({ AUTO_SUSPEND: 'false', INDEXER_POLL_SECONDS: '3600', INDEXER_LOG_WINDOW: '7' });
  const project = await app()
    .get(ProjectsService)
    .create({ name: 'Indexer source', type: 'classification', labels: LABELS, overlap: 2, rewardPerLabel: '1', status: 'active' });
  projectId = project.id;
  await app().get(ItemsImportService).import(projectId, jsonItems(20));
  const items = (await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [projectId])).map(
    (r) => r.id,
  );
  const users = app().get(UsersRepository);
  const annotators = [(await users.signIn(`0x${'a'.repeat(40)}`, [])).id, (await users.signIn(`0x${'b'.repeat(40)}`, [])).id];
  await writeLabels(db(), projectId, items, annotators, (i) => [LABELS[i % 3]!, LABELS[(i * 7) % 3]!]);
  await app().get(AggregationService).aggregate(projectId);
});

afterAll(async () => {
  await platform?.close();
});

describe('the Ocean indexer', () => {
  let tessera: { did: string; datatokenAddress: string; exchangeId: string; nftAddress: string };

  it('shows a Tessera asset in the catalogue the moment its publish job finishes (read-your-writes)', async () => {
    const datasets = app().get(DatasetsService);
    const created = await datasets.create(
      { projectId, name: 'Zebra sightings', license: 'CC-BY-4.0', description: 'Striped animals', seed: 3 },
      null,
    );
    await waitFor('build', async () => ((await datasets.get(created.id)).status === 'building' ? undefined : true));
    await datasets.publish(created.id, { price: '2.5' }, null);
    const publication = await waitFor('publication', async () => {
      const p = (await datasets.get(created.id)).publication!;
      return p.status === 'publishing' ? undefined : p;
    });
    expect(publication.status, publication.error ?? '').toBe('published');
    // No indexer pass has run (the loop waits an hour): the publish job indexed its own transactions.
    const cursor = await app().get(IndexerService).cursor();
    expect(cursor === undefined || cursor < (await chain().receipt(publication.metadataTx!))!.blockNumber).toBe(true);
    const page = await listAll('zebra');
    expect(page.rows.map((r) => r.did)).toEqual([publication.did]);
    expect(page.rows[0]).toMatchObject({
      external: false,
      kind: 'curated',
      taskType: 'classification',
      license: 'CC-BY-4.0',
      price: '2.5',
      free: false,
      sales: 0,
    });
    expect(page.rows[0]!.labelCount).toBe(40);
    const asset = await app().get(IndexerService).asset(publication.did!);
    expect(asset).toMatchObject({
      nft: { address: publication.nftAddress, state: 0 },
      event: { txid: publication.metadataTx },
      datatokens: [{ address: publication.datatokenAddress, serviceId: 'access' }],
      stats: [{ orders: 0, prices: [{ type: 'fixedrate', price: '2.5', exchangeId: publication.exchangeId }] }],
    });
    tessera = {
      did: publication.did!,
      datatokenAddress: publication.datatokenAddress!,
      exchangeId: publication.exchangeId!,
      nftAddress: publication.nftAddress!,
    };
  });

  it('sees an asset published through the factory by another wallet, as an external listing', async () => {
    const other = devWallet(7, chain().info.publicRpcUrl);
    const external = await publishExternally(other, addresses(), chain().info.chainId, {
      name: 'Okapi footage',
      description: 'Forest giraffes filmed at night',
      tags: ['wildlife'],
      price: '4',
    });
    expect((await listAll('okapi')).rows).toEqual([]);
    await app().get(IndexerService).sync();
    const page = await listAll('okapi');
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ did: external.did, external: true, kind: null, license: 'MIT', price: '4', labelCount: null });
    expect((await listAll(undefined, { external: true })).rows.map((r) => r.did)).toEqual([external.did]);
    expect((await listAll(undefined, { external: false })).rows.map((r) => r.did)).toEqual([tessera.did]);

    // Its owner unlists it (metadata state 5): it leaves the catalogue; the metadata role still resolves it, with its state.
    const nft = new Contract(external.nftAddress, NFT_ABI, other);
    await (await nft.getFunction('setMetaDataState')(5)).wait();
    await app().get(IndexerService).sync();
    expect((await listAll('okapi')).rows).toEqual([]);
    expect(await app().get(IndexerService).asset(external.did)).toMatchObject({ nft: { state: 5 } });
  });

  it("decrypts a DDO encrypted for Tessera's provider key, and skips one encrypted for another provider with its reason", async () => {
    const other = devWallet(7, chain().info.publicRpcUrl);
    const ours = await publishExternally(other, addresses(), chain().info.chainId, {
      name: 'Ibis nesting',
      description: 'Encrypted for us',
      tags: [],
      price: '1',
      encryptFor: app().get(OceanPublisherService).providerPublicKey,
    });
    const theirs = await publishExternally(other, addresses(), chain().info.chainId, {
      name: 'Secret stork',
      description: 'Encrypted for another provider',
      tags: [],
      price: '1',
      encryptFor: Wallet.createRandom().signingKey.publicKey,
    });
    await app().get(IndexerService).sync();
    expect((await listAll('ibis')).rows.map((r) => r.did)).toEqual([ours.did]);
    expect(await app().get(IndexerService).asset(theirs.did)).toBeNull();
    const [skipped] = await sqlRows<{ ddo_error: string }>(db(), 'SELECT ddo_error FROM ocean_assets WHERE did = $1', [theirs.did]);
    expect(skipped!.ddo_error).toMatch(/encrypted for another provider/);
  });

  it('re-indexing from an older cursor (a crash after the writes, before the cursor) records nothing twice', async () => {
    await app().get(IndexerService).sync();
    const before = await counts();
    const cursor = (await app().get(IndexerService).cursor())!;
    await sqlRows(db(), "UPDATE chain_state SET value = $1 WHERE key = 'cursor:ocean'", [String(addresses().startBlock - 1)]);
    await app().get(IndexerService).sync();
    expect(await counts()).toEqual(before);
    expect(await app().get(IndexerService).cursor()).toBeGreaterThanOrEqual(cursor);
    // And the receipts path over the same transactions adds nothing either.
    const [row] = await sqlRows<{ created_tx: string; metadata_tx: string }>(
      db(),
      'SELECT created_tx, metadata_tx FROM ocean_assets WHERE did = $1',
      [tessera.did],
    );
    await app().get(IndexerService).indexReceipts([row!.created_tx, row!.metadata_tx]);
    expect(await counts()).toEqual(before);
  });

  it('hands an order to the sale sink once, with the base tokens its swap paid', async () => {
    const buyer = devWallet(8, chain().info.publicRpcUrl);
    await fundOcean(chain().info.publicRpcUrl, addresses(), await buyer.getAddress(), '50');
    const receipt = await buyAndOrder(buyer, addresses(), tessera);
    const exchange = new Interface(EXCHANGE_ABI);
    const swapped = receipt.logs.map((log) => exchange.parseLog(log)).find((parsed) => parsed?.name === 'Swapped');
    // The swap's amount carries the fees (Ocean's community fee here); the sale is what the publisher got: the price.
    const [total, marketFee, oceanFee, consumeFee] = [2, 5, 6, 7].map((i) => swapped!.args[i] as bigint);
    const paid = (total! - marketFee! - oceanFee! - consumeFee!).toString();
    expect(paid).toBe('2500000000000000000');
    expect(total!).toBeGreaterThan(2_500_000_000_000_000_000n);

    // Three confirmations: nothing is indexed or handed over until three blocks are on top of the order.
    const sales: Sale[] = [];
    const indexer = indexerWithSink(sales, 3);
    await indexer.sync();
    expect(sales).toEqual([]);
    expect(await indexer.cursor()).toBeLessThan(receipt.blockNumber);
    const rpc = new JsonRpcProvider(chain().info.publicRpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
    for (let i = 0; i < 3; i++) await rpc.send('evm_mine', []);
    rpc.destroy();
    await indexer.sync();
    await indexer.sync();
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({
      txHash: receipt.hash.toLowerCase(),
      did: tessera.did,
      nftAddress: tessera.nftAddress,
      datatokenAddress: tessera.datatokenAddress,
      consumer: await buyer.getAddress(),
      payer: await buyer.getAddress(),
      serviceIndex: 0,
      baseTokenAmount: paid,
      baseTokenAddress: addresses().oceanToken,
    });
    // A second indexer instance (another process) finds nothing left to hand over.
    const again: Sale[] = [];
    await indexerWithSink(again).sync();
    expect(again).toEqual([]);
    expect((await listAll('zebra')).rows[0]).toMatchObject({ sales: 1 });
    expect(await app().get(IndexerService).asset(tessera.did)).toMatchObject({ stats: [{ orders: 1 }] });
  });

  it('pays each order by one buy before it in its transaction, less the fees: not by sells, other orders’ buys or later swaps', async () => {
    const repo = app().get(IndexerRepository, { strict: false });
    const { chainId } = chain().info;
    const exchange = `0x${'e1'.repeat(20)}`;
    const datatoken = `0x${'d7'.repeat(20)}`;
    const base = `0x${'ba'.repeat(20)}`;
    const exchangeId = `0x${'11'.repeat(32)}`;
    const tx = `0x${'ab'.repeat(32)}`;
    const db = platform.tessera.dataSource;
    await sqlRows(
      db,
      `INSERT INTO ocean_prices (contract, price_id, kind, datatoken, base_token, rate, active, created_tx)
       VALUES ($1, $2, 'fixedrate', $3, $4, 1, true, $5)`,
      [exchange, exchangeId, datatoken, base, tx],
    );
    const swap = (logIndex: number, out: string, amount: bigint, fee = 0n) =>
      sqlRows(
        db,
        `INSERT INTO ocean_events (chain_id, tx_hash, log_index, block_number, contract, name, args) VALUES ($1, $2, $3, 1, $4, 'Swapped', $5)`,
        [
          chainId,
          tx,
          logIndex,
          exchange,
          JSON.stringify({
            exchangeId,
            baseTokenSwappedAmount: String(amount + fee),
            tokenOutAddress: out,
            marketFeeAmount: '0',
            oceanFeeAmount: String(fee),
            consumeMarketFeeAmount: '0',
          }),
        ],
      );
    // Buy at 1, sell back, buy at 2 (fee 5), buy at 3, then two orders: the first takes the first buy, the second the next.
    await swap(0, datatoken, 1000n);
    await swap(1, base, 900n);
    await swap(2, datatoken, 2000n, 5n);
    const manager = db.manager;
    expect(await repo.swapIn(manager, chainId, tx, 3, exchange, datatoken)).toEqual({ amount: '1000', baseToken: base });
    await sqlRows(
      db,
      `INSERT INTO ocean_orders (chain_id, tx_hash, log_index, block_number, datatoken, nft_address, consumer, payer, service_index, amount, base_token_amount, base_token, ordered_at)
       VALUES ($1, $2, 3, 1, $3, $3, $3, $3, 0, '1', '1000', $4, now())`,
      [chainId, tx, datatoken, base],
    );
    expect(await repo.swapIn(manager, chainId, tx, 4, exchange, datatoken)).toEqual({ amount: '2000', baseToken: base });
    // An order before any buy of its own, and one after every buy was taken, were paid by nothing here.
    expect(await repo.swapIn(manager, chainId, tx, 0, exchange, datatoken)).toBeUndefined();
    await sqlRows(
      db,
      `INSERT INTO ocean_orders (chain_id, tx_hash, log_index, block_number, datatoken, nft_address, consumer, payer, service_index, amount, base_token_amount, base_token, ordered_at)
       VALUES ($1, $2, 4, 1, $3, $3, $3, $3, 0, '1', '2000', $4, now())`,
      [chainId, tx, datatoken, base],
    );
    expect(await repo.swapIn(manager, chainId, tx, 5, exchange, datatoken)).toBeUndefined();
  });
});
