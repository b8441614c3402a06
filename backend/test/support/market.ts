import { expect } from 'vitest';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { sqlRows } from '../../src/database/sql.js';
import { OCEAN_CONTRACTS, type OceanContractsRef } from '../../src/ocean/ocean-contracts.port.js';
import { LABELS, waitFor, writeLabels } from './datasets.js';
import { devWallet, publishExternally } from './ocean-chain.js';
import { importRecords } from './projects.js';
import type { TestApp } from './test-app.js';
import { call } from './wallet.js';

export interface SeededMarket {
  /** Tessera's priced curated version ("Heron calls"), its free one ("Lynx tracks"), and an asset published by someone else. */
  priced: { did: string; versionId: number; nftAddress: string; datatokenAddress: string; mintTx: string; metadataTx: string };
  free: { did: string; versionId: number };
  external: { did: string; nftAddress: string; datatokenAddress: string };
}

interface Publication {
  status: string;
  error: string | null;
  did: string;
  nftAddress: string;
  datatokenAddress: string;
  mintTx: string;
  metadataTx: string;
}

async function publishVersion(t: TestApp, projectId: number, name: string, description: string, sale: Record<string, unknown>) {
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/datasets', {
    projectId,
    name,
    description,
    license: 'CC-BY-4.0',
    seed: 1,
  });
  expect(created.status).toBe(202);
  await waitFor(`dataset ${created.body.id}`, async () => {
    const got = await call<{ status: string }>(t.baseUrl, t.admin, 'GET', `/api/datasets/${created.body.id}`);
    return got.body.status === 'building' ? undefined : got.body;
  });
  expect((await call(t.baseUrl, t.admin, 'POST', `/api/datasets/${created.body.id}/publish`, sale)).status).toBe(202);
  const publication = await waitFor(`publication ${created.body.id}`, async () => {
    const got = await call<{ publication: Publication }>(t.baseUrl, t.admin, 'GET', `/api/datasets/${created.body.id}`);
    return got.body.publication.status === 'publishing' ? undefined : got.body.publication;
  });
  expect(publication.status, publication.error ?? '').toBe('published');
  return { versionId: created.body.id, ...publication };
}

/**
 * A catalogue to look at over HTTP: a labelled classification project with two published versions
 * (one at 3 OCEAN, one free) and one asset minted straight through the factory by another wallet,
 * waited for until the indexer has it.
 */
/** The external listing's licence. */
export const EXTERNAL_LICENSE = 'Licence Ouverte – Étalab 2.0';

export async function seedMarket(t: TestApp): Promise<SeededMarket> {
  const project = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: 'Bird sounds',
    type: 'classification',
    labels: LABELS,
    overlap: 2,
    rewardPerLabel: '1',
    status: 'active',
  });
  const projectId = project.body.id;
  await importRecords(
    t,
    projectId,
    Array.from({ length: 24 }, (_, n) => ({ data: { text: `recording ${n} of a bird at dawn` } })),
  );
  const db = t.tessera.dataSource;
  const items = (await sqlRows<{ id: number }>(db, 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [projectId])).map((r) => r.id);
  const annotators = await sqlRows<{ id: number }>(
    db,
    `INSERT INTO users (address, roles, configured_roles) VALUES ($1, '{annotator}', '{}'), ($2, '{annotator}', '{}') RETURNING id`,
    [`0x${'5'.repeat(40)}`, `0x${'6'.repeat(40)}`],
  );
  await writeLabels(
    db,
    projectId,
    items,
    annotators.map((a) => a.id),
    (i) => [LABELS[i % 3]!, LABELS[i % 3]!],
  );
  expect((await call(t.baseUrl, t.admin, 'POST', `/api/projects/${projectId}/quality/aggregate`)).status).toBe(200);
  const priced = await publishVersion(t, projectId, 'Heron calls', 'Calls of grey herons at dawn, labelled by species', { price: '3' });
  const free = await publishVersion(t, projectId, 'Lynx tracks', 'Footprints in snow', { free: true });

  const addresses = t.tessera.app.get<OceanContractsRef>(OCEAN_CONTRACTS, { strict: false }).contracts!.addresses;
  const external = await publishExternally(
    devWallet(6, t.tessera.app.get<ChainPort>(CHAIN_PORT, { strict: false }).info.publicRpcUrl),
    addresses,
    t.config.chainId,
    {
      name: 'Walrus haul-out counts',
      description: 'Aerial counts of walruses resting on ice',
      tags: ['arctic'],
      price: '7',
      // Past Latin-1: the facet counts in the X-Facets header must still be a valid header.
      license: EXTERNAL_LICENSE,
    },
  );
  await waitFor('the external asset indexed', async () => {
    const got = await call(t.baseUrl, undefined, 'GET', `/api/aquarius/assets/ddo/${external.did}`);
    return got.status === 200 ? true : undefined;
  });
  return { priced, free: { did: free.did, versionId: free.versionId }, external };
}
