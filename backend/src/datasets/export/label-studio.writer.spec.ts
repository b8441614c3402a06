import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BOXES, FIXTURES, SPANS, TEXT, CLASSIFICATION, MULTILABEL, writeAll } from './dataset-records.fixture.js';
import { LABEL_STUDIO_SCHEMA } from './format-schemas.fixture.js';
import { labelStudioConfig, labelStudioTask, labelStudioWriter } from './label-studio.writer.js';

interface Result {
  id: string;
  from_name: string;
  to_name: string;
  type: string;
  original_width?: number;
  original_height?: number;
  value: Record<string, unknown>;
}
interface Task {
  id: number;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
  annotations: Array<{ id: number; result: Result[]; completed_by: number; lead_time: number }>;
  predictions: Array<{ model_version: string; score: number; result: Result[] }>;
}

async function tasks(fixture: (typeof FIXTURES)[keyof typeof FIXTURES]): Promise<Task[]> {
  return JSON.parse((await writeAll(labelStudioWriter, fixture.records, fixture.schema)).toString('utf8')) as Task[];
}

describe('Label Studio export', () => {
  it('validates against the Label Studio task schema for every project type, with unique result ids per task', async () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(LABEL_STUDIO_SCHEMA);
    for (const fixture of Object.values(FIXTURES)) {
      const list = await tasks(fixture);
      expect(validate(list), `${fixture.schema.projectType}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(list.map((task) => task.meta['tessera_id'])).toEqual(fixture.records.map((record) => record.id));
      for (const task of list) {
        const ids = [...task.annotations, ...task.predictions].flatMap((entry) => entry.result.map((result) => result.id));
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });

  it('has a schema that rejects results Label Studio cannot import', () => {
    const validate = new Ajv({ strict: false }).compile(LABEL_STUDIO_SCHEMA);
    const box = { id: 'r', from_name: 'label', to_name: 'image', type: 'rectanglelabels', original_width: 10, original_height: 10 };
    const value = { x: 10, y: 10, width: 50, height: 50, rotation: 0, rectanglelabels: ['cat'] };
    const task = (result: object): object[] => [
      { data: { image: 'a.jpg' }, predictions: [{ model_version: 'm', score: 1, result: [result] }] },
    ];
    expect(validate(task({ ...box, value }))).toBe(true);
    expect(validate(task({ ...box, value: { ...value, x: 150 } }))).toBe(false);
    expect(validate(task({ ...box, original_width: undefined, value }))).toBe(false);
    expect(validate(task({ id: 'r', from_name: 'label', to_name: 'text', type: 'labels', value: { end: 3, labels: ['PER'] } }))).toBe(
      false,
    );
    expect(validate(task({ id: 'r', from_name: 'label', to_name: 'text', type: 'choices', value: { choices: [] } }))).toBe(false);
  });

  it('puts the accepted answer as the prediction and each annotator label as an annotation', async () => {
    const [task] = await tasks(CLASSIFICATION);
    expect(task!.predictions).toEqual([
      {
        model_version: 'ds@2',
        score: 0.93,
        result: [{ id: 'p-0', from_name: 'label', to_name: 'text', type: 'choices', value: { choices: ['billing'] } }],
      },
    ]);
    expect(
      task!.annotations.map((annotation) => [annotation.id, annotation.completed_by, annotation.lead_time, annotation.result[0]!.value]),
    ).toEqual([
      [11, 101, 1.511, { choices: ['billing'] }],
      [12, 102, 1.512, { choices: ['other'] }],
    ]);
    const gold = (await tasks(CLASSIFICATION))[1]!;
    expect(gold.predictions[0]!.model_version).toBe('gold');
    const multi = await tasks(MULTILABEL);
    expect(multi.map((t) => t.predictions[0]!.result)).toEqual([
      [{ id: 'p-0', from_name: 'label', to_name: 'text', type: 'choices', value: { choices: ['a|b', 'with, comma'] } }],
      [],
    ]);
  });

  it('writes spans with character offsets and the text they cover', async () => {
    const [task] = await tasks(SPANS);
    const text = SPANS.records[0]!.data['text'] as string;
    for (const result of task!.predictions[0]!.result) {
      const { start, end } = result.value as { start: number; end: number };
      expect(result.value['text']).toBe(text.slice(start, end));
    }
    expect(task!.predictions[0]!.result[0]!.value).toEqual({ start: 0, end: 17, text: 'Dr. Angela Merkel', labels: ['PER'] });
  });

  it('writes boxes in percent of the original size, which converts back to the stored pixels', async () => {
    const list = await tasks(BOXES);
    for (const [i, task] of list.entries()) {
      const record = BOXES.records[i]!;
      const boxes = 'boxes' in record.answer ? record.answer.boxes : [];
      const back = task.predictions[0]!.result.map((result) => {
        const value = result.value as { x: number; y: number; width: number; height: number; rectanglelabels: string[] };
        const w = result.original_width!;
        const h = result.original_height!;
        return {
          x: (value.x / 100) * w,
          y: (value.y / 100) * h,
          w: (value.width / 100) * w,
          h: (value.height / 100) * h,
          label: value.rectanglelabels[0],
        };
      });
      expect(back.length).toBe(boxes.length);
      for (const [j, box] of boxes.entries()) {
        for (const key of ['x', 'y', 'w', 'h'] as const) expect(back[j]![key]).toBeCloseTo(box[key], 9);
        expect(back[j]!.label).toBe(box.label);
      }
    }
    expect(list[0]!.predictions[0]!.result[0]).toMatchObject({
      to_name: 'image',
      original_width: 640,
      original_height: 480,
      value: { x: 10 / 6.4 },
    });
  });

  it('writes free text as a textarea result', async () => {
    const [task] = await tasks(TEXT);
    expect(task!.predictions[0]!.result).toEqual([
      { id: 'p-0', from_name: 'answer', to_name: 'text', type: 'textarea', value: { text: ['hello, "world"'] } },
    ]);
  });

  it('gives a labeling config whose tag names match the results', () => {
    expect(labelStudioConfig(BOXES.schema)).toBe(
      '<View>\n  <Image name="image" value="$image"/>\n  <RectangleLabels name="label" toName="image">\n    <Label value="cat"/>\n    <Label value="dog"/>\n  </RectangleLabels>\n</View>\n',
    );
    expect(labelStudioConfig(MULTILABEL.schema)).toContain('<Choices name="label" toName="text" choice="multiple">');
    expect(labelStudioConfig(TEXT.schema)).toContain('<TextArea name="answer" toName="text"');
  });

  it('writes the text JSON.stringify writes for the task objects, for every project type', async () => {
    for (const { schema, records } of Object.values(FIXTURES)) {
      const toTask = labelStudioTask(schema);
      const expected = `[${records.map((record, i) => '\n' + JSON.stringify(toTask(record, i + 1))).join(',')}\n]\n`;
      expect((await writeAll(labelStudioWriter, records, schema)).toString('utf8'), schema.projectType).toBe(expected);
    }
  });
});
