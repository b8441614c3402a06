import { CID } from 'multiformats/cid';

/** Injection token for the one `StoragePort` the app runs with (kubo or the embedded blockstore). */
export const STORAGE_PORT = Symbol('STORAGE_PORT');

export interface StorageCatOptions {
  /** First byte to return; past the end of the file yields nothing. */
  offset?: number;
  /** Most bytes to return; absent means to the end of the file. */
  length?: number;
}

/**
 * Content-addressed file storage. Both adapters produce the CIDs `ipfs add` gives with kubo's defaults, so a
 * CID recorded in embedded mode still names the same bytes after a switch to kubo, and the other way round.
 *
 * CIDs are passed as strings because they are stored in and read from the database as strings; a string that
 * is not a CID is a programming error and throws a `TypeError` (check user input with `isCid` first).
 */
export interface StoragePort {
  readonly kind: 'embedded' | 'kubo';

  /** Streams the content in; `size` is the number of content bytes, not the size of the DAG that holds them. */
  add(content: AsyncIterable<Uint8Array> | Uint8Array): Promise<{ cid: string; size: number }>;

  /**
   * Streams the file out. Errors (including `StorageNotFoundError`) surface on the first `next()`, not on the
   * call, so callers that must answer 404 before sending headers should `stat` first.
   */
  cat(cid: string, options?: StorageCatOptions): AsyncIterable<Uint8Array>;

  /**
   * Fills `target` with the file's bytes from `offset`; answers how many it holds (fewer than its length only
   * at the end of the file). For a reader that takes a file in large batches into buffers it reuses (a
   * download decrypting as it streams), where a fresh buffer per block is garbage the collector must chase.
   */
  readInto(cid: string, offset: number, target: Uint8Array): Promise<number>;

  /** True when the whole file can be read from this store without going to the network. */
  has(cid: string): Promise<boolean>;

  /** Size of the file's content in bytes; `undefined` when it is not stored here. */
  stat(cid: string): Promise<{ size: number } | undefined>;

  /** Keeps the file through garbage collection; throws `StorageNotFoundError` when it is not stored here. */
  pin(cid: string): Promise<void>;

  /** Stops accepting calls; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * The file (or one of its blocks) is not in the store. Not an `AppException`: whether a missing file is the
 * caller's 404 or our own data loss (500) depends on where the CID came from, so the calling service decides.
 */
export class StorageNotFoundError extends Error {
  constructor(
    readonly cid: string,
    options?: { cause?: unknown },
  ) {
    super(`No stored file has CID ${cid}`, options);
    this.name = 'StorageNotFoundError';
  }
}

/** Whether `value` is a CID string (v0 `Qm…`, or v1 in base32 / base36 / base58btc). */
export function isCid(value: string): boolean {
  try {
    CID.parse(value);
    return true;
  } catch {
    return false;
  }
}
