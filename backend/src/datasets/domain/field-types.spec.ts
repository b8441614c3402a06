import { describe, expect, it } from 'vitest';
import { FieldTypeInference } from './field-types.js';

describe('field types', () => {
  it('types numbers, booleans, dates, categories and text by their values', () => {
    const inference = new FieldTypeInference();
    for (let i = 0; i < 40; i++) {
      inference.add({
        text: 'same',
        age: i,
        member: i % 2 === 0,
        joined: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
        colour: ['red', 'green', 'blue'][i % 3],
        comment: `free text number ${i}`,
        nested: { a: i },
        mixed: i % 2 === 0 ? 1 : 'one',
      });
    }
    expect(inference.result()).toEqual([
      { name: 'age', type: 'numeric' },
      { name: 'colour', type: 'categorical' },
      { name: 'comment', type: 'text' },
      { name: 'joined', type: 'date' },
      { name: 'member', type: 'boolean' },
      { name: 'mixed', type: 'text' },
      { name: 'nested', type: 'text' },
      { name: 'text', type: 'text' },
    ]);
  });
});
