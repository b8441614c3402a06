/**
 * Streaming readers for item imports. Each yields one record at a time with its 1-based position
 * (array element, JSONL line or CSV line), so a 100k-item file is never held in memory. A record
 * over `maxBytes` is rejected without being held whole: its bytes are dropped as they arrive while
 * the reader keeps following the structure to the next record. Every byte is looked at a bounded
 * number of times, so reading is linear in the input whatever the line lengths.
 */
import { isUtf8 } from 'node:buffer';
import { parse as parseCsv } from 'csv-parse';
import { decodeUtf8, findJsonProblem, type JsonLimits } from '../../http/json-limits.js';

export type ReadRecord = { line: number; value: unknown } | { line: number; error: string };

export interface RecordLimits {
  /** Largest record in bytes (MAX_ITEM_BYTES). */
  maxBytes: number;
  json: JsonLimits;
}

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
const NEWLINE = 0x0a;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Bytes of one record, collected until they pass the limit, then dropped until the record ends. */
class RecordBytes {
  private pieces: Uint8Array[] = [];
  private held = 0;
  /** Past the limit: nothing more is kept for this record. */
  oversized = false;

  constructor(private readonly maxBytes: number) {}

  add(piece: Uint8Array): void {
    if (this.oversized || piece.length === 0) return;
    this.held += piece.length;
    if (this.held > this.maxBytes) {
      this.oversized = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(piece);
  }

  /** The whole record (undefined when it was oversized), and a fresh start for the next one. */
  take(): Buffer | undefined {
    const bytes = this.oversized ? undefined : Buffer.concat(this.pieces, this.held);
    this.pieces = [];
    this.held = 0;
    this.oversized = false;
    return bytes;
  }

  get empty(): boolean {
    return this.held === 0 && !this.oversized;
  }
}

/** Parses one record's bytes: strict UTF-8, JSON, then the JSON limits. */
function jsonRecord(bytes: Buffer, line: number, what: string, limits: RecordLimits): ReadRecord | undefined {
  const text = decodeUtf8(bytes);
  if (text === undefined) return { line, error: `${what} is not valid UTF-8` };
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { line, error: `${what} is not valid JSON` };
  }
  return withinLimits(value, line, what, limits);
}

function withinLimits(value: unknown, line: number, what: string, limits: RecordLimits): ReadRecord {
  const problem = findJsonProblem(value, limits.json);
  if (problem) return { line, error: `${problem.path === '' ? what : problem.path} ${problem.message}` };
  return { line, value };
}

function tooLarge(line: number, what: string, limits: RecordLimits): ReadRecord {
  return { line, error: `${what} is larger than ${limits.maxBytes} bytes` };
}

type ArrayState = 'before' | 'between' | 'element' | 'after';

/**
 * Splits a top-level JSON array into its elements by tracking nesting and strings, and hands each
 * element to JSON.parse: as fast as the native parser, in memory bounded by MAX_ITEM_BYTES. An
 * element too large or nested too deep is rejected and the split goes on after it.
 */
export async function* readJsonArray(chunks: AsyncIterable<Uint8Array>, limits: RecordLimits): AsyncGenerator<ReadRecord> {
  let state: ArrayState = 'before';
  let depth = 0;
  let tooDeep = false;
  let inString = false;
  let escaped = false;
  let elementStart = 0;
  let index = 0;
  const element = new RecordBytes(limits.maxBytes);
  const finish = (chunk: Uint8Array, end: number): ReadRecord => {
    element.add(chunk.subarray(elementStart, end));
    const bytes = element.take();
    index++;
    if (bytes === undefined) return tooLarge(index, 'element', limits);
    if (tooDeep) return { line: index, error: `element nests deeper than ${limits.json.maxDepth} levels` };
    return jsonRecord(bytes, index, 'element', limits) ?? { line: index, error: 'element is not valid JSON' };
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
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
          depth++;
          if (depth > limits.json.maxDepth) tooDeep = true;
        } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
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
      tooDeep = false;
      elementStart = i;
      i--; // re-read this byte as part of the element
    }
    if (state === 'element') element.add(chunk.subarray(elementStart));
  }
  // (TypeScript does not follow the assignments made inside the loop above.)
  if ((state as ArrayState) !== 'after') throw new ImportFormatError(index + 1, 'the JSON array is not closed');
}

/** JSON Lines: one item per line; blank lines are skipped. Lines are found with a native byte search. */
export async function* readJsonLines(chunks: AsyncIterable<Uint8Array>, limits: RecordLimits): AsyncGenerator<ReadRecord> {
  const current = new RecordBytes(limits.maxBytes);
  let line = 0;
  const finish = (): ReadRecord | undefined => {
    line++;
    const bytes = current.take();
    return bytes === undefined ? tooLarge(line, 'line', limits) : jsonRecord(bytes, line, 'line', limits);
  };
  for await (const chunk of chunks) {
    const buffer = asBuffer(chunk);
    let start = 0;
    for (let newline = buffer.indexOf(NEWLINE, start); newline !== -1; newline = buffer.indexOf(NEWLINE, start)) {
      current.add(buffer.subarray(start, newline));
      const record = finish();
      if (record) yield record;
      start = newline + 1;
    }
    current.add(buffer.subarray(start));
  }
  if (!current.empty) {
    const last = finish();
    if (last) yield last;
  }
}

/**
 * Cuts CSV bytes into records (a newline outside quotes ends one; `""` inside quotes toggles twice)
 * and passes on those within the limit and valid UTF-8. A refused record is replaced by as many
 * empty lines as it spanned, so the CSV parser's line numbers stay those of the file.
 */
class CsvRecordFilter {
  private readonly current: RecordBytes;
  private inQuotes = false;
  private line = 1;
  private recordLine = 1;
  private recordNewlines = 0;
  private headerSeen = false;
  readonly refused: ReadRecord[] = [];

  constructor(private readonly limits: RecordLimits) {
    this.current = new RecordBytes(limits.maxBytes);
  }

  /** The complete records found in this chunk, ready for the parser. */
  push(chunk: Uint8Array): Buffer {
    const out: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === QUOTE) this.inQuotes = !this.inQuotes;
      else if (byte === NEWLINE) {
        this.line++;
        this.recordNewlines++;
        if (!this.inQuotes) {
          this.current.add(chunk.subarray(start, i + 1));
          out.push(this.endRecord());
          start = i + 1;
        }
      }
    }
    this.current.add(chunk.subarray(start));
    return Buffer.concat(out);
  }

  /** What is left after the last newline. */
  end(): Buffer {
    if (this.inQuotes) throw new ImportFormatError(this.recordLine, 'a quoted field is not closed before the end of the file');
    return this.current.empty ? Buffer.alloc(0) : this.endRecord();
  }

  private endRecord(): Buffer {
    const bytes = this.current.take();
    const line = this.recordLine;
    const newlines = this.recordNewlines;
    this.recordLine = this.line;
    this.recordNewlines = 0;
    const refusal =
      bytes === undefined ? `record is larger than ${this.limits.maxBytes} bytes` : isUtf8(bytes) ? undefined : 'record is not valid UTF-8';
    if (!this.headerSeen) {
      this.headerSeen = true;
      if (refusal) throw new ImportFormatError(1, `the header row ${refusal.replace(/^record /, '')}`);
    }
    if (refusal === undefined) return bytes!;
    this.refused.push({ line, error: refusal });
    return Buffer.alloc(newlines, NEWLINE);
  }
}

const NUMERIC_COLUMNS = new Set(['width', 'height']);

function checkHeader(header: string[], limits: RecordLimits): string[] {
  const names = header.map((h) => h.trim());
  const problem = findJsonProblem(Object.fromEntries(names.map((name) => [name, ''])), limits.json);
  if (problem) throw new ImportFormatError(1, `header ${problem.path === '' ? 'row' : `column ${problem.path}`}: ${problem.message}`);
  return names;
}

/**
 * CSV with a header row: columns become `data` fields, except `externalId`. Line numbers count the
 * header as line 1, as a spreadsheet shows them.
 */
export async function* readCsv(chunks: AsyncIterable<Uint8Array>, limits: RecordLimits): AsyncGenerator<ReadRecord> {
  const filter = new CsvRecordFilter(limits);
  const parser = parseCsv({
    bom: true,
    columns: (header: string[]) => checkHeader(header, limits),
    skip_empty_lines: true,
    relax_column_count: false,
    max_record_size: limits.maxBytes,
    info: true,
  });
  // A parser that failed (or whose reader stopped) is destroyed and never drains: stop feeding it.
  const write = async (bytes: Buffer): Promise<void> => {
    if (bytes.length === 0 || parser.write(bytes) || parser.destroyed) return;
    await new Promise<void>((resolve) => {
      const resume = (): void => {
        parser.off('drain', resume);
        parser.off('close', resume);
        resolve();
      };
      parser.on('drain', resume);
      parser.on('close', resume);
    });
  };
  const feed = (async () => {
    try {
      for await (const chunk of chunks) {
        if (parser.destroyed) return;
        await write(filter.push(chunk));
      }
      await write(filter.end());
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  try {
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield* filter.refused.splice(0);
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
      yield withinLimits(value, row.info.lines, 'record', limits);
    }
    yield* filter.refused.splice(0);
  } catch (error) {
    if (error instanceof ImportFormatError) throw error;
    const lines = (error as { lines?: number }).lines ?? 0;
    throw new ImportFormatError(lines, `CSV cannot be read: ${(error as Error).message}`);
  } finally {
    await feed;
  }
}
