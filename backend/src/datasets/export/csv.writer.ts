import { stringify } from 'csv-stringify/sync';
import type { DatasetSchema } from '../domain/dataset-record.js';
import { encodedPages, textEncoder } from './chunks.js';
import { recordColumns, type RecordColumn } from './columns.js';
import type { ExportWriter, PageEncoder, RecordSource } from './export-writer.js';

/**
 * RFC 4180 CSV (comma, `"` quoting where needed, CRLF-free `\n` rows, a header row) with the columns
 * of columns.ts. Cells: numbers in JavaScript's shortest round-trip form, booleans `true`/`false`,
 * nested answers (labels, spans, boxes) as JSON text, missing values empty. Values are written as
 * they are: a cell starting with `=` is not escaped for spreadsheets (that would change the data).
 */
export const csvWriter: ExportWriter = {
  file: { name: 'data.csv', format: 'csv', mediaType: 'text/csv' },
  write(records: RecordSource, schema: DatasetSchema) {
    return encodedPages(csvEncoder(recordColumns(schema)), records);
  },
  encoder: (schema: DatasetSchema) => csvEncoder(recordColumns(schema)),
};

/** A column's value as its CSV cell text. */
export function csvCell(column: RecordColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'json':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'double':
    case 'int':
      return typeof value === 'number' ? String(value) : '';
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    default: {
      const unreachable: never = column.type;
      return unreachable;
    }
  }
}

function csvEncoder(columns: RecordColumn[]): PageEncoder {
  return textEncoder({
    head: stringify([columns.map((column) => column.name)]),
    page: (records) => stringify(records.map((record) => columns.map((column) => csvCell(column, column.value(record))))),
  });
}
