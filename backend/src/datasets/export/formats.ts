import type { DatasetSchema } from '../domain/dataset-record.js';
import type { ExportWriter } from './export-writer.js';
import { jsonlWriter } from './jsonl.writer.js';

/** The files every version of this shape gets, in the order they are built (Croissant's metadata comes after them). */
export function exportWriters(schema: DatasetSchema): ExportWriter[] {
  void schema;
  return [jsonlWriter];
}
