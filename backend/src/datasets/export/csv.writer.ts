import type { DatasetSchema } from '../domain/dataset-record.js';
import { encodedPages, textEncoder } from './chunks.js';
import { recordColumns, type RecordColumn } from './columns.js';
import type { ExportWriter, PageEncoder, RecordSource } from './export-writer.js';
import type { PageBytes } from './page-buffers.js';

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
  encoder: (schema: DatasetSchema, _meta, out?: PageBytes) => csvEncoder(recordColumns(schema), out),
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

/** Characters that make a cell quoted: the separator, the quote and line breaks (RFC 4180). */
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * A cell as it stands in a row: as it is, or in quotes with its quotes doubled. The bytes are those
 * csv-stringify writes with its defaults (csv.writer.spec.ts compares them), without its per-cell
 * option handling, which cost more than the rest of the CSV.
 */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvEncoder(columns: RecordColumn[], out?: PageBytes): PageEncoder {
  const last = columns.length - 1;
  return textEncoder(
    {
      head: columns.map((column) => csvField(column.name)).join(',') + '\n',
      page(records, write) {
        for (const record of records) {
          let row = '';
          for (let i = 0; i <= last; i++) {
            const column = columns[i]!;
            row += csvField(csvCell(column, column.value(record)));
            row += i === last ? '\n' : ',';
          }
          write(row);
        }
      },
    },
    out,
  );
}
