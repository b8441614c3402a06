/**
 * Dataset export benchmark, run by `npm run bench` (compiled: node dist/backend/bench/dataset-bench.js):
 * the real platform in-process on a fresh embedded PostgreSQL (or DATABASE_URL) and the embedded
 * blockstore; BENCH_DATASET_ITEMS settled items (default 330,000: about 1 GB over the version's files) written
 * straight into the database; then a dataset version is built through the build job (select,
 * describe, export -> sha256 -> AES-256-GCM -> blockstore) and its export step is timed.
 *
 * Throughput is reported as a ratio of `sha256sum` over the same plaintext bytes (every file of the
 * version) in the same run (target >= 0.5): for the whole export step, which reads the records from
 * PostgreSQL and writes every format, and for its hash + encrypt + store half alone over the same
 * files; with the peak resident memory of this process during the build (target < 300 MB; its threads'
 * memory, the build thread's heap among it, is the process's, so VmHWM counts it). A breakdown
 * over the first BENCH_DATASET_PROFILE_MB of the plaintext times each stage alone (reading records,
 * JSON, hashing, encryption, the blockstore) to show where the time goes.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { loadConfig } from '../src/config/app-config.js';
import { sqlRows } from '../src/database/sql.js';
import { DatasetsRepository } from '../src/datasets/datasets.repository.js';
import { DatasetsService } from '../src/datasets/datasets.service.js';
import type { DatasetRecord } from '../src/datasets/domain/dataset-record.js';
import { encryptStream, newDataKey } from '../src/datasets/encryption/chunked-cipher.js';
import { createTessera } from '../src/platform.js';
import { ProjectsService } from '../src/projects/projects.service.js';
import { STORAGE_PORT, type StoragePort } from '../src/storage/storage.port.js';
import { freePort } from '../test/support/free-port.js';

const ITEMS = Number(process.env['BENCH_DATASET_ITEMS'] ?? 330_000);
const PROFILE_BYTES = Number(process.env['BENCH_DATASET_PROFILE_MB'] ?? 200) * 1_048_576;
const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 300;

function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1_048_576;
}

const mb = (bytes: number) => bytes / 1_048_576;
const rate = (bytes: number, ms: number) => `${(mb(bytes) / (ms / 1000)).toFixed(1)} MB/s`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-dataset-bench-'));
  chmodSync(dataDir, 0o755);
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    TESSERA_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: process.env['EMBEDDED_PG_PORT'] ?? String(await freePort()),
    CHAIN_PORT: process.env['CHAIN_PORT'] ?? '0',
    DEMO_DATA: 'false',
    AUTO_SUSPEND: 'false',
    DATABASE_URL: process.env['DATABASE_URL'],
  };
  const tessera = await createTessera(loadConfig(env, process.cwd()));
  await tessera.app.init();
  let rssSampler: NodeJS.Timeout | undefined;
  try {
    const db = tessera.dataSource;
    const app = tessera.app;
    const project = await app.get(ProjectsService).create({
      name: 'Export bench',
      type: 'classification',
      labels: ['cat', 'dog', 'bird'],
      overlap: 3,
      rewardPerLabel: '1',
      status: 'active',
    });
    let started = performance.now();
    // Settled items as aggregation leaves them: ~600 characters of text, 3 labels each, a confident result.
    await sqlRows(db, `INSERT INTO users (address) SELECT '0x' || lpad(to_hex(2000000 + g), 40, '0') FROM generate_series(1, 3) g`);
    await sqlRows(
      db,
      `INSERT INTO items (project_id, external_id, data, overlap, taken)
       SELECT $1, 'doc-' || g, jsonb_build_object('text', repeat(md5(g::text) || ' ', 18), 'source', 'bench', 'n', g), 3, 3
         FROM generate_series(1, $2) g`,
      [project.id, ITEMS],
    );
    await sqlRows(
      db,
      `INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms)
       SELECT row_number() OVER (), i.project_id, i.id, u.id, jsonb_build_object('label', (ARRAY['cat','dog','bird'])[1 + i.id % 3]), 1200
         FROM items i CROSS JOIN (SELECT id FROM users ORDER BY id DESC LIMIT 3) u WHERE i.project_id = $1`,
      [project.id],
    );
    await sqlRows(
      db,
      `INSERT INTO item_results (item_id, project_id, result, confidence, status, labels, method)
       SELECT id, project_id, jsonb_build_object('label', (ARRAY['cat','dog','bird'])[1 + id % 3]), 0.97, 'confident', 3, 'ds'
         FROM items WHERE project_id = $1`,
      [project.id],
    );
    await sqlRows(db, 'ANALYZE');
    console.log(
      `seeded ${ITEMS.toLocaleString('en-US')} settled items with 3 labels each in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const baseRss = process.memoryUsage().rss;
    let sampledPeak = baseRss;
    let atPeak = process.memoryUsage();
    /** The main thread's young generation (V8's new space) when the peak was sampled: part of its heap total. */
    const youngMb = () => mb(v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0);
    let youngAtPeak = youngMb();
    let step = 'select';
    const stepPeaks = new Map<string, NodeJS.MemoryUsage>();
    rssSampler = setInterval(() => {
      const usage = process.memoryUsage();
      if (usage.rss > sampledPeak) [sampledPeak, atPeak, youngAtPeak] = [usage.rss, usage, youngMb()];
      if (usage.rss > (stepPeaks.get(step)?.rss ?? 0)) stepPeaks.set(step, usage);
    }, 100);
    const datasets = app.get(DatasetsService);
    started = performance.now();
    const created = await datasets.create({ projectId: project.id, name: 'Bench', license: 'CC-BY-4.0', seed: 1 }, null);
    const stepStarts = new Map<string, number>();
    let exportCpu: NodeJS.CpuUsage | undefined;
    let version = await datasets.get(created.id);
    while (version.status === 'building') {
      if (!stepStarts.has(version.progress.step)) stepStarts.set(version.progress.step, performance.now());
      if (version.progress.step === 'export') exportCpu ??= process.cpuUsage();
      step = version.progress.step;
      await new Promise((resolve) => setTimeout(resolve, 50));
      version = await datasets.get(created.id);
    }
    const buildMs = performance.now() - started;
    const cpu = process.cpuUsage(exportCpu);
    clearInterval(rssSampler);
    if (version.status !== 'ready') throw new Error(`build failed: ${version.error}`);
    const exportMs = performance.now() - (stepStarts.get('export') ?? started) - 0;
    const bytes = version.files.reduce((sum, f) => sum + f.bytes, 0);
    const steps = ['select', 'describe', 'export']
      .map((s) => `${s} from ${(((stepStarts.get(s) ?? started) - started) / 1000).toFixed(1)} s`)
      .join(', ');
    console.log(
      `built version ${version.id}: ${version.itemCount?.toLocaleString('en-US')} items, ${version.files.length} file(s), ` +
        `${mb(bytes).toFixed(0)} MB plaintext, in ${(buildMs / 1000).toFixed(1)} s (${steps}); export step ${(exportMs / 1000).toFixed(1)} s = ${rate(bytes, exportMs)} ` +
        `(this process's CPU meanwhile: ${(cpu.user / 1e6).toFixed(1)} s user, ${(cpu.system / 1e6).toFixed(1)} s system)`,
    );
    const peak = Math.max(peakRssMb(), mb(sampledPeak));
    console.log(
      `peak resident memory: ${peak.toFixed(0)} MB (VmHWM ${peakRssMb().toFixed(0)} MB; ${mb(baseRss).toFixed(0)} MB before the build; ` +
        `at the sampled peak: V8 heap ${mb(atPeak.heapUsed).toFixed(0)} of ${mb(atPeak.heapTotal).toFixed(0)} MB (young generation ${youngAtPeak.toFixed(0)} MB), buffers ${mb(atPeak.arrayBuffers).toFixed(0)} MB; ` +
        `peak by step: ${[...stepPeaks]
          .map(
            ([s, at]) =>
              `${s} ${mb(at.rss).toFixed(0)} MB (heap ${mb(at.heapTotal).toFixed(0)}, buffers ${mb(at.arrayBuffers).toFixed(0)})`,
          )
          .join(', ')})`,
    );

    // sha256sum over the same plaintext: every file decrypted back to disk (also proves the round trip).
    const plainDir = mkdtempSync(path.join(dataDir, 'plain-'));
    const plainPaths: string[] = [];
    for (const stored of version.files) {
      const plainPath = path.join(plainDir, stored.name);
      const out = createWriteStream(plainPath);
      for await (const piece of (await datasets.openFile(version.id, stored.name)).body) {
        if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      out.end();
      await finished(out);
      plainPaths.push(plainPath);
    }
    started = performance.now();
    const sums = execFileSync('sha256sum', plainPaths, { encoding: 'utf8', maxBuffer: 1 << 20 })
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]);
    const sumMs = performance.now() - started;
    version.files.forEach((stored, i) => {
      if (sums[i] !== stored.sha256) throw new Error(`${stored.name}: sha256sum ${sums[i]} differs from the recorded ${stored.sha256}`);
    });
    console.log(
      `sha256sum over the same ${mb(bytes).toFixed(0)} MB (all files): ${(sumMs / 1000).toFixed(2)} s = ${rate(bytes, sumMs)} (digests match)`,
    );

    // The encryption and storage half alone: the same plaintext files read from disk, hashed,
    // encrypted and stored through the StoragePort, one after the other.
    const storage = app.get<StoragePort>(STORAGE_PORT);
    started = performance.now();
    for (const plainPath of plainPaths) {
      const hash = createHash('sha256');
      const hashed = async function* (): AsyncGenerator<Uint8Array> {
        for await (const piece of createReadStream(plainPath, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
          hash.update(piece);
          yield piece;
        }
      };
      await storage.add(encryptStream(hashed(), newDataKey()));
      hash.digest();
    }
    const storeMs = performance.now() - started;
    rmSync(plainDir, { recursive: true, force: true });

    const ratio = sumMs / exportMs;
    const storeRatio = sumMs / storeMs;
    console.log(
      `export step (read records, write ${version.files.length} formats, hash, encrypt, store) / sha256sum: ${ratio.toFixed(3)} (target >= ${TARGET_RATIO}) ` +
        `${ratio >= TARGET_RATIO ? 'PASS' : 'MISS'}`,
    );
    console.log(
      `hash + encrypt + store of the same files from disk: ${(storeMs / 1000).toFixed(2)} s = ${rate(bytes, storeMs)}; / sha256sum: ${storeRatio.toFixed(3)} ` +
        `(target >= ${TARGET_RATIO}) ${storeRatio >= TARGET_RATIO ? 'PASS' : 'MISS'}`,
    );
    console.log(`peak RSS ${peak.toFixed(0)} MB (target < ${TARGET_RSS_MB} MB) ${peak < TARGET_RSS_MB ? 'PASS' : 'MISS'}`);

    await profile(app.get(DatasetsRepository), app.get<StoragePort>(STORAGE_PORT), version.id);
  } finally {
    if (rssSampler) clearInterval(rssSampler);
    await tessera.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each stage of the export alone, over the first PROFILE_BYTES of the version's JSONL. */
async function profile(repository: DatasetsRepository, storage: StoragePort, versionId: number): Promise<void> {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  let bytes = 0;
  let started = performance.now();
  const records: DatasetRecord[] = [];
  for await (const record of repository.records(versionId)) {
    records.push(record);
    bytes += 1100;
    if (bytes >= PROFILE_BYTES) break;
  }
  const readMs = performance.now() - started;
  started = performance.now();
  bytes = 0;
  for (const record of records) {
    const piece = encoder.encode(JSON.stringify(record) + '\n');
    pieces.push(piece);
    bytes += piece.length;
  }
  const jsonMs = performance.now() - started;
  records.length = 0;
  started = performance.now();
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  hash.digest();
  const hashMs = performance.now() - started;
  started = performance.now();
  const key = newDataKey();
  const sealed: Uint8Array[] = [];
  for await (const chunk of encryptStream(pieces, key)) sealed.push(chunk);
  const encryptMs = performance.now() - started;
  started = performance.now();
  await storage.add(Readable.from(sealed) as AsyncIterable<Uint8Array>);
  const storeMs = performance.now() - started;
  console.log(
    `profile over ${mb(bytes).toFixed(0)} MB (${pieces.length.toLocaleString('en-US')} records): ` +
      `read from PostgreSQL ${rate(bytes, readMs)}, JSON ${rate(bytes, jsonMs)}, sha256 ${rate(bytes, hashMs)}, ` +
      `AES-256-GCM ${rate(bytes, encryptMs)}, blockstore add ${rate(bytes, storeMs)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
