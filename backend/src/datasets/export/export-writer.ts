import type { DatasetMeta, DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';
import type { PageBytes } from './page-buffers.js';

/** One file of a version, as listed in its `files`. */
export interface ExportFileSpec {
  /** File name within the version, e.g. `data.jsonl`. */
  name: string;
  /** Short format name shown to users: jsonl, csv, parquet, coco, conll, label-studio, croissant. */
  format: string;
  /** IANA media type (Croissant's `encodingFormat`). */
  mediaType: string;
}

/** Reads the version's records from the start, in order; may be called more than once (a format that needs two passes). */
export type RecordSource = () => AsyncIterable<DatasetRecord>;

/**
 * A single-pass format written a page of records at a time, synchronously: each call answers the
 * bytes that follow those answered before. One read of the records then feeds every format page by
 * page, without an async step per record and format.
 */
export interface PageEncoder {
  page(records: readonly DatasetRecord[]): Uint8Array[];
  /** The bytes after the last record (and before it, for a version without records). */
  end(): Uint8Array[];
}

/**
 * Writes one export format as a stream of bytes, holding at most a bounded batch of records in
 * memory whatever the version's size.
 */
export interface ExportWriter {
  readonly file: ExportFileSpec;
  write(records: RecordSource, schema: DatasetSchema, meta: DatasetMeta): AsyncIterable<Uint8Array>;
  /**
   * The same bytes as `write`, page by page: every format but those that read the records twice
   * (COCO). Each page's bytes go into buffers from `out` (default: new ones).
   */
  encoder?(schema: DatasetSchema, meta: DatasetMeta, out?: PageBytes): PageEncoder;
}
