import { describe, expect, it } from 'vitest';
import { inferFields, inferFieldType } from './field-inference.js';

describe('inferFieldType', () => {
  it('reads booleans, numbers and ISO dates, written as values or strings', () => {
    expect(inferFieldType([true, false, 'TRUE', null])).toBe('boolean');
    expect(inferFieldType([1, '2.5', -3e2, ''])).toBe('numeric');
    expect(inferFieldType(['2024-01-02', '2024-03-04T10:00:00Z', undefined])).toBe('date');
  });

  it('tells categories from free text by whether values repeat', () => {
    expect(inferFieldType(['red', 'blue', 'red', 'blue', 'green', 'red'])).toBe('categorical');
    expect(inferFieldType(['a long review', 'another review here', 'a third one', 'a long review'])).toBe('text');
  });

  it('takes a field with mixed kinds as strings and an empty field as categorical', () => {
    expect(inferFieldType([1, 'one', 1, 'one'])).toBe('categorical');
    expect(inferFieldType([null, '', undefined])).toBe('categorical');
    expect(inferFieldType(['2024-01-02', 'yesterday', 'yesterday', '2024-01-02'])).toBe('categorical');
  });
});

describe('inferFields', () => {
  it('lists fields in order of first appearance, a late field missing in earlier rows', () => {
    const fields = inferFields([{ a: 1 }, { a: 2, b: 'x' }, { a: 3, b: 'x' }, { b: 'x', a: 4 }]);
    expect(fields).toEqual([
      { name: 'a', type: 'numeric' },
      { name: 'b', type: 'categorical' },
    ]);
  });
});
