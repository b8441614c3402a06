import type { DatasetRecord } from '../domain/dataset-record.js';
import type { PageEncoder, RecordSource } from './export-writer.js';
import { newPageBytes, type PageBytes } from './page-buffers.js';

/**
 * Text formats build their output as many small strings; encoding and yielding each one costs more
 * than the work itself, and one string per version would hold it all. 64 KiB chunks sit between: a
 * few allocations per thousand records, and a consumer (hash, cipher, store) gets blocks of the
 * size it works in anyway.
 */
const CHUNK_CHARS = 64 * 1024;

/**
 * Text to UTF-8 bytes: Buffer.from measured about twice as fast as TextEncoder.encode on strings of a
 * megabyte (Node 20), with the same bytes (lone surrogates become U+FFFD in both).
 */
export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** UTF-8 chunks of about CHUNK_CHARS characters, in order, from the pieces of a text. */
export async function* textChunks(pieces: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  let parts: string[] = [];
  let size = 0;
  for await (const piece of pieces) {
    parts.push(piece);
    size += piece.length;
    if (size >= CHUNK_CHARS) {
      yield utf8(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield utf8(parts.join(''));
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
 * Where a text format writes a page: each string goes straight into one buffer kept across pages,
 * and the page's bytes are copied out once. Joining a page's strings first (a rope of thousands of
 * pieces) and encoding the joined text cost several times more than the copy: V8 flattens the rope
 * into a new string before it can encode it.
 */
class Utf8Page {
  constructor(private readonly out: PageBytes) {}

  private buffer = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  /** Appends `text` as UTF-8 (lone surrogates as U+FFFD, as TextEncoder writes them). */
  readonly write = (text: string): void => {
    // A UTF-16 code unit takes at most 3 bytes, so the text always fits whole.
    const needed = this.length + text.length * 3;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
  };

  /** The bytes written since the last take, copied into one buffer from `out` (none if nothing was written). */
  take(): Uint8Array[] {
    if (this.length === 0) return [];
    const bytes = this.out(this.length);
    this.buffer.copy(bytes, 0, 0, this.length);
    this.length = 0;
    return [bytes];
  }
}

/**
 * A text format as a page encoder: `head` before the first record, each page's text (handed to
 * `write` a string at a time) as one UTF-8 piece, `tail` at the end.
 */
export function textEncoder(
  text: {
    head?: string;
    page(records: readonly DatasetRecord[], write: (text: string) => void): void;
    tail?: string;
  },
  bytes: PageBytes = newPageBytes,
): PageEncoder {
  const out = new Utf8Page(bytes);
  if (text.head) out.write(text.head);
  return {
    page(records) {
      text.page(records, out.write);
      return out.take();
    },
    end() {
      if (text.tail) out.write(text.tail);
      return out.take();
    },
  };
}
