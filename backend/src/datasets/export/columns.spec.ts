import { describe, expect, it } from 'vitest';
import { coerceDataValue, dataColumnNames } from './columns.js';

describe('columns', () => {
  it('types imported text as the inferred field type, and leaves what does not fit empty', () => {
    expect(['4.5', ' 7 ', 3, '', 'n/a', 'Infinity', null, undefined].map((v) => coerceDataValue('double', v))).toEqual([
      4.5,
      7,
      3,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect([true, 'TRUE', 'false', '1', 0, 'yes', 2].map((v) => coerceDataValue('boolean', v))).toEqual([
      true,
      true,
      false,
      true,
      false,
      null,
      null,
    ]);
    expect([12, false, { a: 1 }, 'x'].map((v) => coerceDataValue('string', v))).toEqual(['12', 'false', '{"a":1}', 'x']);
  });

  it('renames data fields that take a fixed column name, without colliding with another field', () => {
    const names = dataColumnNames({
      projectType: 'classification',
      labels: ['a'],
      fields: [
        { name: 'data_label', type: 'text' },
        { name: 'label', type: 'text' },
        { name: 'id', type: 'text' },
        { name: 'text', type: 'text' },
      ],
    });
    expect([...names]).toEqual([
      ['data_label', 'data_label'],
      ['label', 'data_data_label'],
      ['id', 'data_id'],
      ['text', 'text'],
    ]);
  });
});
