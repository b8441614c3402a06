import type { DatasetMeta, DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';

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
 * Writes one export format as a stream of bytes, holding at most a bounded batch of records in
 * memory whatever the version's size.
 */
export interface ExportWriter {
  readonly file: ExportFileSpec;
  write(records: RecordSource, schema: DatasetSchema, meta: DatasetMeta): AsyncIterable<Uint8Array>;
}
