import type { DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';
import { encodedPages, textEncoder } from './chunks.js';
import { answerKey, answerValue, dataColumnNames, recordColumns } from './columns.js';
import type { ExportWriter, PageEncoder, RecordSource } from './export-writer.js';
import type { PageBytes } from './page-buffers.js';

/**
 * One JSON object per line, flat for reading and for `datasets.load_dataset("json")`:
 *
 *   {"id", "item_id", "split", <data fields as imported>, <answer>, "confidence", "source", "method",
 *    "annotation_count", "annotations": [{"annotator_id", <answer key>: ..., "lead_time_ms", "created_at"}]}
 *
 * Keys are the columns of columns.ts, so a JSONL line, a CSV row and a Parquet row of the same record
 * agree; unlike them, data fields keep their imported values (no coercion to the inferred type), the
 * answer keeps its nested shape, and every annotator's label is there (the provenance of the answer).
 * Data keys that the schema does not list follow the listed fields.
 */
export const jsonlWriter: ExportWriter = {
  file: { name: 'data.jsonl', format: 'jsonl', mediaType: 'application/jsonlines' },
  write(records: RecordSource, schema: DatasetSchema) {
    return encodedPages(jsonlEncoder(schema), records);
  },
  encoder: (schema: DatasetSchema, _meta, out?: PageBytes) => jsonlEncoder(schema, out),
};

function jsonlEncoder(schema: DatasetSchema, out?: PageBytes): PageEncoder {
  const toObject = jsonlObject(schema);
  return textEncoder(
    {
      page(records, write) {
        for (const record of records) {
          write(JSON.stringify(toObject(record)));
          write('\n');
        }
      },
    },
    out,
  );
}

/** The JSONL object of a record, for a schema. */
export function jsonlObject(schema: DatasetSchema): (record: DatasetRecord) => Record<string, unknown> {
  const type = schema.projectType;
  const key = answerKey(type);
  const names = dataColumnNames(schema);
  const columns = recordColumns(schema);
  const tail = columns.slice(2 + schema.fields.length);
  const taken = new Set([...columns.map((column) => column.name), 'item_id', 'annotations']);
  return (record) => {
    const row: Record<string, unknown> = { id: record.id, item_id: record.itemId, split: record.split };
    for (const [field, column] of names) row[column] = record.data[field] ?? null;
    for (const [field, value] of Object.entries(record.data)) {
      if (names.has(field)) continue;
      let column = field;
      while (taken.has(column) || column in row) column = `data_${column}`;
      row[column] = value;
    }
    for (const column of tail) row[column.name] = column.value(record);
    row['annotations'] = record.annotations.map((annotation) => ({
      annotator_id: annotation.annotatorId,
      [key]: answerValue(type, annotation.result),
      lead_time_ms: annotation.leadTimeMs,
      created_at: annotation.createdAt,
    }));
    return row;
  };
}
