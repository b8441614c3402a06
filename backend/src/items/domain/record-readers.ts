/**
 * Streaming readers for item imports. Each yields one record at a time with its 1-based position
 * (array element, JSONL line or CSV line), so a 100k-item file is never held in memory.
 */
import { parse as parseCsv } from 'csv-parse';

export type ReadRecord = { line: number; value: unknown } | { line: number; error: string };

/** Thrown when the file as a whole cannot be read on (broken JSON structure, bad CSV quoting). */
export class ImportFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

type ArrayState = 'before' | 'between' | 'element' | 'after';

/**
 * Splits a top-level JSON array into its elements by tracking nesting and strings, and hands each
 * element to JSON.parse: as fast as the native parser, in memory bounded by the largest element.
 */
export async function* readJsonArray(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ReadRecord> {
  let state: ArrayState = 'before';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element: Uint8Array[] = [];
  let elementStart = 0;
  let index = 0;
  const decoder = new TextDecoder();
  const finish = (chunk: Uint8Array, end: number): ReadRecord => {
    element.push(chunk.subarray(elementStart, end));
    const text = decoder.decode(Buffer.concat(element));
    element = [];
    index++;
    try {
      return { line: index, value: JSON.parse(text) };
    } catch {
      return { line: index, error: 'element is not valid JSON' };
    }
  };
  for await (const chunk of chunks) {
    elementStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
          continue;
        }
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
        else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          if (depth === 0) {
            if (byte !== CLOSE_BRACKET) throw new ImportFormatError(index + 1, 'unbalanced "}" in the JSON array');
            yield finish(chunk, i);
            state = 'after';
            continue;
          }
          depth--;
        } else if (byte === COMMA && depth === 0) {
          yield finish(chunk, i);
          state = 'between';
        }
        continue;
      }
      if (isSpace(byte)) continue;
      switch (state) {
        case 'before':
          if (byte !== OPEN_BRACKET) throw new ImportFormatError(1, 'a JSON import must be an array of items: [{"data": {...}}, ...]');
          state = 'between';
          continue;
        case 'after':
          throw new ImportFormatError(index, 'unexpected content after the closing "]"');
        case 'between':
          // An element starts here, or the array closes.
          if (byte === CLOSE_BRACKET && index === 0) {
            state = 'after';
            continue;
          }
          if (byte === COMMA || byte === CLOSE_BRACKET) throw new ImportFormatError(index + 1, 'empty element in the JSON array');
          break;
      }
      state = 'element';
      depth = 0;
      elementStart = i;
      element = [];
      i--; // re-read this byte as part of the element
    }
    if (state === 'element') element.push(chunk.subarray(elementStart));
  }
  // (TypeScript does not follow the assignments made inside the loop above.)
  if ((state as ArrayState) !== 'after') throw new ImportFormatError(index + 1, 'the JSON array is not closed');
}

/** JSON Lines: one item per line; blank lines are skipped. */
export async function* readJsonLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ReadRecord> {
  const decoder = new TextDecoder();
  let rest = '';
  let line = 0;
  const parseLine = (text: string): ReadRecord | undefined => {
    line++;
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    try {
      return { line, value: JSON.parse(trimmed) };
    } catch {
      return { line, error: 'line is not valid JSON' };
    }
  };
  for await (const chunk of chunks) {
    rest += decoder.decode(chunk, { stream: true });
    let newline = rest.indexOf('\n');
    let start = 0;
    while (newline !== -1) {
      const record = parseLine(rest.slice(start, newline));
      if (record) yield record;
      start = newline + 1;
      newline = rest.indexOf('\n', start);
    }
    rest = rest.slice(start);
  }
  rest += decoder.decode();
  const last = parseLine(rest);
  if (last) yield last;
}

const NUMERIC_COLUMNS = new Set(['width', 'height']);

/**
 * CSV with a header row: columns become `data` fields, except `externalId`. Line numbers count the
 * header as line 1, as a spreadsheet shows them.
 */
export async function* readCsv(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ReadRecord> {
  const parser = parseCsv({
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
    relax_column_count: false,
    info: true,
  });
  const feed = (async () => {
    try {
      for await (const chunk of chunks) {
        if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  try {
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const data: Record<string, unknown> = {};
      let externalId: string | undefined;
      let gold: { label: string } | undefined;
      for (const [key, value] of Object.entries(row.record)) {
        if (key === 'externalId') externalId = value === '' ? undefined : value;
        // A `gold` column holds a classification answer: the label name.
        else if (key === 'gold') gold = value === '' ? undefined : { label: value };
        else if (NUMERIC_COLUMNS.has(key) && /^\d+$/.test(value)) data[key] = Number(value);
        else data[key] = value;
      }
      const value: Record<string, unknown> = { data };
      if (externalId !== undefined) value['externalId'] = externalId;
      if (gold !== undefined) value['gold'] = gold;
      yield { line: row.info.lines, value };
    }
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 0;
    throw new ImportFormatError(lines, `CSV cannot be read: ${(error as Error).message}`);
  } finally {
    await feed;
  }
}
