import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * What this process counts as it works: one set per process (the module is loaded once), summed
 * across processes by whoever scrapes them. Call sites elsewhere in the code base are one line each
 * (`labelsSubmitted.inc()`, `countedDownload(...)`); the figures read from the database at scrape
 * time are each application's own (metrics.service.ts).
 */
export const processRegistry = new Registry();

let defaultsCollected = false;

/** Node's own figures (CPU, memory, event loop lag, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: processRegistry });
}

export const httpRequestDuration = new Histogram({
  name: 'tessera_http_request_duration_seconds',
  help: 'Time from request to response, by route pattern (never the raw URL), method and status class',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10, 30],
  registers: [processRegistry],
});

export const labelsSubmitted = new Counter({
  name: 'tessera_labels_submitted_total',
  help: 'Labels recorded (a retried submit of the same label counts once); rate() gives labels per second',
  registers: [processRegistry],
});

export const downloadBytes = new Counter({
  name: 'tessera_download_bytes_total',
  help: 'Plaintext bytes sent to downloaders, by route: provider (buyers through the Ocean provider endpoint) or dataset (admins)',
  labelNames: ['route'] as const,
  registers: [processRegistry],
});

export const jobDuration = new Histogram({
  name: 'tessera_job_duration_seconds',
  help: 'Time a background job ran, by queue and outcome (completed, or failed and retried)',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  registers: [processRegistry],
});

/** Passes `body` through, counting a piece once the downloader has taken it and asks for more (or for the end). */
export async function* countedDownload(body: AsyncIterable<Uint8Array>, route: 'provider' | 'dataset'): AsyncGenerator<Uint8Array> {
  const counter = downloadBytes.labels(route);
  for await (const piece of body) {
    yield piece;
    counter.inc(piece.byteLength);
  }
}
