import type { Span } from '../../projects/domain/label-schema.js';
import type { DatasetRecord } from '../domain/dataset-record.js';
import { encodedPages, textEncoder } from './chunks.js';
import type { ExportWriter, PageEncoder, RecordSource } from './export-writer.js';
import type { PageBytes } from './page-buffers.js';

/**
 * CoNLL-2003 NER layout (Tjong Kim Sang & De Meulder 2003, clips.uantwerpen.be/conll2003/ner):
 * `token POS chunk NER` per line, space-separated, a blank line after each sentence, and
 * `-DOCSTART- -X- -X- O` (then a blank line) before each document. Tessera has no POS or chunk tags:
 * both columns are `-X-`. NER tags are IOB2 (every entity starts with B-, as in most reissues and
 * Hugging Face's `conll2003`), one document per record in the version's order.
 *
 * Tokens: runs of letters, marks, digits and `_`, and every other visible character on its own,
 * each keeping its character offsets into the record's `text`. A span edge inside a token splits the
 * token there (`NewYorkers` with a span on `York` gives `New`, `York`, `ers`), so every span maps to
 * whole tokens. Spans that overlap an earlier one (by start, the longer first) cannot be
 * written in BIO and are left out; spans covering only spaces have no token and are left out too.
 * Whitespace in a label becomes `_` in its tag. Sentences end after `.`, `!`, `?`, `…` or at a line
 * break, never inside a span.
 */
export const conllWriter: ExportWriter = {
  file: { name: 'data.conll', format: 'conll', mediaType: 'text/plain' },
  write(records: RecordSource) {
    return encodedPages(documentsEncoder(), records);
  },
  encoder: (_schema, _meta, out?: PageBytes) => documentsEncoder(out),
};

export interface Token {
  text: string;
  start: number;
  end: number;
}

// Control, format and unassigned characters (\p{C}: zero-width spaces, U+001C..U+001F that Python's
// str.split() takes for spaces) separate tokens like whitespace and are not written.
const TOKEN = /[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_\p{C}]/gu;
const SENTENCE_END = new Set(['.', '!', '?', '…']);

/** The text's tokens with their offsets, split at the given offsets (span edges). */
export function tokenize(text: string, cuts: Iterable<number> = []): Token[] {
  const edges = [...new Set(cuts)].sort((a, b) => a - b);
  const tokens: Token[] = [];
  let e = 0;
  for (const match of text.matchAll(TOKEN)) {
    let start = match.index;
    const end = start + match[0].length;
    while (e < edges.length && edges[e]! <= start) e += 1;
    for (; e < edges.length && edges[e]! < end; e += 1) {
      tokens.push({ text: text.slice(start, edges[e]), start, end: edges[e]! });
      start = edges[e]!;
    }
    tokens.push({ text: text.slice(start, end), start, end });
  }
  return tokens;
}

/** The spans BIO can write: in order of start, longer first, each starting at or after the previous one's end. */
export function nonOverlapping(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  let end = 0;
  for (const span of sorted) {
    if (span.start < end) continue;
    kept.push(span);
    end = span.end;
  }
  return kept;
}

export interface TaggedToken extends Token {
  tag: string;
}

/** The document's sentences of tagged tokens (IOB2). */
export function tagSentences(text: string, spans: readonly Span[]): TaggedToken[][] {
  const kept = nonOverlapping(spans);
  const tags = kept.map((span) => span.label.replace(/\s/g, '_'));
  const tokens = tokenize(
    text,
    kept.flatMap((span) => [span.start, span.end]),
  );
  const sentences: TaggedToken[][] = [];
  let sentence: TaggedToken[] = [];
  let s = 0;
  let inside = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    while (s < kept.length && kept[s]!.end <= token.start) s += 1;
    const span = kept[s];
    let tag = 'O';
    if (span && span.start <= token.start && token.end <= span.end) {
      tag = `${inside === s ? 'I' : 'B'}-${tags[s]!}`;
      inside = s;
    } else {
      inside = -1;
    }
    sentence.push({ text: token.text, start: token.start, end: token.end, tag });
    const next = tokens[i + 1];
    if (!next) break;
    // A sentence ends after final punctuation or at a line break, unless the next token continues a span.
    const continuesSpan = span !== undefined && inside === s && next.end <= span.end;
    if (!continuesSpan && (SENTENCE_END.has(token.text) || text.slice(token.end, next.start).includes('\n'))) {
      sentences.push(sentence);
      sentence = [];
    }
  }
  if (sentence.length > 0) sentences.push(sentence);
  return sentences;
}

/** One record as a CoNLL-2003 document. */
export function conllDocument(record: DatasetRecord): string {
  const text = typeof record.data['text'] === 'string' ? record.data['text'] : '';
  const spans = 'spans' in record.answer ? record.answer.spans : [];
  let out = '-DOCSTART- -X- -X- O\n\n';
  for (const sentence of tagSentences(text, spans)) {
    for (const token of sentence) out += `${token.text} -X- -X- ${token.tag}\n`;
    out += '\n';
  }
  return out;
}

function documentsEncoder(out?: PageBytes): PageEncoder {
  return textEncoder(
    {
      page(records, write) {
        for (const record of records) write(conllDocument(record));
      },
    },
    out,
  );
}
