import type { DatasetRecord } from '../domain/dataset-record.js';

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
