/**
 * The build's two passes over a version's records, run on a worker thread (started by
 * build-thread.ts) with a connection of its own: `describe` (the datasheet and the fields' types)
 * and `export` (every paged format's bytes, page by page, handed to the main thread, which hashes,
 * encrypts and stores them).
 *
 * Why a thread: the records and the formats' text are garbage within a page or two, but enough of
 * them outlives a scavenge to be promoted, and V8 lets an old generation grow to several times its
 * live size before collecting it. On the main thread that multiple applies to everything the
 * application holds, and a 1 GB build took the process from 180 MB to 400 MB; here the thread's
 * heap is capped (resourceLimits), so its old generation is collected within the cap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { DatasetMeta, DatasetRecord, DatasetSchema } from './domain/dataset-record.js';
import { DatasheetBuilder, type DatasheetContext } from './domain/datasheet.js';
import { FieldTypeInference } from './domain/field-types.js';
import type { PageEncoder } from './export/export-writer.js';
import { exportWriters } from './export/formats.js';
import { PageBufferPool } from './export/page-buffers.js';
import { curatedRecordPages, syntheticRecordPages, type RowsQuery } from './record-pages.js';
import type { BuildThreadMessage, BuildThreadTask, EncodedFile, ToBuildThread } from './build-thread.js';

/**
 * Pages the thread may have handed over that the main thread has not stored yet. One: the next
 * page is read and encoded while the main thread stores the last, and then waits for it.
 */
const PAGES_IN_FLIGHT = 1;

const port = parentPort!;
const post = (message: BuildThreadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function main(task: BuildThreadTask): Promise<void> {
  const client = new pg.Client({ connectionString: task.connectionUrl, application_name: 'tessera-dataset-build' });
  await client.connect();
  try {
    const query: RowsQuery = async <T>(text: string, params: unknown[]) => (await client.query(text, params)).rows as T[];
    const pages = task.synthetic ? syntheticRecordPages(query, task.versionId) : curatedRecordPages(query, task.versionId);
    if (task.kind === 'describe') await describe(pages, task.projectType, task.context);
    else await encode(pages, task.schema, task.meta, task.positions);
  } finally {
    await client.end();
  }
}

async function describe(
  pages: AsyncIterable<DatasetRecord[]>,
  projectType: DatasheetContext['projectType'],
  context: Omit<DatasheetContext, 'trust'> & { trust: Array<[number, number]> },
): Promise<void> {
  const sheet = new DatasheetBuilder(projectType);
  const fields = new FieldTypeInference();
  for await (const page of pages) {
    for (const record of page) {
      sheet.add(record);
      fields.add(record.data);
    }
    post({ type: 'progress', records: page.length });
  }
  post({ type: 'described', fields: fields.result(), datasheet: sheet.finish({ ...context, trust: new Map(context.trust) }) });
}

async function encode(pages: AsyncIterable<DatasetRecord[]>, schema: DatasetSchema, meta: DatasetMeta, positions: number[]): Promise<void> {
  const writers = exportWriters(schema);
  const buffers = new PageBufferPool();
  const encoders = new Map<number, PageEncoder>();
  for (const position of positions) {
    const writer = writers[position];
    if (!writer?.encoder) throw new Error(`format ${position} has no page encoder`);
    encoders.set(position, writer.encoder(schema, meta, buffers.bytes));
  }
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', (message: ToBuildThread) => {
    if (message.type === 'buffer') return buffers.give(message.buffer);
    inFlight--;
    wake?.();
  });
  const hand = async (records: number, encodeAll: (encoder: PageEncoder) => Uint8Array[]) => {
    const files: EncodedFile[] = [];
    const transfer = new Set<ArrayBuffer>();
    for (const [position, encoder] of encoders) {
      try {
        const pieces = encodeAll(encoder);
        for (const piece of pieces) {
          // Only a buffer the piece has to itself moves (the pool's, or one of its exact size); a view into a shared one is copied.
          if (piece.byteOffset === 0 && (buffers.owns(piece.buffer) || piece.byteLength === piece.buffer.byteLength)) {
            transfer.add(piece.buffer as ArrayBuffer);
          }
        }
        files.push({ position, pieces });
      } catch (error) {
        // This format fails alone: the others go on.
        encoders.delete(position);
        files.push({ position, error: error instanceof Error ? error.message : String(error) });
      }
    }
    while (inFlight >= PAGES_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    inFlight++;
    post({ type: 'page', records, files }, [...transfer]);
  };
  for await (const page of pages) await hand(page.length, (encoder) => encoder.page(page));
  await hand(0, (encoder) => encoder.end());
  while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
}

main(workerData as BuildThreadTask).then(
  () => post({ type: 'done' }),
  (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
