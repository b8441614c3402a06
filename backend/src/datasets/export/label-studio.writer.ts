import { itemShapeOf, type LabelResult } from '../../projects/domain/label-schema.js';
import type { DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';
import { encodedPages, textEncoder } from './chunks.js';
import type { ExportWriter, PageEncoder, RecordSource } from './export-writer.js';
import type { PageBytes } from './page-buffers.js';

/**
 * Label Studio's JSON task list (labelstud.io/guide/task_format, guide/predictions, guide/export),
 * importable into a project made with `labelStudioConfig(schema)`:
 *
 *   [{id, data, meta, annotations: [{id, result, completed_by, lead_time, created_at, ...}],
 *     predictions: [{model_version, score, result}]}]
 *
 * `data` is the item's data as imported; `meta` carries the record id, split, answer source and
 * confidence. Every annotator's label is an annotation (`completed_by` is Tessera's annotator id,
 * `lead_time` in seconds); the accepted answer is the one prediction, `model_version` the inference
 * method (or the answer's source when there is none) and `score` its confidence.
 *
 * Result items by project type: `choices` (classification, multilabel), `labels` with character
 * offsets and the covered text (spans), `rectanglelabels` in percent of `original_width`/`height`
 * (boxes: px = % / 100 × original), `textarea` (free text). Result ids are unique within a task, as
 * Label Studio requires.
 */
export const labelStudioWriter: ExportWriter = {
  file: { name: 'label-studio.json', format: 'label-studio', mediaType: 'application/json' },
  write(records: RecordSource, schema: DatasetSchema) {
    return encodedPages(tasksEncoder(schema), records);
  },
  encoder: (schema: DatasetSchema, _meta, out?: PageBytes) => tasksEncoder(schema, out),
};

/** The object tag results point at (`to_name`) and the data key it shows. */
function objectTag(schema: DatasetSchema): { name: 'text' | 'image'; tag: 'Text' | 'Image'; value: string } {
  const fields = schema.fields.map((field) => field.name);
  if (schema.projectType === 'boxes' || (!fields.includes('text') && fields.includes('image'))) {
    return { name: 'image', tag: 'Image', value: 'image' };
  }
  return { name: 'text', tag: 'Text', value: fields.includes('text') || fields.length === 0 ? 'text' : fields[0]! };
}

/** The control tag results come from (`from_name`). */
function controlName(schema: DatasetSchema): 'label' | 'answer' {
  return schema.projectType === 'text' ? 'answer' : 'label';
}

function xmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The labeling configuration of a Label Studio project the export imports into. */
export function labelStudioConfig(schema: DatasetSchema): string {
  const object = objectTag(schema);
  const control = controlName(schema);
  const to = `name="${control}" toName="${object.name}"`;
  const choices = (tag: string): string => schema.labels.map((label) => `    <${tag} value="${xmlAttribute(label)}"/>`).join('\n');
  const controls = ((): string => {
    switch (schema.projectType) {
      case 'classification':
        return `  <Choices ${to} choice="single">\n${choices('Choice')}\n  </Choices>`;
      case 'multilabel':
        return `  <Choices ${to} choice="multiple">\n${choices('Choice')}\n  </Choices>`;
      case 'spans':
        return `  <Labels ${to}>\n${choices('Label')}\n  </Labels>`;
      case 'boxes':
        return `  <RectangleLabels ${to}>\n${choices('Label')}\n  </RectangleLabels>`;
      case 'text':
        return `  <TextArea ${to} maxSubmissions="1"/>`;
      default: {
        const unreachable: never = schema.projectType;
        return unreachable;
      }
    }
  })();
  return `<View>\n  <${object.tag} name="${object.name}" value="$${object.value}"/>\n${controls}\n</View>\n`;
}

/** A Tessera result as Label Studio result items, with ids `<prefix>-<n>`. */
export function labelStudioResult(schema: DatasetSchema, record: DatasetRecord, result: LabelResult, prefix: string): object[] {
  return resultItems(schema, { from_name: controlName(schema), to_name: objectTag(schema).name }, record, result, prefix);
}

function resultItems(
  schema: DatasetSchema,
  base: { from_name: string; to_name: string },
  record: DatasetRecord,
  result: LabelResult,
  prefix: string,
): object[] {
  const id = (n: number): string => `${prefix}-${n}`;
  switch (schema.projectType) {
    case 'classification':
      return 'label' in result ? [{ id: id(0), ...base, type: 'choices', value: { choices: [result.label] } }] : [];
    case 'multilabel':
      return 'labels' in result && result.labels.length > 0
        ? [{ id: id(0), ...base, type: 'choices', value: { choices: result.labels } }]
        : [];
    case 'spans': {
      if (!('spans' in result)) return [];
      const text = typeof record.data['text'] === 'string' ? record.data['text'] : '';
      return result.spans.map((span, n) => ({
        id: id(n),
        ...base,
        type: 'labels',
        value: { start: span.start, end: span.end, text: text.slice(span.start, span.end), labels: [span.label] },
      }));
    }
    case 'boxes': {
      const { width, height } = itemShapeOf(record.data, record.media);
      if (!('boxes' in result) || width === undefined || height === undefined) return [];
      return result.boxes.map((box, n) => ({
        id: id(n),
        ...base,
        type: 'rectanglelabels',
        original_width: width,
        original_height: height,
        image_rotation: 0,
        value: {
          x: (box.x / width) * 100,
          y: (box.y / height) * 100,
          width: (box.w / width) * 100,
          height: (box.h / height) * 100,
          rotation: 0,
          rectanglelabels: [box.label],
        },
      }));
    }
    case 'text':
      return 'text' in result ? [{ id: id(0), ...base, type: 'textarea', value: { text: [result.text] } }] : [];
    default: {
      const unreachable: never = schema.projectType;
      return unreachable;
    }
  }
}

/** A function writing records as Label Studio tasks; `n` is the record's 1-based position in the version. */
export function labelStudioTask(schema: DatasetSchema): (record: DatasetRecord, n: number) => object {
  const base = { from_name: controlName(schema), to_name: objectTag(schema).name };
  return (record, n) => ({
    id: n,
    data: record.data,
    meta: { tessera_id: record.id, split: record.split, source: record.source, confidence: record.confidence },
    annotations: record.annotations.map((annotation) => ({
      id: annotation.id,
      result: resultItems(schema, base, record, annotation.result, `a${annotation.id}`),
      completed_by: annotation.annotatorId,
      lead_time: annotation.leadTimeMs / 1000,
      created_at: annotation.createdAt,
      was_cancelled: false,
      ground_truth: false,
    })),
    predictions: [
      {
        model_version: record.method ?? record.source,
        score: record.confidence,
        result: resultItems(schema, base, record, record.answer, 'p'),
      },
    ],
  });
}

/** JSON text of a value known not to be undefined (JSON.stringify answers undefined only for undefined, functions and symbols). */
const json = (value: unknown): string => JSON.stringify(value) ?? 'null';

/**
 * A Tessera result as the JSON text of its Label Studio result items: the text JSON.stringify writes
 * for resultItems(...), built without the items' objects (see labelStudioTaskJson).
 */
function resultItemsJson(schema: DatasetSchema, base: string, record: DatasetRecord, result: LabelResult, prefix: string): string {
  const head = (n: number, type: string): string => `{"id":${json(`${prefix}-${n}`)}${base},"type":"${type}"`;
  switch (schema.projectType) {
    case 'classification':
      return 'label' in result ? `[${head(0, 'choices')},"value":{"choices":[${json(result.label)}]}}]` : '[]';
    case 'multilabel':
      return 'labels' in result && result.labels.length > 0 ? `[${head(0, 'choices')},"value":{"choices":${json(result.labels)}}}]` : '[]';
    case 'spans': {
      if (!('spans' in result)) return '[]';
      const text = typeof record.data['text'] === 'string' ? record.data['text'] : '';
      const items = result.spans.map(
        (span, n) =>
          `${head(n, 'labels')},"value":${json({ start: span.start, end: span.end, text: text.slice(span.start, span.end), labels: [span.label] })}}`,
      );
      return `[${items.join(',')}]`;
    }
    case 'boxes': {
      const { width, height } = itemShapeOf(record.data, record.media);
      if (!('boxes' in result) || width === undefined || height === undefined) return '[]';
      const size = `,"original_width":${json(width)},"original_height":${json(height)},"image_rotation":0`;
      const items = result.boxes.map((box, n) => {
        const value = {
          x: (box.x / width) * 100,
          y: (box.y / height) * 100,
          width: (box.w / width) * 100,
          height: (box.h / height) * 100,
          rotation: 0,
          rectanglelabels: [box.label],
        };
        return `${head(n, 'rectanglelabels')}${size},"value":${json(value)}}`;
      });
      return `[${items.join(',')}]`;
    }
    case 'text':
      return 'text' in result ? `[${head(0, 'textarea')},"value":{"text":[${json(result.text)}]}}]` : '[]';
    default: {
      const unreachable: never = schema.projectType;
      return unreachable;
    }
  }
}

/**
 * A record's task as JSON text: what JSON.stringify writes for labelStudioTask(schema)(record, n),
 * written from the record's values. JSON.stringify spends most of its time on the dozen small
 * objects of a task (results, annotations, meta), not on the text they hold; this builds only the
 * item data's JSON and the values'.
 */
export function labelStudioTaskJson(schema: DatasetSchema): (record: DatasetRecord, n: number) => string {
  const base = `,"from_name":${json(controlName(schema))},"to_name":${json(objectTag(schema).name)}`;
  return (record, n) => {
    let task =
      `{"id":${json(n)},"data":${json(record.data)},"meta":{"tessera_id":${json(record.id)},"split":${json(record.split)},` +
      `"source":${json(record.source)},"confidence":${json(record.confidence)}},"annotations":[`;
    const annotations = record.annotations;
    for (let i = 0; i < annotations.length; i++) {
      const annotation = annotations[i]!;
      task +=
        `${i === 0 ? '' : ','}{"id":${json(annotation.id)},"result":${resultItemsJson(schema, base, record, annotation.result, `a${annotation.id}`)},` +
        `"completed_by":${json(annotation.annotatorId)},"lead_time":${json(annotation.leadTimeMs / 1000)},"created_at":${json(annotation.createdAt)},` +
        '"was_cancelled":false,"ground_truth":false}';
    }
    return (
      task +
      `],"predictions":[{"model_version":${json(record.method ?? record.source)},"score":${json(record.confidence)},` +
      `"result":${resultItemsJson(schema, base, record, record.answer, 'p')}}]}`
    );
  };
}

function tasksEncoder(schema: DatasetSchema, out?: PageBytes): PageEncoder {
  const toTask = labelStudioTaskJson(schema);
  let n = 0;
  return textEncoder(
    {
      head: '[',
      page(records, write) {
        for (const record of records) {
          n += 1;
          write(n > 1 ? ',\n' : '\n');
          write(toTask(record, n));
        }
      },
      tail: '\n]\n',
    },
    out,
  );
}
