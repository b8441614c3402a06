/**
 * One HTTP byte range (RFC 9110 §14.1.2): `bytes=first-last`, `bytes=first-`, `bytes=-suffix`.
 * Several ranges are answered whole (a server may ignore Range); a malformed header is ignored, as
 * RFC 9110 says; a well-formed range outside the file is unsatisfiable.
 */
export type ByteRangeAnswer = { kind: 'whole' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' };

export function parseByteRange(header: string | undefined, size: number): ByteRangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  // Range unit names are case-insensitive (RFC 9110 §14.1): `Bytes=` is `bytes=`.
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}
