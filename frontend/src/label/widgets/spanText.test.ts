import { describe, expect, it } from 'vitest';
import { labelsEndingAt, snapToWords, spanAt, stepWord, wordEnd, wordStart } from './spanText';

const TEXT = "Tim Berners-Lee didn't stay in Genève 😀 long.";

function snapped(from: string, to: string): string | undefined {
  const start = TEXT.indexOf(from);
  const end = TEXT.indexOf(to) + to.length;
  const range = snapToWords(TEXT, start, end);
  return range && TEXT.slice(range.start, range.end);
}

describe('snapToWords', () => {
  it('widens ends that fall inside words to the whole words', () => {
    expect(snapped('erner', 'erner')).toBe('Berners-Lee');
    expect(snapped('im', 'Be')).toBe('Tim Berners-Lee');
    expect(snapped('dn', 'dn')).toBe("didn't");
    expect(snapped('nè', 'nè')).toBe('Genève');
  });

  it('leaves ends already on a boundary, and punctuation outside words, alone', () => {
    expect(snapped('stay', 'stay')).toBe('stay');
    expect(snapped('lon', 'long.')).toBe('long.');
  });

  it('drops white space at the edges, and gives nothing for a selection of spaces', () => {
    expect(snapped(' stay ', ' stay ')).toBe('stay');
    expect(snapToWords(TEXT, 3, 4)).toBeUndefined();
  });

  it('does not treat an emoji as part of a word, nor split it', () => {
    const emoji = TEXT.indexOf('😀');
    expect(snapToWords(TEXT, emoji, emoji + 2)).toEqual({ start: emoji, end: emoji + 2 });
  });

  it('accepts a backwards range', () => {
    const at = TEXT.indexOf('stay');
    expect(snapToWords(TEXT, at + 3, at + 1)).toEqual({ start: at, end: at + 4 });
  });
});

describe('word stepping', () => {
  it('finds the edges of the word around an offset', () => {
    const at = TEXT.indexOf('Lee') + 1;
    expect(TEXT.slice(wordStart(TEXT, at), wordEnd(TEXT, at))).toBe('Berners-Lee');
  });

  it('stops at the end of each next word going right, at the start of each word going left', () => {
    const stops: number[] = [];
    for (let at = 0, next = stepWord(TEXT, 0, 1); next !== at; at = next, next = stepWord(TEXT, at, 1)) stops.push(next);
    expect(stops.map((stop) => TEXT.slice(0, stop).split(' ').at(-1))).toEqual([
      'Tim',
      'Berners-Lee',
      "didn't",
      'stay',
      'in',
      'Genève',
      'long',
      'long.',
    ]);
    expect(stepWord(TEXT, TEXT.indexOf('long'), -1)).toBe(TEXT.indexOf('Genève'));
    expect(stepWord(TEXT, 2, -1)).toBe(0);
    expect(stepWord(TEXT, 0, -1)).toBe(0);
  });
});

describe('span lookups', () => {
  const spans = [
    { start: 0, end: 15, label: 'PER' },
    { start: 4, end: 15, label: 'LAST' },
    { start: 31, end: 37, label: 'LOC' },
  ];

  it('picks the innermost span under an offset', () => {
    expect(spanAt(spans, 1)).toBe(0);
    expect(spanAt(spans, 5)).toBe(1);
    expect(spanAt(spans, 20)).toBeUndefined();
  });

  it('collects the labels of spans ending at each offset', () => {
    expect([...labelsEndingAt(spans)]).toEqual([
      [15, ['PER', 'LAST']],
      [37, ['LOC']],
    ]);
  });
});
