import { describe, expect, it } from 'vitest';
import { boxF1, matchesGold, normalizeText, spanF1 } from './gold-check.js';

describe('matchesGold', () => {
  it('classification: the same label, nothing else', () => {
    expect(matchesGold('classification', {}, { label: 'cat' }, { label: 'cat' })).toBe(true);
    expect(matchesGold('classification', {}, { label: 'cat' }, { label: 'dog' })).toBe(false);
    expect(matchesGold('classification', {}, { label: 'cat' }, {})).toBe(false);
  });

  it('multi-label: the same set, in any order', () => {
    expect(matchesGold('multilabel', {}, { labels: ['a', 'b'] }, { labels: ['b', 'a'] })).toBe(true);
    expect(matchesGold('multilabel', {}, { labels: ['a', 'b'] }, { labels: ['a'] })).toBe(false);
    expect(matchesGold('multilabel', {}, { labels: [] }, { labels: [] })).toBe(true);
  });

  it('spans: whole tokens count, so a span one character short of the token still matches', () => {
    const data = { text: 'Ada Lovelace met Charles Babbage in London' };
    const gold = {
      spans: [
        { start: 0, end: 12, label: 'PER' },
        { start: 17, end: 32, label: 'PER' },
        { start: 36, end: 42, label: 'LOC' },
      ],
    };
    const sloppy = {
      spans: [
        { start: 0, end: 11, label: 'PER' },
        { start: 17, end: 32, label: 'PER' },
        { start: 36, end: 42, label: 'LOC' },
      ],
    };
    expect(matchesGold('spans', data, gold, sloppy)).toBe(true);
    // London as a person: 4 of 5 entity tokens right, F1 = 0.8 — still in; missing both people is not.
    expect(spanF1(data.text, gold.spans, [{ start: 0, end: 42, label: 'PER' }])).toBeCloseTo((2 * 4) / (7 + 5), 10);
    expect(matchesGold('spans', data, gold, { spans: [{ start: 36, end: 42, label: 'LOC' }] })).toBe(false);
    expect(matchesGold('spans', data, { spans: [] }, { spans: [] })).toBe(true);
  });

  it('boxes: matched one to one by IoU >= 0.5 with the same label; F1 >= 0.8 passes', () => {
    const gold = [
      { x: 0, y: 0, w: 10, h: 10, label: 'car' },
      { x: 50, y: 50, w: 10, h: 10, label: 'person' },
    ];
    const close = [
      { x: 1, y: 1, w: 10, h: 10, label: 'car' },
      { x: 50, y: 51, w: 10, h: 10, label: 'person' },
    ];
    expect(matchesGold('boxes', {}, { boxes: gold }, { boxes: close })).toBe(true);
    expect(boxF1(gold, [close[0]!])).toBeCloseTo(2 / 3, 10);
    expect(matchesGold('boxes', {}, { boxes: gold }, { boxes: [close[0]!] })).toBe(false);
    // Right place, wrong label.
    expect(boxF1(gold, [{ ...close[0]!, label: 'person' }, close[1]!])).toBeCloseTo(0.5, 10);
    // Two answers on one gold box: only one can match.
    expect(boxF1([gold[0]!], [gold[0]!, close[0]!])).toBeCloseTo(2 / 3, 10);
    expect(boxF1([], [])).toBe(1);
  });

  it('free text: case and spacing do not matter, words do', () => {
    expect(normalizeText('  Hello   World ')).toBe('hello world');
    expect(matchesGold('text', {}, { text: 'Hello world' }, { text: 'hello  WORLD' })).toBe(true);
    expect(matchesGold('text', {}, { text: 'Hello world' }, { text: 'hello' })).toBe(false);
    expect(matchesGold('text', {}, { text: '' }, {})).toBe(false);
  });
});
