import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ImportFormatError, readCsv, readJsonArray, readJsonLines, type ReadRecord, type RecordLimits } from './record-readers.js';

const LIMITS: RecordLimits = { maxBytes: 64, json: { maxDepth: 4, maxKeys: 20, maxObjectKeys: 10 } };

/** The text as chunks of `size` bytes, so records straddle chunk boundaries. */
function chunked(text: string | Buffer, size = 7): AsyncIterable<Uint8Array> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return Readable.from(pieces);
}

async function readAll(records: AsyncIterable<ReadRecord>): Promise<ReadRecord[]> {
  const all: ReadRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

async function formatError(records: AsyncIterable<ReadRecord>): Promise<ImportFormatError> {
  try {
    await readAll(records);
  } catch (error) {
    if (error instanceof ImportFormatError) return error;
    throw error;
  }
  throw new Error('no ImportFormatError');
}

describe('readJsonArray', () => {
  it('yields each element with its position, across chunk boundaries', async () => {
    const records = await readAll(readJsonArray(chunked('[{"data": {"t": "a, [b]"}}, {"data": {"t": "c\\"}"}}]'), LIMITS));
    expect(records).toEqual([
      { line: 1, value: { data: { t: 'a, [b]' } } },
      { line: 2, value: { data: { t: 'c"}' } } },
    ]);
  });

  it('rejects an element over the size limit and reads on after it', async () => {
    const big = JSON.stringify({ data: { t: 'x'.repeat(500) } });
    const records = await readAll(readJsonArray(chunked(`[{"data":{"t":"a"}}, ${big}, {"data":{"t":"b"}}]`), LIMITS));
    expect(records).toEqual([
      { line: 1, value: { data: { t: 'a' } } },
      { line: 2, error: 'element is larger than 64 bytes' },
      { line: 3, value: { data: { t: 'b' } } },
    ]);
  });

  it('rejects an element nested too deep, without parsing it, and one with a bad key or character', async () => {
    const records = await readAll(
      readJsonArray(chunked('[{"a":[[[[1]]]]}, {"data":{"__proto__":{}}}, {"data":{"t":"\\u0000"}}, {"ok":1}]'), LIMITS),
    );
    expect(records).toEqual([
      { line: 1, error: 'element nests deeper than 4 levels' },
      { line: 2, error: 'data.__proto__ key "__proto__" is not allowed' },
      { line: 3, error: 'data.t text holds a NUL character (\\u0000)' },
      { line: 4, value: { ok: 1 } },
    ]);
  });

  it('rejects an element that is not valid UTF-8 instead of storing replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"t":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}, {"t":"ok"}]')]);
    expect(await readAll(readJsonArray(chunked(bytes), LIMITS))).toEqual([
      { line: 1, error: 'element is not valid UTF-8' },
      { line: 2, value: { t: 'ok' } },
    ]);
  });

  it('refuses a file whose structure is broken as a whole', async () => {
    expect((await formatError(readJsonArray(chunked('{"data": {}}'), LIMITS))).message).toContain('must be an array');
    expect((await formatError(readJsonArray(chunked('[{"a":1}'), LIMITS))).message).toContain('not closed');
    expect((await formatError(readJsonArray(chunked('[1] 2'), LIMITS))).message).toContain('after the closing');
  });
});

describe('readJsonLines', () => {
  it('yields each line with its number, skipping blank lines, with CRLF and no final newline', async () => {
    const records = await readAll(readJsonLines(chunked('{"a":1}\r\n\n  \n{"b":"é"}\nnot json\n{"c":3}'), LIMITS));
    expect(records).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { b: 'é' } },
      { line: 5, error: 'line is not valid JSON' },
      { line: 6, value: { c: 3 } },
    ]);
  });

  it('rejects a line over the size limit and reads the next one', async () => {
    const records = await readAll(readJsonLines(chunked(`{"a":1}\n{"t":"${'x'.repeat(1000)}"}\n{"b":2}\n`), LIMITS));
    expect(records).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: 'line is larger than 64 bytes' },
      { line: 3, value: { b: 2 } },
    ]);
  });

  it('rejects lines with invalid UTF-8, unpaired surrogates, prototype keys and too many keys', async () => {
    const lines = Buffer.concat([
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d, 0x0a]), // {"a":"<CESU surrogate>"}
      Buffer.from('{"a":"\\ud800"}\n{"constructor":{"prototype":{}}}\n'),
      Buffer.from(`{${Array.from({ length: 11 }, (_, i) => `"k${i}":1`).join(',')}}\n`),
    ]);
    expect(await readAll(readJsonLines(chunked(lines), { ...LIMITS, maxBytes: 1000 }))).toEqual([
      { line: 1, error: 'line is not valid UTF-8' },
      { line: 2, error: 'a text holds an unpaired UTF-16 surrogate (not valid Unicode)' },
      { line: 3, error: 'constructor key "constructor" is not allowed' },
      { line: 4, error: 'line has more than 10 keys' },
    ]);
  });

  it('reads a 48 MiB line without newline in bounded memory and linear work', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = 48 * 1024 * 1024;
    let scanned = 0;
    // Work done: every byte any indexOf looks at (the old reader re-searched the growing line for each chunk).
    const bufferIndexOf = Buffer.prototype.indexOf;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its string below, and put back after the read
    const stringIndexOf = String.prototype.indexOf;
    Buffer.prototype.indexOf = function (this: Buffer, value: number, from?: number): number {
      const found = bufferIndexOf.call(this, value, from);
      scanned += (found === -1 ? this.length : found + 1) - (from ?? 0);
      return found;
    } as typeof bufferIndexOf;
    String.prototype.indexOf = function (this: string, search: string, from?: number): number {
      const found = stringIndexOf.call(this, search, from);
      scanned += (found === -1 ? this.length : found + 1) - (from ?? 0);
      return found;
    };
    const before = process.memoryUsage();
    let peak = 0;
    function* oneLongLine(): Generator<Uint8Array> {
      yield Buffer.from('{"a":1}\n{"t":"');
      for (let sent = 0; sent < total; sent += chunk.length) {
        const now = process.memoryUsage();
        peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
        yield chunk;
      }
      yield Buffer.from('"}\n{"b":2}\n');
    }
    let records: ReadRecord[];
    try {
      records = await readAll(readJsonLines(Readable.from(oneLongLine()), { ...LIMITS, maxBytes: 256 * 1024 }));
    } finally {
      Buffer.prototype.indexOf = bufferIndexOf;
      String.prototype.indexOf = stringIndexOf;
    }
    expect(records).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: 'line is larger than 262144 bytes' },
      { line: 3, value: { b: 2 } },
    ]);
    expect(scanned).toBeLessThan(2 * total);
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('readCsv', () => {
  it('reads rows with quoted commas and newlines, numbering lines as a spreadsheet does', async () => {
    const csv = 'externalId,text\nc1,"Hello, world"\nc2,"two\nlines"\nc3,plain\n';
    expect(await readAll(readCsv(chunked(csv), { ...LIMITS, maxBytes: 1000 }))).toEqual([
      { line: 2, value: { externalId: 'c1', data: { text: 'Hello, world' } } },
      { line: 4, value: { externalId: 'c2', data: { text: 'two\nlines' } } },
      { line: 5, value: { externalId: 'c3', data: { text: 'plain' } } },
    ]);
  });

  it('rejects a record over the size limit, even one whose quotes span lines, and keeps the line numbers of the rest', async () => {
    const csv = `externalId,text\nc1,short\nc2,"${'long\n'.repeat(30)}"\nc3,after\nc4,"${'y'.repeat(100)}"\nc5,last`;
    const records = await readAll(readCsv(chunked(csv), LIMITS));
    expect(records).toEqual(
      expect.arrayContaining([
        { line: 2, value: { externalId: 'c1', data: { text: 'short' } } },
        { line: 3, error: 'record is larger than 64 bytes' },
        { line: 34, value: { externalId: 'c3', data: { text: 'after' } } },
        { line: 35, error: 'record is larger than 64 bytes' },
        { line: 36, value: { externalId: 'c5', data: { text: 'last' } } },
      ]),
    );
    expect(records).toHaveLength(5);
  });

  it('rejects a record that is not valid UTF-8 or holds a NUL', async () => {
    const csv = Buffer.concat([Buffer.from('text\nok\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\nnul\0\nfine\n')]);
    const records = await readAll(readCsv(chunked(csv), LIMITS));
    expect(records).toEqual(
      expect.arrayContaining([
        { line: 2, value: { data: { text: 'ok' } } },
        { line: 3, error: 'record is not valid UTF-8' },
        { line: 4, error: 'data.text text holds a NUL character (\\u0000)' },
        { line: 5, value: { data: { text: 'fine' } } },
      ]),
    );
    expect(records).toHaveLength(4);
  });

  it('refuses as a whole: an unclosed quote, a bad header, rows of the wrong width', async () => {
    expect((await formatError(readCsv(chunked('text\n"never closed\nmore\n'), LIMITS))).message).toContain('not closed');
    expect((await formatError(readCsv(chunked(`${'h'.repeat(100)}\nx\n`), LIMITS))).message).toContain('header row is larger');
    expect((await formatError(readCsv(chunked('text,__proto__\na,b\n'), LIMITS))).message).toContain('"__proto__" is not allowed');
    expect((await formatError(readCsv(chunked('a,b\n1,2\n3\n'), LIMITS))).message).toContain('CSV cannot be read');
  });
});

/** The records read with every way of cutting the input into chunks that the sizes give. */
async function readChunkedEvery(
  read: (chunks: AsyncIterable<Uint8Array>, limits: RecordLimits) => AsyncIterable<ReadRecord>,
  input: string | Buffer,
  limits: RecordLimits,
): Promise<ReadRecord[][]> {
  const length = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  const sizes = [...new Set([1, 2, 3, 4, 5, 7, 11, 16, length])];
  return Promise.all(sizes.map((size) => readAll(read(chunked(input, size), limits))));
}

describe('the JSON array splitter', () => {
  const roomy: RecordLimits = { ...LIMITS, maxBytes: 1000 };

  it('cuts elements only at top-level commas, whatever is quoted, escaped or nested, and however the bytes arrive', async () => {
    const input = `  [ {"t":"a\\\\"}, {"t":"\\"],[{"}, [1,[2,{"x":"}"}]] , "str,]" ,42,null,{"u":"é😀"}\n]  `;
    const expected = [
      { line: 1, value: { t: 'a\\' } },
      { line: 2, value: { t: '"],[{' } },
      { line: 3, value: [1, [2, { x: '}' }]] },
      { line: 4, value: 'str,]' },
      { line: 5, value: 42 },
      { line: 6, value: null },
      { line: 7, value: { u: 'é😀' } },
    ];
    for (const records of await readChunkedEvery(readJsonArray, input, roomy)) expect(records).toEqual(expected);
  });

  it('reads an empty array as no records', async () => {
    expect(await readAll(readJsonArray(chunked('[]'), roomy))).toEqual([]);
    expect(await readAll(readJsonArray(chunked(' \r\n[ \t\n ] \n'), roomy))).toEqual([]);
  });

  it('refuses empty elements and a stray closing brace, naming the element', async () => {
    expect(await formatError(readJsonArray(chunked('[,1]'), roomy))).toMatchObject({ line: 1, message: 'empty element in the JSON array' });
    expect(await formatError(readJsonArray(chunked('[1,,2]'), roomy))).toMatchObject({
      line: 2,
      message: 'empty element in the JSON array',
    });
    expect(await formatError(readJsonArray(chunked('[1,2,]'), roomy))).toMatchObject({
      line: 3,
      message: 'empty element in the JSON array',
    });
    expect(await formatError(readJsonArray(chunked('[1, 2}]'), roomy))).toMatchObject({
      line: 2,
      message: 'unbalanced "}" in the JSON array',
    });
  });

  it('hands an element the splitter cannot fault to the parser, and reads on after a bad one', async () => {
    expect(await readAll(readJsonArray(chunked('[tru, {"a":1 "b":2}, 3]'), roomy))).toEqual([
      { line: 1, error: 'element is not valid JSON' },
      { line: 2, error: 'element is not valid JSON' },
      { line: 3, value: 3 },
    ]);
  });

  it('takes an element of exactly the size limit and refuses one byte more', async () => {
    const exact = JSON.stringify({ t: 'x'.repeat(LIMITS.maxBytes - 8) });
    expect(Buffer.byteLength(exact)).toBe(LIMITS.maxBytes);
    const over = JSON.stringify({ t: 'x'.repeat(LIMITS.maxBytes - 7) });
    expect(await readAll(readJsonArray(chunked(`[${exact},${over}]`, 5), LIMITS))).toEqual([
      { line: 1, value: JSON.parse(exact) as unknown },
      { line: 2, error: `element is larger than ${LIMITS.maxBytes} bytes` },
    ]);
  });
});

describe('the JSON Lines splitter', () => {
  it('gives the same lines however the bytes arrive, multi-byte characters and CRLF split included', async () => {
    const input = '{"a":"é😀"}\r\n\r\n{"b":[1,2]}\n   \n"x"\n  ';
    const expected = [
      { line: 1, value: { a: 'é😀' } },
      { line: 3, value: { b: [1, 2] } },
      { line: 5, value: 'x' },
    ];
    for (const records of await readChunkedEvery(readJsonLines, input, LIMITS)) expect(records).toEqual(expected);
  });

  it('counts a line without its newline against the size limit', async () => {
    const exact = JSON.stringify({ t: 'x'.repeat(LIMITS.maxBytes - 8) });
    const over = JSON.stringify({ t: 'x'.repeat(LIMITS.maxBytes - 7) });
    expect(await readAll(readJsonLines(chunked(`${exact}\n${over}\n`, 3), LIMITS))).toEqual([
      { line: 1, value: JSON.parse(exact) as unknown },
      { line: 2, error: `line is larger than ${LIMITS.maxBytes} bytes` },
    ]);
  });
});

describe('the CSV record splitter', () => {
  const roomy: RecordLimits = { ...LIMITS, maxBytes: 1000 };

  it('ends records at newlines outside quotes only ("" inside quotes included), however the bytes arrive', async () => {
    // A record is numbered by its last line, as the existing readers do.
    const input = '\ufeffexternalId,text,gold,width\r\nq1,"he said ""hi,""\nthen left",yes,640\r\n\r\n,"é😀",,wide\r\nq3,"""",,\r\n';
    const expected = [
      { line: 3, value: { externalId: 'q1', data: { text: 'he said "hi,"\nthen left', width: 640 }, gold: { label: 'yes' } } },
      { line: 5, value: { data: { text: 'é😀', width: 'wide' } } },
      { line: 6, value: { externalId: 'q3', data: { text: '"', width: '' } } },
    ];
    for (const records of await readChunkedEvery(readCsv, input, roomy)) expect(records).toEqual(expected);
  });

  it('keeps the line numbers of the rest when a record spanning lines is refused, however the bytes arrive', async () => {
    const input = `text\nok\n"${'x\n'.repeat(40)}"\nafter\n`;
    for (const records of await readChunkedEvery(readCsv, input, LIMITS)) {
      // A refused record may be reported before the rows read ahead of it: the parser lags the splitter.
      expect(records).toHaveLength(3);
      expect(records).toEqual(
        expect.arrayContaining([
          { line: 2, value: { data: { text: 'ok' } } },
          { line: 3, error: `record is larger than ${LIMITS.maxBytes} bytes` },
          { line: 44, value: { data: { text: 'after' } } },
        ]),
      );
    }
  });
});
