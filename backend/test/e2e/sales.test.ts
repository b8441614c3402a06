import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { DEV_OPERATOR_KEY } from '../../src/chain/chain.module.js';
import { sqlRows } from '../../src/database/sql.js';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import { SALE_SINK, type SaleSink } from '../../src/market/sale.js';
import { OceanPublisherService } from '../../src/ocean/ocean-publisher.service.js';
import { LABELS, waitFor, writeLabels } from '../support/datasets.js';
import { importRecords } from '../support/projects.js';
import { buyAndOrder, saleFromReceipt } from '../support/sales.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

let t: TestApp;
let chain: ChainPort;
let provider: JsonRpcProvider;
let baseToken: string;
let projectId: number;
const annotatorWallets = [Wallet.createRandom(), Wallet.createRandom()];
const annotators: Session[] = [];

const erc20 = ['function balanceOf(address) view returns (uint256)'];

async function dataset(id: number): Promise<DatasetDto> {
  return (await call<DatasetDto>(t.baseUrl, t.admin, 'GET', `/api/datasets/${id}`)).body;
}

async function readyVersion(name: string): Promise<DatasetDto> {
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/datasets', {
    projectId,
    name,
    license: 'CC-BY-4.0',
    seed: 1,
  });
  expect(created.status).toBe(202);
  return waitFor(`version ${created.body.id}`, async () => {
    const answer = await dataset(created.body.id);
    return answer.status === 'building' ? undefined : answer;
  });
}

async function publishedVersion(name: string): Promise<DatasetDto> {
  const version = await readyVersion(name);
  expect((await call(t.baseUrl, t.admin, 'POST', `/api/datasets/${version.id}/publish`, { price: '2' })).status).toBe(202);
  const done = await waitFor(`publication of ${version.id}`, async () => {
    const answer = await dataset(version.id);
    return answer.publication?.status === 'publishing' ? undefined : answer;
  });
  expect(done.publication?.status, done.publication?.error ?? '').toBe('published');
  return done;
}

async function tokens(address: string): Promise<bigint> {
  return new Contract(baseToken, erc20, provider).getFunction('balanceOf')(address) as Promise<bigint>;
}

beforeAll(async () => {
  t = await startTestApp({ AUTO_SUSPEND: 'false', FAUCET_WINDOW_SECONDS: '3600' });
  chain = t.tessera.app.get<ChainPort>(CHAIN_PORT);
  provider = new JsonRpcProvider(chain.info.publicRpcUrl, chain.info.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  const [row] = await sqlRows<{ value: string }>(t.tessera.dataSource, "SELECT value FROM chain_state WHERE key = 'ocean:oceanToken'");
  baseToken = row!.value;
  for (const wallet of annotatorWallets) annotators.push(await signIn(t.baseUrl, wallet as unknown as Wallet, t.config.chainId));
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: 'Sales over HTTP',
    type: 'classification',
    labels: LABELS,
    overlap: 2,
    rewardPerLabel: '0',
    status: 'active',
  });
  projectId = created.body.id;
  await importRecords(
    t,
    projectId,
    Array.from({ length: 12 }, (_, n) => ({ data: { text: `item ${n}` } })),
  );
  const db = t.tessera.dataSource;
  const items = (await sqlRows<{ id: number }>(db, 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [projectId])).map((r) => r.id);
  await writeLabels(db, projectId, items, [annotators[0]!.user.id, annotators[1]!.user.id], (i) => [LABELS[i % 3]!, LABELS[i % 3]!]);
  expect((await call(t.baseUrl, t.admin, 'POST', `/api/projects/${projectId}/quality/aggregate`)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  provider?.destroy();
  await t?.close();
});

describe('faucet (embedded chain)', () => {
  it('gives a new wallet gas at once and base tokens through the outbox, once per window', async () => {
    const wallet = Wallet.createRandom();
    const granted = await call<{ gas: string; tokens: string; gasTxHash: string; baseToken: string }>(
      t.baseUrl,
      undefined,
      'POST',
      '/api/dev/faucet',
      {
        address: wallet.address,
      },
    );
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ gas: '1', tokens: '100' });
    expect(granted.body.baseToken.toLowerCase()).toBe(baseToken.toLowerCase());
    expect(await provider.getBalance(wallet.address)).toBe(10n ** 18n);
    await waitFor('faucet tokens', async () => ((await tokens(wallet.address)) === 100n * 10n ** 18n ? true : undefined));

    const again = await call<{ code: string; field: string }>(t.baseUrl, undefined, 'POST', '/api/dev/faucet', {
      address: wallet.address.toLowerCase(),
    });
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ code: 'RATE_LIMITED', field: 'address' });
    for (const body of [{}, { address: 'nope' }, { address: `0x${'1'.repeat(39)}` }]) {
      const refused = await call<{ code: string; field: string }>(t.baseUrl, undefined, 'POST', '/api/dev/faucet', body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'address' });
    }
    expect(await provider.getBalance(wallet.address)).toBe(10n ** 18n);
  });

  it('is not there on a real chain (RPC_URL): 404 FAUCET_UNAVAILABLE', async () => {
    const real = await startTestApp({
      RPC_URL: chain.info.publicRpcUrl,
      OPERATOR_PRIVATE_KEY: DEV_OPERATOR_KEY,
      TOKEN_ADDRESS: chain.info.rewardToken,
      DISTRIBUTOR_ADDRESS: chain.info.payoutDistributor,
    });
    try {
      const refused = await call<{ code: string }>(real.baseUrl, undefined, 'POST', '/api/dev/faucet', {
        address: Wallet.createRandom().address,
      });
      expect(refused.status).toBe(404);
      expect(refused.body).toMatchObject({ code: 'FAUCET_UNAVAILABLE' });
    } finally {
      await real.close();
    }
  });
});

describe('sales, revenue, share, listing and purchases over HTTP', () => {
  it('a buyer with faucet funds buys; the console sees the sale and revenue, the buyer their purchase, the annotators their share', async () => {
    const version = await publishedVersion('HTTP sold');
    const buyer = Wallet.createRandom().connect(provider);
    expect((await call(t.baseUrl, undefined, 'POST', '/api/dev/faucet', { address: buyer.address })).status).toBe(200);
    await waitFor('buyer tokens', async () => ((await tokens(buyer.address)) > 0n ? true : undefined));
    const ddo = (await t.tessera.app.get(OceanPublisherService).readDdo(version.publication!.nftAddress!))!.ddo;
    const hash = await buyAndOrder(buyer, version, {
      providerKey: t.config.ocean.providerKey!,
      baseToken,
      serviceId: ddo.services[0]!.id,
    });
    const sale = await saleFromReceipt(chain, hash, version, baseToken);
    // The chain indexer hands each confirmed order over; here the test does.
    await t.tessera.app.get<SaleSink>(SALE_SINK).recordSale(sale);

    const buyerSession = await signIn(t.baseUrl, buyer as unknown as Wallet, t.config.chainId);
    // They bought before signing in: the buyer role comes with their first look at their purchases.
    expect(buyerSession.user.roles).toEqual(['annotator']);
    const purchases = await call<Array<Record<string, unknown>>>(t.baseUrl, buyerSession, 'GET', '/api/market/purchases');
    expect(purchases.status).toBe(200);
    expect(purchases.body).toHaveLength(1);
    expect(purchases.body[0]).toMatchObject({
      did: version.publication!.did,
      versionId: version.id,
      datasetName: 'HTTP sold',
      valid: true,
      txHash: hash.toLowerCase(),
    });
    expect((await call(t.baseUrl, annotators[0], 'GET', '/api/market/purchases')).body).toEqual([]);
    // Signing in on /market makes a wallet a buyer before any purchase, and keeps its other roles.
    const newcomer = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet, t.config.chainId);
    const becameBuyer = await call<{ roles: string[] }>(t.baseUrl, newcomer, 'POST', '/api/market/buyer');
    expect(becameBuyer.status).toBe(200);
    expect(becameBuyer.body.roles).toEqual(['annotator', 'buyer']);
    expect((await call<{ roles: string[] }>(t.baseUrl, newcomer, 'GET', '/api/auth/me')).body.roles).toEqual(['annotator', 'buyer']);
    expect((await call<{ roles: string[] }>(t.baseUrl, newcomer, 'POST', '/api/market/buyer')).body.roles).toEqual(['annotator', 'buyer']);
    const me = await call<{ roles: string[] }>(t.baseUrl, buyerSession, 'GET', '/api/auth/me');
    expect(me.body.roles).toContain('buyer');

    const list = await call<Array<Record<string, unknown>>>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/sales?filter=${encodeURIComponent(JSON.stringify({ versionId: version.id }))}`,
    );
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toBe('sales 0-0/1');
    expect(list.body[0]).toMatchObject({ versionId: version.id, shareBps: 3000, annotators: 2, consumer: buyer.address.toLowerCase() });
    const one = await call(t.baseUrl, t.admin, 'GET', `/api/sales/${list.body[0]!['id'] as number}`);
    expect(one.body).toEqual(list.body[0]);
    expect((await call<{ code: string }>(t.baseUrl, t.admin, 'GET', '/api/sales/999999')).body).toMatchObject({ code: 'SALE_NOT_FOUND' });
    expect((await call(t.baseUrl, t.admin, 'GET', `/api/sales?filter=${encodeURIComponent('{"nope":1}')}`)).status).toBe(400);
    // An address filter that is not one string filters nothing: refused, not answered with every sale.
    for (const consumer of [[buyer.address], 7, null]) {
      const answer = await call<{ field: string }>(
        t.baseUrl,
        t.admin,
        'GET',
        `/api/sales?filter=${encodeURIComponent(JSON.stringify({ consumer }))}`,
      );
      expect(answer.status, JSON.stringify(consumer)).toBe(400);
      expect(answer.body.field).toBe('filter.consumer');
    }

    const revenue = await call<{ datasets: Array<Record<string, unknown>>; annotators: Array<Record<string, unknown>> }>(
      t.baseUrl,
      t.admin,
      'GET',
      '/api/sales/revenue',
    );
    expect(revenue.body.datasets.find((d) => d['id'] === version.id)).toMatchObject({ name: 'HTTP sold', sales: 1, listed: true });
    expect(revenue.body.annotators.map((a) => a['id']).sort()).toEqual(annotators.map((a) => a.user.id).sort());

    // Both annotators labelled every item: equal halves of 30 %.
    const shared = (BigInt(sale.baseTokenAmount) * 3000n) / 10_000n;
    for (const session of annotators) {
      const earnings = await call<{ datasetSales: Array<Record<string, unknown>> }>(t.baseUrl, session, 'GET', '/api/me/earnings');
      expect(earnings.status).toBe(200);
      expect(earnings.body.datasetSales).toHaveLength(1);
      expect(earnings.body.datasetSales[0]).toMatchObject({ versionId: version.id, name: 'HTTP sold', sales: 1, labels: 12 });
    }
    const entries = await sqlRows<{ amount: string }>(
      t.tessera.dataSource,
      "SELECT amount::text AS amount FROM ledger_entries WHERE kind = 'sale_share'",
    );
    expect(entries.reduce((s, e) => s + BigInt(e.amount), 0n)).toBe(shared);
  }, 180_000);

  it('admins read and change the share; out of range names the field', async () => {
    expect((await call(t.baseUrl, t.admin, 'GET', '/api/sales/settings')).body).toEqual({ shareBps: 3000, configured: false });
    const changed = await call(t.baseUrl, t.admin, 'PUT', '/api/sales/settings', { shareBps: 2500 });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ shareBps: 2500, configured: true });
    expect((await call(t.baseUrl, t.admin, 'GET', '/api/sales/settings')).body).toEqual({ shareBps: 2500, configured: true });
    for (const shareBps of [-1, 10_001, 1.5, '3000']) {
      const refused = await call<{ code: string; field: string }>(t.baseUrl, t.admin, 'PUT', '/api/sales/settings', { shareBps });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'shareBps' });
    }
    expect((await call(t.baseUrl, annotators[0], 'PUT', '/api/sales/settings', { shareBps: 0 })).status).toBe(403);
  });

  it('unlists a published asset (NFT state 5) and lists it again (0) through the outbox', async () => {
    const [published] = await sqlRows<{ version_id: number; nft_address: string }>(
      t.tessera.dataSource,
      "SELECT version_id, nft_address FROM dataset_publications WHERE status = 'published' ORDER BY version_id LIMIT 1",
    );
    const id = published!.version_id;
    const nft = new Contract(published!.nft_address, ['function metaDataState() view returns (uint8)'], provider);
    expect((await call(t.baseUrl, t.admin, 'GET', `/api/datasets/${id}/listing`)).body).toMatchObject({
      listed: true,
      state: 0,
      status: 'none',
    });
    for (const listed of [false, true]) {
      const asked = await call<{ listed: boolean; status: string }>(t.baseUrl, t.admin, 'POST', `/api/datasets/${id}/listing`, { listed });
      expect(asked.status).toBe(200);
      expect(asked.body).toMatchObject({ listed, state: listed ? 0 : 5 });
      const done = await waitFor('listing confirmed', async () => {
        const answer = await call<{ status: string; txHash: string }>(t.baseUrl, t.admin, 'GET', `/api/datasets/${id}/listing`);
        return answer.body.status === 'queued' ? undefined : answer.body;
      });
      expect(done).toMatchObject({ status: 'confirmed', listed });
      expect(Number(await nft.getFunction('metaDataState')())).toBe(listed ? 0 : 5);
      const revenue = await call<{ datasets: Array<Record<string, unknown>> }>(t.baseUrl, t.admin, 'GET', '/api/sales/revenue');
      expect(revenue.body.datasets.find((d) => d['id'] === id)).toMatchObject({ listed });
      // Asking again for the state it is in sends nothing.
      const again = await call<{ txHash: string }>(t.baseUrl, t.admin, 'POST', `/api/datasets/${id}/listing`, { listed });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ listed, status: 'confirmed', txHash: done.txHash });
    }
    // A change still being sent (its transaction on a chain no outbox here serves): the opposite
    // change waits for it (409), the same one is where it is going already.
    const [pending] = await sqlRows<{ id: number }>(
      t.tessera.dataSource,
      'INSERT INTO dataset_listing_changes (version_id, listed, requested_by) VALUES ($1, false, NULL) RETURNING id',
      [id],
    );
    await sqlRows(
      t.tessera.dataSource,
      `INSERT INTO chain_txs (purpose, chain_id, "to", data, status) VALUES ($1, 999999, $2, '0x', 'intent')`,
      [`listing:${pending!.id}`, published!.nft_address],
    );
    try {
      const opposite = await call<{ code: string }>(t.baseUrl, t.admin, 'POST', `/api/datasets/${id}/listing`, { listed: true });
      expect(opposite.status).toBe(409);
      expect(opposite.body.code).toBe('CONFLICT');
      const same = await call<{ status: string }>(t.baseUrl, t.admin, 'POST', `/api/datasets/${id}/listing`, { listed: false });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ listed: false, status: 'queued' });
    } finally {
      await sqlRows(t.tessera.dataSource, 'DELETE FROM chain_txs WHERE purpose = $1', [`listing:${pending!.id}`]);
      await sqlRows(t.tessera.dataSource, 'DELETE FROM dataset_listing_changes WHERE id = $1', [pending!.id]);
    }

    const unpublished = await readyVersion('Never published');
    const refused = await call<{ code: string }>(t.baseUrl, t.admin, 'POST', `/api/datasets/${unpublished.id}/listing`, { listed: false });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DATASET_NOT_PUBLISHED' });
    expect((await call(t.baseUrl, t.admin, 'POST', '/api/datasets/999999/listing', { listed: false })).status).toBe(404);
    const bad = await call<{ field: string }>(t.baseUrl, t.admin, 'POST', `/api/datasets/${id}/listing`, { listed: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'listed' });
  }, 120_000);
});
