import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { recordColumns } from './columns.js';
import { csvCell, csvWriter } from './csv.writer.js';
import { CLASSIFICATION, FIXTURES, MULTILABEL, writeAll } from './dataset-records.fixture.js';

/** A CSV cell read back into the column's type, as a loader would with the Croissant types. */
function readCell(type: string, cell: string): unknown {
  if (cell === '') return null;
  switch (type) {
    case 'double':
    case 'int':
      return Number(cell);
    case 'boolean':
      return cell === 'true';
    case 'json':
      return JSON.parse(cell);
    default:
      return cell;
  }
}

describe('CSV export', () => {
  it('reads back with csv-parse to the columns and values of every record, for every project type', async () => {
    for (const { schema, records } of Object.values(FIXTURES)) {
      const text = (await writeAll(csvWriter, records, schema)).toString('utf8');
      const rows = parse<Record<string, string>>(text, { columns: true, relax_quotes: false });
      const columns = recordColumns(schema);
      expect(Object.keys(rows[0]!)).toEqual(columns.map((column) => column.name));
      expect(rows).toHaveLength(records.length);
      for (const [i, record] of records.entries()) {
        for (const column of columns) {
          const expected = column.value(record);
          expect(readCell(column.type, rows[i]![column.name]!), `${record.id} ${column.name}`).toEqual(expected === '' ? null : expected);
        }
      }
    }
  });

  it('quotes separators, quotes and line breaks, and types the values as the schema infers them', async () => {
    const rows = parse<Record<string, string>>(
      (await writeAll(csvWriter, CLASSIFICATION.records, CLASSIFICATION.schema)).toString('utf8'),
      { columns: true },
    );
    expect(rows[0]).toMatchObject({ text: 'Charged twice, "urgent", please', score: '4.5', verified: 'true', data_label: 'old' });
    // Text-imported numbers and booleans are converted; a value that is not a number is an empty cell.
    expect(rows[1]).toMatchObject({ text: 'App crashes\non start\r\nagain', score: '3.25', verified: 'false', method: '' });
    expect(rows[2]).toMatchObject({ text: '=SUM(A1) ünïcödé 😀, ok', score: '', verified: '', label: 'other', annotation_count: '0' });
  });

  it('writes multilabel answers as JSON arrays, unambiguous whatever the label names hold', async () => {
    const rows = parse<Record<string, string>>((await writeAll(csvWriter, MULTILABEL.records, MULTILABEL.schema)).toString('utf8'), {
      columns: true,
    });
    expect(rows.map((row) => JSON.parse(row['labels']!) as unknown)).toEqual([['a|b', 'with, comma'], []]);
  });

  it('writes the header alone for an empty version', async () => {
    const text = (await writeAll(csvWriter, [], CLASSIFICATION.schema)).toString('utf8');
    expect(text).toBe('id,split,text,score,verified,lang,data_label,opened,label,confidence,source,method,annotation_count\n');
  });

  it('writes the bytes csv-stringify writes with its defaults, for every project type', async () => {
    for (const { schema, records } of Object.values(FIXTURES)) {
      const columns = recordColumns(schema);
      const expected = stringify([
        columns.map((column) => column.name),
        ...records.map((record) => columns.map((column) => csvCell(column, column.value(record)))),
      ]);
      expect((await writeAll(csvWriter, records, schema)).toString('utf8')).toBe(expected);
    }
  });
});
