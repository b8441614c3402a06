/**
 * The synthesizer's view of a version: one row per record, one cell per column, as SDV's
 * single-table data. Columns are the data fields of the schema (text fields included), the label
 * (classification: the answer's label; multilabel: the sorted label set as one category) and the
 * answer's confidence, which is synthesized like a number but is not a data column of the report.
 *
 * Cells are encoded once: numbers and dates as numbers (dates in milliseconds, as SDMetrics treats
 * datetimes), categories, booleans and texts as strings, missing values as null.
 */
import type { DatasetRecord, DatasetSchema, FieldType } from '../../../datasets/domain/dataset-record.js';
import type { LabelResult } from '../../../projects/domain/label-schema.js';
import { asBoolean, asDate, asNumber, categoryKey, isMissing } from './field-inference.js';
import { SynthesisError, SynthesisErrorCode } from './synthesis-error.js';

export type Cell = number | string | null;
export type Row = Cell[];

/** `number` columns hold numbers, `category` ones category keys, `text` ones free text. */
export type CellKind = 'number' | 'category' | 'text';

export interface ColumnSpec {
  name: string;
  type: FieldType;
  role: 'field' | 'label' | 'confidence';
}

export function cellKind(type: FieldType): CellKind {
  switch (type) {
    case 'numeric':
    case 'date':
      return 'number';
    case 'categorical':
    case 'boolean':
      return 'category';
    case 'text':
      return 'text';
  }
}

/** How a field's values are written back: the original value of each category, the date format seen. */
interface FieldCodec {
  spec: ColumnSpec;
  /** Each category key's first original value (a number category stays a number). */
  originals: Map<string, unknown>;
  /** date fields: every value encoded so far was a calendar date (YYYY-MM-DD) / a number of milliseconds. */
  dateOnly: boolean;
  dateAsNumber: boolean;
}

export interface TableCodec {
  columns: ColumnSpec[];
  labelIndex: number;
  confidenceIndex: number;
  encode(record: DatasetRecord): Row;
  /** The record fields a synthetic row decodes to (without id and split). */
  decode(row: Row): { data: Record<string, unknown>; answer: LabelResult; confidence: number };
}

export const LABEL_COLUMN = 'label';
export const CONFIDENCE_COLUMN = 'confidence';

function encodeField(codec: FieldCodec, value: unknown): Cell {
  if (isMissing(value)) return null;
  switch (codec.spec.type) {
    case 'numeric':
      return asNumber(value) ?? null;
    case 'date': {
      const ms = asDate(value);
      if (ms === undefined) return null;
      if (typeof value !== 'number') codec.dateAsNumber = false;
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) codec.dateOnly = false;
      return ms;
    }
    case 'boolean': {
      const parsed = asBoolean(value);
      if (parsed === undefined) return null;
      const key = String(parsed);
      if (!codec.originals.has(key)) codec.originals.set(key, value);
      return key;
    }
    case 'categorical': {
      const key = categoryKey(value);
      if (!codec.originals.has(key)) codec.originals.set(key, value);
      return key;
    }
    case 'text':
      return typeof value === 'string' ? value : categoryKey(value);
  }
}

function decodeField(codec: FieldCodec, cell: Cell): unknown {
  if (cell === null) return null;
  switch (codec.spec.type) {
    case 'numeric':
    case 'text':
      return cell;
    case 'date': {
      const ms = cell as number;
      if (codec.dateAsNumber) return ms;
      const iso = new Date(ms).toISOString();
      return codec.dateOnly ? iso.slice(0, 10) : iso;
    }
    case 'categorical':
    case 'boolean':
      return codec.originals.has(cell as string) ? codec.originals.get(cell as string) : cell;
  }
}

function labelKey(answer: LabelResult, projectType: DatasetSchema['projectType']): string | null {
  if (projectType === 'classification' && 'label' in answer) return answer.label;
  if (projectType === 'multilabel' && 'labels' in answer) return JSON.stringify([...answer.labels].sort());
  return null;
}

/**
 * The codec of a schema. Encoding the source records teaches it each category's original value and
 * each date field's format, which decoding writes back. Only classification and multilabel answers
 * are tabular labels.
 */
export function tableCodec(schema: DatasetSchema): TableCodec {
  const projectType = schema.projectType;
  if (projectType !== 'classification' && projectType !== 'multilabel') {
    throw new SynthesisError(
      SynthesisErrorCode.UNSUPPORTED_PROJECT_TYPE,
      `synthetic versions need a classification or multilabel project, not ${projectType}`,
    );
  }
  const fields: FieldCodec[] = schema.fields.map((field) => ({
    spec: { name: field.name, type: field.type, role: 'field' },
    originals: new Map(),
    dateOnly: true,
    dateAsNumber: true,
  }));
  const columns: ColumnSpec[] = [
    ...fields.map((field) => field.spec),
    { name: LABEL_COLUMN, type: 'categorical', role: 'label' },
    { name: CONFIDENCE_COLUMN, type: 'numeric', role: 'confidence' },
  ];
  const labelIndex = fields.length;
  const codec: TableCodec = {
    columns,
    labelIndex,
    confidenceIndex: fields.length + 1,
    encode(record) {
      const row: Row = fields.map((field) => encodeField(field, record.data[field.spec.name]));
      row.push(labelKey(record.answer, projectType));
      row.push(Number.isFinite(record.confidence) ? record.confidence : null);
      return row;
    },
    decode(row) {
      const data: Record<string, unknown> = {};
      fields.forEach((field, i) => {
        data[field.spec.name] = decodeField(field, row[i] ?? null);
      });
      const label = (row[labelIndex] as string | null) ?? schema.labels[0] ?? '';
      const answer: LabelResult =
        projectType === 'multilabel' ? { labels: label.startsWith('[') ? (JSON.parse(label) as string[]) : [] } : { label };
      const confidence = row[labelIndex + 1];
      return { data, answer, confidence: typeof confidence === 'number' ? Math.min(Math.max(confidence, 0), 1) : 1 };
    },
  };
  return codec;
}

/** The values of one column. */
export function columnOf(rows: readonly Row[], index: number): Cell[] {
  return rows.map((row) => row[index] ?? null);
}

/** The identity of a row for exact-copy counting: its cells, confidence left out. */
export function rowKey(row: Row, columns: readonly ColumnSpec[]): string {
  return JSON.stringify(row.filter((_, i) => columns[i]?.role !== 'confidence'));
}
