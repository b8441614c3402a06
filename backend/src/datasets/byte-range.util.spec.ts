import { describe, expect, it } from 'vitest';
import { parseByteRange } from './byte-range.util.js';

describe('byte ranges', () => {
  it('reads the three forms, clamps the end, and refuses ranges past the end', () => {
    expect(parseByteRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ kind: 'range', start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
    expect(parseByteRange('bytes=-500', 100)).toEqual({ kind: 'range', start: 0, end: 99 });
    expect(parseByteRange('bytes=50-1000', 100)).toEqual({ kind: 'range', start: 50, end: 99 });
    expect(parseByteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('items=0-1', 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=9-3', 100)).toEqual({ kind: 'whole' });
  });

  it('reads the unit in any case, as RFC 9110 says unit names are case-insensitive', () => {
    expect(parseByteRange('Bytes=0-9', 100)).toEqual({ kind: 'range', start: 0, end: 9 });
    expect(parseByteRange('BYTES=-10', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
  });
});
