import type { LabelResult, ProjectType } from '../../projects/domain/label-schema.js';
import type { DatasetRecord, DatasetSchema, FieldType } from '../domain/dataset-record.js';

/**
 * The flat row every tabular export writes (JSONL's keys, CSV's columns, Parquet's columns, and the
 * Croissant fields that describe them), so that one version reads the same in all three:
 *
 *   id, split, <data fields...>, <answer>, confidence, source, method, annotation_count
 *
 * - data fields come in the schema's order; a field whose name is one of the other columns is
 *   renamed `data_<name>` (e.g. an item field called `label` in a classification project);
 * - the answer column is named for the project type: `label` (classification, a string), `labels`
 *   (multilabel, an array of label names), `spans` (`[{start, end, label}]`, character offsets into
 *   `text`), `boxes` (`[{x, y, w, h, label}]`, pixels from the top-left corner), `answer` (free text);
 * - nested values (`labels`, `spans`, `boxes`) are JSON text in CSV and Parquet, arrays in JSONL.
 */
export type ColumnType = 'string' | 'double' | 'int' | 'boolean' | 'json';

export interface RecordColumn {
  name: string;
  type: ColumnType;
  /** False when the value may be missing (null in Parquet and JSONL, an empty cell in CSV). */
  required: boolean;
  /** What the column holds, as Croissant's field description says it. */
  description: string;
  /** The answer column: Croissant marks it `cr:Label`. */
  isLabel: boolean;
  /** The record's value, typed as `type` says (a JS array or object for `json`), or null. */
  value(record: DatasetRecord): unknown;
}

/** The answer column's name and shape for a project type. */
export function answerKey(type: ProjectType): 'label' | 'labels' | 'spans' | 'boxes' | 'answer' {
  switch (type) {
    case 'classification':
      return 'label';
    case 'multilabel':
      return 'labels';
    case 'spans':
      return 'spans';
    case 'boxes':
      return 'boxes';
    case 'text':
      return 'answer';
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/** A result in the answer column's form: the label, the array, or the free text; null if the shape is not the project's. */
export function answerValue(type: ProjectType, result: LabelResult): unknown {
  switch (type) {
    case 'classification':
      return 'label' in result ? result.label : null;
    case 'multilabel':
      return 'labels' in result ? result.labels : null;
    case 'spans':
      return 'spans' in result ? result.spans.map(({ start, end, label }) => ({ start, end, label })) : null;
    case 'boxes':
      return 'boxes' in result ? result.boxes.map(({ x, y, w, h, label }) => ({ x, y, w, h, label })) : null;
    case 'text':
      return 'text' in result ? result.text : null;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

const ANSWER_DESCRIPTIONS: Record<ProjectType, string> = {
  classification: 'The accepted label.',
  multilabel: 'The accepted labels: a JSON array of label names.',
  spans: 'The accepted spans: a JSON array of {start, end, label}, character offsets (UTF-16 code units) into text, end exclusive.',
  boxes: 'The accepted boxes: a JSON array of {x, y, w, h, label} in pixels from the top-left corner of the image.',
  text: 'The accepted free-text answer.',
};

const FIXED_AFTER_DATA = ['confidence', 'source', 'method', 'annotation_count'] as const;

/** The column type a data field is written as: numbers as doubles, booleans as booleans, the rest as strings. */
function dataColumnType(type: FieldType): ColumnType {
  switch (type) {
    case 'numeric':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'categorical':
    case 'date':
    case 'text':
      return 'string';
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/**
 * A data value as the column's type: numeric strings become numbers (CSV-imported items hold every
 * value as text), "true"/"false"/1/0 (any case) booleans; a value that does not fit the inferred type is null
 * rather than a cell of another type. Objects and arrays in a string column are JSON text.
 */
export function coerceDataValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'double':
    case 'int': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(number)) return null;
      return type === 'int' ? Math.trunc(number) : number;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : '';
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      return null;
    }
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
      return JSON.stringify(value);
    case 'json':
      return value;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/** Column names for the data fields, renamed where they collide with the fixed columns or with each other. */
export function dataColumnNames(schema: DatasetSchema): Map<string, string> {
  // `item_id` and `annotations` are JSONL's own keys: reserved everywhere so a field keeps one name.
  const taken = new Set<string>(['id', 'item_id', 'split', answerKey(schema.projectType), ...FIXED_AFTER_DATA, 'annotations']);
  const names = new Map<string, string>();
  const fieldNames = new Set(schema.fields.map((field) => field.name));
  for (const { name } of schema.fields) {
    let column = name;
    while (taken.has(column) || (column !== name && fieldNames.has(column))) column = `data_${column}`;
    taken.add(column);
    names.set(name, column);
  }
  return names;
}

/** The columns of a version's flat row, in order. */
export function recordColumns(schema: DatasetSchema): RecordColumn[] {
  const type = schema.projectType;
  const names = dataColumnNames(schema);
  const answerType: ColumnType = type === 'classification' || type === 'text' ? 'string' : 'json';
  return [
    {
      name: 'id',
      type: 'string',
      required: true,
      description: 'The record id, stable within the version.',
      isLabel: false,
      value: (r) => r.id,
    },
    { name: 'split', type: 'string', required: true, description: 'train, validation or test.', isLabel: false, value: (r) => r.split },
    ...schema.fields.map((field): RecordColumn => {
      const columnType = dataColumnType(field.type);
      return {
        name: names.get(field.name) ?? field.name,
        type: columnType,
        required: false,
        description: `The item's "${field.name}" field (${field.type}).`,
        isLabel: false,
        value: (r) => coerceDataValue(columnType, r.data[field.name]),
      };
    }),
    {
      name: answerKey(type),
      type: answerType,
      required: false,
      description: ANSWER_DESCRIPTIONS[type],
      isLabel: true,
      value: (r) => answerValue(type, r.answer),
    },
    {
      name: 'confidence',
      type: 'double',
      required: true,
      description: "The quality engine's confidence in the answer, 0 to 1 (1 for gold and reviewed answers).",
      isLabel: false,
      value: (r) => r.confidence,
    },
    {
      name: 'source',
      type: 'string',
      required: true,
      description: 'Where the answer comes from: inferred, gold or review.',
      isLabel: false,
      value: (r) => r.source,
    },
    {
      name: 'method',
      type: 'string',
      required: false,
      description: 'The truth-inference method and its version that produced the answer, e.g. ds@2.',
      isLabel: false,
      value: (r) => r.method,
    },
    {
      name: 'annotation_count',
      type: 'int',
      required: true,
      description: 'How many annotators labelled the item.',
      isLabel: false,
      value: (r) => r.annotations.length,
    },
  ];
}
