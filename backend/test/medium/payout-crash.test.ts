import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { payoutDistributorArtifact, rewardTokenArtifact } from '@tessera/contracts';
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.js';
import { freePort } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { call, signIn, type Session } from '../support/wallet.js';

const LABELS = ['cat', 'dog', 'bird'];

let database: TestDatabase;
let dataDir: string;
let chainPort: number;
const admin = Wallet.createRandom();
const processes: PlatformProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-crash-'));
  chainPort = await freePort();
});

afterAll(async () => {
  for (const p of processes) await p.kill();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<PlatformProcess> {
  const platform = await startPlatformProcess({
    DATABASE_URL: database.url,
    TESSERA_DATA_DIR: dataDir,
    ADMIN_ADDRESSES: admin.address,
    AUTO_SUSPEND: 'false',
    // The same chain port each time: the restarted process restarts the same (journaled) chain.
    CHAIN_PORT: String(chainPort),
    ...env,
  });
  processes.push(platform);
  return platform;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('exactly-once payouts across a crash', () => {
  it('a backend killed after broadcasting a push payout and before recording it pays everyone exactly once after restart', async () => {
    // Crash right after the first push batch is broadcast.
    const first = await start({ TEST_CRASH_AFTER_BROADCAST: 'epoch:1:batch' });
    const base = first.baseUrl;
    const asAdmin = await signIn(base, admin as unknown as Wallet);
    const project = await call<{ id: number }>(base, asAdmin, 'POST', '/api/projects', {
      name: 'Crash',
      type: 'classification',
      labels: LABELS,
      overlap: 3,
      rewardPerLabel: '2',
      status: 'active',
    });
    const items = Array.from({ length: 5 }, (_, i) => ({ data: { text: `crash ${i}` } }));
    await call(base, asAdmin, 'POST', `/api/projects/${project.body.id}/items`, JSON.stringify(items), {
      'content-type': 'application/json',
    });
    const wallets = [0, 1, 2].map(() => Wallet.createRandom());
    const sessions: Session[] = [];
    for (const wallet of wallets) sessions.push(await signIn(base, wallet as unknown as Wallet));
    for (const session of sessions) {
      for (;;) {
        const assignment = await call<{ assignmentId: number; item: { data: { text: string } } }>(
          base,
          session,
          'GET',
          `/api/projects/${project.body.id}/next`,
        );
        if (assignment.status !== 200) break;
        const i = Number(assignment.body.item.data.text.split(' ')[1]);
        await call(base, session, 'POST', `/api/assignments/${assignment.body.assignmentId}/submit`, {
          result: { label: LABELS[i % 3] },
          leadTimeMs: 2000 + i * 77,
        });
      }
    }
    await call(base, asAdmin, 'POST', `/api/projects/${project.body.id}/quality/aggregate`);
    // Crediting follows the aggregation on the job queue.
    const ledger = await waitFor('the ledger', async () => {
      const rows = await call<Array<{ annotatorId: number; amount: string }>>(base, asAdmin, 'GET', '/api/ledger?range=[0,99]');
      return rows.body.length === 15 ? rows.body : undefined;
    });
    const epoch = await call<{ id: number }>(base, asAdmin, 'POST', '/api/epochs', { mode: 'push' });
    expect(epoch.status).toBe(201);
    await new Promise<void>((resolve) => first.child.once('exit', () => resolve()));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(first.output()).toMatch(/epoch:1:batch:0: broadcast 0x[0-9a-f]{64}/);
    expect(first.output()).not.toMatch(/epoch:1:batch:0: confirmed/);

    // Restart: the outbox finds the batch signed and broadcast, looks it up by hash, records it.
    const second = await start();
    const again = await signIn(second.baseUrl, admin as unknown as Wallet);
    const paid = await waitFor('the epoch to be paid', async () => {
      const row = await call<{ status: string; claimedCount: number }>(second.baseUrl, again, 'GET', '/api/epochs/1');
      return row.body.status === 'paid' ? row.body : undefined;
    });
    expect(paid.claimedCount).toBe(3);
    const payouts = await call<Array<{ purpose: string; status: string; hash: string }>>(
      second.baseUrl,
      again,
      'GET',
      '/api/payouts?range=[0,99]',
    );
    expect(payouts.body.filter((p) => p.purpose.startsWith('epoch:1:batch')).map((p) => p.status)).toEqual(['confirmed']);

    // On chain: one BatchPaid, and every wallet holds exactly its ledger total.
    const chain = await call<{ rpcUrl: string; chainId: number; token: { address: string }; distributor: { address: string } }>(
      second.baseUrl,
      again,
      'GET',
      '/api/chain',
    );
    const provider = new JsonRpcProvider(chain.body.rpcUrl, chain.body.chainId, { staticNetwork: true, batchMaxCount: 1 });
    try {
      const distributor = new Contract(chain.body.distributor.address, payoutDistributorArtifact.abi, provider);
      expect(await distributor.queryFilter(distributor.filters['BatchPaid']!(), 0)).toHaveLength(1);
      const token = new Contract(chain.body.token.address, rewardTokenArtifact.abi, provider);
      for (const [i, wallet] of wallets.entries()) {
        const expected = ledger.filter((l) => l.annotatorId === sessions[i]!.user.id).reduce((sum, l) => sum + Number(l.amount), 0);
        const balance = (await token.getFunction('balanceOf')(wallet.address)) as bigint;
        expect(balance, `wallet ${i}`).toBe(BigInt(Math.round(expected * 1e6)) * 10n ** 12n);
      }
    } finally {
      provider.destroy();
    }
  }, 120_000);
});
