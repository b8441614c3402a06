import { describe, expect, it } from 'vitest';
import { textEncoder } from './chunks.js';
import { CLASSIFICATION } from './dataset-records.fixture.js';

describe('text page encoder', () => {
  it("writes each page's strings as TextEncoder would, head with the first page, tail at the end, whatever their size", () => {
    // Lone surrogates (U+FFFD in UTF-8), 4-byte characters, and a string past the buffer's first size.
    const strings = ['a\uD800b', '\uDC00', '😀 ünï', 'x'.repeat(200_000), '\u2028\u0000', '€'.repeat(70_000)];
    const pages: string[][] = [strings.slice(0, 2), [], strings.slice(2)];
    let page = 0;
    const encoder = textEncoder({
      head: '[',
      page: (_records, write) => {
        for (const text of pages[page++]!) write(text);
      },
      tail: ']',
    });
    const out = pages.map(() => encoder.page(CLASSIFICATION.records));
    out.push(encoder.end());
    const expected = new TextEncoder();
    // Compared once every page is written: a later page does not write over an earlier one's bytes.
    expect(out.map((chunks) => Buffer.concat(chunks).toString('hex'))).toEqual([
      Buffer.from(expected.encode('[' + strings.slice(0, 2).join(''))).toString('hex'),
      '',
      Buffer.from(expected.encode(strings.slice(2).join(''))).toString('hex'),
      Buffer.from(']').toString('hex'),
    ]);
  });

  it('writes the head alone at the end when there were no records', () => {
    const encoder = textEncoder({ head: '[', page: () => undefined, tail: '\n]\n' });
    expect(Buffer.concat(encoder.end()).toString('utf8')).toBe('[\n]\n');
  });
});
