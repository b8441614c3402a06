import { describe, expect, it } from 'vitest';
import { PROJECT_TYPES } from '../../projects/domain/label-schema.js';
import { FIXTURES } from './dataset-records.fixture.js';
import { exportWriters } from './formats.js';

describe('exportWriters', () => {
  it('gives JSONL, CSV, Parquet and Label Studio always, COCO for boxes, CoNLL for spans', () => {
    const formats = Object.fromEntries(
      PROJECT_TYPES.map((type) => [type, exportWriters(FIXTURES[type].schema).map((writer) => writer.file.format)]),
    );
    expect(formats).toEqual({
      classification: ['jsonl', 'csv', 'parquet', 'label-studio'],
      multilabel: ['jsonl', 'csv', 'parquet', 'label-studio'],
      spans: ['jsonl', 'csv', 'parquet', 'conll', 'label-studio'],
      boxes: ['jsonl', 'csv', 'parquet', 'coco', 'label-studio'],
      text: ['jsonl', 'csv', 'parquet', 'label-studio'],
    });
  });

  it('names every file distinctly, croissant.json excepted for the metadata', () => {
    const names = PROJECT_TYPES.flatMap((type) => exportWriters(FIXTURES[type].schema).map((writer) => writer.file.name));
    expect(new Set(names)).toEqual(new Set(['data.jsonl', 'data.csv', 'data.parquet', 'coco.json', 'data.conll', 'label-studio.json']));
  });
});
