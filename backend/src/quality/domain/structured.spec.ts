import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from './seeded-random.js';
import type { Box } from '../../projects/domain/label-schema.js';
import { QualityError, QualityErrorCode } from './quality-error.js';
import {
  ABSENT,
  aggregateBoxes,
  aggregateMultiLabel,
  aggregateSpans,
  iou,
  OUTSIDE,
  PRESENT,
  tokenize,
  type BoxAnnotation,
  type CategoricalAggregator,
} from './structured.js';

/** Plain majority per item; ties to the smaller label; confidence = the winner's share of the votes. */
const majority: CategoricalAggregator = (votes) => {
  const counts = new Map<string, Map<string, number>>();
  for (const { item, label } of votes) {
    const labels = counts.get(item) ?? new Map<string, number>();
    labels.set(label, (labels.get(label) ?? 0) + 1);
    counts.set(item, labels);
  }
  return [...counts].map(([item, labels]) => {
    const total = [...labels.values()].reduce((sum, c) => sum + c, 0);
    const [label, count] = [...labels].sort(([la, ca], [lb, cb]) => cb - ca || (la < lb ? -1 : 1))[0]!;
    return { item, label, confidence: count / total };
  });
};

/** The majority aggregator, recording what it was asked. */
function spy(): { aggregate: CategoricalAggregator; calls: Array<Parameters<CategoricalAggregator>[0]> } {
  const calls: Array<Parameters<CategoricalAggregator>[0]> = [];
  return {
    calls,
    aggregate: (votes) => {
      calls.push(votes);
      return majority(votes);
    },
  };
}

function refusal(run: () => unknown): QualityError {
  try {
    run();
  } catch (error) {
    if (error instanceof QualityError) return error;
    throw error;
  }
  throw new Error('expected a QualityError');
}

/** The offsets of `part` in `text`, found rather than counted by hand. */
function at(text: string, part: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`"${part}" is not in the text`);
  return { start, end: start + part.length };
}

describe('aggregateMultiLabel', () => {
  const classes = ['indoor', 'outdoor', 'night', 'people'];
  const annotations = [
    { item: 'i1', worker: 'w1', labels: ['indoor', 'people'] },
    { item: 'i1', worker: 'w2', labels: ['indoor'] },
    { item: 'i1', worker: 'w3', labels: ['night', 'indoor', 'people'] },
    { item: 'i2', worker: 'w1', labels: ['outdoor'] },
    { item: 'i2', worker: 'w2', labels: ['outdoor', 'night'] },
    { item: 'i2', worker: 'w3', labels: [] },
  ];

  it('decides each class by its own majority; confidence is that of the decision, present or absent', () => {
    expect(aggregateMultiLabel(annotations, classes, majority)).toEqual([
      { item: 'i1', labels: ['indoor', 'people'], confidence: { indoor: 1, outdoor: 1, night: 2 / 3, people: 2 / 3 } },
      { item: 'i2', labels: ['outdoor'], confidence: { indoor: 1, outdoor: 2 / 3, night: 2 / 3, people: 1 } },
    ]);
  });

  it('asks the aggregator one binary question per class, with every annotation voting', () => {
    const { aggregate, calls } = spy();
    aggregateMultiLabel(annotations, classes, aggregate);
    expect(calls).toHaveLength(classes.length);
    for (const votes of calls) {
      expect(votes).toHaveLength(annotations.length);
      for (const vote of votes) expect([PRESENT, ABSENT]).toContain(vote.label);
    }
    // The third call is "night": only w2 on i2 and w3 on i1 said present.
    expect(calls[2]!.filter((v) => v.label === PRESENT).map((v) => [v.item, v.worker])).toEqual([
      ['i1', 'w3'],
      ['i2', 'w2'],
    ]);
  });

  it('lists labels in the order of the classes, ignores labels outside them, and sorts items', () => {
    const result = aggregateMultiLabel(
      [
        { item: 'b', worker: 'w1', labels: ['night', 'indoor', 'graffiti'] },
        { item: 'a', worker: 'w1', labels: ['graffiti'] },
      ],
      ['people', 'night', 'indoor'],
      majority,
    );
    expect(result.map((r) => r.item)).toEqual(['a', 'b']);
    expect(result[0]!.labels).toEqual([]);
    expect(result[1]!.labels).toEqual(['night', 'indoor']);
    expect(Object.keys(result[1]!.confidence)).toEqual(['people', 'night', 'indoor']);
  });

  it('keeps a class whatever its name', () => {
    const [result] = aggregateMultiLabel([{ item: 'i', worker: 'w', labels: ['__proto__'] }], ['__proto__'], majority);
    expect(result!.labels).toEqual(['__proto__']);
    expect(Object.hasOwn(result!.confidence, '__proto__')).toBe(true);
  });

  it('returns nothing for no annotations, and an aggregator that skips an item is an error', () => {
    expect(aggregateMultiLabel([], classes, majority)).toEqual([]);
    expect(() => aggregateMultiLabel(annotations, classes, (votes) => majority(votes).slice(1))).toThrow(/no label/);
  });
});

describe('tokenize', () => {
  it('splits on any whitespace run and keeps UTF-16 offsets', () => {
    const text = ' 😀 Café\u00a0in\tKöln\n東京\u3000タワー ';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['😀', 'Café', 'in', 'Köln', '東京', 'タワー']);
    expect(tokens[0]).toEqual({ start: 1, end: 3 }); // a surrogate pair is two code units
    expect(tokens[1]).toEqual({ start: 4, end: 8 });
  });

  it('finds no token in blank text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \t\n\u3000')).toEqual([]);
  });
});

describe('aggregateSpans', () => {
  const text = 'She moved to New York last year';
  const newYork = at(text, 'New York');

  it('two of three annotators marking "New York" as LOC give one LOC span over both tokens', () => {
    const result = aggregateSpans(
      text,
      [
        { worker: 'w1', spans: [{ ...newYork, label: 'LOC' }] },
        { worker: 'w2', spans: [{ ...newYork, label: 'LOC' }] },
        { worker: 'w3', spans: [] },
      ],
      majority,
    );
    expect(result).toEqual({ spans: [{ ...newYork, label: 'LOC', confidence: 2 / 3 }] });
  });

  it('drops a span only one of three annotators marked', () => {
    const result = aggregateSpans(
      text,
      [
        { worker: 'w1', spans: [{ ...newYork, label: 'LOC' }] },
        { worker: 'w2', spans: [] },
        { worker: 'w3', spans: [] },
      ],
      majority,
    );
    expect(result).toEqual({ spans: [] });
  });

  it('counts a span covering part of a token for the whole token', () => {
    const w = at(text, 'w Y'); // the last letter of "New" and the first of "York"
    const result = aggregateSpans(
      text,
      [
        { worker: 'w1', spans: [{ ...at(text, 'New Yo'), label: 'LOC' }] },
        { worker: 'w2', spans: [{ start: w.start, end: w.end, label: 'LOC' }] },
      ],
      majority,
    );
    expect(result).toEqual({ spans: [{ ...newYork, label: 'LOC', confidence: 1 }] });
  });

  it('has confidence = mean of the token confidences', () => {
    const york = at(text, 'York');
    const result = aggregateSpans(
      text,
      [
        { worker: 'w1', spans: [{ ...newYork, label: 'LOC' }] },
        { worker: 'w2', spans: [{ ...newYork, label: 'LOC' }] },
        { worker: 'w3', spans: [{ ...newYork, label: 'LOC' }] },
        { worker: 'w4', spans: [{ ...york, label: 'LOC' }] },
      ],
      majority,
    );
    // "New": 3 of 4; "York": 4 of 4.
    expect(result).toEqual({ spans: [{ ...newYork, label: 'LOC', confidence: (3 / 4 + 1) / 2 }] });
  });

  it('decides each token by majority, and splits where the decided label changes', () => {
    const headline = 'New York Times hired Tim Cook';
    const all = at(headline, 'New York Times');
    const result = aggregateSpans(
      headline,
      [
        {
          worker: 'w1',
          spans: [
            { ...at(headline, 'New York'), label: 'LOC' },
            { ...at(headline, 'Tim Cook'), label: 'PER' },
          ],
        },
        {
          worker: 'w2',
          spans: [
            { ...all, label: 'ORG' },
            { ...at(headline, 'Tim Cook'), label: 'PER' },
          ],
        },
        {
          worker: 'w3',
          spans: [
            { ...at(headline, 'New York'), label: 'LOC' },
            { ...at(headline, 'Times'), label: 'ORG' },
          ],
        },
      ],
      majority,
    );
    expect(result.spans).toEqual([
      { ...at(headline, 'New York'), label: 'LOC', confidence: 2 / 3 },
      { ...at(headline, 'Times'), label: 'ORG', confidence: 2 / 3 },
      { ...at(headline, 'Tim Cook'), label: 'PER', confidence: 2 / 3 },
    ]);
  });

  it('joins tokens across any whitespace, and ignores spans that cover only whitespace', () => {
    const spaced = '  New \t\n York  City ';
    const city = at(spaced, 'New \t\n York');
    const gap = at(spaced, '  City').start; // the two spaces before "City"
    const annotation = {
      spans: [
        { ...city, label: 'LOC' },
        { start: gap, end: gap + 2, label: 'ORG' },
      ],
    };
    const result = aggregateSpans(
      spaced,
      [
        { worker: 'w1', ...annotation },
        { worker: 'w2', ...annotation },
      ],
      majority,
    );
    expect(result.spans).toEqual([{ ...city, label: 'LOC', confidence: 1 }]);
    expect(spaced.slice(result.spans[0]!.start, result.spans[0]!.end)).toBe('New \t\n York');
  });

  it('keeps UTF-16 offsets in non-ASCII text', () => {
    const foreign = '😀 Ich liebe Köln und 東京\u3000タワー';
    const annotations = ['w1', 'w2'].map((worker) => ({
      worker,
      spans: [
        { ...at(foreign, 'Köln'), label: 'LOC' },
        { ...at(foreign, '東京\u3000タワー'), label: 'ORG' },
      ],
    }));
    const { spans } = aggregateSpans(foreign, annotations, majority);
    expect(spans.map((s) => [foreign.slice(s.start, s.end), s.label])).toEqual([
      ['Köln', 'LOC'],
      ['東京\u3000タワー', 'ORG'],
    ]);
    expect(spans[0]).toMatchObject({ start: 13, end: 17 }); // the emoji before it is two code units
  });

  it("resolves one annotator's overlapping spans by coverage, then label, in any order", () => {
    const york = at(text, 'York');
    const spans = [
      { ...at(text, 'New Yo'), label: 'LOC' }, // two characters of "York"
      { ...york, label: 'ORG' }, // all of it
      { ...york, label: 'PER' }, // all of it, but PER comes after ORG
    ];
    for (const order of [spans, [...spans].reverse()]) {
      expect(aggregateSpans(text, [{ worker: 'w1', spans: order }], majority).spans).toEqual([
        { ...at(text, 'New'), label: 'LOC', confidence: 1 },
        { ...york, label: 'ORG', confidence: 1 },
      ]);
    }
  });

  it('gives the aggregator one vote per annotation per token, OUTSIDE where no span covers it', () => {
    const { aggregate, calls } = spy();
    aggregateSpans(
      text,
      [
        { worker: 'w1', spans: [{ ...newYork, label: 'LOC' }] },
        { worker: 'w2', spans: [] },
      ],
      aggregate,
    );
    expect(calls).toHaveLength(1);
    const tokens = tokenize(text);
    expect(calls[0]).toHaveLength(2 * tokens.length);
    expect(calls[0]!.filter((v) => v.label !== OUTSIDE)).toEqual([
      { item: '3', worker: 'w1', label: 'LOC' },
      { item: '4', worker: 'w1', label: 'LOC' },
    ]);
  });

  it('returns no spans for blank text or no annotations', () => {
    expect(aggregateSpans(' \n ', [{ worker: 'w1', spans: [] }], majority)).toEqual({ spans: [] });
    expect(aggregateSpans(text, [], majority)).toEqual({ spans: [] });
  });
});

describe('iou', () => {
  const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });

  it.each([
    ['identical boxes', box(0, 0, 10, 10), box(0, 0, 10, 10), 1],
    ['half-shifted squares: 50 / 150', box(0, 0, 10, 10), box(5, 0, 10, 10), 1 / 3],
    ['diagonal overlap of 2x2 squares: 1 / 7', box(0, 0, 2, 2), box(1, 1, 2, 2), 1 / 7],
    ['containment: 4 / 16', box(0, 0, 4, 4), box(1, 1, 2, 2), 1 / 4],
    ['different sizes, partial: 12 / (24 + 20 - 12)', box(0, 0, 6, 4), box(2, 1, 5, 4), 12 / 32],
    ['touching edges', box(0, 0, 1, 1), box(1, 0, 1, 1), 0],
    ['disjoint', box(0, 0, 1, 1), box(5, 5, 1, 1), 0],
    ['two empty boxes', box(3, 3, 0, 0), box(3, 3, 0, 0), 0],
  ])('%s', (_, a, b, expected) => {
    expect(iou(a, b)).toBeCloseTo(expected, 12);
    expect(iou(b, a)).toBe(iou(a, b));
  });
});

describe('aggregateBoxes', () => {
  const car = (x: number, y: number, w: number, h: number, label = 'car'): Box => ({ x, y, w, h, label });

  it('merges three nearly identical boxes into their mean', () => {
    const result = aggregateBoxes([
      { worker: 'w1', boxes: [car(10, 10, 100, 50)] },
      { worker: 'w2', boxes: [car(12, 8, 98, 54)] },
      { worker: 'w3', boxes: [car(8, 12, 102, 46)] },
    ]);
    expect(result).toEqual([{ x: 10, y: 10, w: 100, h: 50, label: 'car', confidence: 1, support: 1 }]);
  });

  it('drops a box one of three workers drew at minSupport 0.5, and keeps it at 0.3', () => {
    const annotations = [
      { worker: 'w1', boxes: [car(10, 10, 100, 50), car(300, 300, 20, 20, 'person')] },
      { worker: 'w2', boxes: [car(12, 8, 98, 54)] },
      { worker: 'w3', boxes: [car(8, 12, 102, 46)] },
    ];
    expect(aggregateBoxes(annotations).map((b) => b.label)).toEqual(['car']);
    expect(aggregateBoxes(annotations, { minSupport: 0.3 })).toEqual([
      { x: 10, y: 10, w: 100, h: 50, label: 'car', confidence: 1, support: 1 },
      { x: 300, y: 300, w: 20, h: 20, label: 'person', confidence: 1 / 3, support: 1 / 3 },
    ]);
  });

  it('counts annotators who drew nothing: they said there is no object', () => {
    const drawn = [
      { worker: 'w1', boxes: [car(0, 0, 10, 10)] },
      { worker: 'w2', boxes: [car(0, 0, 10, 10)] },
    ];
    const empty = (worker: string) => ({ worker, boxes: [] });
    expect(aggregateBoxes([...drawn, empty('w3'), empty('w4')])).toMatchObject([{ support: 0.5, confidence: 0.5 }]);
    expect(aggregateBoxes([...drawn, empty('w3'), empty('w4'), empty('w5')])).toEqual([]);
  });

  it('moves the merged box toward the trusted worker', () => {
    const annotations = [
      { worker: 'trusted', boxes: [car(0, 0, 10, 10)] },
      { worker: 'other', boxes: [car(2, 0, 10, 10)] }, // IoU 80 / 120
    ];
    expect(aggregateBoxes(annotations)).toMatchObject([{ x: 1 }]);
    const [merged] = aggregateBoxes(annotations, { trust: new Map([['trusted', 3]]) });
    expect(merged).toEqual({ x: 0.5, y: 0, w: 10, h: 10, label: 'car', confidence: 1, support: 1 });
  });

  it('labels by trust-weighted vote; confidence is the weighted share agreeing on it', () => {
    const annotations = [
      { worker: 'w1', boxes: [car(0, 0, 10, 10, 'car')] },
      { worker: 'w2', boxes: [car(0, 0, 10, 10, 'car')] },
      { worker: 'w3', boxes: [car(0, 0, 10, 10, 'truck')] },
    ];
    expect(aggregateBoxes(annotations)).toMatchObject([{ label: 'car', confidence: 2 / 3, support: 1 }]);
    const trusted = aggregateBoxes(annotations, { trust: new Map([['w3', 5]]) });
    expect(trusted).toMatchObject([{ label: 'truck', support: 1 }]);
    expect(trusted[0]!.confidence).toBeCloseTo(5 / 7, 12);
    // A tie goes to the earlier label, whoever drew it.
    const tie = aggregateBoxes([annotations[2]!, annotations[0]!]);
    expect(tie).toMatchObject([{ label: 'car', confidence: 0.5 }]);
  });

  it("takes each worker's best-matching box once per object", () => {
    const result = aggregateBoxes([
      { worker: 'w1', boxes: [car(1, 0, 10, 10), car(0, 0, 10, 10)] },
      { worker: 'w2', boxes: [car(0, 0, 10, 10)] },
      { worker: 'w3', boxes: [car(0, 0, 10, 10)] },
    ]);
    // w1's shifted box would match too, but w1 is already in the object through an exact match.
    expect(result).toEqual([{ x: 0, y: 0, w: 10, h: 10, label: 'car', confidence: 1, support: 1 }]);
  });

  it('does not chain: every two boxes of an object overlap by the threshold', () => {
    // IoU(a, b) = IoU(b, c) = 70 / 130, but IoU(a, c) = 40 / 160.
    const result = aggregateBoxes([
      { worker: 'w1', boxes: [car(0, 0, 10, 10)] },
      { worker: 'w2', boxes: [car(3, 0, 10, 10)] },
      { worker: 'w3', boxes: [car(6, 0, 10, 10)] },
    ]);
    expect(result).toEqual([{ x: 1.5, y: 0, w: 10, h: 10, label: 'car', confidence: 2 / 3, support: 2 / 3 }]);
  });

  it('falls back to the plain mean for an object drawn only by workers of trust 0', () => {
    const result = aggregateBoxes(
      [
        { worker: 'w1', boxes: [car(0, 0, 10, 10)] },
        { worker: 'w2', boxes: [car(2, 0, 10, 10)] },
        { worker: 'w3', boxes: [] },
      ],
      {
        trust: new Map([
          ['w1', 0],
          ['w2', 0],
        ]),
      },
    );
    expect(result).toEqual([{ x: 1, y: 0, w: 10, h: 10, label: 'car', confidence: 0, support: 2 / 3 }]);
  });

  it('gives the same result whatever the order of annotations and boxes', () => {
    const next = seededRandom(2024);
    const objects = [car(10, 10, 100, 50), car(200, 40, 30, 60, 'person'), car(400, 10, 80, 80, 'truck')];
    const annotations: BoxAnnotation[] = ['w1', 'w2', 'w3', 'w4'].map((worker, k) => ({
      worker,
      boxes: objects
        .filter((_, o) => (o + k) % 4 !== 0)
        .map((b, o) => car(b.x + ((k * 3 + o) % 5) - 2, b.y + (k % 3) - 1, b.w + k, b.h - k, b.label)),
    }));
    const trust = new Map([
      ['w1', 0.9],
      ['w2', 0.4],
      ['w3', 0.7],
    ]);
    const expected = aggregateBoxes(annotations, { trust });
    expect(expected.map((b) => b.label)).toEqual(['car', 'person', 'truck']);
    for (let round = 0; round < 20; round++) {
      const reordered = shuffled(annotations, next).map((a) => ({ ...a, boxes: shuffled(a.boxes, next) }));
      expect(aggregateBoxes(reordered, { trust })).toEqual(expected);
    }
  });

  it('returns nothing without annotations', () => {
    expect(aggregateBoxes([])).toEqual([]);
  });

  it.each([
    [{ iouThreshold: 0 }],
    [{ iouThreshold: 1.5 }],
    [{ iouThreshold: Number.NaN }],
    [{ minSupport: -0.1 }],
    [{ minSupport: 2 }],
    [{ trust: new Map([['w1', -1]]) }],
    [{ trust: new Map([['w1', Number.POSITIVE_INFINITY]]) }],
  ])('refuses options %o', (options) => {
    const annotations = [{ worker: 'w1', boxes: [car(0, 0, 1, 1)] }];
    expect(refusal(() => aggregateBoxes(annotations, options)).code).toBe(QualityErrorCode.OPTIONS_INVALID);
  });
});
