/** The API bench's import: one streamed JSONL request of BENCH_ITEMS items, timed, with the CPU it took. */
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { Pool as HttpPool } from 'undici';
import { cpuShare, cpuSnapshot, type CpuShare } from '../support/cpu.js';
import { parse } from '../support/http.js';
import type { BenchServer } from '../support/server.js';
import { ITEMS, TARGET_IMPORT_SECONDS } from './settings.js';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike'];

/** JSONL lines generated while the request streams, 1000 lines a chunk. */
function* jsonlBody(count: number): Generator<Buffer> {
  const perChunk = 1000;
  for (let start = 0; start < count; start += perChunk) {
    let chunk = '';
    for (let n = start; n < Math.min(count, start + perChunk); n++) {
      const text = `Item ${n}: ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} ${WORDS[(n * 11) % WORDS.length]} - is this a cat, a dog or a bird?`;
      chunk += `${JSON.stringify({ externalId: `b-${n}`, data: { text } })}\n`;
    }
    yield Buffer.from(chunk, 'utf8');
  }
}

export interface ImportResult {
  items: number;
  seconds: number;
  itemsPerSecond: number;
  bodyBytes: number;
  status: number;
  response: { imported: number; duplicates: number; rejectedCount: number };
  ok: boolean;
  pass: boolean;
  cpu: CpuShare;
}

export async function runImport(http: HttpPool, server: BenchServer, token: string, projectId: number): Promise<ImportResult> {
  let bodyBytes = 0;
  const counted = (function* () {
    for (const chunk of jsonlBody(ITEMS)) {
      bodyBytes += chunk.length;
      yield chunk;
    }
  })();
  const cpuBefore = cpuSnapshot(server.child.pid);
  const started = performance.now();
  const res = await http.request({
    path: `/api/projects/${projectId}/items`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: Readable.from(counted),
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
  });
  const text = await res.body.text();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuShare(cpuBefore, cpuSnapshot(server.child.pid), server.embedded);
  // The route is documented (OpenAPI) as 200 but Nest answers a POST with 201 unless told otherwise.
  const response = parse<{ imported: number; duplicates: number; rejectedCount: number }>(
    { status: res.statusCode, text },
    'POST /api/projects/:id/items',
    [200, 201],
  );
  const ok = response.imported === ITEMS && response.duplicates === 0 && response.rejectedCount === 0;
  return {
    items: ITEMS,
    seconds,
    itemsPerSecond: response.imported / seconds,
    bodyBytes,
    status: res.statusCode,
    response: { imported: response.imported, duplicates: response.duplicates, rejectedCount: response.rejectedCount },
    ok,
    pass: ok && seconds < TARGET_IMPORT_SECONDS,
    cpu,
  };
}
