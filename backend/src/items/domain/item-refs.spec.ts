import { describe, expect, it } from 'vitest';
import { ItemRefs } from './item-refs.js';

describe('ItemRefs', () => {
  const refs = new ItemRefs('s'.repeat(32));

  it('names an item the same way every time for one annotator', () => {
    expect(refs.of(7, 42)).toBe(refs.of(7, 42));
    expect(refs.of(7, 42)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('names one item differently for each annotator, and different items differently', () => {
    const seen = new Set<string>();
    for (let annotator = 1; annotator <= 20; annotator++) for (let item = 1; item <= 20; item++) seen.add(refs.of(annotator, item));
    expect(seen.size).toBe(400);
    // No way to line two annotators' names up by a simple shift of the inputs.
    expect(refs.of(1, 23)).not.toBe(refs.of(12, 3));
  });

  it('depends on the secret', () => {
    expect(new ItemRefs('t'.repeat(32)).of(7, 42)).not.toBe(refs.of(7, 42));
  });
});
