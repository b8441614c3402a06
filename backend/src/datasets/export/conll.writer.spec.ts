import { describe, expect, it } from 'vitest';
import type { Span } from '../../projects/domain/label-schema.js';
import type { DatasetRecord } from '../domain/dataset-record.js';
import { conllDocument, conllWriter, nonOverlapping, tokenize } from './conll.writer.js';
import { SPANS, writeAll } from './dataset-records.fixture.js';

interface Line {
  token: string;
  tag: string;
}

/**
 * An independent reader of the CoNLL-2003 layout: documents start with the DOCSTART line, sentences
 * are separated by blank lines, every other line has four space-separated columns, and the NER
 * column follows IOB2 (I-X only after B-X or I-X of the same type, within a sentence).
 */
function readConll(text: string): Line[][][] {
  const documents: Line[][][] = [];
  let sentence: Line[] = [];
  const lines = text.split('\n');
  expect(lines.at(-1)).toBe('');
  for (const [n, line] of lines.slice(0, -1).entries()) {
    if (line === '-DOCSTART- -X- -X- O') {
      expect(sentence, `line ${n + 1}: DOCSTART inside a sentence`).toEqual([]);
      documents.push([]);
      continue;
    }
    if (line === '') {
      if (sentence.length > 0) documents.at(-1)!.push(sentence);
      sentence = [];
      continue;
    }
    const columns = line.split(' ');
    expect(columns, `line ${n + 1}: ${line}`).toHaveLength(4);
    const [token, pos, chunk, tag] = columns as [string, string, string, string];
    expect(token).not.toBe('');
    expect([pos, chunk]).toEqual(['-X-', '-X-']);
    expect(tag, `line ${n + 1}`).toMatch(/^(O|[BI]-\S+)$/);
    if (tag.startsWith('I-')) {
      const previous = sentence.at(-1)?.tag;
      expect(previous === `B-${tag.slice(2)}` || previous === tag, `line ${n + 1}: ${tag} after ${previous ?? 'sentence start'}`).toBe(
        true,
      );
    }
    sentence.push({ token, tag });
  }
  expect(sentence, 'the file ends with a blank line').toEqual([]);
  return documents;
}

/** Spans back from a document's tags, locating each token in the text from where the previous one ended. */
function spansFromTags(text: string, sentences: Line[][]): Span[] {
  const spans: Span[] = [];
  let at = 0;
  for (const { token, tag } of sentences.flat()) {
    const start = text.indexOf(token, at);
    expect(text.slice(at, start).replace(/[\s\p{C}]/gu, ''), `only spaces between tokens before "${token}"`).toBe('');
    at = start + token.length;
    if (tag.startsWith('B-')) spans.push({ start, end: at, label: tag.slice(2) });
    else if (tag.startsWith('I-')) spans.at(-1)!.end = at;
  }
  expect(text.slice(at).replace(/[\s\p{C}]/gu, '')).toBe('');
  return spans;
}

describe('CoNLL-2003 export', () => {
  it('passes the line checker, one document per record, tokens re-joining to the text', async () => {
    const documents = readConll((await writeAll(conllWriter, SPANS.records, SPANS.schema)).toString('utf8'));
    expect(documents).toHaveLength(SPANS.records.length);
    for (const [i, record] of SPANS.records.entries()) {
      const text = record.data['text'] as string;
      const tokens = documents[i]!.flat().map((line) => line.token);
      expect(tokens.join('')).toBe(text.replace(/[\s\p{C}]/gu, ''));
    }
  });

  it('tags exactly the spans BIO can hold, split at span edges inside words', async () => {
    const documents = readConll((await writeAll(conllWriter, SPANS.records, SPANS.schema)).toString('utf8'));
    for (const [i, record] of SPANS.records.entries()) {
      const text = record.data['text'] as string;
      const spans = 'spans' in record.answer ? record.answer.spans : [];
      const expected = nonOverlapping(spans).map((span) => ({ ...span, label: span.label.replace(/\s/g, '_') }));
      expect(spansFromTags(text, documents[i]!)).toEqual(expected);
    }
    const [first] = documents;
    expect(first!.flat().slice(0, 8)).toEqual([
      { token: 'Dr', tag: 'B-PER' },
      { token: '.', tag: 'I-PER' },
      { token: 'Angela', tag: 'I-PER' },
      { token: 'Merkel', tag: 'I-PER' },
      { token: 'visited', tag: 'O' },
      { token: 'New', tag: 'O' },
      { token: 'York', tag: 'B-LOC' },
      { token: 'ers', tag: 'O' },
    ]);
  });

  it('ends sentences at final punctuation and line breaks, never inside a span', async () => {
    const documents = readConll((await writeAll(conllWriter, SPANS.records, SPANS.schema)).toString('utf8'));
    expect(documents[0]!.map((sentence) => sentence.map((line) => line.token).join(' '))).toEqual([
      'Dr . Angela Merkel visited New York ers in Berlin .',
      'She left !',
      'Then Paris',
    ]);
    expect(documents[1]!.map((sentence) => sentence.map((line) => line.token).join(' '))).toEqual(['No entities here .']);
  });

  it('holds for random texts and spans: misaligned, overlapping, over spaces and punctuation', () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['a', 'b', 'É', '1', ' ', ' ', '.', ',', '-', '\n', '!', 'ß', '\u200b'];
    for (let doc = 0; doc < 300; doc += 1) {
      const text = Array.from({ length: 1 + random(80) }, () => alphabet[random(alphabet.length)]!).join('');
      const spans = Array.from({ length: random(6) }, () => {
        const start = random(text.length);
        return { start, end: start + 1 + random(text.length - start), label: ['PER', 'LOC X'][random(2)]! };
      });
      const record = { id: `d${doc}`, data: { text }, answer: { spans } } as unknown as DatasetRecord;
      const [document] = readConll(conllDocument(record));
      const sentences = document ?? [];
      expect(
        sentences
          .flat()
          .map((line) => line.token)
          .join(''),
      ).toBe(text.replace(/[\s\p{C}]/gu, ''));
      // Each BIO-writable span, shrunk to the visible characters it covers; gone if it covers none.
      const visible = (i: number): boolean => /[^\s\p{C}]/u.test(text[i]!);
      const expected = nonOverlapping(spans).flatMap((span) => {
        let { start, end } = span;
        while (start < end && !visible(start)) start += 1;
        while (end > start && !visible(end - 1)) end -= 1;
        return start < end ? [{ start, end, label: span.label.replace(/\s/g, '_') }] : [];
      });
      expect(spansFromTags(text, sentences), JSON.stringify({ text, spans })).toEqual(expected);
    }
  });

  it('tokenizes with offsets into the text', () => {
    const text = "l'été 2026, Zürich—ok";
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
    expect(tokenize(text).map((token) => token.text)).toEqual(['l', "'", 'été', '2026', ',', 'Zürich', '—', 'ok']);
    expect(tokenize('abcdef', [2, 4]).map((token) => token.text)).toEqual(['ab', 'cd', 'ef']);
    // Invisible characters separate tokens and never become one (a Python reader would split on U+001C).
    expect(tokenize('zero\u200bwidth\u001cfs').map((token) => token.text)).toEqual(['zero', 'width', 'fs']);
  });
});
