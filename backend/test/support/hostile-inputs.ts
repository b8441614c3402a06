/**
 * Seeded generators of hostile HTTP inputs for the fuzz test. Every input is built to be refused:
 * broken or oversized JSON, CSV and JSONL, invalid UTF-8, deep nesting, prototype keys, NUL,
 * unpaired surrogates, wrong content types, odd list parameters, path tricks. An input that
 * could be valid is never produced, so any 2xx the server gives is a finding.
 */

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  word(length = this.int(1, 12)): string {
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(this.int(0x61, 0x7a));
    return text;
  }
}

export interface HostileInput {
  /** Which generator made it, for the report. */
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
  /** Declare this Content-Length and send none of the body: the answer must not wait for it. */
  declaredLength?: number;
  /** Bytes sent as they are on a fresh connection (request line included), for what a client library would not send. */
  raw?: Buffer;
}

/** What the fuzz knows about the running app: ids that exist, and the limits it was started with. */
export interface FuzzWorld {
  projectId: number;
  itemId: number;
  assignmentId: number;
  annotationId: number;
  annotatorId: number;
  maxBodyBytes: number;
  maxImportBytes: number;
}

type BodyKind =
  | 'project'
  | 'project-update'
  | 'item'
  | 'item-update'
  | 'annotation'
  | 'annotation-update'
  | 'user'
  | 'user-update'
  | 'suspension'
  | 'suspension-update'
  | 'review'
  | 'epoch'
  | 'submit'
  | 'draft'
  | 'verify'
  /** The route reads no body: only a hostile id makes it a refusal. */
  | 'none';

export interface FuzzRoute {
  method: string;
  /** With `:id` (and `:annotatorId`) placeholders. */
  url: string;
  body: BodyKind | 'import' | 'list';
}

/** The write and list routes the fuzz covers. */
export const FUZZ_ROUTES: readonly FuzzRoute[] = [
  { method: 'POST', url: '/api/projects', body: 'project' },
  { method: 'PUT', url: '/api/projects/:id', body: 'project-update' },
  { method: 'DELETE', url: '/api/projects/:id', body: 'none' },
  { method: 'POST', url: '/api/projects/:id/items', body: 'import' },
  { method: 'POST', url: '/api/projects/:id/quality/aggregate', body: 'none' },
  { method: 'DELETE', url: '/api/projects/:id/quality/qualifications/:annotatorId', body: 'none' },
  { method: 'POST', url: '/api/items', body: 'item' },
  { method: 'PUT', url: '/api/items/:id', body: 'item-update' },
  { method: 'DELETE', url: '/api/items/:id', body: 'none' },
  { method: 'POST', url: '/api/annotations', body: 'annotation' },
  { method: 'PUT', url: '/api/annotations/:id', body: 'annotation-update' },
  { method: 'DELETE', url: '/api/annotations/:id', body: 'none' },
  { method: 'POST', url: '/api/users', body: 'user' },
  { method: 'PUT', url: '/api/users/:id', body: 'user-update' },
  { method: 'DELETE', url: '/api/users/:id', body: 'none' },
  { method: 'POST', url: '/api/suspensions', body: 'suspension' },
  { method: 'PUT', url: '/api/suspensions/:id', body: 'suspension-update' },
  { method: 'POST', url: '/api/review/:id', body: 'review' },
  { method: 'POST', url: '/api/epochs', body: 'epoch' },
  { method: 'POST', url: '/api/epochs/:id/sweep', body: 'none' },
  { method: 'POST', url: '/api/me/epochs/:id/claim', body: 'none' },
  { method: 'POST', url: '/api/assignments/:id/submit', body: 'submit' },
  { method: 'POST', url: '/api/assignments/:id/skip', body: 'none' },
  { method: 'PUT', url: '/api/assignments/:id/draft', body: 'draft' },
  { method: 'POST', url: '/api/auth/verify', body: 'verify' },
  { method: 'GET', url: '/api/projects', body: 'list' },
  { method: 'GET', url: '/api/items', body: 'list' },
  { method: 'GET', url: '/api/annotations', body: 'list' },
  { method: 'GET', url: '/api/users', body: 'list' },
  { method: 'GET', url: '/api/suspensions', body: 'list' },
  { method: 'GET', url: '/api/review', body: 'list' },
  { method: 'GET', url: '/api/epochs', body: 'list' },
  { method: 'GET', url: '/api/ledger', body: 'list' },
  { method: 'GET', url: '/api/payouts', body: 'list' },
];

/** Ids that are no id, or none that exists; all percent-encoded as a client would send them. */
const HOSTILE_IDS = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  '99999999999',
  '2147483648',
  '2147483000',
  '2147483647',
  '%00',
  '1%00',
  '%EF%BC%91', // a fullwidth digit one
  '..',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f',
  '1%20OR%201%3D1',
  "1'%3B--",
  '%ZZ',
  '%E0%A4%A',
  '%ED%A0%80',
  'NaN',
  'Infinity',
  'null',
  '%20',
  '9'.repeat(200),
  '__proto__',
  'constructor',
];

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export class HostileInputs {
  constructor(
    private readonly random: SeededRandom,
    private readonly world: FuzzWorld,
  ) {}

  /** One hostile input for the route. */
  next(route: FuzzRoute): HostileInput {
    const r = this.random;
    if (route.body === 'list') {
      const kinds = ['list-params', 'list-params', 'list-params', 'list-params', 'body-on-get', 'huge-declared'] as const;
      return this.make(route, r.pick(kinds));
    }
    if (route.body === 'import') {
      const kinds = [
        'import-broken-json',
        'import-broken-csv',
        'import-broken-multipart',
        'import-no-project',
        'import-wrong-type',
        'multipart-no-boundary',
        'huge-declared',
        'path-trick',
        'malformed-json',
      ] as const;
      // Over the import budget as a stream costs MAX_IMPORT_BYTES each: only now and then.
      return this.make(route, r.chance(0.03) ? 'import-over-budget' : r.pick(kinds));
    }
    if (r.chance(0.02)) return this.make(route, 'malformed-http');
    const kinds = [
      'malformed-json',
      'invalid-utf8',
      'deep-nesting',
      'prototype-key',
      'nul',
      'unpaired-surrogate',
      'too-many-keys',
      'huge-declared',
      'huge-chunked',
      'wrong-content-type',
      'multipart-no-boundary',
      'path-trick',
      ...(route.body === 'none' ? [] : (['dto-violation', 'dto-violation', 'dto-violation'] as const)),
    ] as const;
    return this.make(route, r.pick(kinds));
  }

  private make(route: FuzzRoute, kind: string): HostileInput {
    const r = this.random;
    // Ids that exist only where the body is refused whatever the id; elsewhere ids that are not.
    const existingIds = !['path-trick', 'import-no-project'].includes(kind) && route.body !== 'none';
    const path = this.path(route.url, existingIds);
    const input = (body: Buffer | undefined, headers: Record<string, string> = JSON_HEADERS): HostileInput =>
      body === undefined ? { kind, method: route.method, path, headers } : { kind, method: route.method, path, headers, body };
    const base = route.body === 'list' || route.body === 'import' ? { note: r.word() } : this.validBody(route.body);
    switch (kind) {
      case 'malformed-json':
        return input(this.malformedJson(base));
      case 'invalid-utf8':
        return input(this.withRawBytesInString(base, r.pick(INVALID_UTF8)));
      case 'deep-nesting':
        return input(this.withField(base, this.deep(r.int(33, 4000))));
      case 'prototype-key':
        return input(this.withProtoKey(base));
      case 'nul':
        return input(r.chance(0.7) ? this.withField(base, `"${r.word()}\\u0000${r.word()}"`) : this.withRawBytesInString(base, [0]));
      case 'unpaired-surrogate':
        return input(this.withField(base, `"${r.word()}${r.pick(['\\ud800', '\\udbff', '\\udc00', '\\udfff', '\\ud83d'])}${r.word()}"`));
      case 'too-many-keys':
        return input(this.withField(base, this.manyKeys(r.chance(0.5) ? r.int(1001, 3000) : r.int(10_001, 12_000))));
      case 'huge-declared': {
        const limit = route.body === 'import' ? this.world.maxImportBytes : this.world.maxBodyBytes;
        return { ...input(undefined, { 'content-type': r.pick(ANY_TYPES) }), declaredLength: r.int(limit + 1, 48 * 1024 * 1024) };
      }
      case 'huge-chunked':
        return { ...input(this.padded(base, r.int(this.world.maxBodyBytes + 1, 4 * this.world.maxBodyBytes))), chunked: true };
      case 'wrong-content-type':
        return input(json(base), { 'content-type': r.pick(WRONG_TYPES) });
      case 'multipart-no-boundary':
        return input(Buffer.from(`--x\r\nContent-Disposition: form-data; name="f"; filename="a.json"\r\n\r\n[]\r\n--x--\r\n`), {
          'content-type': r.pick([
            'multipart/form-data',
            'multipart/form-data;',
            'multipart/form-data; boundary=',
            'multipart/form-data; charset=utf-8',
          ]),
        });
      case 'path-trick':
        // Only where the URL has an id: a valid body to `POST /api/projects` would be taken.
        if (!route.url.includes(':')) return this.make(route, 'dto-violation');
        return route.body === 'none' || route.body === 'import' ? input(r.chance(0.5) ? undefined : Buffer.from('[]')) : input(json(base));
      case 'dto-violation':
        return input(this.dtoViolation(route.body as Exclude<BodyKind, 'none'>));
      case 'list-params':
        return { kind, method: route.method, path: `${path}?${this.listParams()}`, headers: {} };
      case 'body-on-get':
        return input(json(base), { 'content-type': r.pick([...ANY_TYPES, 'application/json']) });
      case 'import-broken-json':
        return input(this.brokenJsonArray());
      case 'import-broken-csv':
        return input(this.brokenCsv(), { 'content-type': 'text/csv' });
      case 'import-broken-multipart':
        return input(...this.brokenMultipart());
      case 'import-no-project':
        return input(Buffer.from('{"data":{"text":"x"}}\n'), {
          'content-type': r.pick(['application/x-ndjson', 'application/json', 'text/csv']),
        });
      case 'import-wrong-type':
        return input(Buffer.from('[{"data":{"text":"x"}}]'), {
          'content-type': r.pick(WRONG_TYPES.filter((t) => !IMPORT_TYPES.includes(t.split(';')[0]!))),
        });
      case 'malformed-http':
        return { kind, method: route.method, path, headers: {}, raw: this.malformedHttp(route.method, path) };
      case 'import-over-budget':
        return { ...input(this.overBudgetJsonl(), { 'content-type': 'application/x-ndjson' }), chunked: true };
      default:
        throw new Error(`unknown kind ${kind}`);
    }
  }

  private path(url: string, existing: boolean): string {
    return url.replace(/:(\w+)/g, (_, name: string) => {
      if (!existing) return this.random.pick(HOSTILE_IDS);
      if (name === 'annotatorId') return String(this.world.annotatorId);
      if (url.startsWith('/api/projects/')) return String(this.world.projectId);
      if (url.startsWith('/api/assignments/')) return String(this.world.assignmentId);
      if (url.startsWith('/api/annotations/')) return String(this.world.annotationId);
      if (url.startsWith('/api/users/')) return String(this.world.annotatorId);
      if (url.startsWith('/api/items/') || url.startsWith('/api/review/')) return String(this.world.itemId);
      return this.random.pick(HOSTILE_IDS);
    });
  }

  /** A body the route would take (refusals are added to it). */
  private validBody(kind: BodyKind): Record<string, unknown> {
    const r = this.random;
    switch (kind) {
      case 'project':
        return { name: r.word(), type: 'classification', labels: ['a', 'b'], overlap: 1, rewardPerLabel: '1' };
      case 'project-update':
        return { name: r.word() };
      case 'item':
        return { projectId: this.world.projectId, data: { text: r.word() } };
      case 'item-update':
        return { overlap: 1 };
      case 'annotation':
        return { itemId: this.world.itemId, result: { label: 'a' }, leadTimeMs: 1000 };
      case 'annotation-update':
      case 'draft':
        return { result: { label: 'a' } };
      case 'user':
        return { address: `0x${'ab'.repeat(20)}`, roles: ['annotator'] };
      case 'user-update':
        return { roles: ['annotator'] };
      case 'suspension':
        return { annotatorId: this.world.annotatorId, note: r.word() };
      case 'suspension-update':
        return { active: false };
      case 'review':
        return { outcome: 'rejected' };
      case 'epoch':
        return { mode: 'claim' };
      case 'submit':
        return { result: { label: 'a' }, leadTimeMs: 1000 };
      case 'verify':
        return { message: r.word(), signature: `0x${'a'.repeat(130)}` };
      case 'none':
        return {};
    }
  }

  /** Valid JSON that validation must refuse: one to three fields set to values no route takes. */
  private dtoViolation(kind: Exclude<BodyKind, 'none'>): Buffer {
    const r = this.random;
    const body = this.validBody(kind);
    const breakers = BREAKERS[kind];
    const count = r.int(1, Math.min(3, breakers.length));
    for (let i = 0; i < count; i++) {
      const [field, values] = r.pick(breakers);
      const value = r.pick(values);
      if (value === MISSING) delete body[field];
      else body[field] = typeof value === 'function' ? (value as () => unknown)() : value;
    }
    return json(body);
  }

  private malformedJson(base: Record<string, unknown>): Buffer {
    const r = this.random;
    const text = JSON.stringify(base);
    switch (r.int(0, 5)) {
      case 0: // cut short (never to nothing: an empty body is no body)
        return Buffer.from(text.slice(0, r.int(1, text.length - 1)));
      case 1: // trailing content
        return Buffer.from(`${text}${r.pick([' x', ',', '}', ' {}', ']', ' null'])}`);
      case 2:
        return Buffer.from(
          r.pick([
            '{"a":}',
            '{a:1}',
            "{'a':1}",
            '{"a":1,}',
            '[1,]',
            '{"a":NaN}',
            '{"a":undefined}',
            '{"a":0x10}',
            '{"a":01}',
            '{"a":.5}',
            '{"a":"\t"}',
          ]),
        );
      case 3: // random bytes after an opening brace
        return Buffer.concat([Buffer.from('{"'), Buffer.from(Array.from({ length: r.int(1, 64) }, () => r.int(0, 255)))]);
      case 4: // a lone token
        return Buffer.from(r.pick(['{', '[', '"', 'nul', 'tru', '-', '1e', '{"a"', '\u00ef\u00bb\u00bf{']));
      default: // a raw control character inside a string
        return Buffer.from(text.replace(/"([^"]*)"/, `"$1${String.fromCharCode(r.int(1, 31))}"`));
    }
  }

  /** Puts raw bytes into the first string value of the body. */
  private withRawBytesInString(base: Record<string, unknown>, bytes: readonly number[]): Buffer {
    const text = JSON.stringify({ ...base, zz: this.random.word() });
    const at = text.lastIndexOf('"', text.length - 3);
    return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);
  }

  /** Adds (or replaces) a field holding raw JSON text, at the top or one level down. */
  private withField(base: Record<string, unknown>, raw: string): Buffer {
    const key = this.random.pick([...Object.keys(base), 'extra']);
    const rest = JSON.stringify(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)));
    return Buffer.from(`{"${key}":${raw}${rest === '{}' ? '' : `,${rest.slice(1, -1)}`}}`);
  }

  private withProtoKey(base: Record<string, unknown>): Buffer {
    const r = this.random;
    const key = r.pick(['__proto__', 'constructor', 'prototype']);
    const value = r.pick(['{"isAdmin":true}', '{"prototype":{"isAdmin":true}}', '"x"', '1', '[]', 'null']);
    return r.chance(0.5)
      ? this.withField(base, `{"ok":1,"${key}":${value}}`)
      : Buffer.from(`{"${key}":${value},${JSON.stringify(base).slice(1)}`);
  }

  private deep(depth: number): string {
    const open = this.random.chance(0.5) ? '[' : '{"a":';
    const close = open === '[' ? ']' : '}';
    return open.repeat(depth) + '1' + close.repeat(depth);
  }

  private manyKeys(count: number): string {
    const parts: string[] = [];
    if (count <= 3000) for (let i = 0; i < count; i++) parts.push(`"k${i}":${i}`);
    // Past the total: many small objects, each within the per-object limit.
    else for (let i = 0; i < count / 10; i++) parts.push(`"o${i}":{${Array.from({ length: 10 }, (_, j) => `"k${j}":1`).join(',')}}`);
    return `{${parts.join(',')}}`;
  }

  private padded(base: Record<string, unknown>, size: number): Buffer {
    const text = JSON.stringify({ ...base, pad: '' });
    return Buffer.from(`${text.slice(0, -2)}${'x'.repeat(Math.max(0, size - text.length))}"}`);
  }

  private listParams(): string {
    const r = this.random;
    const e = encodeURIComponent;
    const cases = [
      () => `filter=${e(r.pick(['nope', '{', '[1]', '1', '"x"', 'true', '{"a":1}}']))}`,
      () => `filter=${e(JSON.stringify({ [`zz_${r.word()}`]: 1 }))}`,
      () => `filter=${e(r.pick(['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}', '{"prototype":1}']))}`,
      () => `filter=${e(JSON.stringify({ id: r.pick([[{ a: 1 }], ['x'], [-1], [0], [99_999_999_999], [1.5], { a: 1 }, 'abc', true]) }))}`,
      () => {
        const depth = r.int(3, 200);
        return `filter=${e(`{"id":${'['.repeat(depth)}1${']'.repeat(depth)}}`)}`;
      },
      () => `filter=${e(`{"q":"${r.word()}\\u0000"}`)}`,
      () => `filter=${e(`{"q":"\\ud800${r.word()}"}`)}`,
      () =>
        `range=${e(r.pick(['[9,0]', '[-1,5]', '[0]', '[0,1,2]', '[0.5,2]', '"0-9"', '{}', '[0,1000]', '[1e21,1e21]', '[99999999999,99999999999]', '[0,"9"]', 'x']))}`,
      () =>
        `sort=${e(r.pick(['["password","ASC"]', '["id","UP"]', '["id"]', '"id"', '[1,"ASC"]', '["id",null]', '["__proto__","ASC"]', 'x']))}`,
      () =>
        r.pick([
          `range=${e('[0')}&range=${e('9]')}`,
          `filter=${e('{}')}&filter=${e('{}')}`,
          `sort=${e('["id","ASC"]')}&sort=${e('["id","DESC"]')}`,
        ]),
      () => `filter=${r.pick(['%FF', '%E0%A4%A', '%ED%A0%80', '%C0%AF'])}`,
    ];
    return r.pick(cases)();
  }

  /** A JSON array whose structure breaks after some hostile elements: refused as a whole. */
  private brokenJsonArray(): Buffer {
    const r = this.random;
    const elements: string[] = [];
    for (let i = r.int(0, 5); i > 0; i--) {
      elements.push(
        r.pick([
          '{"data":{"text":"fine"}}',
          `{"data":{"text":"${'x'.repeat(r.int(1, 3) * 20_000)}"}}`,
          `{"data":${this.deep(r.int(33, 300))}}`,
          '{"data":{"__proto__":{"a":1}}}',
          '{"data":{"text":"\\u0000"}}',
          '{"data":{"text":"\\ud800"}}',
          '7',
        ]),
      );
    }
    const ending = r.pick(['', ' x', '}', ']]', ',', ', ]', '] {}']);
    return Buffer.from(`${r.chance(0.1) ? '{' : '['}${elements.join(',')}${ending}`);
  }

  /** A CSV that cannot be read as a whole: an unclosed quote at the end, a bad header, rows of the wrong width. */
  private brokenCsv(): Buffer {
    const r = this.random;
    const rows = Array.from({ length: r.int(0, 5) }, () =>
      r.pick(['fine,one', `"${'y'.repeat(r.int(1, 3) * 20_000)}",x`, 'nul\u0000,x', 'a,b']),
    );
    switch (r.int(0, 2)) {
      case 0:
        return Buffer.from(`text,source\n${rows.join('\n')}\n"never closed,x\n`);
      case 1:
        return Buffer.from(`${r.pick(['text,__proto__', 'constructor', `${'h'.repeat(70_000)}`])}\n${rows.join('\n')}\n`);
      default:
        return Buffer.from(`text,source\n${rows.join('\n')}\nonly-one-column\n`);
    }
  }

  /** A multipart form cut short, or with parts busboy cannot read. */
  private brokenMultipart(): [Buffer, Record<string, string>] {
    const r = this.random;
    const boundary = `b${r.word(10)}`;
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="items.jsonl"\r\nContent-Type: application/x-ndjson\r\n\r\n{"data":{"text":"x"}}\n{"data":{"text":"\\u0000"}}\n`;
    const body = r.pick([
      part, // no closing boundary
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="items.jsonl"\r\n`, // headers cut
      `--${boundary}\r\nNo-Colon-Header\r\n\r\nx\r\n--${boundary}--\r\n`,
      `garbage before any boundary\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xml"\r\nContent-Type: application/xml\r\n\r\n<x/>\r\n--${boundary}--\r\n`,
    ]);
    return [Buffer.from(body), { 'content-type': `multipart/form-data; boundary=${boundary}` }];
  }

  /** Requests Node's HTTP parser must refuse, or whose stray bytes it must: each answered in the error shape. */
  private malformedHttp(method: string, path: string): Buffer {
    const r = this.random;
    const head = `${method} ${path} HTTP/1.1\r\nHost: localhost\r\n`;
    return Buffer.from(
      r.pick([
        // a body without Content-Length or chunking: its bytes read as a second request
        `${head}Content-Type: application/json\r\n\r\n{"a":1}`,
        `${head}Content-Length: abc\r\n\r\n`,
        `${head}Content-Length: -5\r\n\r\n`,
        `${head}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello`,
        `${head}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        `${head}Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
        `${head}X-Pad: ${'a'.repeat(r.int(17, 64) * 1024)}\r\n\r\n`,
        `${head}X-Nul: a\u0000b\r\n\r\n`,
        `${method}\u0001 ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
        `${method} ${path}\u0000x HTTP/1.1\r\nHost: localhost\r\n\r\n`,
        `${method} ${path} HTTP/9.9\r\nHost: localhost\r\n\r\n`,
        `\u00ff\u00fe${r.word(40)}\r\n\r\n`,
      ]),
      'latin1',
    );
  }

  /** JSONL with hostile lines, past MAX_IMPORT_BYTES: the import stops with 413 and nothing is kept. */
  private overBudgetJsonl(): Buffer {
    const lines = ['{"data":{"text":"\\u0000"}}', `{"data":${this.deep(50)}}`, '{"data":{"__proto__":{}}}', '{"data":{"text":"ok"}}'];
    const line = `${this.random.pick(lines)}\n`;
    return Buffer.from(line.repeat(Math.ceil((this.world.maxImportBytes + 1024) / line.length)));
  }
}

const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf], // overlong "/"
  [0xe0, 0x80, 0xaf], // overlong
  [0xed, 0xa0, 0x80], // a surrogate (CESU-8)
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0xe2, 0x82], // cut short
  [0x80],
];

const WRONG_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'application/json-patch+json',
  'multipart/form-data; boundary=abc',
  'text/csv',
  'application/x-ndjson',
  'image/png',
  ';;;',
  'application/',
  'json',
  'application/json/x',
];

const IMPORT_TYPES = ['application/json', 'application/x-ndjson', 'text/csv', 'multipart/form-data'];

const ANY_TYPES = [
  'application/json',
  'text/plain',
  'application/octet-stream',
  'multipart/form-data; boundary=z',
  'application/x-made-up',
];

const MISSING = Symbol('missing');
type Breakers = ReadonlyArray<readonly [string, readonly unknown[]]>;

const long = (n: number) => () => 'x'.repeat(n);
const OUT_OF_RANGE_IDS = [0, -1, 1.5, '1', 99_999_999_999, 2_147_483_648, true, [], {}];

/** Field values each body refuses; null is absent here, since optional fields take it as "not given". */
const BREAKERS: Record<Exclude<BodyKind, 'none'>, Breakers> = {
  project: [
    ['name', ['', long(201), long(5000), 123, [], {}, MISSING]],
    ['type', ['nope', '', 5, MISSING]],
    ['labels', ['a', [1], [long(101)()], Array.from({ length: 201 }, (_, i) => `l${i}`), MISSING]],
    ['overlap', [0, 51, 99_999_999_999, 1.5, '1', -1, MISSING]],
    ['maxOverlap', [0, 51, 1e11, 2.5]],
    ['targetConfidence', [0.4, 1.1, '0.8', -1]],
    ['goldRate', [0.6, -0.1, 'x']],
    ['qualificationSize', [51, -1, 1.5]],
    ['qualificationMinAccuracy', [1.5, -1]],
    ['leaseSeconds', [5, 99_999_999_999, 1.5, '60']],
    ['rewardPerLabel', ['1e5', '-1', 'abc', 1, '0.1234567890123456789', '1234567890123456789', MISSING]],
    ['rewardBudget', ['x', 5, '-3']],
    ['instructions', [7, long(50_001)]],
    ['status', ['deleted', 1]],
  ],
  'project-update': [
    ['name', ['', long(201), 123, []]],
    ['type', ['nope', 5]],
    ['labels', ['a', [1], Array.from({ length: 201 }, (_, i) => `l${i}`)]],
    ['overlap', [0, 51, 99_999_999_999, 1.5]],
    ['leaseSeconds', [5, 99_999_999_999]],
    ['rewardPerLabel', ['1e5', '-1', 1]],
    ['status', ['deleted', 1]],
  ],
  item: [
    ['projectId', [...OUT_OF_RANGE_IDS, MISSING]],
    ['data', ['text', [1], 5, MISSING]],
    ['externalId', ['', long(201), 5]],
    ['gold', ['a', 5, [1]]],
  ],
  'item-update': [
    ['overlap', [0, 51, 99_999_999_999, 1.5, '2']],
    ['data', ['x', [1], 5]],
  ],
  annotation: [
    ['itemId', [...OUT_OF_RANGE_IDS, MISSING]],
    ['result', [MISSING]],
    ['leadTimeMs', [-1, 99_999_999_999, 7 * 86_400_000 + 1, 1.5, 'x']],
  ],
  'annotation-update': [['result', [MISSING]]],
  user: [
    ['address', ['nope', '0x123', 5, '', MISSING]],
    ['roles', [['god'], 'admin', ['admin', 'admin'], ['annotator', 'reviewer', 'admin', 'buyer', 'annotator'], 5]],
  ],
  'user-update': [['roles', [MISSING, ['god'], 'x', ['annotator', 'annotator'], 5]]],
  suspension: [
    ['annotatorId', [...OUT_OF_RANGE_IDS, MISSING]],
    ['note', [long(501), 5]],
  ],
  'suspension-update': [['active', [true, 'false', 0, MISSING]]],
  review: [['outcome', ['maybe', '', 5, MISSING]]],
  epoch: [
    ['mode', ['pull', '', 5, MISSING]],
    ['expiresInDays', [0, 366, 99_999_999_999, 1.5]],
  ],
  submit: [
    ['leadTimeMs', [-1, 99_999_999_999, 'x', MISSING]],
    ['result', [MISSING]],
  ],
  draft: [['result', [MISSING]]],
  verify: [
    ['message', [5, long(4097), MISSING]],
    ['signature', ['0x12', 5, MISSING]],
  ],
};
