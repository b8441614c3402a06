import type { CiphertextReader } from './chunked-cipher.js';

async function collect(pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for await (const part of pieces) parts.push(part);
  return parts;
}

/** The first `length` bytes of `parts`, as views of them. */
function front(parts: readonly Uint8Array[], length: number): Uint8Array[] {
  const taken: Uint8Array[] = [];
  for (const part of parts) {
    if (length <= 0) break;
    taken.push(part.length <= length ? part : part.subarray(0, length));
    length -= part.length;
  }
  return taken;
}

/**
 * A reader that, once asked for [offset, offset + length), already fetches the next span of the same
 * length while the caller decrypts this one: decryption reads a file front to back in equal batches,
 * and the store's reads (block files, or kubo over HTTP) then overlap with the CPU work instead of
 * alternating with it. One batch is held ahead at most; any other read goes to `read` directly.
 */
export function readAhead(read: CiphertextReader): CiphertextReader {
  let ahead: { offset: number; length: number; bytes: Promise<Uint8Array[]> } | undefined;
  return (offset, length) => {
    const fetch = (from: number) => Promise.resolve().then(() => collect(read(from, length)));
    // The last batch is shorter than the one read ahead for it: the front of that one.
    const current =
      ahead && ahead.offset === offset && ahead.length >= length ? ahead.bytes.then((parts) => front(parts, length)) : fetch(offset);
    const next = fetch(offset + length);
    // A read past the end (or one nobody comes for) must not surface as an unhandled rejection.
    next.catch(() => undefined);
    ahead = { offset: offset + length, length, bytes: next };
    return (async function* () {
      yield* await current;
    })();
  };
}
