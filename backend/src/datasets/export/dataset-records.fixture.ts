import type { ProjectType } from '../../projects/domain/label-schema.js';
import type { DatasetMeta, DatasetRecord, DatasetSchema, RecordAnnotation } from '../domain/dataset-record.js';
import type { ExportWriter, RecordSource } from './export-writer.js';

/**
 * Small versions of every project type, written to reach the formats' corners: values that need CSV
 * quoting, numbers imported as text, a data field named like an answer column, labels with spaces and
 * separators, spans that cut words or overlap, boxes on images known by media or by data only.
 */

export const META: DatasetMeta = {
  versionId: 7,
  name: 'Support tickets v7',
  description: 'Tickets labelled by the crowd.',
  license: 'CC-BY-4.0',
  createdAt: '2026-11-30T12:00:00.000Z',
  url: 'https://tessera.example/datasets/7',
  creator: 'Tessera',
};

function annotation(id: number, annotatorId: number, result: RecordAnnotation['result']): RecordAnnotation {
  return { id, annotatorId, result, leadTimeMs: 1500 + id, createdAt: `2026-11-2${id % 10}T10:00:00.000Z` };
}

export const CLASSIFICATION: { schema: DatasetSchema; records: DatasetRecord[] } = {
  schema: {
    projectType: 'classification',
    labels: ['billing', 'bug report', 'other'],
    fields: [
      { name: 'text', type: 'text' },
      { name: 'score', type: 'numeric' },
      { name: 'verified', type: 'boolean' },
      { name: 'lang', type: 'categorical' },
      { name: 'label', type: 'categorical' },
      { name: 'opened', type: 'date' },
    ],
  },
  records: [
    {
      id: 'T-1',
      itemId: 1,
      split: 'train',
      data: { text: 'Charged twice, "urgent", please', score: 4.5, verified: true, lang: 'en', label: 'old', opened: '2026-01-02' },
      media: null,
      answer: { label: 'billing' },
      confidence: 0.93,
      source: 'inferred',
      method: 'ds@2',
      annotations: [annotation(11, 101, { label: 'billing' }), annotation(12, 102, { label: 'other' })],
    },
    {
      id: 'T-2',
      itemId: 2,
      split: 'validation',
      data: { text: 'App crashes\non start\r\nagain', score: '3.25', verified: 'false', lang: 'fr', opened: '2026-02-03' },
      media: null,
      answer: { label: 'bug report' },
      confidence: 1,
      source: 'gold',
      method: null,
      annotations: [annotation(13, 103, { label: 'bug report' })],
    },
    {
      id: 'item-3',
      itemId: 3,
      split: 'test',
      data: {
        text: '=SUM(A1) ünïcödé 😀, ok',
        score: 'n/a',
        verified: null,
        lang: 'de',
        label: 'x',
        opened: '2026-03-04',
        extra: { nested: [1, 2] },
      },
      media: null,
      answer: { label: 'other' },
      confidence: 0.61,
      source: 'review',
      method: 'ds@2',
      annotations: [],
    },
  ],
};

export const MULTILABEL: { schema: DatasetSchema; records: DatasetRecord[] } = {
  schema: {
    projectType: 'multilabel',
    labels: ['a|b', 'with, comma', 'plain'],
    fields: [{ name: 'text', type: 'text' }],
  },
  records: [
    {
      id: 'M-1',
      itemId: 21,
      split: 'train',
      data: { text: 'first' },
      media: null,
      answer: { labels: ['a|b', 'with, comma'] },
      confidence: 0.8,
      source: 'inferred',
      method: 'mace@1',
      annotations: [annotation(21, 201, { labels: ['a|b'] }), annotation(22, 202, { labels: ['a|b', 'with, comma'] })],
    },
    {
      id: 'M-2',
      itemId: 22,
      split: 'test',
      data: { text: 'second' },
      media: null,
      answer: { labels: [] },
      confidence: 0.55,
      source: 'inferred',
      method: 'mace@1',
      annotations: [annotation(23, 201, { labels: [] })],
    },
  ],
};

const SPAN_TEXT_1 = 'Dr. Angela Merkel visited NewYorkers in Berlin. She left!\nThen Paris';
const SPAN_TEXT_2 = 'No entities here.';

export const SPANS: { schema: DatasetSchema; records: DatasetRecord[] } = {
  schema: {
    projectType: 'spans',
    labels: ['PER', 'LOC', 'MISC THING'],
    fields: [{ name: 'text', type: 'text' }],
  },
  records: [
    {
      id: 'S-1',
      itemId: 31,
      split: 'train',
      data: { text: SPAN_TEXT_1 },
      media: null,
      answer: {
        spans: [
          // "Dr. Angela Merkel": crosses a full stop, which must not end the sentence inside the span.
          { start: 0, end: 17, label: 'PER' },
          // "York" inside "NewYorkers": the token is split at both edges.
          { start: 29, end: 33, label: 'LOC' },
          // Overlaps the first span: BIO cannot hold both, the later one is dropped.
          { start: 4, end: 10, label: 'MISC THING' },
          { start: 40, end: 46, label: 'LOC' },
          // "Paris" after a line break, and a label with a space.
          { start: 63, end: 68, label: 'MISC THING' },
        ],
      },
      confidence: 0.9,
      source: 'inferred',
      method: 'ds@2',
      annotations: [annotation(31, 301, { spans: [{ start: 0, end: 17, label: 'PER' }] })],
    },
    {
      id: 'S-2',
      itemId: 32,
      split: 'test',
      data: { text: SPAN_TEXT_2 },
      media: null,
      answer: { spans: [] },
      confidence: 0.7,
      source: 'inferred',
      method: 'ds@2',
      annotations: [],
    },
  ],
};

export const BOXES: { schema: DatasetSchema; records: DatasetRecord[] } = {
  schema: {
    projectType: 'boxes',
    labels: ['cat', 'dog'],
    fields: [
      { name: 'image', type: 'text' },
      { name: 'width', type: 'numeric' },
      { name: 'height', type: 'numeric' },
    ],
  },
  records: [
    {
      id: 'B-1',
      itemId: 41,
      split: 'train',
      data: { image: 'bafy-cat.jpg', width: 640, height: 480 },
      media: { cid: 'bafycat', fileName: 'cat-41.jpg', width: 640, height: 480, mime: 'image/jpeg' },
      answer: {
        boxes: [
          { x: 10, y: 20, w: 100, h: 50, label: 'cat' },
          { x: 320.5, y: 240, w: 319.5, h: 240, label: 'dog' },
        ],
      },
      confidence: 0.88,
      source: 'inferred',
      method: 'box-vote@1',
      annotations: [annotation(41, 401, { boxes: [{ x: 12, y: 18, w: 98, h: 52, label: 'cat' }] })],
    },
    {
      id: 'B-2',
      itemId: 42,
      split: 'validation',
      data: { image: 'https://img.example/dog.png', width: 200, height: 100 },
      media: null,
      answer: { boxes: [{ x: 0, y: 0, w: 200, h: 100, label: 'dog' }] },
      confidence: 1,
      source: 'review',
      method: null,
      annotations: [],
    },
    {
      id: 'B-3',
      itemId: 43,
      split: 'test',
      data: { image: 'bafy-empty.jpg', width: 300, height: 300 },
      media: { cid: 'bafyempty', fileName: 'empty-43.jpg', width: 300, height: 300, mime: 'image/jpeg' },
      answer: { boxes: [] },
      confidence: 0.75,
      source: 'inferred',
      method: 'box-vote@1',
      annotations: [],
    },
  ],
};

export const TEXT: { schema: DatasetSchema; records: DatasetRecord[] } = {
  schema: {
    projectType: 'text',
    labels: [],
    fields: [
      { name: 'text', type: 'text' },
      { name: 'answer', type: 'text' },
    ],
  },
  records: [
    {
      id: 'X-1',
      itemId: 51,
      split: 'train',
      data: { text: 'Translate: bonjour', answer: 'a data field named like the answer column' },
      media: null,
      answer: { text: 'hello, "world"' },
      confidence: 1,
      source: 'review',
      method: null,
      annotations: [annotation(51, 501, { text: 'hello world' })],
    },
  ],
};

export const FIXTURES: Record<ProjectType, { schema: DatasetSchema; records: DatasetRecord[] }> = {
  classification: CLASSIFICATION,
  multilabel: MULTILABEL,
  spans: SPANS,
  boxes: BOXES,
  text: TEXT,
};

/** A source over fixed records that counts how often it is read. */
export function sourceOf(records: readonly DatasetRecord[]): RecordSource & { reads: number } {
  const source = Object.assign(
    async function* () {
      source.reads += 1;
      for (const record of records) {
        await Promise.resolve();
        yield record;
      }
    },
    { reads: 0 },
  );
  return source;
}

/** Every byte a writer writes, joined. */
export async function writeAll(writer: ExportWriter, records: readonly DatasetRecord[], schema: DatasetSchema): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of writer.write(sourceOf(records), schema, META)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
