import type { DatasetRecord } from '../domain/dataset-record.js';
import type { PageEncoder, RecordSource } from './export-writer.js';

/**
 * Text formats build their output as many small strings; encoding and yielding each one costs more
 * than the work itself, and one string per version would hold it all. 64 KiB chunks sit between: a
 * few allocations per thousand records, and a consumer (hash, cipher, store) gets blocks of the
 * size it works in anyway.
 */
const CHUNK_CHARS = 64 * 1024;

const encoder = new TextEncoder();

/** UTF-8 chunks of about CHUNK_CHARS characters, in order, from the pieces of a text. */
export async function* textChunks(pieces: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  let parts: string[] = [];
  let size = 0;
  for await (const piece of pieces) {
    parts.push(piece);
    size += piece.length;
    if (size >= CHUNK_CHARS) {
      yield encoder.encode(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield encoder.encode(parts.join(''));
}

/** The records in arrays of at most `size`, in order. */
export async function* batches(records: AsyncIterable<DatasetRecord>, size: number): AsyncGenerator<DatasetRecord[]> {
  let batch: DatasetRecord[] = [];
  for await (const record of records) {
    batch.push(record);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Records a page encoder takes at a time when a writer streams from a RecordSource. */
const ENCODER_PAGE = 1000;

/** A page encoder's bytes over a whole source: `write` for the formats that have one. */
export async function* encodedPages(encoder: PageEncoder, records: RecordSource): AsyncGenerator<Uint8Array> {
  for await (const page of batches(records(), ENCODER_PAGE)) yield* encoder.page(page);
  yield* encoder.end();
}

/**
 * A text format as a page encoder: `head` before the first record, each page's text as one UTF-8
 * piece, `tail` at the end.
 */
export function textEncoder(text: { head?: string; page(records: readonly DatasetRecord[]): string; tail?: string }): PageEncoder {
  let head = text.head ?? '';
  const encoded = (value: string): Uint8Array[] => {
    const all = head + value;
    head = '';
    return all === '' ? [] : [encoder.encode(all)];
  };
  return {
    page: (records) => encoded(text.page(records)),
    end: () => encoded(text.tail ?? ''),
  };
}
