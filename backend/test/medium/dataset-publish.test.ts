import { createHash } from 'node:crypto';
import { getAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { sqlRows } from '../../src/database/sql.js';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import { DatasetsService } from '../../src/datasets/datasets.service.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { OCEAN_CONTRACTS, type OceanContractsRef } from '../../src/ocean/ocean-contracts.port.js';
import { OceanPublisherService } from '../../src/ocean/ocean-publisher.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { AggregationService } from '../../src/quality/aggregation.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { jsonItems, LABELS, waitFor, writeLabels } from '../support/datasets.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;
let projectId: number;

const app = () => platform.tessera.app;
const db = () => platform.tessera.dataSource;
const datasets = () => app().get(DatasetsService);

async function ready(name: string): Promise<DatasetDto> {
  const created = await datasets().create(
    { projectId, name, license: 'CC-BY-4.0', description: `${name}, for the publish test`, seed: 5 },
    null,
  );
  const version = await waitFor(`version ${created.id}`, async () => {
    const answer = await datasets().get(created.id);
    return answer.status === 'building' ? undefined : answer;
  });
  expect(version.status, version.error ?? '').toBe('ready');
  return version;
}

async function published(id: number): Promise<DatasetDto> {
  return waitFor(`publication of ${id}`, async () => {
    const answer = await datasets().get(id);
    return answer.publication?.status === 'publishing' ? undefined : answer;
  });
}

beforeAll(async () => {
  platform = await startTestPlatform({ AUTO_SUSPEND: 'false' });
  const project = await app()
    .get(ProjectsService)
    .create({ name: 'Publish source', type: 'classification', labels: LABELS, overlap: 2, rewardPerLabel: '1', status: 'active' });
  projectId = project.id;
  await app().get(ItemsImportService).import(projectId, jsonItems(30));
  const items = (await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [projectId])).map(
    (r) => r.id,
  );
  const users = app().get(UsersRepository);
  const annotators = [(await users.signIn(`0x${'a'.repeat(40)}`, [])).id, (await users.signIn(`0x${'b'.repeat(40)}`, [])).id];
  await writeLabels(db(), projectId, items, annotators, (i) => [LABELS[i % 3]!, LABELS[i % 3]!]);
  await app().get(AggregationService).aggregate(projectId);
});

afterAll(async () => {
  await platform?.close();
});

describe('publishing a dataset version on Ocean (embedded chain, real contracts)', () => {
  it('mints an NFT with a priced datatoken and sets a DDO that decodes from the chain, naming the stored files for the provider', async () => {
    const version = await ready('Pets priced');
    const queued = await datasets().publish(version.id, { price: '2.5' }, null);
    expect(queued).toEqual({ id: version.id, status: 'publishing' });
    const done = await published(version.id);
    const publication = done.publication!;
    expect(publication.status, publication.error ?? '').toBe('published');
    expect(publication).toMatchObject({ step: 'done', price: '2.5', free: false, dispenserAddress: null });
    const chain = app().get<ChainPort>(CHAIN_PORT);
    // did:op: is sha256 of the checksummed NFT address and the chain id (Ocean's rule).
    const did = `did:op:${createHash('sha256')
      .update(getAddress(publication.nftAddress!) + String(chain.info.chainId))
      .digest('hex')}`;
    expect(publication.did).toBe(did);
    for (const hash of [publication.mintTx, publication.metadataTx])
      expect(await chain.receipt(hash!)).toMatchObject({ status: 'success' });

    // What Ocean's indexer reads: the last metadata event of the NFT, plain, its hash verifying.
    const publisher = app().get(OceanPublisherService);
    const onChain = await publisher.readDdo(publication.nftAddress!);
    expect(onChain).toMatchObject({ hashValid: true, state: 0, decryptorUrl: publisher.providerUrl });
    const ddo = onChain!.ddo;
    expect(ddo).toMatchObject({
      id: did,
      version: '4.1.0',
      chainId: chain.info.chainId,
      nftAddress: getAddress(publication.nftAddress!),
      metadata: { type: 'dataset', name: 'Pets priced', license: 'CC-BY-4.0', author: 'Tessera' },
    });
    expect(ddo.metadata.additionalInformation).toMatchObject({
      tessera: { versionId: version.id, kind: 'curated', itemCount: version.itemCount },
      croissant: { conformsTo: 'http://mlcommons.org/croissant/1.0', file: 'croissant.json' },
    });
    const [service] = ddo.services;
    expect(service).toMatchObject({
      type: 'access',
      datatokenAddress: getAddress(publication.datatokenAddress!),
      serviceEndpoint: publisher.providerUrl,
    });
    // The files are encrypted for the provider key, and name the version's stored (encrypted) files by CID.
    expect(publisher.decryptFiles(service!.files)).toEqual({
      nftAddress: getAddress(publication.nftAddress!),
      datatokenAddress: getAddress(publication.datatokenAddress!),
      files: version.files.map((file) => ({ type: 'ipfs', hash: file.cid })),
    });

    // The sale: a fixed-rate exchange in the base token at 2.5 per datatoken.
    const contracts = app().get<OceanContractsRef>(OCEAN_CONTRACTS).contracts!;
    const exchange = await contracts.exchange(publication.exchangeId!);
    expect(exchange).toMatchObject({ active: true, rate: 2_500_000_000_000_000_000n, baseToken: contracts.addresses.oceanToken });

    // One asset per version: asking again is refused, and the outbox holds one mint.
    await expect(datasets().publish(version.id, { price: '3' }, null)).rejects.toMatchObject({ code: 'DATASET_ALREADY_PUBLISHED' });
    const mints = await sqlRows(db(), 'SELECT id FROM chain_txs WHERE purpose = $1', [`dataset:${version.id}:mint`]);
    expect(mints).toHaveLength(1);
  });

  it('publishes a free version through a dispenser', async () => {
    const version = await ready('Pets free');
    await datasets().publish(version.id, { free: true }, null);
    const publication = (await published(version.id)).publication!;
    expect(publication.status, publication.error ?? '').toBe('published');
    expect(publication).toMatchObject({ free: true, price: null, exchangeId: null });
    const contracts = app().get<OceanContractsRef>(OCEAN_CONTRACTS).contracts!;
    expect(await contracts.dispenser(publication.datatokenAddress!)).toMatchObject({ active: true });
  });

  it('refuses a price and free together, neither, a zero price, a version not ready and an unknown one, naming the field', async () => {
    const [version] = await sqlRows<{ id: number }>(db(), "SELECT id FROM dataset_versions WHERE status = 'ready' ORDER BY id LIMIT 1");
    await expect(datasets().publish(version!.id, { price: '1', free: true }, null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'price',
    });
    await expect(datasets().publish(version!.id, {}, null)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'price' });
    await expect(datasets().publish(version!.id, { price: '0.000' }, null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'price',
    });
    // null is no price; under the exchange's lowest rate (10^10 wei) the mint would only revert.
    await expect(datasets().publish(version!.id, { price: null as unknown as string }, null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'price',
      message: expect.stringContaining('required'),
    });
    await expect(datasets().publish(version!.id, { price: '0.000000009999999999' }, null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'price',
      message: expect.stringContaining('0.00000001'),
    });
    await expect(datasets().publish(999_999, { price: '1' }, null)).rejects.toMatchObject({ code: 'DATASET_NOT_FOUND' });
    await sqlRows(db(), "UPDATE dataset_versions SET status = 'failed' WHERE id = $1", [version!.id]);
    try {
      await expect(datasets().publish(version!.id, { price: '1' }, null)).rejects.toMatchObject({ code: 'DATASET_NOT_READY' });
    } finally {
      await sqlRows(db(), "UPDATE dataset_versions SET status = 'ready' WHERE id = $1", [version!.id]);
    }
  });

  it('refuses to publish an empty version', async () => {
    const created = await datasets().create(
      { projectId, name: 'Nothing matched', license: 'CC-BY-4.0', filters: { to: '2000-01-01T00:00:00Z' } },
      null,
    );
    const version = await waitFor(`version ${created.id}`, async () => {
      const answer = await datasets().get(created.id);
      return answer.status === 'building' ? undefined : answer;
    });
    expect(version).toMatchObject({ status: 'ready', itemCount: 0 });
    await expect(datasets().publish(version.id, { price: '1' }, null)).rejects.toMatchObject({
      code: 'DATASET_NOT_READY',
      message: expect.stringContaining('no items'),
    });
    expect((await datasets().get(version.id)).publication).toBeNull();
  });

  it('publishes again after a mint that failed for good, with a transaction of its own, and lets one of two requests at once in', async () => {
    const version = await ready('Pets retried');
    // An earlier try whose mint reverted: its publication failed at the mint, its transaction failed for good.
    const purpose = `dataset:${version.id}:mint`;
    const { chainId } = app().get<ChainPort>(CHAIN_PORT).info;
    await sqlRows(
      db(),
      `INSERT INTO chain_txs (purpose, chain_id, "to", data, status, error) VALUES ($1, $2, $3, '0x', 'failed', 'execution reverted')`,
      [purpose, chainId, `0x${'0'.repeat(40)}`],
    );
    await sqlRows(
      db(),
      `INSERT INTO dataset_publications (version_id, status, step, price, free, error) VALUES ($1, 'failed', 'mint', '0.000000000000000001', false, $2)`,
      [version.id, `${purpose}: execution reverted`],
    );
    const answers = await Promise.allSettled([
      datasets().publish(version.id, { price: '2' }, null),
      datasets().publish(version.id, { price: '2' }, null),
    ]);
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    expect(answers.find((answer) => answer.status === 'rejected')).toMatchObject({ reason: { code: 'DATASET_ALREADY_PUBLISHED' } });
    const publication = (await published(version.id)).publication!;
    expect(publication.status, publication.error ?? '').toBe('published');
    expect(publication.price).toBe('2');
    const txs = await sqlRows<{ purpose: string; status: string }>(
      db(),
      'SELECT purpose, status FROM chain_txs WHERE purpose LIKE $1 ORDER BY id',
      [`${purpose}%`],
    );
    expect(txs).toEqual([
      { purpose: expect.stringMatching(new RegExp(`^${purpose}:failed:\\d+$`)), status: 'failed' },
      { purpose, status: 'confirmed' },
    ]);
  });

  it('lets only one of two first requests at once in', async () => {
    const version = await ready('Pets twice');
    const answers = await Promise.allSettled([
      datasets().publish(version.id, { free: true }, null),
      datasets().publish(version.id, { free: true }, null),
    ]);
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    expect(answers.find((answer) => answer.status === 'rejected')).toMatchObject({ reason: { code: 'DATASET_ALREADY_PUBLISHED' } });
    expect((await published(version.id)).publication?.status).toBe('published');
  });
});
