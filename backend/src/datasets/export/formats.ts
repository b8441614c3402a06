import type { DatasetSchema } from '../domain/dataset-record.js';
import { cocoWriter } from './coco.writer.js';
import { conllWriter } from './conll.writer.js';
import { csvWriter } from './csv.writer.js';
import type { ExportWriter } from './export-writer.js';
import { jsonlWriter } from './jsonl.writer.js';
import { labelStudioWriter } from './label-studio.writer.js';
import { parquetWriter } from './parquet.writer.js';

/**
 * The files every version of this shape gets, in the order they are built (Croissant's metadata,
 * `croissantMetadata` in croissant.ts, comes after them: it lists their hashes). COCO reads the
 * records twice (images, then annotations); the others once.
 */
export function exportWriters(schema: DatasetSchema): ExportWriter[] {
  return [
    jsonlWriter,
    csvWriter,
    parquetWriter,
    ...(schema.projectType === 'boxes' ? [cocoWriter] : []),
    ...(schema.projectType === 'spans' ? [conllWriter] : []),
    labelStudioWriter,
  ];
}
