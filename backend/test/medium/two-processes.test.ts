import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_OPERATOR_KEY } from '../../src/chain/chain.module.js';
import { queryOnce } from '../support/sql.js';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.js';
import { freePort } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { call, getNonce, siweMessage, type Session } from '../support/wallet.js';

/**
 * Tessera as production runs it: two API processes on one database (one of them also the worker,
 * with the chain), annotators' calls spread over both as a load balancer would.
 */
const LABELS = ['cat', 'dog', 'bird'];
const ITEMS = 60;
const OVERLAP = 3;
const ANNOTATORS = 100;

let database: TestDatabase;
let dataDir: string;
const admin = Wallet.createRandom();
const processes: PlatformProcess[] = [];
let bases: [string, string];
let chainUrl: string;
let sharedEnv: Record<string, string>;
/** The one public address both processes stand behind (a load balancer's), which sessions are issued for. */
const PUBLIC_URL = 'http://tessera.test';

/** Sign-in through either process: the nonce from one, the signed message verified by the other. */
async function signIn(wallet: Wallet): Promise<Session> {
  const nonce = await getNonce(anyBase());
  const url = new URL(PUBLIC_URL);
  const message = siweMessage({
    domain: url.host,
    address: wallet.address,
    uri: url.origin,
    chainId: 8996,
    nonce,
    statement: 'Sign in to Tessera',
  });
  const response = await fetch(`${anyBase()}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message, signature: await wallet.signMessage(message) }),
  });
  if (response.status !== 200) throw new Error(`verify: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string; user: Session['user'] };
  return { token: body.token, user: body.user, address: wallet.address, wallet };
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-two-'));
  const chainPort = await freePort();
  const shared = {
    DATABASE_URL: database.url,
    TESSERA_DATA_DIR: dataDir,
    ADMIN_ADDRESSES: admin.address,
    AUTO_SUSPEND: 'false',
    // Both processes sign and verify the same sessions.
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL,
    RATE_LIMIT_SIGN_IN_PER_IP: '100000',
    RATE_LIMIT_PER_IP: '100000',
  };
  // The first runs everything (API, worker, the embedded chain); the second is an API process on that chain.
  const first = await startPlatformProcess({ ...shared, CHAIN_PORT: String(chainPort) });
  processes.push(first);
  await first.waitForHealth(60_000);
  const second = await startPlatformProcess({
    ...shared,
    TESSERA_ROLE: 'api',
    RPC_URL: `http://127.0.0.1:${chainPort}`,
    OPERATOR_PRIVATE_KEY: DEV_OPERATOR_KEY,
    DEPLOY_CONTRACTS: 'true',
  });
  processes.push(second);
  await second.waitForHealth(60_000);
  bases = [first.baseUrl, second.baseUrl];
  chainUrl = `http://127.0.0.1:${chainPort}`;
  sharedEnv = shared;
});

afterAll(async () => {
  for (const p of processes) await p.kill();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const query = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryOnce<T>(database.url, text, params);

/** A load balancer's choice: either process, at random. */
const anyBase = (): string => bases[Math.random() < 0.5 ? 0 : 1];

describe('two API processes on one database', () => {
  let project: number;
  let asAdmin: Session;

  it(`${ANNOTATORS} annotators racing across both: every item gets exactly ${OVERLAP} labels, nobody labels an item twice`, async () => {
    asAdmin = await signIn(admin as unknown as Wallet);
    const created = await call<{ id: number }>(bases[0], asAdmin, 'POST', '/api/projects', {
      name: 'Two processes',
      type: 'classification',
      labels: LABELS,
      overlap: OVERLAP,
      rewardPerLabel: '1',
      status: 'active',
    });
    expect(created.status).toBe(201);
    project = created.body.id;
    const items = Array.from({ length: ITEMS }, (_, i) => ({ data: { text: `item ${i}` } }));
    const imported = await call(bases[1], asAdmin, 'POST', `/api/projects/${project}/items`, JSON.stringify(items), {
      'content-type': 'application/json',
    });
    expect(imported.status).toBeLessThan(300);

    const sessions = await Promise.all(Array.from({ length: ANNOTATORS }, () => signIn(Wallet.createRandom() as unknown as Wallet)));
    const failures: string[] = [];
    let submitted = 0;
    // Each annotator takes work from one process and submits through either, until nothing is left for them.
    await Promise.all(
      sessions.map(async (session) => {
        for (;;) {
          const next = await call<{ assignmentId: number; item: { data: { text: string } } }>(
            anyBase(),
            session,
            'GET',
            `/api/projects/${project}/next`,
          );
          if (next.status === 204) return;
          if (next.status !== 200) {
            failures.push(`next: ${next.status} ${JSON.stringify(next.body)}`);
            return;
          }
          const n = Number(next.body.item.data.text.split(' ')[1]);
          const done = await call(anyBase(), session, 'POST', `/api/assignments/${next.body.assignmentId}/submit`, {
            result: { label: LABELS[n % 3] },
            leadTimeMs: 1500 + n,
          });
          if (done.status !== 200 && done.status !== 201) {
            failures.push(`submit: ${done.status} ${JSON.stringify(done.body)}`);
            return;
          }
          submitted++;
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(submitted).toBe(ITEMS * OVERLAP);
    const perItem = await query<{ labels: number }>(
      `SELECT count(a.id)::int AS labels FROM items i LEFT JOIN annotations a ON a.item_id = i.id WHERE i.project_id = $1 GROUP BY i.id`,
      [project],
    );
    expect(perItem).toHaveLength(ITEMS);
    expect(perItem.every((row) => row.labels === OVERLAP)).toBe(true);
    const twice = await query(
      `SELECT item_id, annotator_id FROM annotations WHERE project_id = $1 GROUP BY item_id, annotator_id HAVING count(*) > 1`,
      [project],
    );
    expect(twice).toEqual([]);
  });

  it('a suspension made through one process refuses work on the other within a second', async () => {
    // More work, and an annotator the second process has just admitted (and so remembers as not suspended).
    const more = Array.from({ length: 5 }, (_, i) => ({ data: { text: `more ${i}` } }));
    await call(bases[0], asAdmin, 'POST', `/api/projects/${project}/items`, JSON.stringify(more), { 'content-type': 'application/json' });
    const annotator = await signIn(Wallet.createRandom() as unknown as Wallet);
    const leased = await call<{ assignmentId: number }>(bases[1], annotator, 'GET', `/api/projects/${project}/next`);
    expect(leased.status).toBe(200);
    await call(bases[1], annotator, 'POST', `/api/assignments/${leased.body.assignmentId}/skip`);

    const suspended = await call(bases[0], asAdmin, 'POST', '/api/suspensions', { annotatorId: annotator.user.id, note: 'two processes' });
    expect(suspended.status).toBe(201);
    const started = performance.now();
    let refused: { status: number; body: { code?: string } } | undefined;
    // The state waited for: the other process refusing. The bound checked: how long that took.
    while (!refused) {
      const answer = await call<{ code?: string }>(bases[1], annotator, 'GET', `/api/projects/${project}/next`);
      if (answer.status === 403) refused = answer;
      else if (answer.status === 200) {
        await call(bases[1], annotator, 'POST', `/api/assignments/${(answer.body as { assignmentId: number }).assignmentId}/skip`);
      }
      if (performance.now() - started > 10_000) break;
    }
    const elapsedMs = performance.now() - started;
    expect(refused?.body.code).toBe('ANNOTATOR_SUSPENDED');
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('labels taken through both processes are aggregated and credited by the worker, each once', async () => {
    // Aggregation and crediting run on the first process (the worker); the API process only sends jobs.
    await call(bases[1], asAdmin, 'POST', `/api/projects/${project}/quality/aggregate`);
    const deadline = Date.now() + 60_000;
    let credited = 0;
    while (Date.now() < deadline) {
      const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entries WHERE project_id = $1`, [project]);
      credited = row?.n ?? 0;
      if (credited >= ITEMS * OVERLAP) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(credited).toBe(ITEMS * OVERLAP);
  });

  it('a worker process answers its health and nothing of the API or the pages', async () => {
    const worker = await startPlatformProcess({
      ...sharedEnv,
      TESSERA_ROLE: 'worker',
      RPC_URL: chainUrl,
      OPERATOR_PRIVATE_KEY: DEV_OPERATOR_KEY,
      DEPLOY_CONTRACTS: 'true',
    });
    processes.push(worker);
    await worker.waitForHealth(60_000);
    expect(worker.output()).toMatch(/worker: running the queue's jobs and schedules/);
    for (const path of ['/api/projects', '/api/auth/nonce', '/label', '/']) {
      const answer = await call<{ code: string }>(worker.baseUrl, undefined, 'GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.code, path).toBe('ROUTE_NOT_FOUND');
    }
  });
});
