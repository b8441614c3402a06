/**
 * What an operator watches, through HTTP: request ids, /api/health/ready with each dependency, and
 * /metrics after the actions each figure counts. A second platform runs against a chain behind a
 * misbehaving RPC proxy and a kubo address where nothing listens, to see readiness say "not ready".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployAll, HARDHAT_MNEMONIC, startDevChain, type DevChain } from '@tessera/contracts';
import { HDNodeWallet, JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../src/database/sql.js';
import type { ReadinessDto } from '../../src/health/health.dto.js';
import { waitFor } from '../support/datasets.js';
import { labelingHelpers } from '../support/labeling.js';
import { devAccount, downloadUrl, orderFree, publishedDataset, rpcOf } from '../support/published-dataset.js';
import { RpcProxy } from '../support/rpc-proxy.js';
import { freePort, startTestApp, type TestApp } from '../support/test-app.js';
import { call } from '../support/wallet.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** /metrics in Prometheus's text format, as samples. */
async function scrape(baseUrl: string, headers: Record<string, string> = {}): Promise<{ text: string; samples: Sample[] }> {
  const response = await fetch(`${baseUrl}/metrics`, { headers });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return { text, samples };
}

/** The sample of `name` whose labels include `labels`; undefined when there is none. */
function sample(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))?.value;
}

async function metric(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  return sample((await scrape(baseUrl)).samples, name, labels);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('one platform with every dependency up', () => {
  let t: TestApp;
  const labeling = labelingHelpers(() => t);

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('request ids', () => {
    it('answers with the X-Request-Id it was given when it is well-formed', async () => {
      const response = await fetch(`${t.baseUrl}/api/health`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
      expect(response.headers.get('x-request-id')).toBe('lb-7f3a.42');
    });

    it('makes a fresh id when none or a malformed one comes, on every answer (refusals and unknown paths too)', async () => {
      const seen = new Set<string>();
      for (const [url, init] of [
        ['/api/health', {}],
        ['/api/health', { headers: { 'x-request-id': 'two words' } }],
        ['/api/health', { headers: { 'x-request-id': 'x'.repeat(200) } }],
        ['/api/no-such-route', {}],
        ['/api/projects', {}],
      ] as const) {
        const response = await fetch(`${t.baseUrl}${url}`, init);
        const id = response.headers.get('x-request-id');
        expect(id, url).toMatch(UUID);
        seen.add(id!);
      }
      expect(seen.size).toBe(5);
    });
  });

  describe('health', () => {
    it('keeps /api/health a liveness answer of the process and its database', async () => {
      const health = await call<Record<string, unknown>>(t.baseUrl, undefined, 'GET', '/api/health');
      expect(health.status).toBe(200);
      expect(Object.keys(health.body).sort()).toEqual(['chainId', 'database', 'databaseMode', 'status', 'storage']);
    });

    it('answers /api/health/ready with database, queue, chain and storage up, each with its latency', async () => {
      const ready = await call<ReadinessDto>(t.baseUrl, undefined, 'GET', '/api/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ready');
      expect(Object.keys(ready.body.checks).sort()).toEqual(['chain', 'database', 'queue', 'storage']);
      for (const check of Object.values(ready.body.checks)) {
        expect(check.status).toBe('up');
        expect(check.latencyMs).toBeGreaterThanOrEqual(0);
        expect(check.latencyMs).toBeLessThan(t.config.observability.readyTimeoutMs);
      }
    });
  });

  describe('/metrics', () => {
    it('measures requests by route pattern, method and status class, never by raw URL', async () => {
      await call(t.baseUrl, t.admin, 'GET', '/api/projects');
      await call(t.baseUrl, t.admin, 'GET', '/api/projects/987654321');
      await fetch(`${t.baseUrl}/api/nothing-here-55555`);
      const { text, samples } = await scrape(t.baseUrl);
      const count = 'tessera_http_request_duration_seconds_count';
      expect(sample(samples, count, { method: 'GET', route: '/api/projects', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
      expect(sample(samples, count, { method: 'GET', route: '/api/projects/:id', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
      expect(sample(samples, count, { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
      expect(
        sample(samples, 'tessera_http_request_duration_seconds_bucket', { route: '/api/projects', le: '+Inf' }),
      ).toBeGreaterThanOrEqual(1);
      expect(text).not.toContain('987654321');
      expect(text).not.toContain('55555');
    });

    it("reports Node's own process figures", async () => {
      const { samples } = await scrape(t.baseUrl);
      for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
        expect(sample(samples, name), name).toBeGreaterThanOrEqual(0);
      }
    });

    it('counts a submitted label once (a retried submit adds nothing), shows the lease it closed, and times the aggregation it queued', async () => {
      const projectId = await labeling.project({ type: 'classification', labels: ['a', 'b'] }, [
        { data: { text: 'one' } },
        { data: { text: 'two' } },
      ]);
      const annotator = await labeling.annotator();
      const labelsBefore = (await metric(t.baseUrl, 'tessera_labels_submitted_total')) ?? 0;
      const aggregationsBefore =
        (await metric(t.baseUrl, 'tessera_job_duration_seconds_count', { queue: 'quality.aggregate', outcome: 'completed' })) ?? 0;

      const leased = await labeling.next(annotator, projectId);
      expect(leased.status).toBe(200);
      const live = async () =>
        (
          await labeling.dbRows<{ n: number }>(`SELECT count(*)::int AS n FROM assignments WHERE status = 'leased' AND expires_at > now()`)
        )[0]!.n;
      expect(await metric(t.baseUrl, 'tessera_lease_pool_size', { state: 'live' })).toBe(await live());
      expect(await live()).toBeGreaterThanOrEqual(1);

      const submitted = await labeling.submit(annotator, leased.body.assignmentId, { label: 'a' });
      expect(submitted.status).toBe(201);
      const retried = await labeling.submit(annotator, leased.body.assignmentId, { label: 'a' });
      expect(retried.body.annotationId).toBe(submitted.body.annotationId);
      expect(await metric(t.baseUrl, 'tessera_labels_submitted_total')).toBe(labelsBefore + 1);
      expect(await metric(t.baseUrl, 'tessera_lease_pool_size', { state: 'live' })).toBe(await live());

      await waitFor('the aggregation job to run', async () => {
        const done =
          (await metric(t.baseUrl, 'tessera_job_duration_seconds_count', { queue: 'quality.aggregate', outcome: 'completed' })) ?? 0;
        return done > aggregationsBefore ? done : undefined;
      });
      const { samples } = await scrape(t.baseUrl);
      for (const queue of ['quality.aggregate', 'rewards.credit']) {
        expect(sample(samples, 'tessera_queue_depth', { queue, state: 'waiting' }), queue).toBeGreaterThanOrEqual(0);
        expect(sample(samples, 'tessera_queue_depth', { queue, state: 'active' }), queue).toBeGreaterThanOrEqual(0);
      }
    });

    it("reports the outbox backlog per lane and each chain follower's lag behind the head", async () => {
      const { samples } = await scrape(t.baseUrl);
      for (const lane of ['payout', 'relay']) {
        expect(sample(samples, 'tessera_outbox_backlog', { lane }), lane).toBeGreaterThanOrEqual(0);
        expect(sample(samples, 'tessera_outbox_oldest_pending_seconds', { lane }), lane).toBeGreaterThanOrEqual(0);
      }
      // The embedded chain mines only when sent a transaction: idle, the indexers reach its head.
      const caughtUp = await waitFor('the ocean indexer to reach the head', async () => {
        const lag = await metric(t.baseUrl, 'tessera_indexer_lag_blocks', { follower: 'ocean' });
        return lag === 0 ? lag : undefined;
      });
      expect(caughtUp).toBe(0);
      const chain = rpcOf(t.tessera);
      try {
        const cursor = await sqlRows<{ value: string }>(t.tessera.dataSource, `SELECT value FROM chain_state WHERE key = 'cursor:ocean'`);
        expect(Number(cursor[0]!.value)).toBe(await chain.getBlockNumber());
      } finally {
        chain.destroy();
      }
    });

    it('counts the bytes of dataset downloads and of provider downloads, and times the build and publish jobs', async () => {
      const dataset = await publishedDataset(t.tessera, { free: true });
      const file = [...dataset.files].sort((a, b) => b.bytes - a.bytes)[0]!;
      const datasetBefore = (await metric(t.baseUrl, 'tessera_download_bytes_total', { route: 'dataset' })) ?? 0;
      const direct = await fetch(`${t.baseUrl}/api/datasets/${dataset.id}/files/${file.name}`, {
        headers: { authorization: `Bearer ${t.admin.token}` },
      });
      expect((await direct.arrayBuffer()).byteLength).toBe(file.bytes);
      expect(await metric(t.baseUrl, 'tessera_download_bytes_total', { route: 'dataset' })).toBe(datasetBefore + file.bytes);

      const chain = rpcOf(t.tessera);
      try {
        const buyer = devAccount(5, chain);
        const txId = await orderFree(t.baseUrl, buyer, dataset);
        const providerBefore = (await metric(t.baseUrl, 'tessera_download_bytes_total', { route: 'provider' })) ?? 0;
        const fileIndex = dataset.files.findIndex((f) => f.name === file.name);
        const bought = await fetch(await downloadUrl(t.baseUrl, buyer, { did: dataset.publication!.did!, txId, fileIndex }));
        expect(bought.status).toBe(200);
        expect((await bought.arrayBuffer()).byteLength).toBe(file.bytes);
        expect(await metric(t.baseUrl, 'tessera_download_bytes_total', { route: 'provider' })).toBe(providerBefore + file.bytes);
      } finally {
        chain.destroy();
      }

      const { samples } = await scrape(t.baseUrl);
      for (const queue of ['dataset-build', 'dataset-publish']) {
        expect(sample(samples, 'tessera_job_duration_seconds_count', { queue, outcome: 'completed' }), queue).toBeGreaterThanOrEqual(1);
      }
    });
  });
});

describe('a platform whose storage is unreachable and whose chain RPC fails', () => {
  const METRICS_TOKEN = 'observability-test-token-0123';
  let chain: DevChain;
  let chainDir: string;
  let proxy: RpcProxy;
  let t: TestApp;

  beforeAll(async () => {
    chainDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-observability-'));
    chain = await startDevChain({ dataDir: chainDir, port: 0, journal: false });
    const provider = new JsonRpcProvider(chain.url, chain.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
    try {
      const admin = new NonceManager(HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, "m/44'/60'/0'/0/0").connect(provider));
      const operator = Wallet.createRandom();
      const deployment = await deployAll(admin, { operator: operator.address });
      proxy = await RpcProxy.start(chain.url);
      t = await startTestApp({
        RPC_URL: proxy.url,
        CHAIN_ID: String(chain.chainId),
        OPERATOR_PRIVATE_KEY: operator.privateKey,
        TOKEN_ADDRESS: deployment.rewardToken,
        DISTRIBUTOR_ADDRESS: deployment.payoutDistributor,
        CHAIN_FROM_BLOCK: String(deployment.fromBlock),
        CHAIN_CONFIRMATIONS: '0',
        RPC_TIMEOUT_SECONDS: '30',
        // Nothing listens there: every storage call is refused.
        IPFS_API_URL: `http://127.0.0.1:${await freePort()}`,
        READY_TIMEOUT_MS: '300',
        METRICS_TOKEN,
      });
    } finally {
      provider.destroy();
    }
  });

  afterAll(async () => {
    proxy?.clear();
    await t?.close();
    await proxy?.close();
    await chain?.stop();
    rmSync(chainDir, { recursive: true, force: true });
  });

  async function metricWithToken(name: string, labels: Record<string, string>): Promise<number | undefined> {
    return sample((await scrape(t.baseUrl, { authorization: `Bearer ${METRICS_TOKEN}` })).samples, name, labels);
  }

  async function readiness(): Promise<{ status: number; body: ReadinessDto }> {
    return call<ReadinessDto>(t.baseUrl, undefined, 'GET', '/api/health/ready');
  }

  it('answers 503 naming storage while kubo is unreachable, the rest up', async () => {
    const ready = await readiness();
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not-ready');
    expect(ready.body.checks.storage).toMatchObject({ status: 'down', reason: 'error' });
    for (const name of ['database', 'queue', 'chain'] as const) expect(ready.body.checks[name].status, name).toBe('up');
    // Liveness is not readiness: the process itself is fine.
    expect((await call(t.baseUrl, undefined, 'GET', '/api/health')).status).toBe(200);
  });

  it('answers 503 naming the chain within the readiness timeout while its RPC hangs', async () => {
    const release = proxy.fail('hang', (c) => c.method === 'eth_blockNumber');
    try {
      const down = await waitFor('the chain to be seen down', async () => {
        const started = Date.now();
        const ready = await readiness();
        return ready.body.checks.chain.status === 'down' ? { ...ready, ms: Date.now() - started } : undefined;
      });
      expect(down.status).toBe(503);
      expect(down.body.checks.chain.reason).toBe('timeout');
      // The RPC timeout is 30 s; the answer came after READY_TIMEOUT_MS (300 ms) and the check says so.
      // (timers may fire a fraction of a millisecond early by performance.now()'s clock)
      expect(down.body.checks.chain.latencyMs).toBeGreaterThanOrEqual(295);
      expect(down.ms).toBeLessThan(5000);
    } finally {
      release();
      proxy.clear();
    }
  });

  it('answers 503 naming the chain while its RPC refuses, and sees it come back', async () => {
    const release = proxy.fail('http503');
    try {
      const down = await waitFor('the chain to be seen failing', async () => {
        const ready = await readiness();
        return ready.body.checks.chain.reason === 'error' ? ready : undefined;
      });
      expect(down.status).toBe(503);
      expect(down.body.checks.chain.status).toBe('down');
    } finally {
      release();
    }
    const back = await waitFor('the chain to be seen up', async () => {
      const ready = await readiness();
      return ready.body.checks.chain.status === 'up' ? ready : undefined;
    });
    // Storage is still unreachable: still not ready.
    expect(back.status).toBe(503);
    expect(back.body.checks.storage.status).toBe('down');
  });

  it('serves /metrics to the bearer of METRICS_TOKEN only', async () => {
    const anonymous = await fetch(`${t.baseUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const { samples } = await scrape(t.baseUrl, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(sample(samples, 'tessera_labels_submitted_total')).toBeGreaterThanOrEqual(0);
  });

  it('shows the claims indexer falling behind by the blocks mined while it cannot read logs', async () => {
    await waitFor('the claims indexer to record a range', () => metricWithToken('tessera_indexer_lag_blocks', { follower: 'claims' }));
    const release = proxy.fail('http503', (c) => c.method === 'eth_getLogs');
    const provider = new JsonRpcProvider(chain.url, chain.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
    try {
      const cursor = async () =>
        Number(
          (await sqlRows<{ value: string }>(t.tessera.dataSource, `SELECT value FROM chain_state WHERE key = 'cursor:claims'`))[0]!.value,
        );
      const refused = proxy.count('eth_getLogs');
      for (let i = 0; i < 5; i++) await provider.send('evm_mine', []);
      const head = await provider.getBlockNumber();
      // A pass refused reading the new blocks: any pass that read logs before the rule has finished (one runs at a time).
      await waitFor('a refused eth_getLogs', () => Promise.resolve(proxy.count('eth_getLogs') > refused ? true : undefined));
      const before = await cursor();
      expect(await metricWithToken('tessera_indexer_lag_blocks', { follower: 'claims' })).toBe(head - before);
      expect(head - before).toBeGreaterThanOrEqual(5);
      expect(await cursor()).toBe(before);
    } finally {
      release();
      provider.destroy();
    }
    await waitFor('the claims indexer to catch up', async () => {
      const lag = await metricWithToken('tessera_indexer_lag_blocks', { follower: 'claims' });
      return lag === 0 ? lag : undefined;
    });
  });

  it('shows a transaction stuck in the outbox while the RPC fails: the backlog and the age of the oldest', async () => {
    const release = proxy.fail('http503');
    try {
      await sqlRows(
        t.tessera.dataSource,
        `INSERT INTO chain_txs (purpose, chain_id, "to", data, lane, created_at)
         VALUES ('observability:stuck', $1, $2, '0x', 'payout', now() - interval '90 seconds')`,
        [chain.chainId, Wallet.createRandom().address],
      );
      const { samples } = await scrape(t.baseUrl, { authorization: `Bearer ${METRICS_TOKEN}` });
      expect(sample(samples, 'tessera_outbox_backlog', { lane: 'payout' })).toBe(1);
      expect(sample(samples, 'tessera_outbox_backlog', { lane: 'relay' })).toBe(0);
      expect(sample(samples, 'tessera_outbox_oldest_pending_seconds', { lane: 'payout' })).toBeGreaterThanOrEqual(90);
      // The head is unknown while the RPC fails: no lag is reported rather than a wrong one.
      expect(sample(samples, 'tessera_indexer_lag_blocks')).toBeUndefined();
    } finally {
      await sqlRows(t.tessera.dataSource, `UPDATE chain_txs SET status = 'cancelled' WHERE purpose = 'observability:stuck'`);
      release();
    }
  });
});
