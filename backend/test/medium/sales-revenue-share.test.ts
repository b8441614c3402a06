import { payoutDistributorArtifact, rewardTokenArtifact } from '@tessera/contracts';
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { OutboxService } from '../../src/chain/outbox.service.js';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config.js';
import { sqlRows } from '../../src/database/sql.js';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import { DatasetsService } from '../../src/datasets/datasets.service.js';
import { FaucetService } from '../../src/dev/faucet.service.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { SALE_SINK, type SaleSink } from '../../src/market/sale.js';
import { OceanPublisherService } from '../../src/ocean/ocean-publisher.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { AggregationService } from '../../src/quality/aggregation.service.js';
import { EarningsService } from '../../src/rewards/earnings.service.js';
import { EpochsService } from '../../src/rewards/epochs.service.js';
import { SalesService } from '../../src/sales/sales.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { jsonItems, LABELS, waitFor, writeLabels } from '../support/datasets.js';
import { buyAndOrder, saleFromReceipt } from '../support/sales.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;
let chain: ChainPort;
let provider: JsonRpcProvider;
let baseToken: string;
const wallets = [0, 1, 2, 3].map(() => Wallet.createRandom());
const annotators: Caller[] = [];

const app = () => platform.tessera.app;
const db = () => platform.tessera.dataSource;
const datasets = () => app().get(DatasetsService);
const sink = () => app().get<SaleSink>(SALE_SINK);

async function publishedVersion(projectId: number, name: string, sale: { price: string } | { free: true }): Promise<DatasetDto> {
  const created = await datasets().create({ projectId, name, license: 'CC-BY-4.0', description: `${name}, sold`, seed: 3 }, null);
  const version = await waitFor(`version ${created.id}`, async () => {
    const answer = await datasets().get(created.id);
    return answer.status === 'building' ? undefined : answer;
  });
  expect(version.status, version.error ?? '').toBe('ready');
  await datasets().publish(version.id, sale, null);
  const done = await waitFor(`publication of ${version.id}`, async () => {
    const answer = await datasets().get(version.id);
    return answer.publication?.status === 'publishing' ? undefined : answer;
  });
  expect(done.publication?.status, done.publication?.error ?? '').toBe('published');
  return done;
}

/** A new buyer with faucet funds buys and orders the version on chain; answers the Sale the indexer would hand over. */
async function buy(dataset: DatasetDto) {
  const buyer = Wallet.createRandom().connect(provider);
  await app().get(FaucetService).grant(buyer.address);
  await app().get(OutboxService).settle();
  const publisher = app().get(OceanPublisherService);
  const ddo = (await publisher.readDdo(dataset.publication!.nftAddress!))!.ddo;
  const providerKey = app().get<AppConfig>(APP_CONFIG).ocean.providerKey!;
  const hash = await buyAndOrder(buyer, dataset, { providerKey, baseToken, serviceId: ddo.services[0]!.id });
  return { buyer, sale: await saleFromReceipt(chain, hash, dataset, baseToken) };
}

async function ledger(kind = 'sale_share') {
  return sqlRows<{ annotator_id: number; amount: string; note: string }>(
    db(),
    'SELECT annotator_id, amount::text AS amount, note FROM ledger_entries WHERE kind = $1 ORDER BY id',
    [kind],
  );
}

let priced: DatasetDto;
let free: DatasetDto;

beforeAll(async () => {
  platform = await startTestPlatform({ AUTO_SUSPEND: 'false', DATASET_SALE_SHARE_BPS: '3000' });
  chain = app().get<ChainPort>(CHAIN_PORT);
  provider = new JsonRpcProvider(chain.info.publicRpcUrl, chain.info.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  const [row] = await sqlRows<{ value: string }>(db(), "SELECT value FROM chain_state WHERE key = 'ocean:oceanToken'");
  baseToken = row!.value;
  const users = app().get(UsersRepository);
  for (const wallet of wallets) {
    const user = await users.signIn(wallet.address, []);
    annotators.push({ id: user.id, address: user.address, roles: ['annotator'] });
  }
  const [a, b, c, d] = annotators.map((x) => x.id);
  const projects = app().get(ProjectsService);
  const project = await projects.create({
    name: 'Sold',
    type: 'classification',
    labels: LABELS,
    overlap: 2,
    rewardPerLabel: '0',
    status: 'active',
  });
  await app().get(ItemsImportService).import(project.id, jsonItems(30));
  const items = (await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [project.id])).map(
    (r) => r.id,
  );
  // Items 0-14 labelled by a and b, 15-24 by a and c, 25-29 by b and c: a 25 labels, b 20, c 15.
  // a also labelled items 25-29, wrongly: outvoted, those labels are in the version's provenance
  // but were not accepted, and earn nothing from its sales.
  await writeLabels(db(), project.id, items, [a!, b!, c!], (i) => {
    const label = LABELS[i % 3]!;
    return i < 15 ? [label, label, null] : i < 25 ? [label, null, label] : [LABELS[(i + 1) % 3]!, label, label];
  });
  await app().get(AggregationService).aggregate(project.id);
  // d labels another project only: none of their labels is in the versions sold.
  const other = await projects.create({
    name: 'Other',
    type: 'classification',
    labels: LABELS,
    overlap: 1,
    rewardPerLabel: '0',
    status: 'active',
  });
  await app().get(ItemsImportService).import(other.id, jsonItems(3));
  const otherItems = (await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1', [other.id])).map((r) => r.id);
  await writeLabels(db(), other.id, otherItems, [d!], () => ['cat']);

  priced = await publishedVersion(project.id, 'Sold priced', { price: '2.5' });
  free = await publishedVersion(project.id, 'Sold free', { free: true });
}, 300_000);

afterAll(async () => {
  provider?.destroy();
  await platform?.close();
});

describe('revenue share: a sale on the embedded chain -> ledger entries for the version annotators -> epoch -> claim', () => {
  it('shares 30 % of what the buyer paid among exactly the version annotators, by their labels, summing exactly', async () => {
    expect(priced.itemCount).toBe(30);
    const [rejected] = await sqlRows<{ n: number }>(
      db(),
      `SELECT count(*)::int AS n FROM dataset_version_items i JOIN annotations a ON a.id = ANY(i.annotation_ids)
        WHERE i.version_id = $1 AND a.annotator_id = $2 AND a.result <> i.answer`,
      [priced.id, annotators[0]!.id],
    );
    expect(rejected!.n).toBe(5);
    const { buyer, sale } = await buy(priced);
    expect(BigInt(sale.baseTokenAmount)).toBeGreaterThanOrEqual(25n * 10n ** 17n);
    expect(sale.consumer.toLowerCase()).toBe(buyer.address.toLowerCase());
    await sink().recordSale(sale);

    const share = (BigInt(sale.baseTokenAmount) * 3000n) / 10_000n;
    const entries = await ledger();
    expect(entries.map((e) => e.annotator_id)).toEqual(annotators.slice(0, 3).map((a) => a.id));
    const amounts = entries.map((e) => BigInt(e.amount));
    expect(amounts.reduce((s, x) => s + x, 0n)).toBe(share);
    // 25 : 20 : 15 labels (60 in all); each within one unit of its exact part.
    for (const [i, labels] of [25n, 20n, 15n].entries()) {
      const exact = (share * labels) / 60n;
      expect(amounts[i]! - exact).toBeGreaterThanOrEqual(0n);
      expect(amounts[i]! - exact).toBeLessThanOrEqual(1n);
    }

    // Recorded: the console's sale, its revenue, the buyer's purchase, the annotator's dataset sales.
    const sales = app().get(SalesService);
    const listed = await sales.list({ filter: {}, offset: 0, limit: 10, sortField: 'id', sortOrder: 'DESC' });
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toMatchObject({
      versionId: priced.id,
      datasetName: 'Sold priced',
      shareBps: 3000,
      annotators: 3,
      txHash: sale.txHash.toLowerCase(),
    });
    const revenue = await sales.revenue();
    expect(revenue.datasets.find((d) => d.id === priced.id)).toMatchObject({ sales: 1, listed: true });
    expect(revenue.annotators.map((a) => a.id)).toEqual(annotators.slice(0, 3).map((a) => a.id));
    // The buyer never signed in: no account, nothing to give a role to.
    const buyerCaller: Caller = { id: 0, address: buyer.address, roles: ['annotator'] };
    const [buyerUser] = await sqlRows<{ roles: string[] }>(db(), 'SELECT roles FROM users WHERE address = $1', [
      buyer.address.toLowerCase(),
    ]);
    expect(buyerUser).toBeUndefined();
    const purchases = await sales.purchases(buyerCaller);
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({
      did: priced.publication!.did,
      versionId: priced.id,
      valid: true,
      txHash: sale.txHash.toLowerCase(),
    });
    expect(await sales.purchases(annotators[0]!)).toEqual([]);

    // The annotator's earnings show it as dataset sales, per dataset.
    const earnings = await app().get(EarningsService).earnings(annotators[0]!);
    expect(earnings.datasetSales).toEqual([
      { versionId: priced.id, name: 'Sold priced', sales: 1, labels: 25, amount: expect.any(String) },
    ]);
    expect(earnings.recent[0]).toMatchObject({ kind: 'sale_share' });
    expect((await app().get(EarningsService).earnings(annotators[3]!)).datasetSales).toEqual([]);

    // An epoch pays the shares; annotator a claims on chain and holds exactly their share.
    const epoch = await app().get(EpochsService).close('claim', 30, null);
    expect(epoch).toMatchObject({ recipients: 3 });
    await app().get(OutboxService).settle();
    const faucet = app().get(FaucetService);
    await faucet.grant(wallets[0]!.address);
    const proof = await app().get(EarningsService).proof(annotators[0]!, epoch.id);
    expect(BigInt(proof.amountWei)).toBe(amounts[0]);
    const distributor = new Contract(chain.info.payoutDistributor, payoutDistributorArtifact.abi, wallets[0]!.connect(provider));
    await (await distributor.getFunction('claim')(proof.epochId, proof.index, proof.account, BigInt(proof.amountWei), proof.proof)).wait();
    const rewardToken = new Contract(chain.info.rewardToken, rewardTokenArtifact.abi, provider);
    expect(await rewardToken.getFunction('balanceOf')(wallets[0]!.address)).toBe(amounts[0]);
  }, 300_000);

  it('records a sale handed over twice once: one sale row, one set of entries', async () => {
    const { sale } = await buy(priced);
    const before = (await ledger()).length;
    await Promise.all([sink().recordSale(sale), sink().recordSale(sale)]);
    await sink().recordSale({ ...sale, txHash: sale.txHash.toUpperCase().replace('0X', '0x') });
    expect((await ledger()).length).toBe(before + 3);
    const rows = await sqlRows(db(), 'SELECT id FROM sales WHERE tx_hash = $1', [sale.txHash.toLowerCase()]);
    expect(rows).toHaveLength(1);
  }, 300_000);

  it('a free order records the sale with no entries; a changed share applies to later sales', async () => {
    const { sale } = await buy(free);
    expect(sale.baseTokenAmount).toBe('0');
    const before = (await ledger()).length;
    await sink().recordSale(sale);
    expect((await ledger()).length).toBe(before);
    const [row] = await sqlRows<{ version_id: number; share_amount: string }>(
      db(),
      'SELECT version_id, share_amount::text AS share_amount FROM sales WHERE tx_hash = $1',
      [sale.txHash.toLowerCase()],
    );
    expect(row).toEqual({ version_id: free.id, share_amount: '0' });

    const sales = app().get(SalesService);
    expect(await sales.settings()).toEqual({ shareBps: 3000, configured: false });
    expect(await sales.updateSettings(10_000, annotators[0]!.id)).toEqual({ shareBps: 10_000, configured: true });
    const { sale: all } = await buy(priced);
    await sink().recordSale(all);
    const entries = (await ledger()).slice(before);
    expect(entries.reduce((s, e) => s + BigInt(e.amount), 0n)).toBe(BigInt(all.baseTokenAmount));
  }, 300_000);

  it('a sale of a synthetic version pays the annotators of the curated version it was made from', async () => {
    const created = await datasets().createSynthetic(priced.id, { rows: 20, seed: 4 }, null);
    const synthetic = await waitFor(`synthetic ${created.id}`, async () => {
      const answer = await datasets().get(created.id);
      return answer.status === 'building' ? undefined : answer;
    });
    expect(synthetic.status, synthetic.error ?? '').toBe('ready');
    await datasets().publish(synthetic.id, { price: '1' }, null);
    const published = await waitFor(`publication of ${synthetic.id}`, async () => {
      const answer = await datasets().get(synthetic.id);
      return answer.publication?.status === 'publishing' ? undefined : answer;
    });
    expect(published.publication?.status, published.publication?.error ?? '').toBe('published');
    await app().get(SalesService).updateSettings(3000, annotators[0]!.id);
    const before = (await ledger()).length;
    const { sale } = await buy(published);
    await sink().recordSale(sale);
    const entries = (await ledger()).slice(before);
    expect(entries.map((e) => e.annotator_id)).toEqual(annotators.slice(0, 3).map((a) => a.id));
    const share = (BigInt(sale.baseTokenAmount) * 3000n) / 10_000n;
    expect(entries.reduce((s, e) => s + BigInt(e.amount), 0n)).toBe(share);
    for (const [i, labels] of [25n, 20n, 15n].entries()) {
      expect(BigInt(entries[i]!.amount) - (share * labels) / 60n).toBeLessThanOrEqual(1n);
    }
  }, 300_000);

  it('a sale paid in a token other than the platform base token is recorded without entries', async () => {
    const { sale } = await buy(priced);
    const before = (await ledger()).length;
    await sink().recordSale({ ...sale, baseTokenAddress: chain.info.rewardToken });
    expect((await ledger()).length).toBe(before);
    const [row] = await sqlRows<{ share_amount: string }>(db(), 'SELECT share_amount::text AS share_amount FROM sales WHERE tx_hash = $1', [
      sale.txHash.toLowerCase(),
    ]);
    expect(row).toEqual({ share_amount: '0' });
  }, 300_000);

  it('a sale of an asset Tessera did not publish is recorded without entries', async () => {
    const before = (await ledger()).length;
    await sink().recordSale({
      chainId: chain.info.chainId,
      txHash: `0x${'ab'.repeat(32)}`,
      logIndex: 4,
      blockNumber: 1,
      timestamp: new Date().toISOString(),
      nftAddress: `0x${'12'.repeat(20)}`,
      datatokenAddress: `0x${'34'.repeat(20)}`,
      did: 'did:op:external',
      serviceIndex: 0,
      consumer: wallets[3]!.address,
      payer: wallets[3]!.address,
      baseTokenAmount: '1000',
      baseTokenAddress: baseToken,
    });
    expect((await ledger()).length).toBe(before);
    // A signed-in consumer becomes a buyer with their first purchase.
    const [user] = await sqlRows<{ roles: string[] }>(db(), 'SELECT roles FROM users WHERE id = $1', [annotators[3]!.id]);
    expect(user!.roles).toContain('buyer');
  });

  it('the faucet refuses the zero address and contracts before spending anything, and a failed send does not stall it', async () => {
    const faucet = app().get(FaucetService);
    const [row] = await sqlRows<{ value: string }>(db(), "SELECT value FROM chain_state WHERE key = 'ocean:oceanToken'");
    await expect(faucet.grant('0x0000000000000000000000000000000000000000')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'address',
    });
    // The Ocean token: a contract, whose missing receive would revert the gas transfer.
    await expect(faucet.grant(row!.value)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('contract'),
    });
    // A send that fails (here: more gas than the faucet holds) leaves the nonce as the chain has it.
    const sales = app().get<AppConfig>(APP_CONFIG).sales as { faucetGasWei: bigint };
    const gasWei = sales.faucetGasWei;
    sales.faucetGasWei = 10n ** 30n;
    try {
      await expect(faucet.grant(Wallet.createRandom().address)).rejects.toThrow();
    } finally {
      sales.faucetGasWei = gasWei;
    }
    const next = await faucet.grant(Wallet.createRandom().address);
    expect(next.gasTxHash).toMatch(/^0x[0-9a-f]{64}$/);
  });
});
