import { describe, expect, it } from 'vitest';
import {
  checkLabels,
  isProjectType,
  isTokenAmount,
  MAX_FREE_TEXT,
  MAX_REGIONS,
  PROJECT_TYPES,
  validateItemData,
  validateResult,
  type ItemShape,
  type LabelResult,
  type LabelSchema,
} from './label-schema.js';

const classification: LabelSchema = { type: 'classification', labels: ['cat', 'dog', 'bird'] };
const multilabel: LabelSchema = { type: 'multilabel', labels: ['indoor', 'outdoor', 'night', 'people'] };
const spans: LabelSchema = { type: 'spans', labels: ['PER', 'LOC', 'ORG'] };
const boxes: LabelSchema = { type: 'boxes', labels: ['car', 'person'] };
const freeText: LabelSchema = { type: 'text', labels: [] };

const TEXT = 'Alice met Bob in Paris'; // length 22
const textItem: ItemShape = { text: TEXT };
const image: ItemShape = { width: 100, height: 50 };

function accepted(schema: LabelSchema, item: ItemShape, result: unknown): LabelResult {
  const outcome = validateResult(schema, item, result);
  if (!outcome.ok) throw new Error(`expected ${JSON.stringify(result)} to be accepted, got ${outcome.field}: ${outcome.message}`);
  return outcome.result;
}

function refusedField(schema: LabelSchema, item: ItemShape, result: unknown): string {
  const outcome = validateResult(schema, item, result);
  if (outcome.ok) throw new Error(`expected ${JSON.stringify(result)} to be refused, got ${JSON.stringify(outcome.result)}`);
  expect(outcome.message).not.toBe('');
  return outcome.field;
}

describe('validateResult: any type', () => {
  it.each(PROJECT_TYPES)('refuses a result that is not an object (%s)', (type) => {
    const schema: LabelSchema = { type, labels: ['a'] };
    for (const result of [null, undefined, 'a', 5, true, ['a'], [{ label: 'a' }]]) {
      expect(refusedField(schema, { text: 'abc', width: 10, height: 10 }, result)).toBe('result');
    }
  });
});

describe('validateResult: classification', () => {
  it('accepts one of the labels', () => {
    expect(accepted(classification, {}, { label: 'dog' })).toEqual({ label: 'dog' });
  });

  it('refuses a label of the wrong type', () => {
    expect(refusedField(classification, {}, { label: 3 })).toBe('result.label');
    expect(refusedField(classification, {}, { label: ['cat'] })).toBe('result.label');
    expect(refusedField(classification, {}, { label: null })).toBe('result.label');
    expect(refusedField(classification, {}, {})).toBe('result.label');
  });

  it('refuses a label that is not in the schema (case-sensitive)', () => {
    expect(refusedField(classification, {}, { label: 'fish' })).toBe('result.label');
    expect(refusedField(classification, {}, { label: 'Cat' })).toBe('result.label');
    expect(refusedField(classification, {}, { label: '' })).toBe('result.label');
    expect(refusedField(classification, {}, { label: 'cat ' })).toBe('result.label');
  });

  it('refuses an unexpected key', () => {
    expect(refusedField(classification, {}, { label: 'cat', confidence: 0.9 })).toBe('result.confidence');
    expect(refusedField(classification, {}, { labels: ['cat'] })).toBe('result.labels');
  });
});

describe('validateResult: multilabel', () => {
  it('accepts labels and returns them in schema order', () => {
    expect(accepted(multilabel, {}, { labels: ['people', 'indoor', 'night'] })).toEqual({ labels: ['indoor', 'night', 'people'] });
    expect(accepted(multilabel, {}, { labels: ['outdoor'] })).toEqual({ labels: ['outdoor'] });
  });

  it('accepts an empty selection', () => {
    expect(accepted(multilabel, {}, { labels: [] })).toEqual({ labels: [] });
  });

  it('does not reorder the caller array in place', () => {
    const labels = ['people', 'indoor'];
    accepted(multilabel, {}, { labels });
    expect(labels).toEqual(['people', 'indoor']);
  });

  it('refuses labels that are not an array', () => {
    expect(refusedField(multilabel, {}, { labels: 'indoor' })).toBe('result.labels');
    expect(refusedField(multilabel, {}, { labels: { 0: 'indoor' } })).toBe('result.labels');
    expect(refusedField(multilabel, {}, {})).toBe('result.labels');
  });

  it('refuses a label not in the schema or of the wrong type, naming its index', () => {
    expect(refusedField(multilabel, {}, { labels: ['indoor', 'sunny'] })).toBe('result.labels[1]');
    expect(refusedField(multilabel, {}, { labels: ['indoor', 'night', 7] })).toBe('result.labels[2]');
    expect(refusedField(multilabel, {}, { labels: [null] })).toBe('result.labels[0]');
  });

  it('refuses a repeated label', () => {
    expect(refusedField(multilabel, {}, { labels: ['night', 'indoor', 'night'] })).toBe('result.labels');
  });

  it('refuses an unexpected key', () => {
    expect(refusedField(multilabel, {}, { labels: ['night'], label: 'night' })).toBe('result.label');
  });
});

describe('validateResult: spans', () => {
  it('accepts spans and sorts them by start, then end', () => {
    const result = accepted(spans, textItem, {
      spans: [
        { start: 17, end: 22, label: 'LOC' },
        { start: 10, end: 13, label: 'PER' },
        { start: 0, end: 5, label: 'PER' },
        { start: 0, end: 3, label: 'ORG' },
      ],
    });
    expect(result).toEqual({
      spans: [
        { start: 0, end: 3, label: 'ORG' },
        { start: 0, end: 5, label: 'PER' },
        { start: 10, end: 13, label: 'PER' },
        { start: 17, end: 22, label: 'LOC' },
      ],
    });
  });

  it('accepts an empty list, a span covering the whole text, and overlapping spans with different labels', () => {
    expect(accepted(spans, textItem, { spans: [] })).toEqual({ spans: [] });
    expect(accepted(spans, textItem, { spans: [{ start: 0, end: TEXT.length, label: 'ORG' }] })).toEqual({
      spans: [{ start: 0, end: 22, label: 'ORG' }],
    });
    const overlapping = accepted(spans, textItem, {
      spans: [
        { start: 0, end: 5, label: 'PER' },
        { start: 0, end: 5, label: 'ORG' },
      ],
    });
    expect('spans' in overlapping && overlapping.spans).toHaveLength(2);
  });

  it('returns fresh span objects in key order start, end, label', () => {
    const input = { label: 'PER', end: 5, start: 0 };
    const result = accepted(spans, textItem, { spans: [input] });
    if (!('spans' in result)) throw new Error('expected spans');
    expect(result.spans[0]).not.toBe(input);
    expect(Object.keys(result.spans[0]!)).toEqual(['start', 'end', 'label']);
  });

  it('refuses spans that are not an array', () => {
    expect(refusedField(spans, textItem, { spans: { start: 0, end: 1, label: 'PER' } })).toBe('result.spans');
    expect(refusedField(spans, textItem, {})).toBe('result.spans');
  });

  it('refuses a span that is not an object', () => {
    expect(refusedField(spans, textItem, { spans: [{ start: 0, end: 1, label: 'PER' }, [0, 1, 'PER']] })).toBe('result.spans[1]');
    expect(refusedField(spans, textItem, { spans: [null] })).toBe('result.spans[0]');
  });

  it('refuses a span past the end of the text', () => {
    expect(refusedField(spans, textItem, { spans: [{ start: 17, end: 23, label: 'LOC' }] })).toBe('result.spans[0].end');
    expect(refusedField(spans, textItem, { spans: [{ start: 30, end: 40, label: 'LOC' }] })).toBe('result.spans[0].end');
  });

  it('treats an item without text as empty', () => {
    expect(refusedField(spans, {}, { spans: [{ start: 0, end: 1, label: 'PER' }] })).toBe('result.spans[0].end');
  });

  it('refuses end <= start', () => {
    expect(refusedField(spans, textItem, { spans: [{ start: 5, end: 5, label: 'PER' }] })).toBe('result.spans[0].end');
    expect(refusedField(spans, textItem, { spans: [{ start: 5, end: 2, label: 'PER' }] })).toBe('result.spans[0].end');
  });

  it('refuses a negative or non-integer start', () => {
    expect(refusedField(spans, textItem, { spans: [{ start: -1, end: 2, label: 'PER' }] })).toBe('result.spans[0].start');
    expect(refusedField(spans, textItem, { spans: [{ start: 1.5, end: 2, label: 'PER' }] })).toBe('result.spans[0].start');
    expect(refusedField(spans, textItem, { spans: [{ start: '0', end: 2, label: 'PER' }] })).toBe('result.spans[0].start');
    expect(refusedField(spans, textItem, { spans: [{ end: 2, label: 'PER' }] })).toBe('result.spans[0].start');
  });

  it('refuses a non-integer end', () => {
    expect(refusedField(spans, textItem, { spans: [{ start: 0, end: 2.5, label: 'PER' }] })).toBe('result.spans[0].end');
    expect(refusedField(spans, textItem, { spans: [{ start: 0, end: '2', label: 'PER' }] })).toBe('result.spans[0].end');
    expect(refusedField(spans, textItem, { spans: [{ start: 0, label: 'PER' }] })).toBe('result.spans[0].end');
  });

  it('refuses a label not in the schema', () => {
    expect(refusedField(spans, textItem, { spans: [{ start: 0, end: 5, label: 'MISC' }] })).toBe('result.spans[0].label');
    expect(refusedField(spans, textItem, { spans: [{ start: 0, end: 5 }] })).toBe('result.spans[0].label');
  });

  it('refuses a duplicate span, naming the later one', () => {
    const result = {
      spans: [
        { start: 0, end: 5, label: 'PER' },
        { start: 10, end: 13, label: 'PER' },
        { start: 0, end: 5, label: 'PER' },
      ],
    };
    expect(refusedField(spans, textItem, result)).toBe('result.spans[2]');
  });

  it('refuses an unexpected key in a span or in the result', () => {
    expect(refusedField(spans, textItem, { spans: [{ start: 0, end: 5, label: 'PER', text: 'Alice' }] })).toBe('result.spans[0].text');
    expect(refusedField(spans, textItem, { spans: [], text: TEXT })).toBe('result.text');
  });

  it(`accepts ${MAX_REGIONS} spans and refuses one more`, () => {
    const long: ItemShape = { text: 'x'.repeat(MAX_REGIONS + 1) };
    const make = (n: number) => Array.from({ length: n }, (_, i) => ({ start: i, end: i + 1, label: 'PER' }));
    const ok = accepted(spans, long, { spans: make(MAX_REGIONS).reverse() });
    if (!('spans' in ok)) throw new Error('expected spans');
    expect(ok.spans).toHaveLength(MAX_REGIONS);
    expect(ok.spans[0]).toEqual({ start: 0, end: 1, label: 'PER' });
    expect(refusedField(spans, long, { spans: make(MAX_REGIONS + 1) })).toBe('result.spans');
  });
});

describe('validateResult: boxes', () => {
  it('accepts boxes inside the image, up to its edges, with fractional pixels', () => {
    const input = {
      boxes: [
        { x: 0, y: 0, w: 100, h: 50, label: 'car' },
        { x: 10.5, y: 4.25, w: 20.5, h: 10, label: 'person' },
        { x: 99, y: 49, w: 1, h: 1, label: 'person' },
      ],
    };
    expect(accepted(boxes, image, input)).toEqual(input);
  });

  it('keeps the order and only the box keys', () => {
    const result = accepted(boxes, image, { boxes: [{ label: 'car', h: 1, w: 1, y: 2, x: 3 }] });
    if (!('boxes' in result)) throw new Error('expected boxes');
    expect(Object.keys(result.boxes[0]!)).toEqual(['x', 'y', 'w', 'h', 'label']);
  });

  it('accepts an empty list', () => {
    expect(accepted(boxes, image, { boxes: [] })).toEqual({ boxes: [] });
  });

  it('refuses boxes that are not an array', () => {
    expect(refusedField(boxes, image, { boxes: { x: 0, y: 0, w: 1, h: 1, label: 'car' } })).toBe('result.boxes');
    expect(refusedField(boxes, image, {})).toBe('result.boxes');
  });

  it('refuses any box when the item has no image size', () => {
    const box = { x: 0, y: 0, w: 1, h: 1, label: 'car' };
    expect(refusedField(boxes, {}, { boxes: [box] })).toBe('result.boxes');
    expect(refusedField(boxes, { width: 100 }, { boxes: [box] })).toBe('result.boxes');
    expect(refusedField(boxes, { height: 100 }, { boxes: [] })).toBe('result.boxes');
  });

  it('refuses a box that is not an object', () => {
    expect(refusedField(boxes, image, { boxes: [[0, 0, 1, 1, 'car']] })).toBe('result.boxes[0]');
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 0, w: 1, h: 1, label: 'car' }, 'car'] })).toBe('result.boxes[1]');
  });

  it('refuses a box outside the image on each edge', () => {
    expect(refusedField(boxes, image, { boxes: [{ x: -1, y: 0, w: 10, h: 10, label: 'car' }] })).toBe('result.boxes[0].x');
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: -0.5, w: 10, h: 10, label: 'car' }] })).toBe('result.boxes[0].y');
    expect(refusedField(boxes, image, { boxes: [{ x: 90, y: 0, w: 10.5, h: 10, label: 'car' }] })).toBe('result.boxes[0].w');
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 45, w: 10, h: 6, label: 'car' }] })).toBe('result.boxes[0].h');
    expect(refusedField(boxes, image, { boxes: [{ x: 100, y: 0, w: 1, h: 1, label: 'car' }] })).toBe('result.boxes[0].w');
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 50, w: 1, h: 1, label: 'car' }] })).toBe('result.boxes[0].h');
  });

  it('refuses a zero-size or negative-size box', () => {
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 0, w: 0, h: 10, label: 'car' }] })).toBe('result.boxes[0].w');
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 0, w: 10, h: 0, label: 'car' }] })).toBe('result.boxes[0].h');
    expect(refusedField(boxes, image, { boxes: [{ x: 20, y: 0, w: -10, h: 10, label: 'car' }] })).toBe('result.boxes[0].w');
  });

  it('refuses coordinates that are not finite numbers', () => {
    expect(refusedField(boxes, image, { boxes: [{ x: '1', y: 0, w: 1, h: 1, label: 'car' }] })).toBe('result.boxes[0].x');
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: Number.NaN, w: 1, h: 1, label: 'car' }] })).toBe('result.boxes[0].y');
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 0, w: Number.POSITIVE_INFINITY, h: 1, label: 'car' }] })).toBe(
      'result.boxes[0].w',
    );
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 0, w: 1, h: null, label: 'car' }] })).toBe('result.boxes[0].h');
    expect(refusedField(boxes, image, { boxes: [{ y: 0, w: 1, h: 1, label: 'car' }] })).toBe('result.boxes[0].x');
  });

  it('refuses a label not in the schema', () => {
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 0, w: 1, h: 1, label: 'truck' }] })).toBe('result.boxes[0].label');
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 0, w: 1, h: 1 }] })).toBe('result.boxes[0].label');
  });

  it('refuses an unexpected key in a box or in the result', () => {
    expect(refusedField(boxes, image, { boxes: [{ x: 0, y: 0, w: 1, h: 1, label: 'car', angle: 0 }] })).toBe('result.boxes[0].angle');
    expect(refusedField(boxes, image, { boxes: [], label: 'car' })).toBe('result.label');
  });

  it('names the index of the first bad box', () => {
    const good = { x: 0, y: 0, w: 1, h: 1, label: 'car' };
    expect(refusedField(boxes, image, { boxes: [good, good, { ...good, x: 100 }] })).toBe('result.boxes[2].w');
  });

  it(`accepts ${MAX_REGIONS} boxes and refuses one more`, () => {
    const make = (n: number) => Array.from({ length: n }, () => ({ x: 0, y: 0, w: 1, h: 1, label: 'car' }));
    const ok = accepted(boxes, image, { boxes: make(MAX_REGIONS) });
    expect('boxes' in ok && ok.boxes).toHaveLength(MAX_REGIONS);
    expect(refusedField(boxes, image, { boxes: make(MAX_REGIONS + 1) })).toBe('result.boxes');
  });
});

describe('validateResult: free text', () => {
  it('accepts text as given', () => {
    expect(accepted(freeText, {}, { text: 'A cat on a mat.' })).toEqual({ text: 'A cat on a mat.' });
    expect(accepted(freeText, {}, { text: '  padded  ' })).toEqual({ text: '  padded  ' });
  });

  it('refuses empty or blank text', () => {
    expect(refusedField(freeText, {}, { text: '' })).toBe('result.text');
    expect(refusedField(freeText, {}, { text: ' \n\t ' })).toBe('result.text');
  });

  it('refuses text that is not a string', () => {
    expect(refusedField(freeText, {}, { text: 5 })).toBe('result.text');
    expect(refusedField(freeText, {}, { text: ['a'] })).toBe('result.text');
    expect(refusedField(freeText, {}, {})).toBe('result.text');
  });

  it(`accepts ${MAX_FREE_TEXT} characters and refuses one more`, () => {
    expect(accepted(freeText, {}, { text: 'a'.repeat(MAX_FREE_TEXT) })).toEqual({ text: 'a'.repeat(MAX_FREE_TEXT) });
    expect(refusedField(freeText, {}, { text: 'a'.repeat(MAX_FREE_TEXT + 1) })).toBe('result.text');
  });

  it('refuses an unexpected key', () => {
    expect(refusedField(freeText, {}, { text: 'hi', label: 'x' })).toBe('result.label');
  });
});

describe('validateItemData', () => {
  function shapeOf(type: LabelSchema['type'], data: unknown): ItemShape {
    const outcome = validateItemData(type, data);
    if (!outcome.ok) throw new Error(`expected ${JSON.stringify(data)} to be accepted, got ${outcome.field}: ${outcome.message}`);
    return outcome.shape;
  }

  function refused(type: LabelSchema['type'], data: unknown): string {
    const outcome = validateItemData(type, data);
    if (outcome.ok) throw new Error(`expected ${JSON.stringify(data)} to be refused`);
    expect(outcome.message).not.toBe('');
    return outcome.field;
  }

  it.each(PROJECT_TYPES)('refuses data that is not an object, or an empty one (%s)', (type) => {
    for (const data of [null, undefined, 'text', 3, ['a']]) expect(refused(type, data)).toBe('data');
    expect(refused(type, {})).toBe('data');
  });

  it.each(['classification', 'multilabel', 'text'] as const)('%s: accepts any fields and extracts text and size', (type) => {
    expect(shapeOf(type, { text: 'hello' })).toEqual({ text: 'hello' });
    expect(shapeOf(type, { image: 'ipfs://bafy', caption: 'x' })).toEqual({});
    expect(shapeOf(type, { text: 5 })).toEqual({});
    expect(shapeOf(type, { image: 'a.png', width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });

  it.each(PROJECT_TYPES)('%s: refuses a bad image size', (type) => {
    const base = type === 'spans' ? { text: 'abc' } : { image: 'a.png' };
    expect(refused(type, { ...base, width: 640 })).toBe('data.height');
    expect(refused(type, { ...base, height: 480 })).toBe('data.width');
    expect(refused(type, { ...base, width: 0, height: 480 })).toBe('data.width');
    expect(refused(type, { ...base, width: 1.5, height: 480 })).toBe('data.width');
    expect(refused(type, { ...base, width: '640', height: 480 })).toBe('data.width');
    expect(refused(type, { ...base, width: 640, height: -1 })).toBe('data.height');
    expect(refused(type, { ...base, width: 640, height: null })).toBe('data.height');
  });

  it('spans: needs a non-empty text', () => {
    expect(shapeOf('spans', { text: 'Alice met Bob' })).toEqual({ text: 'Alice met Bob' });
    expect(refused('spans', { text: '' })).toBe('data.text');
    expect(refused('spans', { text: 42 })).toBe('data.text');
    expect(refused('spans', { image: 'a.png' })).toBe('data.text');
  });

  it('boxes: needs an image and its size', () => {
    expect(shapeOf('boxes', { image: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', width: 640, height: 480 })).toEqual({
      width: 640,
      height: 480,
    });
    expect(refused('boxes', { width: 640, height: 480 })).toBe('data.image');
    expect(refused('boxes', { image: '', width: 640, height: 480 })).toBe('data.image');
    expect(refused('boxes', { image: 7, width: 640, height: 480 })).toBe('data.image');
    expect(refused('boxes', { image: 'a.png' })).toBe('data.width');
  });

  it('a shape from validateItemData is what validateResult needs', () => {
    const shape = shapeOf('boxes', { image: 'a.png', width: 10, height: 10 });
    expect(validateResult(boxes, shape, { boxes: [{ x: 0, y: 0, w: 10, h: 10, label: 'car' }] }).ok).toBe(true);
    expect(validateResult(boxes, shape, { boxes: [{ x: 0, y: 0, w: 11, h: 10, label: 'car' }] }).ok).toBe(false);
  });
});

describe('checkLabels', () => {
  it('accepts distinct trimmed labels', () => {
    expect(checkLabels('classification', ['cat', 'dog'])).toBeUndefined();
    expect(checkLabels('boxes', ['car'])).toBeUndefined();
    expect(checkLabels('multilabel', ['two words', 'émoji 🐈'])).toBeUndefined();
  });

  it.each(['classification', 'multilabel', 'spans', 'boxes'] as const)('%s needs at least one label', (type) => {
    expect(checkLabels(type, [])?.field).toBe('labels');
  });

  it('free text needs none', () => {
    expect(checkLabels('text', [])).toBeUndefined();
  });

  it('refuses empty labels or labels with surrounding spaces, naming the index', () => {
    expect(checkLabels('classification', ['cat', ''])?.field).toBe('labels[1]');
    expect(checkLabels('classification', [' cat'])?.field).toBe('labels[0]');
    expect(checkLabels('classification', ['cat', 'dog', 'bird\n'])?.field).toBe('labels[2]');
    expect(checkLabels('text', ['  '])?.field).toBe('labels[0]');
  });

  it('refuses a repeated label, naming the second', () => {
    const problem = checkLabels('multilabel', ['a', 'b', 'a']);
    expect(problem).toMatchObject({ ok: false, field: 'labels[2]' });
    expect(problem?.message).toContain('"a"');
  });

  it('is case-sensitive about repeats', () => {
    expect(checkLabels('classification', ['Cat', 'cat'])).toBeUndefined();
  });
});

describe('isProjectType', () => {
  it('knows the five types and nothing else', () => {
    for (const type of PROJECT_TYPES) expect(isProjectType(type)).toBe(true);
    for (const value of ['Classification', 'box', '', undefined, null, 1, ['text']]) expect(isProjectType(value)).toBe(false);
  });
});

describe('isTokenAmount', () => {
  it.each(['0', '1', '10', '0.5', '0.0', '1.000000000000000001', '123456789012345678', '999999999999999999.999999999999999999'])(
    'accepts %s',
    (value) => {
      expect(isTokenAmount(value)).toBe(true);
    },
  );

  it.each([
    '',
    '01',
    '00',
    '1.',
    '.5',
    '-1',
    '+1',
    '1e18',
    '1.0000000000000000001',
    '1234567890123456789',
    ' 1',
    '1 ',
    '1,5',
    'abc',
    '0x10',
    'Infinity',
    'NaN',
  ])('refuses "%s"', (value) => {
    expect(isTokenAmount(value)).toBe(false);
  });
});
