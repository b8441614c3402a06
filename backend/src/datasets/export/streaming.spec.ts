import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';
import { cocoWriter } from './coco.writer.js';
import { META } from './dataset-records.fixture.js';
import type { ExportWriter, RecordSource } from './export-writer.js';
import { exportWriters } from './formats.js';

/**
 * A million-record version must stream: each writer reads 200,000 generated records while the test
 * samples the heap after a full collection. A writer that kept what it has read (records, rows or
 * output) would grow by about the data's size between the first sample and the last; one that holds
 * a bounded batch stays flat. The bound, a quarter of the records' JSON size, sits far above one
 * batch (at most a Parquet row group: 10,000 rows, ~1/20 of the data here) and far below the ~9/10
 * of the data that passes between the first sample and the last.
 */
const RECORDS = 200_000;
/** Not a multiple of any writer's batch (1,000 CSV rows, 10,000 Parquet rows): samples land at every fill level. */
const SAMPLE_EVERY = 15_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const WORDS = ['annotator', 'Berlin', 'contract', 'delivery', 'Emma', 'failed', 'grant', 'Helsinki', 'invoice', 'Jakarta', 'kept', 'late'];

function sentence(i: number, length: number): string {
  const words: string[] = [];
  for (let k = 0; k < length; k += 1) words.push(WORDS[(i * 7 + k * 5) % WORDS.length]!);
  return words.join(' ');
}

const SPANS_SCHEMA: DatasetSchema = {
  projectType: 'spans',
  labels: ['PER', 'LOC', 'ORG'],
  fields: [
    { name: 'text', type: 'text' },
    { name: 'source_id', type: 'numeric' },
  ],
};

const BOXES_SCHEMA: DatasetSchema = {
  projectType: 'boxes',
  labels: ['car', 'person', 'bike'],
  fields: [
    { name: 'image', type: 'text' },
    { name: 'width', type: 'numeric' },
    { name: 'height', type: 'numeric' },
  ],
};

/** The i-th record, the same on every read (two-pass formats read twice). */
function spansRecord(i: number): DatasetRecord {
  const text = `${sentence(i, 30)}. ${sentence(i + 1, 30)}.`;
  const spans = [
    { start: 0, end: text.indexOf(' '), label: 'PER' },
    { start: text.indexOf(' ') + 1, end: text.indexOf(' ', text.indexOf(' ') + 1), label: 'LOC' },
  ];
  return {
    id: `item-${i}`,
    itemId: i,
    split: i % 10 < 8 ? 'train' : i % 10 < 9 ? 'validation' : 'test',
    data: { text, source_id: i },
    media: null,
    answer: { spans },
    confidence: (i % 100) / 100,
    source: 'inferred',
    method: 'ds@2',
    annotations: [1, 2, 3].map((a) => ({
      id: i * 3 + a,
      annotatorId: a,
      result: { spans },
      leadTimeMs: 2000 + a,
      createdAt: '2026-11-01T00:00:00.000Z',
    })),
  };
}

function boxesRecord(i: number): DatasetRecord {
  const boxes = [0, 1, 2].map((b) => ({ x: 10 * b, y: 20 * b, w: 100 + b, h: 50 + b, label: ['car', 'person', 'bike'][b]! }));
  return {
    id: `item-${i}`,
    itemId: i,
    split: 'train',
    data: { image: `ipfs://bafy${i}/img.jpg`, width: 1280, height: 720 },
    media: { cid: `bafy${i}`, fileName: `img-${i}.jpg`, width: 1280, height: 720, mime: 'image/jpeg' },
    answer: { boxes },
    confidence: 0.9,
    source: 'inferred',
    method: 'box-vote@1',
    annotations: [1, 2, 3].map((a) => ({
      id: i * 3 + a,
      annotatorId: a,
      result: { boxes },
      leadTimeMs: 2000 + a,
      createdAt: '2026-11-01T00:00:00.000Z',
    })),
  };
}

interface Run {
  heapGrowth: number;
  firstChunkAfter: number;
  reads: number;
  outputBytes: number;
  dataBytes: number;
}

/** Streams RECORDS generated records through a writer, sampling the heap as the source is read. */
async function run(writer: ExportWriter, schema: DatasetSchema, make: (i: number) => DatasetRecord): Promise<Run> {
  let dataBytes = 0;
  for (let i = 0; i < RECORDS; i += 1) dataBytes += JSON.stringify(make(i)).length;
  let consumed = 0;
  let reads = 0;
  const samples: number[] = [];
  const source: RecordSource = async function* () {
    reads += 1;
    for (let i = 0; i < RECORDS; i += 1) {
      if (i > 0 && i % SAMPLE_EVERY === 0) {
        gc();
        samples.push(process.memoryUsage().heapUsed);
      }
      consumed += 1;
      yield await Promise.resolve(make(i));
    }
  };
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let firstChunkAfter = -1;
  let outputBytes = 0;
  for await (const chunk of writer.write(source, schema, META)) {
    if (firstChunkAfter < 0) firstChunkAfter = consumed;
    outputBytes += chunk.byteLength;
  }
  return { heapGrowth: Math.max(...samples) - baseline, firstChunkAfter, reads, outputBytes, dataBytes };
}

const CASES: Array<[ExportWriter, DatasetSchema, (i: number) => DatasetRecord]> = [
  ...exportWriters(SPANS_SCHEMA).map((writer): [ExportWriter, DatasetSchema, (i: number) => DatasetRecord] => [
    writer,
    SPANS_SCHEMA,
    spansRecord,
  ]),
  [cocoWriter, BOXES_SCHEMA, boxesRecord],
];

describe('streaming 200,000 records', () => {
  it.each(CASES.map(([writer, schema, make]) => ({ name: writer.file.name, writer, schema, make })))(
    '$name: heap stays flat and output starts before the input ends',
    async ({ writer, schema, make }) => {
      const result = await run(writer, schema, make);
      expect(result.outputBytes).toBeGreaterThan(0);
      expect(result.firstChunkAfter).toBeGreaterThan(0);
      expect(result.firstChunkAfter).toBeLessThan(RECORDS);
      expect(result.heapGrowth, `heap grew ${result.heapGrowth} B over ${result.dataBytes} B of records`).toBeLessThan(
        result.dataBytes / 4,
      );
      expect(result.reads).toBe(writer === cocoWriter ? 2 : 1);
    },
    600_000,
  );
});
