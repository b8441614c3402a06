/**
 * Provider download benchmark, run by `npm run bench` (compiled: node dist/backend/bench/download-bench.js):
 * the real platform over HTTP on a fresh embedded PostgreSQL (or DATABASE_URL), the embedded chain
 * with Ocean's contracts and the embedded blockstore. A ready dataset version gets one more file of
 * BENCH_DOWNLOAD_MB (default 1024) pseudo-random bytes, encrypted with the version's key into the
 * store as the export step stores its files (set up directly: building 1 GB of records would take
 * minutes and is dataset-bench's subject); the version is then published by the real job, ordered on
 * chain (buyFromDispenserAndOrder) and downloaded through GET /api/services/download, every check
 * included, decrypting as it streams.
 *
 * Throughput is reported as a ratio of reading the same plaintext file from disk in this process (a
 * Node read stream, same run), for 1 buyer and for 20 concurrent buyers (aggregate), target >= 0.5
 * each; then a download cut after a third is resumed with Range and must end with the exact bytes.
 * The buyers run in a worker thread (as on another machine, their HTTP parsing is not the server's
 * event loop's work) that loads only their own module (download-buyers.ts): not the platform, whose
 * heap the worker's garbage collector would otherwise mark over and over while the server runs.
 */
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Wallet } from 'ethers';
import { Agent, request } from 'undici';
import { loadConfig } from '../src/config/app-config.js';
import { sqlRows } from '../src/database/sql.js';
import { DatasetsRepository } from '../src/datasets/datasets.repository.js';
import { DatasetsService } from '../src/datasets/datasets.service.js';
import { encryptStream } from '../src/datasets/encryption/chunked-cipher.js';
import { unwrapKey } from '../src/datasets/encryption/key-wrap.js';
import { createTessera } from '../src/platform.js';
import { STORAGE_PORT, type StoragePort } from '../src/storage/storage.port.js';
import { freePort } from '../test/support/free-port.js';
import { devAccount, downloadUrl, orderFree, publishDataset, readyDataset, rpcOf } from '../test/support/published-dataset.js';
import { download } from './download-buyers.js';

const SIZE_MB = Number(process.env['BENCH_DOWNLOAD_MB'] ?? 1024);
const BUYERS = Number(process.env['BENCH_DOWNLOAD_BUYERS'] ?? 20);
const TARGET_RATIO = 0.5;
const FILE_NAME = 'bench.bin';

const mb = (bytes: number) => bytes / 1_048_576;
const rate = (bytes: number, ms: number) => `${(mb(bytes) / (ms / 1000)).toFixed(0)} MB/s`;

/** Writes `bytes` pseudo-random bytes to `file`; answers their sha256. */
async function writePlaintext(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  const block = randomBytes(1_048_576);
  for (let written = 0; written < bytes;) {
    // Each MiB differs (its first 16 bytes are fresh), so no two blocks of the store are the same.
    randomBytes(16).copy(block);
    const piece = block.subarray(0, Math.min(block.length, bytes - written));
    hash.update(piece);
    if (!out.write(Buffer.from(piece))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += piece.length;
  }
  out.end();
  await finished(out);
  return hash.digest('hex');
}

/** Reads the file through a Node read stream, as the baseline: milliseconds. */
async function readFromDisk(file: string): Promise<number> {
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1_048_576 })) bytes += (chunk as Buffer).length;
  if (bytes === 0) throw new Error('empty plaintext');
  return performance.now() - started;
}

/** Downloads every URL at once from a worker thread: the wall time and each answer's status and byte count. */
function buyersDownload(urls: readonly string[]): Promise<{ ms: number; results: Array<{ status: number; bytes: number }> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(new URL('./download-buyers.js', import.meta.url)), { workerData: { urls } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-download-bench-'));
  chmodSync(dataDir, 0o755);
  const port = Number(process.env['PORT'] ?? (await freePort()));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    TESSERA_DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    EMBEDDED_PG_PORT: process.env['EMBEDDED_PG_PORT'] ?? String(await freePort()),
    CHAIN_PORT: process.env['CHAIN_PORT'] ?? '0',
    DEMO_DATA: 'false',
    AUTO_SUSPEND: 'false',
    DATABASE_URL: process.env['DATABASE_URL'],
  };
  const config = loadConfig(env, process.cwd());
  const tessera = await createTessera(config);
  await tessera.app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const chain = rpcOf(tessera);
  const dispatcher = new Agent({ connections: BUYERS + 4, bodyTimeout: 600_000, headersTimeout: 60_000 });
  try {
    const started = performance.now();
    const version = await readyDataset(tessera, 30);
    const size = SIZE_MB * 1_048_576;
    const plainPath = path.join(dataDir, FILE_NAME);
    const sha256 = await writePlaintext(plainPath, size);
    // The version's file: encrypted with its key, in the store, listed with its plaintext size and digest.
    const stored = (await tessera.app.get(DatasetsRepository).findById(version.id))!;
    const key = unwrapKey(Buffer.from(config.datasetMasterKey, 'hex'), version.id, stored.wrappedKey);
    const added = await tessera.app
      .get<StoragePort>(STORAGE_PORT)
      .add(encryptStream(createReadStream(plainPath, { highWaterMark: 1_048_576 }) as AsyncIterable<Uint8Array>, key));
    await sqlRows(
      tessera.dataSource,
      `INSERT INTO dataset_files (version_id, name, position, format, media_type, bytes, sha256, cid, encrypted_bytes)
       SELECT $1, $2, coalesce(max(position), -1) + 1, 'binary', 'application/octet-stream', $3, $4, $5, $6 FROM dataset_files WHERE version_id = $1`,
      [version.id, FILE_NAME, size, sha256, added.cid, added.size],
    );
    const dataset = await publishDataset(tessera, version.id, { free: true });
    const did = dataset.publication!.did!;
    const fileIndex = dataset.files.findIndex((file) => file.name === FILE_NAME);
    console.log(
      `set up a published version with a ${SIZE_MB} MB file (${dataset.files.length} files) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${did}`,
    );

    // Orders: one payer, one consumer each (OrderStarted names the consumer, who signs the download).
    const payer = devAccount(6, chain);
    const wallets = Array.from({ length: BUYERS + 1 }, () => Wallet.createRandom() as unknown as Wallet);
    const orders: string[] = [];
    for (const buyer of wallets) orders.push(await orderFree(baseUrl, payer, dataset, { consumer: buyer.address }));

    const diskMs = await readFromDisk(plainPath);
    console.log(`disk read of the plaintext (Node read stream): ${(diskMs / 1000).toFixed(2)} s = ${rate(size, diskMs)}`);

    // The same bytes decrypted from the store in this process, without HTTP: where the time goes.
    const decryptStarted = performance.now();
    let direct = 0;
    for await (const piece of (await tessera.app.get(DatasetsService).openFile(version.id, FILE_NAME)).body) direct += piece.length;
    const directMs = performance.now() - decryptStarted;
    console.log(`decrypting from the store, no HTTP: ${(directMs / 1000).toFixed(2)} s = ${rate(direct, directMs)}`);

    // One buyer.
    let url = await downloadUrl(baseUrl, wallets[0]!, { did, txId: orders[0]!, fileIndex });
    const {
      ms: oneMs,
      results: [one],
    } = await buyersDownload([url]);
    if (!one) throw new Error('1 buyer: no answer');
    if (one.status !== 200 || one.bytes !== size) throw new Error(`1 buyer: ${one.status}, ${one.bytes} bytes`);
    const oneRatio = diskMs / oneMs;
    console.log(
      `1 buyer: ${(oneMs / 1000).toFixed(2)} s = ${rate(size, oneMs)}; / disk read ${oneRatio.toFixed(3)} (target >= ${TARGET_RATIO}) ${oneRatio >= TARGET_RATIO ? 'PASS' : 'MISS'}`,
    );

    // BUYERS at once: aggregate throughput.
    const urls = await Promise.all(
      wallets.slice(1).map((buyer, i) => downloadUrl(baseUrl, buyer, { did, txId: orders[i + 1]!, fileIndex })),
    );
    const { ms: manyMs, results: many } = await buyersDownload(urls);
    for (const result of many)
      if (result.status !== 200 || result.bytes !== size) throw new Error(`${BUYERS} buyers: ${result.status}, ${result.bytes} bytes`);
    const manyRatio = diskMs / (manyMs / BUYERS);
    console.log(
      `${BUYERS} buyers at once: ${(manyMs / 1000).toFixed(2)} s for ${mb(size * BUYERS).toFixed(0)} MB = ${rate(size * BUYERS, manyMs)} aggregate; ` +
        `/ disk read ${manyRatio.toFixed(3)} (target >= ${TARGET_RATIO}) ${manyRatio >= TARGET_RATIO ? 'PASS' : 'MISS'}`,
    );

    // A download cut after a third, resumed with Range (a new signed request, as ocean.js would sign it).
    const cutAt = Math.floor(size / 3);
    url = await downloadUrl(baseUrl, wallets[0]!, { did, txId: orders[0]!, fileIndex });
    const cut = await download(dispatcher, url, { cutAfter: cutAt });
    url = await downloadUrl(baseUrl, wallets[0]!, { did, txId: orders[0]!, fileIndex });
    const hash = createHash('sha256');
    for (const piece of cut.head) hash.update(piece);
    const rest = await request(url, { dispatcher, headers: { range: `bytes=${cut.bytes}-` } });
    let restBytes = 0;
    for await (const chunk of rest.body) {
      hash.update(chunk as Buffer);
      restBytes += (chunk as Buffer).length;
    }
    const resumed = hash.digest('hex');
    const exact = rest.statusCode === 206 && cut.bytes + restBytes === size && resumed === sha256;
    console.log(
      `cut after ${mb(cut.bytes).toFixed(0)} MB, resumed with Range (${rest.statusCode}, ${mb(restBytes).toFixed(0)} MB more): ` +
        `${exact ? 'exact bytes (sha256 matches) PASS' : `MISS (sha256 ${resumed} vs ${sha256})`}`,
    );
    rmSync(plainPath, { force: true });
  } finally {
    await dispatcher.close();
    chain.destroy();
    await tessera.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
