/**
 * The subset of Elasticsearch's query DSL that ocean.js 8.6.2 and Ocean Market send to Aquarius /
 * Ocean Node (`POST /api/aquarius/assets/query`, `/assets/metadata/query`), evaluated over resolved
 * assets (the DDO with `datatokens` and `indexedMetadata`):
 *
 *   match_all; term / terms / match / match_phrase on a dotted field (arrays are searched through,
 *   `.keyword` is ignored, strings compare without case); range (gt, gte, lt, lte); exists;
 *   bool with must / filter / should (minimum_should_match) / must_not; query_string and
 *   multi_match: every word of the query (operators, field prefixes and wildcards dropped) appears in
 *   the given fields (default: metadata.name, metadata.description, metadata.tags, metadata.author).
 *   sort: `{field: 'asc'|'desc'}` or `{field: {order}}`, or an array of them; from (default 0), size (default 10, at most 1000).
 *   Search text is at most 1000 characters and a terms list at most 1000 values; a whole query at
 *   most MAX_QUERY_COST units of work per asset (see queryCost).
 *
 * Anything else is refused with QueryError naming the clause, rather than ignored.
 */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export const MAX_QUERY_SIZE = 1000;
/** Search text and term lists are matched against every asset: longer ones are no search a client means. */
export const MAX_QUERY_TEXT = 1000;
export const MAX_TERMS = 1000;
/** Sort keys and `fields` of one request, and a field path's length: each key is read on every comparison. */
export const MAX_SORT_KEYS = 10;
export const MAX_FIELDS = 50;
export const MAX_FIELD_PATH = 200;
/**
 * Work one query may ask of each asset (queryCost): every asset is matched against every clause, so
 * the caps on one clause bound nothing when a bool repeats it hundreds of times. Room for what
 * clients send (ocean.js and Ocean Market: a search text over a few fields and a handful of filters,
 * tens of units) and for a terms list of MAX_TERMS values, or a search text of a few hundred words
 * over the default fields, with a few filters.
 */
export const MAX_QUERY_COST = 2000;
const TEXT_FIELDS = ['metadata.name', 'metadata.description', 'metadata.tags', 'metadata.author'];

type Doc = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value at a dotted path, arrays flattened on the way. */
export function valuesAt(doc: unknown, path: string): unknown[] {
  const parts = path.replace(/\.keyword$/, '').split('.');
  let current: unknown[] = [doc];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const value of current) {
      const items = Array.isArray(value) ? value : [value];
      // Own fields only: `toString` is no field of a document.
      for (const item of items) if (isObject(item) && Object.hasOwn(item, part)) next.push(item[part]);
    }
    current = next;
  }
  return current.flatMap((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]));
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) return String(a) === String(b);
  return a === b;
}

function singleField(clause: unknown, kind: string): [string, unknown] {
  if (!isObject(clause) || Object.keys(clause).length !== 1) throw new QueryError(`${kind} takes one field`, `query.${kind}`);
  const [field, value] = Object.entries(clause)[0]!;
  return [fieldPath(field, `query.${kind}`), value];
}

function words(text: string): string[] {
  return (
    text
      .replace(/\b(AND|OR|NOT)\b/g, ' ')
      // Only from the start of a run of name characters: tried from inside the run too, a long run
      // without a colon costs quadratic time.
      .replace(/(?<![a-zA-Z_.])[a-zA-Z_.]+:/g, ' ')
      .toLowerCase()
      .split(/[^\p{L}\p{N}_-]+/u)
      .filter((w) => w.length > 0)
  );
}

function textOf(doc: Doc, fields: readonly string[]): string {
  return fields
    .flatMap((f) => valuesAt(doc, f.replace(/\^\d+(\.\d+)?$/, '')))
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' ')
    .toLowerCase();
}

function boundedText(value: unknown, field: string): string {
  const text = String(value);
  if (text.length > MAX_QUERY_TEXT) throw new QueryError(`search text is at most ${MAX_QUERY_TEXT} characters`, field);
  return text;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Whether `doc` matches `query`. With `every`, every clause of a `bool` is evaluated (no short
 * cut), so that a query checked once against an empty document has had each of its clauses checked.
 */
export function matches(doc: Doc, query: unknown, every = false): boolean {
  if (query === undefined) return true;
  if (!isObject(query) || Object.keys(query).length !== 1) throw new QueryError('a query is an object with one clause', 'query');
  const [kind, clause] = Object.entries(query)[0]!;
  switch (kind) {
    case 'match_all':
      return true;
    case 'term': {
      const [field, spec] = singleField(clause, kind);
      const value = isObject(spec) ? spec['value'] : spec;
      return valuesAt(doc, field).some((v) => same(v, value));
    }
    case 'terms': {
      const [field, values] = singleField(clause, kind);
      if (!Array.isArray(values)) throw new QueryError('terms takes an array of values', `query.terms.${field}`);
      if (values.length > MAX_TERMS) throw new QueryError(`terms takes at most ${MAX_TERMS} values`, `query.terms.${field}`);
      return valuesAt(doc, field).some((v) => values.some((w) => same(v, w)));
    }
    case 'match':
    case 'match_phrase': {
      const [field, spec] = singleField(clause, kind);
      const text = boundedText(isObject(spec) ? spec['query'] : spec, `query.${kind}.${field}`);
      const found = valuesAt(doc, field);
      if (found.some((v) => same(v, text))) return true;
      const haystack = found
        .filter((v) => typeof v === 'string')
        .join(' ')
        .toLowerCase();
      return kind === 'match_phrase' ? haystack.includes(text.toLowerCase()) : words(text).every((w) => haystack.includes(w));
    }
    case 'range': {
      const [field, bounds] = singleField(clause, kind);
      if (!isObject(bounds)) throw new QueryError('range takes {gt, gte, lt, lte}', `query.range.${field}`);
      // Numbers and strings are ordered (a numeric string as its number); any other value is out of every range.
      const scalar = (v: unknown) =>
        typeof v === 'number' ? v : typeof v === 'string' ? (v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v) : undefined;
      const cmp = (v: unknown, b: unknown) => {
        const x = scalar(v);
        const y = scalar(b);
        if (x === undefined || y === undefined) return NaN;
        return x < y ? -1 : x > y ? 1 : 0;
      };
      return valuesAt(doc, field).some(
        (v) =>
          (bounds['gt'] === undefined || cmp(v, bounds['gt']) > 0) &&
          (bounds['gte'] === undefined || cmp(v, bounds['gte']) >= 0) &&
          (bounds['lt'] === undefined || cmp(v, bounds['lt']) < 0) &&
          (bounds['lte'] === undefined || cmp(v, bounds['lte']) <= 0),
      );
    }
    case 'exists': {
      if (!isObject(clause) || typeof clause['field'] !== 'string') throw new QueryError('exists takes {field}', 'query.exists');
      return valuesAt(doc, fieldPath(clause['field'], 'query.exists')).some((v) => v !== null && v !== undefined);
    }
    case 'bool': {
      if (!isObject(clause)) throw new QueryError('bool takes an object', 'query.bool');
      for (const key of Object.keys(clause)) {
        if (!['must', 'filter', 'should', 'must_not', 'minimum_should_match'].includes(key)) {
          throw new QueryError(`bool.${key} is not supported`, `query.bool.${key}`);
        }
      }
      const required = [...asArray(clause['must']), ...asArray(clause['filter'])];
      const mustNot = asArray(clause['must_not']);
      const should = asArray(clause['should']);
      if (every) [...required, ...mustNot, ...should].forEach((q) => matches(doc, q, true));
      if (!required.every((q) => matches(doc, q))) return false;
      if (mustNot.some((q) => matches(doc, q))) return false;
      if (should.length === 0) return true;
      const minimum = typeof clause['minimum_should_match'] === 'number' ? clause['minimum_should_match'] : required.length > 0 ? 0 : 1;
      return should.filter((q) => matches(doc, q)).length >= minimum;
    }
    case 'query_string':
    case 'multi_match': {
      if (!isObject(clause) || typeof clause['query'] !== 'string') throw new QueryError(`${kind} takes {query, fields?}`, `query.${kind}`);
      const fields = Array.isArray(clause['fields']) ? clause['fields'].filter((f): f is string => typeof f === 'string') : TEXT_FIELDS;
      if (fields.length > MAX_FIELDS) throw new QueryError(`at most ${MAX_FIELDS} fields`, `query.${kind}.fields`);
      for (const f of fields) fieldPath(f, `query.${kind}.fields`);
      const haystack = textOf(doc, fields.length > 0 ? fields : TEXT_FIELDS);
      return words(boundedText(clause['query'], `query.${kind}.query`)).every((w) => haystack.includes(w));
    }
    default:
      throw new QueryError(`the query clause "${kind}" is not supported (see the API docs for the supported subset)`, `query.${kind}`);
  }
}

/**
 * Units of work a (valid) query asks of each asset: a value compared per term, terms value, range or
 * exists; a word looked up per field of a text clause; plus one per clause, bool included.
 */
export function queryCost(query: unknown): number {
  if (!isObject(query)) return 1;
  const [kind, clause] = Object.entries(query)[0] ?? [];
  if (!isObject(clause)) return 1;
  switch (kind) {
    case 'terms': {
      const values = Object.values(clause)[0];
      return 1 + (Array.isArray(values) ? values.length : 1);
    }
    case 'match':
    case 'match_phrase': {
      const spec = Object.values(clause)[0];
      return 1 + words(String(isObject(spec) ? spec['query'] : spec)).length;
    }
    case 'query_string':
    case 'multi_match': {
      const fields = Array.isArray(clause['fields']) && clause['fields'].length > 0 ? clause['fields'].length : TEXT_FIELDS.length;
      return 1 + fields * Math.max(1, words(String(clause['query'])).length);
    }
    case 'bool':
      return (['must', 'filter', 'should', 'must_not'] as const).reduce(
        (sum, key) => sum + asArray(clause[key]).reduce((part: number, q) => part + queryCost(q), 0),
        1,
      );
    default:
      return 1;
  }
}

type SortKey = { field: string; order: 'asc' | 'desc' };

function fieldPath(field: string, at: string): string {
  if (field.length > MAX_FIELD_PATH) throw new QueryError(`a field path is at most ${MAX_FIELD_PATH} characters`, at);
  return field;
}

function sortKeys(sort: unknown): SortKey[] {
  const keys = asArray(sort).flatMap((entry): SortKey[] => {
    if (typeof entry === 'string') return [{ field: fieldPath(entry, 'sort'), order: 'asc' as const }];
    if (!isObject(entry)) throw new QueryError('sort takes {field: "asc"|"desc"} entries', 'sort');
    return Object.entries(entry).map(([field, spec]) => {
      const order = isObject(spec) ? spec['order'] : spec;
      if (order !== 'asc' && order !== 'desc') throw new QueryError(`sort.${field} must be "asc" or "desc"`, `sort.${field}`);
      return { field: fieldPath(field, 'sort'), order };
    });
  });
  if (keys.length > MAX_SORT_KEYS) throw new QueryError(`at most ${MAX_SORT_KEYS} sort keys`, 'sort');
  return keys;
}

/** A value sort orders by: a number or a string; anything else sorts as missing. */
const sortable = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? value : undefined);

export interface SearchHits {
  hits: {
    total: { value: number; relation: 'eq' };
    max_score: number | null;
    hits: Array<{ _index: string; _id: string; _score: number; _source: Doc }>;
  };
}

/** Runs `body` ({query, from, size, sort}; `aggs` is not supported) over `docs`, in ES's answer shape. */
export function search(docs: readonly Doc[], body: unknown, idOf: (doc: Doc) => string): SearchHits {
  if (body !== undefined && !isObject(body))
    throw new QueryError('the body is a search request: an object {query, from, size, sort}', 'body');
  const request: Record<string, unknown> = isObject(body) ? body : {};
  if (request['aggs'] !== undefined || request['aggregations'] !== undefined)
    throw new QueryError('aggregations are not supported', 'aggs');
  const from = request['from'] ?? 0;
  const size = request['size'] ?? 10;
  if (!Number.isInteger(from) || (from as number) < 0) throw new QueryError('from must be a non-negative integer', 'from');
  if (!Number.isInteger(size) || (size as number) < 0 || (size as number) > MAX_QUERY_SIZE) {
    throw new QueryError(`size must be an integer from 0 to ${MAX_QUERY_SIZE}`, 'size');
  }
  const keys = sortKeys(request['sort']);
  // Every clause is checked once, whatever the catalogue holds: an unsupported or malformed clause is
  // refused even where no asset (or no branch of a bool) would have reached it.
  matches({}, request['query'], true);
  const cost = queryCost(request['query']);
  if (cost > MAX_QUERY_COST) {
    throw new QueryError(
      `the query asks too much of each asset (${cost} units of work, at most ${MAX_QUERY_COST}: fewer clauses, terms, words or fields)`,
      'query',
    );
  }
  const found = docs.filter((doc) => matches(doc, request['query']));
  if (keys.length > 0) {
    found.sort((a, b) => {
      for (const key of keys) {
        const x = sortable(valuesAt(a, key.field)[0]);
        const y = sortable(valuesAt(b, key.field)[0]);
        if (x === y) continue;
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        const order = x < y ? -1 : 1;
        return key.order === 'asc' ? order : -order;
      }
      return 0;
    });
  }
  const page = found.slice(from as number, (from as number) + (size as number));
  return {
    hits: {
      total: { value: found.length, relation: 'eq' },
      max_score: page.length > 0 ? 1 : null,
      hits: page.map((doc) => ({ _index: 'ddo', _id: idOf(doc), _score: 1, _source: doc })),
    },
  };
}
