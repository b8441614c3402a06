import { describe, expect, it } from 'vitest';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { contentRange, idList, MAX_PAGE_SIZE, parseId, parseListQuery, type ListQuery } from './list-query.js';

const ALLOWED = { filters: ['id', 'q', 'status'] as const, sorts: ['id', 'name', 'createdAt'] };

/** Runs `fn`, expects a VALIDATION_FAILED AppException, and returns its field. */
function failureField(fn: () => unknown): string | undefined {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AppException);
  const error = thrown as AppException;
  expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
  expect(error.message).not.toBe('');
  return error.field;
}

describe('parseListQuery', () => {
  it('defaults to no filter, the first 25 rows, sorted by id ascending', () => {
    expect(parseListQuery({}, ALLOWED)).toEqual({ filter: {}, offset: 0, limit: 25, sortField: 'id', sortOrder: 'ASC' });
  });

  it('treats empty parameters as absent', () => {
    expect(parseListQuery({ filter: '', range: '', sort: '' }, ALLOWED)).toEqual({
      filter: {},
      offset: 0,
      limit: 25,
      sortField: 'id',
      sortOrder: 'ASC',
    });
    expect(parseListQuery({ filter: undefined }, ALLOWED).limit).toBe(25);
  });

  it('uses the resource default sort', () => {
    const query = parseListQuery({}, { ...ALLOWED, defaultSort: 'createdAt' });
    expect(query.sortField).toBe('createdAt');
    expect(query.sortOrder).toBe('ASC');
  });

  it('reads a valid filter, range and sort', () => {
    const query = parseListQuery(
      { filter: '{"status":"active","id":[1,2],"q":"cats"}', range: '[50,74]', sort: '["name","DESC"]' },
      ALLOWED,
    );
    expect(query).toEqual({
      filter: { status: 'active', id: [1, 2], q: 'cats' },
      offset: 50,
      limit: 25,
      sortField: 'name',
      sortOrder: 'DESC',
    });
  });

  it('accepts a lowercase sort order and normalises it', () => {
    expect(parseListQuery({ sort: '["createdAt","desc"]' }, ALLOWED).sortOrder).toBe('DESC');
    expect(parseListQuery({ sort: '["id","asc"]' }, ALLOWED).sortOrder).toBe('ASC');
  });

  it('reads single-row and maximum-size pages', () => {
    expect(parseListQuery({ range: '[7,7]' }, ALLOWED)).toMatchObject({ offset: 7, limit: 1 });
    expect(parseListQuery({ range: `[0,${MAX_PAGE_SIZE - 1}]` }, ALLOWED)).toMatchObject({ offset: 0, limit: MAX_PAGE_SIZE });
    expect(parseListQuery({ range: `[5000,${5000 + MAX_PAGE_SIZE - 1}]` }, ALLOWED)).toMatchObject({ offset: 5000, limit: MAX_PAGE_SIZE });
  });

  it.each(['filter', 'range', 'sort'])('refuses %s that is not JSON', (name) => {
    expect(failureField(() => parseListQuery({ [name]: '{not json' }, ALLOWED))).toBe(name);
    expect(failureField(() => parseListQuery({ [name]: "['single quotes']" }, ALLOWED))).toBe(name);
  });

  it.each(['[]', '["status"]', '"status"', '5', 'true'])('refuses a filter that is not an object: %s', (filter) => {
    expect(failureField(() => parseListQuery({ filter }, ALLOWED))).toBe('filter');
  });

  it('refuses an unknown filter key, naming it', () => {
    expect(failureField(() => parseListQuery({ filter: '{"status":"active","owner":3}' }, ALLOWED))).toBe('filter.owner');
    expect(failureField(() => parseListQuery({ filter: '{"__proto__":{"x":1}}' }, ALLOWED))).toBe('filter.__proto__');
    expect(failureField(() => parseListQuery({ filter: '{"Status":"active"}' }, ALLOWED))).toBe('filter.Status');
  });

  it.each([
    '[1]',
    '[0,1,2]',
    '[-1,5]',
    '[0,-5]',
    '[5,1]',
    '[0.5,3]',
    '[0,2.5]',
    '[0,"24"]',
    '["0",24]',
    '[null,24]',
    '{"start":0,"end":24}',
    '"0-24"',
    '24',
  ])('refuses the range %s', (range) => {
    expect(failureField(() => parseListQuery({ range }, ALLOWED))).toBe('range');
  });

  it.each(['[2147483648,2147483650]', '[1e20,1e20]', '[1e300,1e300]'])('refuses the range %s past what an offset can be', (range) => {
    expect(failureField(() => parseListQuery({ range }, ALLOWED))).toBe('range');
  });

  it('refuses a list parameter given twice instead of joining the values', () => {
    expect(failureField(() => parseListQuery({ range: ['[0', '9]'] }, ALLOWED))).toBe('range');
    expect(failureField(() => parseListQuery({ filter: ['{}', '{}'] }, ALLOWED))).toBe('filter');
  });

  it('refuses filter values PostgreSQL cannot take, and nesting no filter needs', () => {
    expect(() => parseListQuery({ filter: '{"q":"a\\u0000b"}' }, ALLOWED)).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_VALUE, field: 'filter.q' }),
    );
    expect(() => parseListQuery({ filter: '{"q":"\\udfff"}' }, ALLOWED)).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_VALUE }),
    );
    expect(() => parseListQuery({ filter: '{"id":[[[1]]]}' }, ALLOWED)).toThrow(
      expect.objectContaining({ code: ErrorCode.JSON_TOO_COMPLEX, field: 'filter.id[0][0]' }),
    );
  });

  it('refuses a page larger than the maximum', () => {
    expect(failureField(() => parseListQuery({ range: `[0,${MAX_PAGE_SIZE}]` }, ALLOWED))).toBe('range');
    expect(failureField(() => parseListQuery({ range: '[10,1000000]' }, ALLOWED))).toBe('range');
  });

  it('refuses an unknown sort field', () => {
    expect(failureField(() => parseListQuery({ sort: '["password","ASC"]' }, ALLOWED))).toBe('sort');
    expect(failureField(() => parseListQuery({ sort: '["status","ASC"]' }, ALLOWED))).toBe('sort');
  });

  it('refuses an unknown default sort too', () => {
    expect(failureField(() => parseListQuery({}, { ...ALLOWED, defaultSort: 'nope' }))).toBe('sort');
  });

  it.each(['["id","UP"]', '["id",""]', '["id"]', '["id","ASC","x"]', '[1,"ASC"]', '{"id":"ASC"}', '"id"', '["id",null]'])(
    'refuses the sort %s',
    (sort) => {
      expect(failureField(() => parseListQuery({ sort }, ALLOWED))).toBe('sort');
    },
  );
});

describe('contentRange', () => {
  const query: ListQuery = { filter: {}, offset: 50, limit: 25, sortField: 'id', sortOrder: 'ASC' };

  it('names the rows of a page and the total', () => {
    expect(contentRange('projects', query, { rows: [1, 2, 3], total: 53 })).toBe('projects 50-52/53');
    expect(contentRange('users', { ...query, offset: 0 }, { rows: new Array(25).fill(0), total: 319 })).toBe('users 0-24/319');
    expect(contentRange('users', { ...query, offset: 0 }, { rows: [{}], total: 1 })).toBe('users 0-0/1');
  });

  it('writes an empty page as "resource */total"', () => {
    expect(contentRange('projects', query, { rows: [], total: 0 })).toBe('projects */0');
    expect(contentRange('projects', query, { rows: [], total: 12 })).toBe('projects */12');
  });
});

describe('idList', () => {
  it('is undefined when there is no filter value', () => {
    expect(idList(undefined, 'id')).toBeUndefined();
  });

  it('reads a single id, a string id, and a list', () => {
    expect(idList(5, 'id')).toEqual([5]);
    expect(idList('7', 'id')).toEqual([7]);
    expect(idList([1, '2', 3], 'id')).toEqual([1, 2, 3]);
    expect(idList([], 'id')).toEqual([]);
  });

  it.each([0, -1, 1.5, 'abc', '', null, {}, true, Number.NaN, [1, 'x'], [[1]]])('refuses %j, naming the filter', (value) => {
    expect(failureField(() => idList(value, 'projectId'))).toBe('filter.projectId');
  });

  it('refuses ids past the int4 range like parseId does', () => {
    expect(failureField(() => idList([2_147_483_648], 'id'))).toBe('filter.id');
  });
});

describe('parseId', () => {
  it('reads positive integers up to the int4 maximum', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId('42')).toBe(42);
    expect(parseId('2147483647')).toBe(2_147_483_647);
  });

  it.each(['0', '-1', '1.0', '1e3', 'abc', '', ' 1', '1 ', '0x1', '2147483648', '9999999999', '12345678901'])('refuses "%s"', (raw) => {
    expect(failureField(() => parseId(raw))).toBe('id');
  });

  it('names the given field', () => {
    expect(failureField(() => parseId('x', 'projectId'))).toBe('projectId');
  });
});
