/**
 * Epoch benchmark, run by `npm run bench` (compiled: node dist/backend/bench/epoch-bench.js): the real
 * platform in-process on a fresh embedded PostgreSQL (or DATABASE_URL) and the embedded chain;
 * BENCH_EPOCH_ANNOTATORS annotators (100,000) with ledger entries; then measures
 *   1. closing an epoch off-chain (ledger freeze, dues, Merkle tree, allocations, outbox intents),
 *   2. posting it on chain (mint, approve, postEpoch through the outbox) and the gas of postEpoch,
 *   3. an annotator's proof (the tree is kept in memory after the close).
 * Target: closing a 100k-annotator epoch off-chain in under 10 s; posting under 100k gas whatever N.
 */
import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/app-config.js';
import { OutboxService } from '../src/chain/outbox.service.js';
import { sqlRows } from '../src/database/sql.js';
import { createTessera } from '../src/platform.js';
import { EarningsService } from '../src/rewards/earnings.service.js';
import { EpochsService } from '../src/rewards/epochs.service.js';
import { freePort } from '../test/support/free-port.js';

const N = Number(process.env['BENCH_EPOCH_ANNOTATORS'] ?? 100_000);
const TARGET_CLOSE_MS = 10_000;
const TARGET_POST_GAS = 100_000;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-epoch-bench-'));
  chmodSync(dataDir, 0o755);
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    TESSERA_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    CHAIN_PORT: '0',
    DEMO_DATA: 'false',
    DATABASE_URL: undefined,
  };
  const tessera = await createTessera(loadConfig(env, process.cwd()));
  await tessera.app.init();
  try {
    const db = tessera.dataSource;
    let started = performance.now();
    // N annotators, each with 3 ledger entries (two rewards and a reversal), as crediting leaves them.
    await sqlRows(db, `INSERT INTO users (address) SELECT '0x' || lpad(to_hex(1000000 + g), 40, '0') FROM generate_series(1, $1) g`, [N]);
    await sqlRows(
      db,
      `INSERT INTO ledger_entries (annotator_id, kind, amount)
       SELECT u.id, k.kind, CASE k.kind WHEN 'reversal' THEN -500000000000000000 ELSE 1000000000000000000 + u.id END
         FROM users u CROSS JOIN (VALUES ('reward'), ('reward'), ('reversal')) AS k(kind)`,
    );
    console.log(
      `seeded ${N.toLocaleString('en-US')} annotators, ${(3 * N).toLocaleString('en-US')} ledger entries in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const epochs = tessera.app.get(EpochsService);
    started = performance.now();
    const epoch = await epochs.close('claim', 30, null);
    const closeMs = performance.now() - started;

    started = performance.now();
    await tessera.app.get(OutboxService).settle(120_000);
    const postMs = performance.now() - started;
    const [post] = await sqlRows<{ gas_used: number; status: string }>(db, 'SELECT gas_used, status FROM chain_txs WHERE purpose = $1', [
      `epoch:${epoch.id}:post`,
    ]);

    const earnings = tessera.app.get(EarningsService);
    const someone = await sqlRows<{ id: number; address: string }>(db, 'SELECT id, address FROM users ORDER BY id LIMIT 2 OFFSET 5000');
    started = performance.now();
    await earnings.proof({ id: someone[0]!.id, address: someone[0]!.address, roles: ['annotator'] }, epoch.id);
    const firstProofMs = performance.now() - started;
    started = performance.now();
    const proof = await earnings.proof({ id: someone[1]!.id, address: someone[1]!.address, roles: ['annotator'] }, epoch.id);
    const nextProofMs = performance.now() - started;

    const rows = [
      [
        'close epoch off-chain',
        `${N.toLocaleString('en-US')} annotators`,
        `${(closeMs / 1000).toFixed(2)} s`,
        `< ${TARGET_CLOSE_MS / 1000} s`,
        closeMs < TARGET_CLOSE_MS,
      ],
      [
        'post epoch on chain (gas)',
        `root of ${epoch.recipients.toLocaleString('en-US')} leaves`,
        `${post?.gas_used ?? '-'} gas`,
        `< ${TARGET_POST_GAS.toLocaleString('en-US')}`,
        post?.status === 'confirmed' && post.gas_used < TARGET_POST_GAS,
      ],
      ['mint + approve + post (outbox)', '3 transactions', `${(postMs / 1000).toFixed(2)} s`, '', true],
      ['proof for one annotator', `${proof.proof.length} siblings`, `${((firstProofMs + nextProofMs) / 2).toFixed(1)} ms`, '', true],
    ] as const;
    console.log('\nEpoch benchmark (measured in this run)');
    for (const [name, size, measured, target, pass] of rows) {
      console.log(
        `  ${name.padEnd(34)} ${size.padEnd(24)} ${measured.padStart(12)}  ${target.padEnd(12)} ${target ? (pass ? 'PASS' : 'FAIL') : ''}`,
      );
    }
    if (process.env['BENCH_STRICT'] === '1' && rows.some((r) => r[3] !== '' && !r[4])) process.exitCode = 1;
  } finally {
    await tessera.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
