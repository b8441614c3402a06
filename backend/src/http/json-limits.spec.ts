import { describe, expect, it } from 'vitest';
import { AppException } from '../errors/app.exception.js';
import { assertJsonWithinLimits, decodeUtf8, findJsonProblem, unstorableText } from './json-limits.js';

const LIMITS = { maxDepth: 4, maxKeys: 10, maxObjectKeys: 5 };

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('findJsonProblem', () => {
  it('accepts a document within every limit', () => {
    expect(findJsonProblem({ data: { text: 'héllo 👋', tags: ['a', 'b'], n: -0.5 } }, LIMITS)).toBeUndefined();
    expect(findJsonProblem(nested(4), LIMITS)).toBeUndefined();
    expect(findJsonProblem('plain', LIMITS)).toBeUndefined();
    expect(findJsonProblem(null, LIMITS)).toBeUndefined();
  });

  it('refuses nesting one level past the limit, naming where', () => {
    expect(findJsonProblem(nested(5), LIMITS)).toEqual({ kind: 'too-complex', path: 'a[0].a[0]', message: 'nests deeper than 4 levels' });
    expect(findJsonProblem({ data: { a: { b: { c: {} } } } }, LIMITS)).toMatchObject({ kind: 'too-complex', path: 'data.a.b.c' });
  });

  it('stops at the limit on a value far deeper than the stack could walk', () => {
    const deep = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)) as unknown;
    expect(findJsonProblem(deep, { maxDepth: 32, maxKeys: 10, maxObjectKeys: 5 })).toMatchObject({ kind: 'too-complex' });
  });

  it('counts keys per object and in the whole document', () => {
    expect(findJsonProblem({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, LIMITS)).toEqual({
      kind: 'too-complex',
      path: '',
      message: 'has more than 5 keys',
    });
    const spread = { x: { a: 1, b: 2, c: 3 }, y: { a: 1, b: 2, c: 3 }, z: { a: 1, b: 2 } };
    expect(findJsonProblem(spread, LIMITS)).toEqual({ kind: 'too-complex', path: 'z', message: 'the document holds more than 10 keys' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s wherever it is', (key) => {
    const body = JSON.parse(`{"data": {"ok": 1, "${key}": {"isAdmin": true}}}`) as unknown;
    expect(findJsonProblem(body, LIMITS)).toEqual({ kind: 'forbidden-key', path: `data.${key}`, message: `key "${key}" is not allowed` });
  });

  it('refuses NUL and unpaired surrogates in values and keys, and numbers out of range', () => {
    expect(findJsonProblem(JSON.parse('{"name": "a\\u0000b"}'), LIMITS)).toMatchObject({ kind: 'invalid-value', path: 'name' });
    expect(findJsonProblem(JSON.parse('{"tags": ["ok", "\\ud800"]}'), LIMITS)).toMatchObject({ kind: 'invalid-value', path: 'tags[1]' });
    expect(findJsonProblem(JSON.parse('{"t": "\\udc00x"}'), LIMITS)).toMatchObject({ kind: 'invalid-value', path: 't' });
    expect(findJsonProblem(JSON.parse('{"a\\u0000": 1}'), LIMITS)).toMatchObject({ kind: 'invalid-value', path: '["a\\u0000"]' });
    expect(findJsonProblem(JSON.parse('{"n": 1e400}'), LIMITS)).toEqual({
      kind: 'invalid-value',
      path: 'n',
      message: 'number is out of range',
    });
    expect(findJsonProblem(JSON.parse('{"t": "\\ud83d\\udc4b"}'), LIMITS)).toBeUndefined();
  });

  it('quotes keys that are not identifiers and shortens long ones', () => {
    expect(findJsonProblem({ 'a b': { c: '\u0000' } }, LIMITS)?.path).toBe('["a b"].c');
    expect(findJsonProblem({ ['k'.repeat(100)]: '\u0000' }, LIMITS)?.path).toBe(`["${'k'.repeat(40)}…"]`);
  });
});

describe('assertJsonWithinLimits', () => {
  it('throws a client error with a code and the field', () => {
    const error = (() => {
      try {
        assertJsonWithinLimits({ result: { label: 'x\u0000' } }, LIMITS, 'body');
      } catch (thrown) {
        return thrown as AppException;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppException);
    expect(error).toMatchObject({ code: 'INVALID_VALUE', field: 'result.label' });
    expect(() => assertJsonWithinLimits(nested(9), LIMITS, 'filter')).toThrow(expect.objectContaining({ code: 'JSON_TOO_COMPLEX' }));
    expect(() => assertJsonWithinLimits('\u0000', LIMITS, 'filter')).toThrow(expect.objectContaining({ field: 'filter' }));
    expect(() => assertJsonWithinLimits(JSON.parse('{"__proto__": {}}'), LIMITS, 'body')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: '__proto__' }),
    );
  });
});

describe('unstorableText and decodeUtf8', () => {
  it('names what PostgreSQL cannot store', () => {
    expect(unstorableText('fine ✓')).toBeUndefined();
    expect(unstorableText('a\u0000')).toContain('NUL');
    expect(unstorableText('\ud800')).toContain('surrogate');
  });

  it('decodes valid UTF-8 and refuses invalid bytes instead of replacing them', () => {
    expect(decodeUtf8(Buffer.from('héllo 👋'))).toBe('héllo 👋');
    expect(decodeUtf8(Buffer.from([0x61, 0xff, 0x62]))).toBeUndefined();
    expect(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBeUndefined(); // a surrogate encoded as UTF-8 (CESU)
    expect(decodeUtf8(Buffer.from([0xc0, 0xaf]))).toBeUndefined(); // overlong "/"
    expect(decodeUtf8(Buffer.from([0xe2, 0x82]))).toBeUndefined(); // cut short
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8, drops a leading byte order mark, and refuses invalid bytes', () => {
    expect(decodeUtf8(new TextEncoder().encode('{"a":"é€😀"}'))).toBe('{"a":"é€😀"}');
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
    expect(decodeUtf8(Uint8Array.from([0x7b, 0xff, 0x7d]))).toBeUndefined();
    // An overlong encoding of "/" and a UTF-8-encoded surrogate are not UTF-8.
    expect(decodeUtf8(Uint8Array.from([0xc0, 0xaf]))).toBeUndefined();
    expect(decodeUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeUndefined();
  });
});
