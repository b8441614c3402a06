import { tableFromIPC } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { readParquet } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import type { DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';
import { recordColumns } from './columns.js';
import { CLASSIFICATION, FIXTURES, writeAll, META } from './dataset-records.fixture.js';
import { parquetSchema, parquetWriter } from './parquet.writer.js';

/**
 * The file hyparquet-writer writes for the records with its own Snappy compressor and no other
 * option but ours: the reference for what our encoder, which brings its own compressor, stores.
 */
function libraryFile(records: readonly DatasetRecord[], schema: DatasetSchema, groupRows: number): Buffer {
  const columns = recordColumns(schema);
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({ writer, schema: parquetSchema(columns), createdBy: 'tessera' });
  for (let start = 0; start < records.length; start += groupRows) {
    const group = records.slice(start, start + groupRows);
    const columnData = columns.map((column) => ({
      name: column.name,
      data: group.map((record) => {
        const value = column.value(record) ?? null;
        return column.type === 'json' && value !== null ? JSON.stringify(value) : value;
      }),
    }));
    void parquet.write({ columnData, rowGroupSize: group.length });
  }
  void parquet.finish();
  return Buffer.from(writer.getBytes());
}

function arrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

describe('Parquet export', () => {
  it('reads back with hyparquet to the values of every record, nested answers as JSON text', async () => {
    for (const { schema, records } of Object.values(FIXTURES)) {
      const file = arrayBuffer(await writeAll(parquetWriter, records, schema));
      const rows = await parquetReadObjects({ file });
      const columns = recordColumns(schema);
      expect(rows).toHaveLength(records.length);
      for (const [i, record] of records.entries()) {
        expect(Object.keys(rows[i]!)).toEqual(columns.map((column) => column.name));
        for (const column of columns) {
          const stored = rows[i]![column.name];
          const value = column.value(record);
          const expected = column.type === 'json' && value !== null ? JSON.stringify(value) : value;
          expect(stored, `${record.id} ${column.name}`).toEqual(expected);
        }
      }
    }
  });

  it('declares the types Hugging Face datasets loads: strings, doubles, booleans, int32, nullable where values may be missing', async () => {
    const file = arrayBuffer(await writeAll(parquetWriter, CLASSIFICATION.records, CLASSIFICATION.schema));
    const metadata = parquetMetadata(file);
    const types = Object.fromEntries(
      metadata.schema.slice(1).map((element) => [element.name, [element.type, element.converted_type ?? null, element.repetition_type]]),
    );
    expect(types).toEqual({
      id: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      split: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      text: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      score: ['DOUBLE', null, 'OPTIONAL'],
      verified: ['BOOLEAN', null, 'OPTIONAL'],
      lang: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      data_label: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      opened: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      label: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      confidence: ['DOUBLE', null, 'REQUIRED'],
      source: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      method: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      annotation_count: ['INT32', null, 'REQUIRED'],
    });
    const rows = await parquetReadObjects({ file });
    expect(rows[1]).toMatchObject({ score: 3.25, verified: false, method: null });
    expect(rows[2]).toMatchObject({ score: null, verified: null, annotation_count: 0 });
  });

  it('reads with Apache Arrow (arrow-rs through parquet-wasm) to the Arrow types Hugging Face datasets maps to string, float64, bool, int32', async () => {
    for (const { schema, records } of Object.values(FIXTURES)) {
      const bytes = await writeAll(parquetWriter, records, schema);
      const table = tableFromIPC(readParquet(new Uint8Array(bytes)).intoIPCStream());
      const columns = recordColumns(schema);
      const arrowType = { string: 'Utf8', json: 'Utf8', double: 'Float64', boolean: 'Bool', int: 'Int32' } as const;
      expect(table.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual(
        columns.map((column) => [column.name, arrowType[column.type], !column.required]),
      );
      const rows = table.toArray().map((row: { toJSON(): Record<string, unknown> }) => row.toJSON());
      for (const [i, record] of records.entries()) {
        for (const column of columns) {
          const value = column.value(record);
          expect(rows[i]![column.name], `${record.id} ${column.name}`).toEqual(
            column.type === 'json' && value !== null ? JSON.stringify(value) : value,
          );
        }
      }
    }
  });

  it('yields a row group as soon as it is full, and the groups read back in order', async () => {
    const base = CLASSIFICATION.records[0]!;
    const records: DatasetRecord[] = Array.from({ length: 25_000 }, (_, i) => ({ ...base, id: `r${i}`, data: { ...base.data, score: i } }));
    const chunks: Buffer[] = [];
    let consumed = 0;
    let consumedWhenFirstChunk = -1;
    const counting = async function* () {
      for (const record of records) {
        consumed += 1;
        yield await Promise.resolve(record);
      }
    };
    for await (const chunk of parquetWriter.write(counting, CLASSIFICATION.schema, META)) {
      if (consumedWhenFirstChunk < 0) consumedWhenFirstChunk = consumed;
      chunks.push(Buffer.from(chunk));
    }
    // The header and first row group come out once 10,000 rows are read.
    expect(consumedWhenFirstChunk).toBe(10_000);
    expect(consumedWhenFirstChunk).toBeLessThan(records.length);
    const file = arrayBuffer(Buffer.concat(chunks));
    const metadata = parquetMetadata(file);
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([10_000, 10_000, 5_000]);
    const rows = await parquetReadObjects({ file, columns: ['id', 'score'] });
    expect(rows.map((row) => row['score'])).toEqual(records.map((_, i) => i));
    expect(rows[24_999]).toEqual({ id: 'r24999', score: 24_999 });
  });

  it('stores what hyparquet-writer stores with its own Snappy compressor, for every project type and over several row groups', async () => {
    /** Every row and the layout (row groups, their rows, columns and codecs) of a file, as hyparquet reads it. */
    const contents = async (bytes: Buffer) => {
      const file = arrayBuffer(bytes);
      const metadata = parquetMetadata(file);
      return {
        rows: await parquetReadObjects({ file }),
        groups: metadata.row_groups.map((group) => ({
          rows: Number(group.num_rows),
          columns: group.columns.map((chunk) => [
            chunk.meta_data?.path_in_schema.join('.'),
            chunk.meta_data?.codec,
            chunk.meta_data?.encodings,
          ]),
        })),
      };
    };
    for (const { schema, records } of Object.values(FIXTURES)) {
      const ours = await writeAll(parquetWriter, records, schema);
      expect(await contents(ours), schema.projectType).toEqual(await contents(libraryFile(records, schema, 10_000)));
    }
    const base = CLASSIFICATION.records[0]!;
    const words = ['alpha', 'beta', 'ünï', '😀', 'a "quoted", text\n'];
    const records: DatasetRecord[] = Array.from({ length: 23_456 }, (_, i) => ({
      ...base,
      id: `r${i}`,
      split: i % 7 === 0 ? 'test' : 'train',
      data: {
        ...base.data,
        score: i % 13 === 0 ? null : i / 7,
        text: Array.from({ length: 1 + (i % 40) }, (_, k) => words[(i * k) % 5]).join(' '),
      },
    }));
    const ours = await contents(await writeAll(parquetWriter, records, CLASSIFICATION.schema));
    expect(ours.groups.map((group) => group.rows)).toEqual([10_000, 10_000, 3_456]);
    expect(ours).toEqual(await contents(libraryFile(records, CLASSIFICATION.schema, 10_000)));
  });

  it('writes a readable file with no rows for an empty version', async () => {
    const file = arrayBuffer(await writeAll(parquetWriter, [], CLASSIFICATION.schema));
    expect(Number(parquetMetadata(file).num_rows)).toBe(0);
    expect(await parquetReadObjects({ file })).toEqual([]);
  });
});
