import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { LABELS, waitFor } from '../support/datasets.js';
import { createdNfts } from '../support/nft-logs.js';
import { restartablePlatform } from '../support/restartable-platform.js';
import { call, signIn, type Session } from '../support/wallet.js';

const admin = Wallet.createRandom();
const { start, query } = restartablePlatform('publish-crash', admin);

interface Version {
  status: string;
  error: string | null;
  publication: {
    status: string;
    step: string;
    error: string | null;
    did: string | null;
    nftAddress: string | null;
    mintTx: string | null;
  } | null;
}

/** A project with labelled, aggregated items and a ready version of them, through the API. */
async function readyVersion(baseUrl: string, session: Session): Promise<number> {
  const project = await call<{ id: number }>(baseUrl, session, 'POST', '/api/projects', {
    name: 'Publish crash',
    type: 'classification',
    labels: LABELS,
    overlap: 2,
    rewardPerLabel: '1',
    status: 'active',
  });
  const items = Array.from({ length: 20 }, (_, i) => ({ data: { text: `crash ${i}` } }));
  await call(baseUrl, session, 'POST', `/api/projects/${project.body.id}/items`, JSON.stringify(items), {
    'content-type': 'application/json',
  });
  const annotators = await query<{ id: number }>(
    `INSERT INTO users (address, roles, configured_roles) VALUES ($1, '{annotator}', '{}'), ($2, '{annotator}', '{}') RETURNING id`,
    [`0x${'3'.repeat(40)}`, `0x${'4'.repeat(40)}`],
  );
  await query(
    `INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms)
     SELECT 800000 + row_number() OVER (), i.project_id, i.id, u.id, jsonb_build_object('label', (ARRAY['cat','dog','bird'])[1 + i.id % 3]), 1000
       FROM items i CROSS JOIN unnest($2::int[]) AS u(id) WHERE i.project_id = $1`,
    [project.body.id, annotators.map((a) => a.id)],
  );
  expect((await call(baseUrl, session, 'POST', `/api/projects/${project.body.id}/quality/aggregate`)).status).toBe(200);
  const created = await call<{ id: number }>(baseUrl, session, 'POST', '/api/datasets', {
    projectId: project.body.id,
    name: 'Crash asset',
    license: 'MIT',
  });
  expect(created.status).toBe(202);
  const version = await waitFor('the version', async () => {
    const answer = await call<Version>(baseUrl, session, 'GET', `/api/datasets/${created.body.id}`);
    return answer.body.status === 'building' ? undefined : answer.body;
  });
  expect(version.status, version.error ?? '').toBe('ready');
  return created.body.id;
}

describe('publishing across a crash', () => {
  it('a process killed after its mint was mined and before recording it finishes after restart with one NFT', async () => {
    const first = await start({ TEST_CRASH_DURING_PUBLISH: 'mint' });
    let session = await signIn(first.baseUrl, admin as unknown as Wallet);
    const id = await readyVersion(first.baseUrl, session);
    const asked = await call(first.baseUrl, session, 'POST', `/api/datasets/${id}/publish`, { price: '1.5' });
    expect(asked.status).toBe(202);
    expect((await first.exited).signal).toBe('SIGKILL');

    // The mint was mined, but the publication never learnt its result.
    const [mint] = await query<{ status: string; hash: string }>('SELECT status, hash FROM chain_txs WHERE purpose = $1', [
      `dataset:${id}:mint`,
    ]);
    expect(mint).toMatchObject({ status: expect.stringMatching(/signed|confirmed/) as unknown });
    const [before] = await query<{ step: string; nft_address: string | null }>(
      'SELECT step, nft_address FROM dataset_publications WHERE version_id = $1',
      [id],
    );
    expect(before).toEqual({ step: 'mint', nft_address: null });

    const second = await start();
    session = await signIn(second.baseUrl, admin as unknown as Wallet);
    const version = await waitFor('the resumed publication', async () => {
      const answer = await call<Version>(second.baseUrl, session, 'GET', `/api/datasets/${id}`);
      return answer.body.publication?.status === 'publishing' ? undefined : answer.body;
    });
    expect(version.publication?.status, version.publication?.error ?? '').toBe('published');
    // The mint sent before the crash is the asset: one transaction for the purpose, its hash the one recorded.
    const mints = await query<{ hash: string; status: string }>('SELECT hash, status FROM chain_txs WHERE purpose = $1', [
      `dataset:${id}:mint`,
    ]);
    expect(mints).toEqual([{ hash: mint!.hash, status: 'confirmed' }]);
    expect(version.publication!.mintTx).toBe(mint!.hash);
    expect(version.publication!.did).toMatch(/^did:op:[0-9a-f]{64}$/);
    // And the chain holds one NFT of the factory for it: every NFTCreated the factory emitted is this one.
    const rpc = await call<{ nodeUri: string; nftFactoryAddress: string }>(second.baseUrl, session, 'GET', '/api/ocean/config');
    expect(await createdNfts(rpc.body.nodeUri, rpc.body.nftFactoryAddress)).toEqual([version.publication!.nftAddress!.toLowerCase()]);
  }, 240_000);
});
