import { randomBytes } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rewardTokenArtifact, startDevChain, type DevChain } from '@tessera/contracts';
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_OPERATOR_KEY } from '../../src/chain/chain.module.js';
import { EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { createdNfts } from '../support/nft-logs.js';
import { queryOnce } from '../support/sql.js';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.js';
import { freePort } from '../support/free-port.js';
import { RpcProxy } from '../support/rpc-proxy.js';
import { call, getNonce, siweMessage, type CallResult, type Session } from '../support/wallet.js';

/**
 * Production's faults, staged on production's shape: two processes (one all-in-one, one API) on a
 * PostgreSQL this file runs and can restart, and a chain behind a proxy that can cut it off. Clients
 * behave as behind a load balancer: each call goes to either process, and a call that fails for the
 * connection or a 5xx is sent again. Afterwards no acknowledged label is lost or duplicated, every
 * payout is made exactly once, and readiness said "not ready" while a dependency was down.
 */
const LABELS = ['cat', 'dog', 'bird'];
const PUBLIC_URL = 'http://tessera.test';
const admin = Wallet.createRandom();

let database: EmbeddedDatabase;
let chain: DevChain;
let proxy: RpcProxy;
let workDir: string;
let env: Record<string, string>;
const processes: PlatformProcess[] = [];
/** The processes clients reach, in the load balancer's rotation. */
let targets: string[] = [];
let turn = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-faults-'));
  database = new EmbeddedDatabase({ dir: path.join(workDir, 'pg'), port: await freePort(), database: 'tessera' });
  await database.start();
  chain = await startDevChain({ dataDir: path.join(workDir, 'chain'), port: 0, journal: false });
  proxy = await RpcProxy.start(chain.url);
  env = {
    DATABASE_URL: database.url,
    TESSERA_DATA_DIR: path.join(workDir, 'data'),
    ADMIN_ADDRESSES: admin.address,
    AUTO_SUSPEND: 'false',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL,
    RPC_URL: proxy.url,
    OPERATOR_PRIVATE_KEY: DEV_OPERATOR_KEY,
    DEPLOY_CONTRACTS: 'true',
    RATE_LIMIT_SIGN_IN_PER_IP: '100000',
    RATE_LIMIT_PER_IP: '100000',
    LEASE_SWEEP_SECONDS: '1',
  };
  processes.push(await startPlatformProcess(env));
  await processes[0]!.waitForHealth(120_000);
  processes.push(await startPlatformProcess({ ...env, TESSERA_ROLE: 'api' }));
  await processes[1]!.waitForHealth(120_000);
  targets = processes.map((p) => p.baseUrl);
}, 240_000);

afterAll(async () => {
  for (const p of processes) await p.kill();
  await proxy?.close();
  await chain?.stop();
  await database?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const query = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryOnce<T>(database.url, text, params);

/**
 * A call through the load balancer: to the next process in turn; sent again (to the next one) when
 * the connection fails or the answer is a 5xx, as a proxy with retries and a patient client would.
 * `retried` tells whether an earlier attempt may have reached a process.
 */
async function send<T>(
  session: Session | undefined,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<CallResult<T> & { retried: boolean }> {
  let retried = false;
  for (let attempt = 0; attempt < 2_000; attempt++) {
    const base = targets[turn++ % targets.length]!;
    try {
      const answer = await call<T>(base, session, method, url, body, headers);
      if (answer.status < 500) return { ...answer, retried };
    } catch {
      // the connection failed: the process is gone, or going
    }
    retried = true;
    await sleep(25);
  }
  throw new Error(`${method} ${url}: no process answered`);
}

async function signIn(wallet: Wallet): Promise<Session> {
  const url = new URL(PUBLIC_URL);
  for (;;) {
    const nonce = await getNonce(targets[turn++ % targets.length]!).catch(() => undefined);
    if (nonce === undefined) continue;
    const message = siweMessage({
      domain: url.host,
      address: wallet.address,
      uri: url.origin,
      chainId: 8996,
      nonce,
      statement: 'Sign in to Tessera',
    });
    const answer = await send<{ token: string; user: Session['user'] }>(undefined, 'POST', '/api/auth/verify', {
      message,
      signature: await wallet.signMessage(message),
    });
    if (answer.status === 200) return { token: answer.body.token, user: answer.body.user, address: wallet.address, wallet };
  }
}

async function project(asAdmin: Session, name: string, items: number, overlap: number): Promise<number> {
  const created = await send<{ id: number }>(asAdmin, 'POST', '/api/projects', {
    name,
    type: 'classification',
    labels: LABELS,
    overlap,
    rewardPerLabel: '1',
    status: 'active',
  });
  expect(created.status).toBe(201);
  const rows = Array.from({ length: items }, (_, i) => ({ data: { text: `${name} ${i}` } }));
  const imported = await send(asAdmin, 'POST', `/api/projects/${created.body.id}/items`, JSON.stringify(rows), {
    'content-type': 'application/json',
  });
  expect(imported.status).toBeLessThan(300);
  return created.body.id;
}

interface Outcome {
  /** Annotation ids the platform acknowledged (201). */
  acknowledged: number[];
  /** Submissions whose first attempt may have been recorded before its answer was lost. */
  ambiguous: number;
}

/** Every annotator labels until the project has nothing left for them. */
async function labelAll(sessions: Session[], projectId: number, outcome: Outcome): Promise<void> {
  await Promise.all(
    sessions.map(async (session) => {
      for (;;) {
        const next = await send<{ assignmentId: number; item: { data: { text: string } } }>(
          session,
          'GET',
          `/api/projects/${projectId}/next`,
        );
        if (next.status === 204) return;
        expect(next.status, JSON.stringify(next.body)).toBe(200);
        const n = Number(next.body.item.data.text.split(' ').at(-1));
        const done = await send<{ annotationId: number }>(session, 'POST', `/api/assignments/${next.body.assignmentId}/submit`, {
          result: { label: LABELS[n % 3] },
          leadTimeMs: 1500 + n,
        });
        if (done.status === 201) outcome.acknowledged.push(done.body.annotationId);
        // An earlier attempt was recorded and its answer lost: the retry finds the assignment closed.
        else if (done.retried && done.status === 409) outcome.ambiguous++;
        else throw new Error(`submit: ${done.status} ${JSON.stringify(done.body)}`);
      }
    }),
  );
}

/** Nothing acknowledged is lost, nothing is recorded twice, and every item has exactly its overlap. */
async function expectEveryLabelOnce(projectId: number, items: number, overlap: number, outcome: Outcome): Promise<void> {
  const rows = await query<{ id: number; item_id: number; annotator_id: number }>(
    'SELECT id, item_id, annotator_id FROM annotations WHERE project_id = $1',
    [projectId],
  );
  const stored = new Set(rows.map((r) => r.id));
  expect(outcome.acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  expect(new Set(outcome.acknowledged).size).toBe(outcome.acknowledged.length);
  expect(new Set(rows.map((r) => `${r.item_id}:${r.annotator_id}`)).size).toBe(rows.length);
  expect(rows).toHaveLength(items * overlap);
  expect(outcome.acknowledged.length + outcome.ambiguous).toBe(items * overlap);
  const perItem = await query<{ n: number }>(
    'SELECT count(a.id)::int AS n FROM items i LEFT JOIN annotations a ON a.item_id = i.id WHERE i.project_id = $1 GROUP BY i.id',
    [projectId],
  );
  expect(perItem.every((r) => r.n === overlap)).toBe(true);
}

/**
 * Waits until each project was aggregated after its last label and every label the quality engine
 * accepted (those on confident items: all agree, but the method `auto` picks need not call every
 * item confident) is credited, for at most `polls` looks; when not, fails with what explains it:
 * each project's state, the queue's unfinished jobs and each process's state and last output.
 */
async function expectCredited(projectIds: number[], polls = 1200): Promise<void> {
  const state = () =>
    query<{ id: number; credited: number; accepted: number; aggregated: boolean }>(
      `SELECT p.id,
              (SELECT count(*) FROM ledger_entries l WHERE l.project_id = p.id AND l.kind = 'reward')::int AS credited,
              (SELECT count(*) FROM annotations a JOIN item_results r ON r.item_id = a.item_id
                WHERE a.project_id = p.id AND r.status = 'confident')::int AS accepted,
              coalesce((SELECT computed_at FROM aggregation_runs ar WHERE ar.project_id = p.id)
                > (SELECT max(created_at) FROM annotations a WHERE a.project_id = p.id), false) AS aggregated
         FROM projects p WHERE p.id = ANY($1::int[]) ORDER BY p.id`,
      [projectIds],
    );
  const done = (rows: Awaited<ReturnType<typeof state>>): boolean => rows.every((r) => r.aggregated && r.credited === r.accepted);
  let rows = await state();
  for (let i = 0; i < polls && !done(rows); i++) {
    await sleep(100);
    rows = await state();
  }
  if (done(rows)) return;
  // (pg-boss's own queues start with two underscores.)
  const jobs = await query(
    `SELECT name, state, singleton_key, retry_count, start_after, started_on, output FROM pgboss.job
      WHERE state <> 'completed' AND left(name, 2) <> '__' ORDER BY created_on`,
  );
  expect(
    done(rows),
    [`projects: ${JSON.stringify(rows)}`, `unfinished jobs: ${JSON.stringify(jobs)}`, ...processes.map((p) => p.report())].join('\n'),
  ).toBe(true);
}

/**
 * Polls each process's readiness until it answers `status` (a state), at most `polls` times each:
 * whether every one of them did, and what each answered last; for one that never did, also whether
 * it still runs and the end of its output, so that the failure explains itself.
 */
async function readiness(status: 200 | 503, of = processes, polls = 600): Promise<{ reached: boolean; last: string[] }> {
  const answers = await Promise.all(
    of.map(async (p) => {
      let last = '';
      for (let i = 0; i < polls; i++) {
        const answer = await fetch(`${p.baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(10_000) }).catch(
          (error: unknown) => error,
        );
        if (answer instanceof Response) {
          last = `${answer.status} ${(await answer.text()).slice(0, 400)}`;
          if (answer.status === status) return { reached: true, last };
        } else last = String(answer);
        await sleep(100);
      }
      return { reached: false, last: `${last}\n${p.report()}` };
    }),
  );
  return { reached: answers.every((a) => a.reached), last: answers.map((a) => a.last) };
}

describe('faults under load', () => {
  let asAdmin: Session;
  let annotators: Session[];
  /** The first test's project: labelled through a crash, then published through outages. */
  let killed: number;

  it('an API process SIGKILLed in the middle of submissions loses and duplicates no label', async () => {
    asAdmin = await signIn(admin as unknown as Wallet);
    annotators = await Promise.all(Array.from({ length: 20 }, () => signIn(Wallet.createRandom() as unknown as Wallet)));
    const id = await project(asAdmin, 'kill', 40, 2);
    killed = id;
    const outcome: Outcome = { acknowledged: [], ambiguous: 0 };
    const labeling = labelAll(annotators, id, outcome);
    while (outcome.acknowledged.length < 20) await sleep(20);
    await processes[1]!.kill('SIGKILL');
    await labeling;
    await expectEveryLabelOnce(id, 40, 2, outcome);
    // The API process comes back (as an orchestrator restarts it) and takes its share again.
    processes[1] = await startPlatformProcess({ ...env, TESSERA_ROLE: 'api' });
    await processes[1].waitForHealth(120_000);
    targets = processes.map((p) => p.baseUrl);
  }, 300_000);

  it('PostgreSQL restarted under load: not ready while it is down, and every label once afterwards', async () => {
    const id = await project(asAdmin, 'restart', 40, 2);
    const outcome: Outcome = { acknowledged: [], ambiguous: 0 };
    const labeling = labelAll(annotators, id, outcome);
    while (outcome.acknowledged.length < 20) await sleep(20);
    await database.stop();
    let down: Awaited<ReturnType<typeof readiness>>;
    try {
      down = await readiness(503);
    } finally {
      await database.start();
    }
    expect(down.reached, down.last.join('\n')).toBe(true);
    const up = await readiness(200);
    expect(up.reached, up.last.join('\n')).toBe(true);
    await labeling;
    await expectEveryLabelOnce(id, 40, 2, outcome);
  }, 300_000);

  it('every PostgreSQL connection cut, three times under load: both processes stay up and ready, every label once, the project aggregated and credited', async () => {
    const id = await project(asAdmin, 'cut', 40, 2);
    const outcome: Outcome = { acknowledged: [], ambiguous: 0 };
    const labeling = labelAll(annotators, id, outcome);
    // Their pools', the queue's and the listening connections alike, while labels and their jobs run.
    for (const labelled of [10, 30, 50]) {
      while (outcome.acknowledged.length + outcome.ambiguous < labelled) await sleep(20);
      await query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    }
    await labeling;
    const up = await readiness(200);
    expect(up.reached, up.last.join('\n')).toBe(true);
    await expectEveryLabelOnce(id, 40, 2, outcome);
    // The queue's workers went on: the project is aggregated and credited, through jobs that met the cuts.
    await expectCredited([id]);
  }, 300_000);

  it('the chain stopped during an epoch close: not ready meanwhile, then every annotator paid exactly once', async () => {
    // Wait for the worker to credit every accepted label of the three projects.
    await expectCredited((await query<{ id: number }>('SELECT id FROM projects')).map((p) => p.id));
    const restore = proxy.fail('reset');
    let epoch: CallResult<{ id: number }>;
    let down: Awaited<ReturnType<typeof readiness>>;
    try {
      down = await readiness(503, [processes[0]!]);
      epoch = await send<{ id: number }>(asAdmin, 'POST', '/api/epochs', { mode: 'push' });
      // The outbox tried while the chain was away (a state: the proxy refused the calls meant for it).
      const refused = proxy.calls.filter((c) => c.fault).length;
      for (let i = 0; i < 600 && proxy.calls.filter((c) => c.fault).length < refused + 3; i++) await sleep(100);
    } finally {
      restore();
    }
    expect(down.reached, down.last.join('\n')).toBe(true);
    expect(epoch.status).toBe(201);
    const up = await readiness(200);
    expect(up.reached, up.last.join('\n')).toBe(true);
    let status = '';
    for (let i = 0; i < 400 && status !== 'paid'; i++) {
      const row = await send<{ status: string }>(asAdmin, 'GET', `/api/epochs/${epoch.body.id}`);
      status = row.body.status;
      expect(status).not.toBe('failed');
      if (status !== 'paid') await sleep(250);
    }
    if (status !== 'paid') {
      const txs = await query('SELECT purpose, status, attempts, error FROM chain_txs ORDER BY id');
      expect(status, [`chain transactions: ${JSON.stringify(txs)}`, ...processes.map((p) => p.report())].join('\n')).toBe('paid');
    }
    const info = await send<{ token: { address: string } }>(asAdmin, 'GET', '/api/chain');
    const provider = new JsonRpcProvider(chain.url, 8996, { staticNetwork: true, batchMaxCount: 1 });
    try {
      const token = new Contract(info.body.token.address, rewardTokenArtifact.abi, provider);
      const dues = await query<{ address: string; total: string }>(
        `SELECT u.address, sum(l.amount)::text AS total FROM ledger_entries l JOIN users u ON u.id = l.annotator_id GROUP BY u.address`,
      );
      expect(dues).toHaveLength(annotators.length);
      for (const due of dues) expect(((await token.getFunction('balanceOf')(due.address)) as bigint).toString()).toBe(due.total);
    } finally {
      provider.destroy();
    }
  }, 300_000);

  it('the store unreachable and the chain cut off during a publish: not ready meanwhile, then published once, with one NFT', async () => {
    expect((await send(asAdmin, 'POST', `/api/projects/${killed}/quality/aggregate`)).status).toBe(200);
    const created = await send<{ id: number }>(asAdmin, 'POST', '/api/datasets', {
      projectId: killed,
      name: 'Through outages',
      license: 'MIT',
    });
    expect(created.status).toBe(202);
    const id = created.body.id;
    for (;;) {
      const version = await send<{ status: string; error: string | null }>(asAdmin, 'GET', `/api/datasets/${id}`);
      if (version.body.status !== 'building') {
        expect(version.body.status, version.body.error ?? '').toBe('ready');
        break;
      }
      await sleep(250);
    }
    // The store's folder is gone (a lost mount) and the chain's RPC drops every call.
    const blocks = path.join(env['TESSERA_DATA_DIR']!, 'blocks');
    renameSync(blocks, `${blocks}.away`);
    writeFileSync(blocks, '');
    const restoreChain = proxy.fail('reset');
    let down: Awaited<ReturnType<typeof readiness>>;
    let waited = '';
    try {
      expect((await send(asAdmin, 'POST', `/api/datasets/${id}/publish`, { price: '1' })).status).toBe(202);
      down = await readiness(503, [processes[0]!]);
      // The publication waits the outage out (a state it reports), rather than failing.
      for (let i = 0; i < 600 && !/waiting to retry/.test(waited); i++) {
        const version = await send<{ publication: { status: string; error: string | null } | null }>(asAdmin, 'GET', `/api/datasets/${id}`);
        expect(version.body.publication?.status).toBe('publishing');
        waited = version.body.publication?.error ?? '';
        if (!/waiting to retry/.test(waited)) await sleep(100);
      }
    } finally {
      rmSync(blocks, { force: true });
      renameSync(`${blocks}.away`, blocks);
      restoreChain();
    }
    expect(down.reached, down.last.join('\n')).toBe(true);
    expect(waited).toMatch(/waiting to retry: .*blocks/);
    interface Publication {
      status: string;
      error: string | null;
      nftAddress: string | null;
    }
    let publication: Publication | null = null;
    for (;;) {
      const version = await send<{ publication: Publication | null }>(asAdmin, 'GET', `/api/datasets/${id}`);
      publication = version.body.publication;
      if (publication?.status !== 'publishing') break;
      await sleep(250);
    }
    expect(publication?.status, publication?.error ?? '').toBe('published');
    // Exactly once: one mint transaction for the purpose, and one NFT from the factory.
    expect(await query('SELECT hash FROM chain_txs WHERE purpose = $1', [`dataset:${id}:mint`])).toHaveLength(1);
    const ocean = await send<{ nftFactoryAddress: string }>(asAdmin, 'GET', '/api/ocean/config');
    expect(await createdNfts(chain.url, ocean.body.nftFactoryAddress)).toEqual([publication!.nftAddress!.toLowerCase()]);
  }, 300_000);
});
