import { CID } from 'multiformats/cid';
import type { StorageCatOptions } from './storage.port.js';

/** Checks shared by both adapters, so that bad input fails the same way whichever one is configured. */

export function parseCid(value: string): CID {
  try {
    return CID.parse(value);
  } catch (error) {
    throw new TypeError(`"${value}" is not a CID`, { cause: error });
  }
}

export interface ByteRange {
  offset: number;
  /** `undefined`: to the end of the file. */
  length: number | undefined;
}

export function readByteRange(options: StorageCatOptions | undefined): ByteRange {
  const offset = options?.offset ?? 0;
  const length = options?.length;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
  }
  if (length !== undefined && (!Number.isSafeInteger(length) || length < 0)) {
    throw new RangeError(`length must be a non-negative integer, got ${length}`);
  }
  return { offset, length };
}

/** How many bytes a read of `range` returns from a file of `fileSize` bytes. */
export function bytesInRange(range: ByteRange, fileSize: number): number {
  const available = Math.max(0, fileSize - range.offset);
  return range.length === undefined ? available : Math.min(range.length, available);
}

/** Copies `pieces` into `target` in order until it is full; answers how many bytes it holds. */
export async function fillFrom(pieces: AsyncIterable<Uint8Array>, target: Uint8Array): Promise<number> {
  let filled = 0;
  for await (const piece of pieces) {
    const take = Math.min(piece.length, target.length - filled);
    target.set(take === piece.length ? piece : piece.subarray(0, take), filled);
    filled += take;
    if (filled === target.length) break;
  }
  return filled;
}

/**
 * Passes `source` through while counting its bytes and remembering why it failed: kubo-rpc-client swallows a
 * failing upload source and reports only an AbortError, which would hide the real cause.
 */
export class CountingSource implements AsyncIterable<Uint8Array> {
  bytes = 0;
  failure: { error: unknown } | undefined;

  constructor(private readonly source: AsyncIterable<Uint8Array>) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    try {
      for await (const chunk of this.source) {
        // A Node stream with setEncoding() yields strings, which would be stored as something else entirely.
        if (!(chunk instanceof Uint8Array)) throw new TypeError('File content must be a stream of Uint8Array chunks');
        this.bytes += chunk.byteLength;
        yield chunk;
      }
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }
}
