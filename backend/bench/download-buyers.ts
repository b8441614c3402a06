/**
 * The buyers' side of download-bench.ts: its worker thread runs this module alone, so that the
 * buyers' thread holds only an HTTP client (as another machine would), not a second copy of the
 * platform's modules.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'undici';

/** GETs `url` (optionally from byte `from`), counting the bytes (hashing them when `hash`), stopping after `cutAfter` bytes. */
export async function download(
  dispatcher: Agent,
  url: string,
  options: { from?: number; hash?: boolean; cutAfter?: number } = {},
): Promise<{ status: number; bytes: number; sha256: string; head: Buffer[] }> {
  const response = await request(url, {
    dispatcher,
    headers: options.from !== undefined ? { range: `bytes=${options.from}-` } : {},
  });
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response.body) {
    const piece = chunk as Buffer;
    if (options.cutAfter !== undefined && bytes + piece.length >= options.cutAfter) {
      head.push(piece.subarray(0, options.cutAfter - bytes));
      bytes = options.cutAfter;
      response.body.destroy();
      break;
    }
    if (options.cutAfter !== undefined) head.push(piece);
    if (options.hash) hash.update(piece);
    bytes += piece.length;
  }
  return { status: response.statusCode, bytes, sha256: options.hash ? hash.digest('hex') : '', head };
}

/** The worker thread: the buyers' side. */
async function buyers(urls: readonly string[]): Promise<void> {
  const dispatcher = new Agent({ connections: urls.length, bodyTimeout: 600_000, headersTimeout: 60_000 });
  const started = performance.now();
  const results = await Promise.all(urls.map((url) => download(dispatcher, url).then(({ status, bytes }) => ({ status, bytes }))));
  parentPort!.postMessage({ ms: performance.now() - started, results });
  await dispatcher.close();
}

if (!isMainThread) void buyers((workerData as { urls: string[] }).urls);
