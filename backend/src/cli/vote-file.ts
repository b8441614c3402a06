/**
 * Reads crowd label files as Crowd-Kit's users have them: a CSV with the header `item,worker,label`,
 * or whitespace-separated `item worker label` lines without a header (the format of the classic
 * truth-inference datasets). The first non-blank line decides which. A header may name the columns
 * as the usual tools do (Crowd-Kit's `task`, `question`, `answer`, `truth`, ...; quoted or not) and
 * is optional in whitespace files. Files are streamed line by line straight into a VoteEncoder, so
 * no object is kept per vote.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { VoteEncoder, type EncodedVotes } from '../quality/domain/votes.js';

/** A problem with a file named on the command line, worth showing to the user as is. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    reason: string,
  ) {
    super(line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = new.target.name;
  }
}

type Format = 'csv' | 'whitespace';

/** What a header may call each column, lower case. */
const COLUMN_NAMES: Record<string, readonly string[]> = {
  item: ['item', 'task', 'question', 'object', 'example', 'item_id', 'task_id', 'question_id'],
  worker: ['worker', 'annotator', 'performer', 'user', 'worker_id', 'annotator_id'],
  label: ['label', 'answer', 'response', 'truth', 'gold', 'result', 'class'],
};

/** Calls `onRecord` with the fields and 1-based line number of every data line of a file. */
async function readRecords(
  file: string,
  columns: readonly string[],
  headerRequired: boolean,
  onRecord: (fields: string[], line: number) => void,
): Promise<void> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new FileError(file, undefined, `cannot read: ${(error as Error).message}`);
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let format: Format | undefined;
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const line = (lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (line === '') continue;
      if (format === undefined) {
        format = line.includes(',') ? 'csv' : 'whitespace';
        if (isHeader(line, format, columns)) continue;
        if (format === 'csv' && headerRequired) {
          throw new FileError(file, lineNumber, `a CSV file must start with the header ${columns.join(',')}`);
        }
      }
      const fields = format === 'csv' ? splitCsvLine(line, file, lineNumber) : line.split(/\s+/);
      if (fields.length !== columns.length) {
        const shape = format === 'csv' ? columns.join(',') : columns.join(' ');
        throw new FileError(file, lineNumber, `expected ${columns.length} fields (${shape}), found ${fields.length}`);
      }
      const empty = fields.findIndex((field) => field === '');
      if (empty >= 0) throw new FileError(file, lineNumber, `${columns[empty]} is empty`);
      onRecord(fields, lineNumber);
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(file, lineNumber > 0 ? lineNumber : undefined, `cannot read: ${(error as Error).message}`);
  } finally {
    lines.close();
    stream.destroy();
  }
}

function isHeader(line: string, format: Format, columns: readonly string[]): boolean {
  let fields: string[];
  try {
    fields = (format === 'csv' ? splitCsvLine(line) : line.split(/\s+/)).map((field) => field.trim().toLowerCase());
  } catch {
    return false;
  }
  return fields.length === columns.length && fields.every((field, i) => COLUMN_NAMES[columns[i]!]!.includes(field));
}

/** One CSV record on one line (RFC 4180 quoting, no line breaks inside fields); unquoted fields trimmed. */
export function splitCsvLine(line: string, file = '<input>', lineNumber = 1): string[] {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    while (line[at] === ' ' || line[at] === '\t') at++;
    if (line[at] === '"') {
      let value = '';
      at++;
      for (;;) {
        const close = line.indexOf('"', at);
        if (close < 0) throw new FileError(file, lineNumber, 'unterminated quoted field');
        value += line.slice(at, close);
        at = close + 1;
        if (line[at] !== '"') break;
        value += '"';
        at++;
      }
      while (line[at] === ' ' || line[at] === '\t') at++;
      if (at < line.length && line[at] !== ',') throw new FileError(file, lineNumber, 'unexpected text after a quoted field');
      fields.push(value);
    } else {
      const comma = line.indexOf(',', at);
      const end = comma < 0 ? line.length : comma;
      const value = line.slice(at, end).trim();
      if (value.includes('"')) throw new FileError(file, lineNumber, 'a quote inside an unquoted field');
      fields.push(value);
      at = end;
    }
    if (at >= line.length) return fields;
    at++; // the comma
  }
}

export async function readVoteFile(file: string): Promise<EncodedVotes> {
  return (await readVotes(file)).votes;
}

/** The votes of a file, and how many repeated votes (a worker's second on an item) were dropped. */
export async function readVotes(file: string): Promise<{ votes: EncodedVotes; duplicates: number }> {
  const encoder = new VoteEncoder();
  await readRecords(file, ['item', 'worker', 'label'], true, ([item, worker, label]) => encoder.add(item!, worker!, label!));
  if (encoder.size === 0) throw new FileError(file, undefined, 'holds no votes');
  const votes = encoder.finish();
  return { votes, duplicates: encoder.duplicates };
}

/** `item,label` CSV (header optional) or `item label` lines; an item given twice must agree. */
export async function readGoldFile(file: string): Promise<Map<string, string>> {
  const gold = new Map<string, string>();
  await readRecords(file, ['item', 'label'], false, ([item, label], line) => {
    const known = gold.get(item!);
    if (known !== undefined && known !== label) {
      throw new FileError(file, line, `item "${item}" already has the gold label "${known}"`);
    }
    gold.set(item!, label!);
  });
  return gold;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
