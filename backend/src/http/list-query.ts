import { AppException, ErrorCode } from '../errors/app.exception.js';
import { assertJsonWithinLimits, type JsonLimits } from './json-limits.js';

/** react-admin simple-rest list parameters: `?filter={}&range=[0,24]&sort=["id","ASC"]`. */
export interface ListQuery<F extends string = string> {
  filter: Partial<Record<F, unknown>>;
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

export interface ListPage<T> {
  rows: T[];
  total: number;
}

export const MAX_PAGE_SIZE = 1000;
/** Ids are PostgreSQL `integer`s. */
export const MAX_ID = 2_147_483_647;

/** List parameters are a few ids and words; anything deeper or bigger is not a filter a client means. */
const LIST_PARAM_LIMITS: JsonLimits = { maxDepth: 3, maxKeys: 50, maxObjectKeys: 50 };

function parseJson(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  // `?range=[0&range=9]` arrives as an array; a parameter given twice is refused, not joined.
  if (typeof raw !== 'string') throw new AppException(ErrorCode.VALIDATION_FAILED, `${name} must be given once`, name);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new AppException(ErrorCode.VALIDATION_FAILED, `${name} must be JSON`, name);
  }
  assertJsonWithinLimits(value, LIST_PARAM_LIMITS, name, name);
  return value;
}

/**
 * Validates the three list parameters against the fields a resource allows to filter and sort on.
 * Unknown fields are refused rather than ignored, so a typo never returns the wrong page.
 */
export function parseListQuery<F extends string>(
  query: Record<string, unknown>,
  allowed: { filters: readonly F[]; sorts: readonly string[]; defaultSort?: string },
): ListQuery<F> {
  const filter = parseJson('filter', query['filter']) ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new AppException(ErrorCode.VALIDATION_FAILED, 'filter must be a JSON object', 'filter');
  }
  for (const key of Object.keys(filter)) {
    if (!(allowed.filters as readonly string[]).includes(key)) {
      throw new AppException(
        ErrorCode.VALIDATION_FAILED,
        `cannot filter on "${key}"; allowed: ${allowed.filters.join(', ')}`,
        `filter.${key}`,
      );
    }
  }
  const range = parseJson('range', query['range']) ?? [0, 24];
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_ID) ||
    (range[1] as number) < (range[0] as number)
  ) {
    throw new AppException(ErrorCode.VALIDATION_FAILED, `range must be [start, end] with 0 <= start <= end <= ${MAX_ID}`, 'range');
  }
  const [start, end] = range as [number, number];
  if (end - start + 1 > MAX_PAGE_SIZE) {
    throw new AppException(ErrorCode.VALIDATION_FAILED, `a page holds at most ${MAX_PAGE_SIZE} rows`, 'range');
  }
  const sort = parseJson('sort', query['sort']) ?? [allowed.defaultSort ?? 'id', 'ASC'];
  if (
    !Array.isArray(sort) ||
    sort.length !== 2 ||
    typeof sort[0] !== 'string' ||
    !['ASC', 'DESC'].includes(String(sort[1]).toUpperCase())
  ) {
    throw new AppException(ErrorCode.VALIDATION_FAILED, 'sort must be ["field", "ASC" | "DESC"]', 'sort');
  }
  if (!allowed.sorts.includes(sort[0])) {
    throw new AppException(ErrorCode.VALIDATION_FAILED, `cannot sort on "${sort[0]}"; allowed: ${allowed.sorts.join(', ')}`, 'sort');
  }
  return {
    filter: filter,
    offset: start,
    limit: end - start + 1,
    sortField: sort[0],
    sortOrder: String(sort[1]).toUpperCase() as 'ASC' | 'DESC',
  };
}

/** `Content-Range: items 0-24/319`, as ra-data-simple-rest reads it. */
export function contentRange(resource: string, query: ListQuery, page: ListPage<unknown>): string {
  if (page.rows.length === 0) return `${resource} */${page.total}`;
  return `${resource} ${query.offset}-${query.offset + page.rows.length - 1}/${page.total}`;
}

/** Reads an id list filter (`{"id": [1, 2]}` from getMany) or a single id. */
export function idList(value: unknown, field: string): number[] | undefined {
  if (value === undefined) return undefined;
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.map((v) => {
    const n = typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_ID) {
      throw new AppException(ErrorCode.VALIDATION_FAILED, `${field} must hold positive integer ids`, `filter.${field}`);
    }
    return n;
  });
}

export function parseId(raw: string, field = 'id'): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_ID) {
    throw new AppException(ErrorCode.VALIDATION_FAILED, `${field} must be a positive integer`, field);
  }
  return Number(raw);
}
