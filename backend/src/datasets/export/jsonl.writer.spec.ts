import { describe, expect, it } from 'vitest';
import { CLASSIFICATION, FIXTURES, SPANS, TEXT, writeAll } from './dataset-records.fixture.js';
import type { DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';
import { jsonlObject, jsonlWriter } from './jsonl.writer.js';

async function lines(fixture: (typeof FIXTURES)[keyof typeof FIXTURES]): Promise<Record<string, unknown>[]> {
  const text = (await writeAll(jsonlWriter, fixture.records, fixture.schema)).toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('JSONL export', () => {
  it('writes one flat object per record, data fields as imported, the answer under its key', async () => {
    const [first, second, third] = await lines(CLASSIFICATION);
    expect(first).toEqual({
      id: 'T-1',
      item_id: 1,
      split: 'train',
      text: 'Charged twice, "urgent", please',
      score: 4.5,
      verified: true,
      lang: 'en',
      data_label: 'old',
      opened: '2026-01-02',
      label: 'billing',
      confidence: 0.93,
      source: 'inferred',
      method: 'ds@2',
      annotation_count: 2,
      annotations: [
        { annotator_id: 101, label: 'billing', lead_time_ms: 1511, created_at: '2026-11-21T10:00:00.000Z' },
        { annotator_id: 102, label: 'other', lead_time_ms: 1512, created_at: '2026-11-22T10:00:00.000Z' },
      ],
    });
    // Imported text stays text, a missing field is null, a key the schema does not list still appears.
    expect(second).toMatchObject({ text: 'App crashes\non start\r\nagain', score: '3.25', verified: 'false', data_label: null });
    expect(third).toMatchObject({ id: 'item-3', extra: { nested: [1, 2] }, annotations: [] });
  });

  it('keeps nested answers as arrays and renames a data field that takes the answer key', async () => {
    const [spans] = await lines(SPANS);
    expect(spans!['spans']).toEqual([
      { start: 0, end: 17, label: 'PER' },
      { start: 29, end: 33, label: 'LOC' },
      { start: 4, end: 10, label: 'MISC THING' },
      { start: 40, end: 46, label: 'LOC' },
      { start: 63, end: 68, label: 'MISC THING' },
    ]);
    const [text] = await lines(TEXT);
    expect(text).toMatchObject({ answer: 'hello, "world"', data_answer: 'a data field named like the answer column' });
  });

  it('writes every record of every project type', async () => {
    for (const fixture of Object.values(FIXTURES)) {
      expect((await lines(fixture)).map((line) => line['id'])).toEqual(fixture.records.map((record) => record.id));
    }
  });

  it('writes each record as the text JSON.stringify writes for its object, also where keys are renamed, reordered or left out', async () => {
    const base = CLASSIFICATION.records[0]!;
    // JSON.parse makes `__proto__` an own key, as the database's JSON does.
    const data = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;
    const odd: DatasetRecord[] = [
      { ...base, data: data('{"text":"a","extra":1,"id":"taken","data_id":2}') }, // keys the schema does not list, renamed
      { ...base, data: data('{"text":"b","__proto__":{"x":1}}') },
      { ...base, data: data('{"text":"c\\ud800 \\u2028 \\u0000"}'), answer: { label: undefined as unknown as string } },
      { ...base, data: {}, method: null, itemId: null, annotations: [{ ...base.annotations[0]!, result: { text: 'other shape' } }] },
    ];
    const schemas: DatasetSchema[] = [
      CLASSIFICATION.schema,
      // Index-like names come first in a V8 object; `constructor` is inherited when the data lacks it.
      {
        ...CLASSIFICATION.schema,
        fields: [
          { name: 'text', type: 'text' },
          { name: '10', type: 'numeric' },
          { name: '2', type: 'text' },
        ],
      },
      {
        ...CLASSIFICATION.schema,
        fields: [
          { name: 'text', type: 'text' },
          { name: 'constructor', type: 'text' },
        ],
      },
    ];
    const cases = [...Object.values(FIXTURES), ...schemas.map((schema) => ({ schema, records: [...CLASSIFICATION.records, ...odd] }))];
    for (const { schema, records } of cases) {
      const toObject = jsonlObject(schema);
      const expected = records.map((record) => JSON.stringify(toObject(record)) + '\n').join('');
      expect((await writeAll(jsonlWriter, records, schema)).toString('utf8')).toBe(expected);
    }
  });
});
