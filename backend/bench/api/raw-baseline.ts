/**
 * The API bench's yardstick: BENCH_RAW_CONNECTIONS pg clients committing single-row INSERTs on the
 * server's database while the server is idle; labels per second are judged against it.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { cpuShare, cpuSnapshot, type CpuShare } from '../support/cpu.js';
import { log } from '../support/log.js';
import type { BenchServer } from '../support/server.js';
import { summarize, type LatencySummary } from '../support/statistics.js';
import { RAW_CONNECTIONS, RAW_SECONDS } from './settings.js';

export interface RawResult {
  connections: number;
  seconds: number;
  inserts: number;
  insertsPerSecond: number;
  latencyMs: LatencySummary;
  errors: number;
  cpu: CpuShare;
}

export async function runRawBaseline(server: BenchServer): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: server.pgUrl, max: RAW_CONNECTIONS, application_name: 'tessera-bench-raw' });
  pool.on('error', (error) => log(`raw baseline pg pool: ${String(error)}`));
  try {
    await pool.query('DROP TABLE IF EXISTS bench_raw');
    await pool.query('CREATE TABLE bench_raw (id bigserial PRIMARY KEY, payload jsonb, created_at timestamptz DEFAULT now())');
    const clients = await Promise.all(Array.from({ length: RAW_CONNECTIONS }, () => pool.connect()));
    for (const client of clients) client.on('error', (error) => log(`raw baseline pg client: ${String(error)}`));
    const warmup = 1000;
    const t0 = performance.now();
    const measureStart = t0 + warmup;
    const measureEnd = measureStart + RAW_SECONDS * 1000;
    const latencies: number[] = [];
    let errors = 0;
    const worker = async (client: pg.PoolClient, w: number): Promise<void> => {
      for (let n = 0; performance.now() < measureEnd; n++) {
        const started = performance.now();
        try {
          await client.query('INSERT INTO bench_raw (payload) VALUES ($1)', [
            JSON.stringify({ label: 'cat', leadTimeMs: 1000, worker: w, n }),
          ]);
        } catch {
          errors++;
          continue;
        }
        const done = performance.now();
        if (done >= measureStart && done <= measureEnd) latencies.push(done - started);
      }
    };
    const workers = Promise.all(clients.map((c, i) => worker(c, i)));
    await sleep(Math.max(0, measureStart - performance.now()));
    const cpuBefore = cpuSnapshot(server.child.pid);
    await sleep(Math.max(0, measureEnd - performance.now()));
    const cpu = cpuShare(cpuBefore, cpuSnapshot(server.child.pid), server.embedded);
    await workers;
    for (const c of clients) c.release();
    await pool.query('DROP TABLE bench_raw');
    return {
      connections: RAW_CONNECTIONS,
      seconds: RAW_SECONDS,
      inserts: latencies.length,
      insertsPerSecond: latencies.length / RAW_SECONDS,
      latencyMs: summarize(latencies),
      errors,
      cpu,
    };
  } finally {
    await pool.end();
  }
}
