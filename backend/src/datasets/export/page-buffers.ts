/**
 * Where a page encoder puts a page's bytes: `(size) => a Uint8Array of exactly size bytes`, the start
 * of a buffer it may use for nothing else. By default a new buffer each time; the build thread
 * gives its encoders a PageBufferPool instead.
 */
export type PageBytes = (size: number) => Uint8Array;

export const newPageBytes: PageBytes = (size) => Buffer.allocUnsafeSlow(size);

/** The smallest pooled capacity: a text page of a few records. */
const MIN_CAPACITY = 64 * 1024;

/** A pooled buffer's size for `size` bytes: a power of two, so that pages of about the same size share buffers. */
function capacityFor(size: number): number {
  return Math.max(MIN_CAPACITY, 2 ** Math.ceil(Math.log2(Math.max(1, size))));
}

/** Whether a piece is a page buffer a pool can take back: at the start of a buffer of a pooled capacity. */
export function poolable(piece: Uint8Array): piece is Uint8Array<ArrayBuffer> {
  const buffer = piece.buffer;
  return piece.byteOffset === 0 && buffer instanceof ArrayBuffer && buffer.byteLength === capacityFor(buffer.byteLength);
}

/**
 * The build thread's page buffers, used again once the main thread has stored their bytes and sent
 * them back (each is transferred both ways, never copied). Without it every page was a new buffer
 * malloc'd on the thread and freed on the main thread only when its garbage collector found it:
 * pages' worth of dead buffers stayed resident in the thread's malloc arena (61 MB of it at a 1 GB
 * build's peak, 36 MB with the pool), and the allocations cost the build CPU.
 * Buffers come in power-of-two capacities (pages of one format are about the same size from page to
 * page); the pool keeps at most `maxBuffers` and lets the rest go.
 */
export class PageBufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private held = 0;
  private readonly given = new WeakSet<ArrayBufferLike>();

  constructor(private readonly maxBuffers = 16) {}

  readonly bytes: PageBytes = (size) => {
    const capacity = capacityFor(size);
    const kept = this.free.get(capacity)?.pop();
    if (kept) this.held--;
    const buffer = kept ?? new ArrayBuffer(capacity);
    this.given.add(buffer);
    return new Uint8Array(buffer, 0, size);
  };

  /** Whether `buffer` is one of this pool's (a piece at its start owns it and can be transferred). */
  owns(buffer: ArrayBufferLike): boolean {
    return this.given.has(buffer);
  }

  /** Takes a buffer back (one sent back by the main thread); ignores what it cannot use. */
  give(buffer: ArrayBuffer): void {
    if (this.held >= this.maxBuffers || buffer.byteLength !== capacityFor(buffer.byteLength) || buffer.byteLength === 0) return;
    const list = this.free.get(buffer.byteLength) ?? [];
    list.push(buffer);
    this.free.set(buffer.byteLength, list);
    this.held++;
  }
}
