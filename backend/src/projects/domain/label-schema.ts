/**
 * What a project asks annotators for, and the rules a submitted result and an imported item must
 * follow. Pure: used by the import, the submit path and the unit tests alike.
 */
export const PROJECT_TYPES = ['classification', 'multilabel', 'spans', 'boxes', 'text'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const PROJECT_STATUSES = ['draft', 'active', 'paused', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface LabelSchema {
  type: ProjectType;
  labels: readonly string[];
}

/** What the checks need to know of an item: its text (spans) and its image size (boxes). */
export interface ItemShape {
  text?: string;
  width?: number;
  height?: number;
}

export interface Span {
  start: number;
  end: number;
  label: string;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
}

export type LabelResult = { label: string } | { labels: string[] } | { spans: Span[] } | { boxes: Box[] } | { text: string };

export interface Invalid {
  ok: false;
  field: string;
  message: string;
}

export const MAX_REGIONS = 1000;
export const MAX_FREE_TEXT = 10_000;

function invalid(field: string, message: string): Invalid {
  return { ok: false, field, message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isProjectType(value: unknown): value is ProjectType {
  return typeof value === 'string' && (PROJECT_TYPES as readonly string[]).includes(value);
}

/** Labels a project of this type must declare: free text needs none, the rest at least one. */
export function checkLabels(type: ProjectType, labels: readonly string[]): Invalid | undefined {
  if (type !== 'text' && labels.length === 0) return invalid('labels', `a ${type} project needs at least one label`);
  const seen = new Set<string>();
  for (const [i, label] of labels.entries()) {
    if (label.trim() !== label || label === '') return invalid(`labels[${i}]`, 'labels must be non-empty, without surrounding spaces');
    if (seen.has(label)) return invalid(`labels[${i}]`, `label "${label}" appears twice`);
    seen.add(label);
  }
  return undefined;
}

function checkLabel(schema: LabelSchema, value: unknown, field: string): Invalid | undefined {
  if (typeof value !== 'string') return invalid(field, 'must be a label name (string)');
  if (!schema.labels.includes(value)) return invalid(field, `"${value.slice(0, 100)}" is not one of the project's labels`);
  return undefined;
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], field: string): Invalid | undefined {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) return invalid(`${field}.${key}`, `unexpected field; expected ${allowed.join(', ')}`);
  }
  return undefined;
}

function validateSpans(schema: LabelSchema, item: ItemShape, spans: unknown): { ok: true; value: Span[] } | Invalid {
  if (!Array.isArray(spans)) return invalid('result.spans', 'must be an array of {start, end, label}');
  if (spans.length > MAX_REGIONS) return invalid('result.spans', `at most ${MAX_REGIONS} spans`);
  const length = item.text?.length ?? 0;
  const out: Span[] = [];
  const seen = new Set<string>();
  for (const [i, span] of spans.entries()) {
    const field = `result.spans[${i}]`;
    if (!isObject(span)) return invalid(field, 'must be an object {start, end, label}');
    const extra = checkKeys(span, ['start', 'end', 'label'], field);
    if (extra) return extra;
    const { start, end, label } = span;
    if (!Number.isInteger(start) || (start as number) < 0) return invalid(`${field}.start`, 'must be an integer >= 0');
    if (!Number.isInteger(end)) return invalid(`${field}.end`, 'must be an integer');
    if ((end as number) <= (start as number)) return invalid(`${field}.end`, 'must be greater than start');
    if ((end as number) > length) return invalid(`${field}.end`, `is past the end of the text (length ${length})`);
    const bad = checkLabel(schema, label, `${field}.label`);
    if (bad) return bad;
    const key = `${start as number}:${end as number}:${label as string}`;
    if (seen.has(key)) return invalid(field, 'duplicates an earlier span');
    seen.add(key);
    out.push({ start: start as number, end: end as number, label: label as string });
  }
  return { ok: true, value: out.sort((a, b) => a.start - b.start || a.end - b.end) };
}

function validateBoxes(schema: LabelSchema, item: ItemShape, boxes: unknown): { ok: true; value: Box[] } | Invalid {
  if (!Array.isArray(boxes)) return invalid('result.boxes', 'must be an array of {x, y, w, h, label}');
  if (boxes.length > MAX_REGIONS) return invalid('result.boxes', `at most ${MAX_REGIONS} boxes`);
  const { width, height } = item;
  if (width === undefined || height === undefined) return invalid('result.boxes', 'the item has no known image size');
  const out: Box[] = [];
  for (const [i, box] of boxes.entries()) {
    const field = `result.boxes[${i}]`;
    if (!isObject(box)) return invalid(field, 'must be an object {x, y, w, h, label}');
    const extra = checkKeys(box, ['x', 'y', 'w', 'h', 'label'], field);
    if (extra) return extra;
    for (const key of ['x', 'y', 'w', 'h'] as const) {
      if (!isFiniteNumber(box[key])) return invalid(`${field}.${key}`, 'must be a number (pixels)');
    }
    const { x, y, w, h } = box as { x: number; y: number; w: number; h: number };
    if (x < 0) return invalid(`${field}.x`, 'is left of the image');
    if (y < 0) return invalid(`${field}.y`, 'is above the image');
    if (w <= 0) return invalid(`${field}.w`, 'must be greater than 0');
    if (h <= 0) return invalid(`${field}.h`, 'must be greater than 0');
    if (x + w > width) return invalid(`${field}.w`, `box goes past the image's right edge (width ${width})`);
    if (y + h > height) return invalid(`${field}.h`, `box goes past the image's bottom edge (height ${height})`);
    const bad = checkLabel(schema, box['label'], `${field}.label`);
    if (bad) return bad;
    out.push({ x, y, w, h, label: box['label'] as string });
  }
  return { ok: true, value: out };
}

/** Checks a submitted result against the project's schema and the item; returns it normalised. */
export function validateResult(schema: LabelSchema, item: ItemShape, result: unknown): { ok: true; result: LabelResult } | Invalid {
  if (!isObject(result)) return invalid('result', 'must be an object');
  switch (schema.type) {
    case 'classification': {
      const extra = checkKeys(result, ['label'], 'result');
      if (extra) return extra;
      const bad = checkLabel(schema, result['label'], 'result.label');
      return bad ?? { ok: true, result: { label: result['label'] as string } };
    }
    case 'multilabel': {
      const extra = checkKeys(result, ['labels'], 'result');
      if (extra) return extra;
      const labels = result['labels'];
      if (!Array.isArray(labels)) return invalid('result.labels', 'must be an array of label names');
      for (const [i, label] of labels.entries()) {
        const bad = checkLabel(schema, label, `result.labels[${i}]`);
        if (bad) return bad;
      }
      if (new Set(labels).size !== labels.length) return invalid('result.labels', 'must not repeat a label');
      return {
        ok: true,
        result: { labels: [...(labels as string[])].sort((a, b) => schema.labels.indexOf(a) - schema.labels.indexOf(b)) },
      };
    }
    case 'spans': {
      const extra = checkKeys(result, ['spans'], 'result');
      if (extra) return extra;
      const spans = validateSpans(schema, item, result['spans']);
      return spans.ok ? { ok: true, result: { spans: spans.value } } : spans;
    }
    case 'boxes': {
      const extra = checkKeys(result, ['boxes'], 'result');
      if (extra) return extra;
      const boxes = validateBoxes(schema, item, result['boxes']);
      return boxes.ok ? { ok: true, result: { boxes: boxes.value } } : boxes;
    }
    case 'text': {
      const extra = checkKeys(result, ['text'], 'result');
      if (extra) return extra;
      const text = result['text'];
      if (typeof text !== 'string') return invalid('result.text', 'must be a string');
      if (text.trim() === '') return invalid('result.text', 'must not be empty');
      if (text.length > MAX_FREE_TEXT) return invalid('result.text', `at most ${MAX_FREE_TEXT} characters`);
      return { ok: true, result: { text } };
    }
    default: {
      const unreachable: never = schema.type;
      return unreachable;
    }
  }
}

/** What an imported item must carry for its project's type. */
export function validateItemData(type: ProjectType, data: unknown): { ok: true; shape: ItemShape } | Invalid {
  if (!isObject(data)) return invalid('data', 'must be an object of fields, e.g. {"text": "..."}');
  if (Object.keys(data).length === 0) return invalid('data', 'must have at least one field');
  const shape: ItemShape = {};
  if (typeof data['text'] === 'string') shape.text = data['text'];
  const width = data['width'];
  const height = data['height'];
  if (width !== undefined || height !== undefined) {
    if (!Number.isInteger(width) || (width as number) <= 0) return invalid('data.width', 'must be a positive integer (pixels)');
    if (!Number.isInteger(height) || (height as number) <= 0) return invalid('data.height', 'must be a positive integer (pixels)');
    shape.width = width as number;
    shape.height = height as number;
  }
  switch (type) {
    case 'spans':
      if (typeof data['text'] !== 'string' || data['text'] === '') return invalid('data.text', 'a spans project needs a non-empty text');
      break;
    case 'boxes':
      if (typeof data['image'] !== 'string' || data['image'] === '')
        return invalid('data.image', 'a boxes project needs an image (URL or CID)');
      if (shape.width === undefined) return invalid('data.width', 'a boxes project needs the image width and height (or upload the file)');
      break;
    case 'classification':
    case 'multilabel':
    case 'text':
      break;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
  return { ok: true, shape };
}

/** An item's shape from its data, falling back to the stored file's size for images. */
export function itemShapeOf(data: Record<string, unknown>, media?: { width?: number; height?: number } | null): ItemShape {
  const shape: ItemShape = {};
  if (typeof data['text'] === 'string') shape.text = data['text'];
  const width = typeof data['width'] === 'number' ? data['width'] : media?.width;
  const height = typeof data['height'] === 'number' ? data['height'] : media?.height;
  if (width !== undefined && height !== undefined) {
    shape.width = width;
    shape.height = height;
  }
  return shape;
}

/** Ethereum token amounts: up to 18 decimals, as the ERC-20 token has. */
export function isTokenAmount(value: string): boolean {
  return /^(0|[1-9]\d{0,17})(\.\d{1,18})?$/.test(value);
}
