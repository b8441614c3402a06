import { describe, expect, it } from 'vitest';
import { tokens, VerbatimGuard } from './verbatim-guard.js';

describe('VerbatimGuard', () => {
  const source = 'one two three four five six seven eight nine ten';
  const guard = new VerbatimGuard(8);
  guard.add(source);
  guard.add('short text');

  it('refuses a source text, whatever its case and spacing', () => {
    expect(guard.allows('Short   TEXT')).toBe(false);
    expect(guard.allows(source.toUpperCase())).toBe(false);
  });

  it('refuses a text holding 8 consecutive source tokens and allows 7', () => {
    expect(guard.allows('alpha two three four five six seven eight nine omega')).toBe(false);
    expect(guard.allows('alpha two three four five six seven eight omega')).toBe(true);
    expect(guard.allows('short text and more')).toBe(true);
    expect(guard.allows('')).toBe(false);
  });

  it('tokenises on whitespace, lower-cased', () => {
    expect(tokens('  A  b\tC\n')).toEqual(['a', 'b', 'c']);
  });
});
