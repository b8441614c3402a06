import {
  create,
  type AddOptions,
  type AddResult,
  type CatOptions,
  type FilesStatOptions,
  type FilesStatResult,
  type KuboRPCClient,
  type PinAddOptions,
  type PinLsOptions,
} from 'kubo-rpc-client';
import { bytesInRange, CountingSource, fillFrom, parseCid, readByteRange } from './storage-input.util.js';
import { StorageNotFoundError, type StorageCatOptions, type StoragePort } from './storage.port.js';

/**
 * kubo's `ipfs add` defaults, sent explicitly so that a node whose `Import.*` config differs still produces the
 * CIDs the embedded store does. `Import.UnixFSFileMaxLinks` has no per-call flag: the node must keep its 174.
 */
const ADD_OPTIONS: AddOptions = {
  cidVersion: 0,
  rawLeaves: false,
  chunker: 'size-262144',
  hashAlg: 'sha2-256',
  trickle: false,
  wrapWithDirectory: false,
  pin: true,
};

/**
 * Reads never go to the network: the platform only reads what it added, and a read of an unknown CID must
 * fail at once instead of waiting on the DHT. `offline` is a global kubo option accepted on every RPC call;
 * kubo-rpc-client sends unknown options as query parameters but does not declare this one in its types.
 */
interface Offline {
  offline: true;
}

/** kubo's wording for a block its repo lacks in offline mode, and for a CID without a (recursive) pin. */
const NOT_FOUND_MESSAGE = /not found|could not find|is not pinned/i;

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'HTTPError' && NOT_FOUND_MESSAGE.test(error.message);
}

function translate(error: unknown, cid: string): unknown {
  return isNotFound(error) ? new StorageNotFoundError(cid, { cause: error }) : error;
}

/**
 * How long a read may go without a byte from kubo before it is given up: a node that stops answering
 * (stuck on its disk, or in a pause) would otherwise hold every download waiting on that read, and
 * downloads of one file share their reads (chunked-cipher.ts). A read of a local block answers in
 * milliseconds; half a minute is a node in trouble, not a slow one.
 */
export const KUBO_READ_IDLE_MS = 30_000;

/** Files on a kubo node through its HTTP RPC API (`IPFS_API_URL`, e.g. http://127.0.0.1:5001). */
export class KuboStorage implements StoragePort {
  readonly kind = 'kubo' as const;
  private readonly client: KuboRPCClient;
  /** Aborts whatever is still in flight on close. */
  private readonly lifetime = new AbortController();
  private readonly readIdleMs: number;

  /** `apiUrl` may carry credentials: keep it out of error messages. */
  constructor(apiUrl: string, options: { readIdleMs?: number } = {}) {
    this.client = create({ url: apiUrl });
    this.readIdleMs = options.readIdleMs ?? KUBO_READ_IDLE_MS;
  }

  async add(content: AsyncIterable<Uint8Array> | Uint8Array): Promise<{ cid: string; size: number }> {
    const signal = this.signal();
    if (content instanceof Uint8Array) {
      const result = await this.client.add({ content }, { ...ADD_OPTIONS, signal });
      return { cid: this.checkCid(result), size: content.byteLength };
    }
    const source = new CountingSource(content);
    let result: AddResult;
    try {
      result = await this.client.add({ content: source }, { ...ADD_OPTIONS, signal });
    } catch (error) {
      throw source.failure?.error ?? error;
    }
    // Upload body errors are swallowed by the client; kubo may then have added a truncated file.
    if (source.failure !== undefined) throw source.failure.error;
    return { cid: this.checkCid(result), size: source.bytes };
  }

  async *cat(cid: string, options?: StorageCatOptions): AsyncGenerator<Uint8Array, void, undefined> {
    parseCid(cid);
    const range = readByteRange(options);
    const stat = await this.stat(cid);
    if (stat === undefined) throw new StorageNotFoundError(cid);
    const expected = bytesInRange(range, stat.size);
    if (expected === 0) return;
    const idle = this.idleRead(`reading ${cid}`);
    const request: CatOptions & Offline = { offset: range.offset, length: expected, offline: true, signal: idle.signal };
    let received = 0;
    try {
      for await (const chunk of this.client.cat(cid, request)) {
        received += chunk.byteLength;
        // The wait for the next chunk starts once the consumer asks for it, not while it holds this one.
        idle.pause();
        yield chunk;
        idle.restart();
      }
    } catch (error) {
      throw idle.stalled() ?? translate(error, cid);
    } finally {
      idle.pause();
    }
    // kubo reports an error met after the response headers only in an HTTP trailer, which fetch never shows;
    // a short body is the one visible sign of it.
    if (received !== expected) {
      throw new Error(`kubo sent ${received} of the ${expected} bytes asked of ${cid}: the stream broke off`);
    }
  }

  readInto(cid: string, offset: number, target: Uint8Array): Promise<number> {
    return fillFrom(this.cat(cid, { offset, length: target.length }), target);
  }

  async has(cid: string): Promise<boolean> {
    parseCid(cid);
    // Every add pins recursively, and kubo only pins complete DAGs: a recursive pin means the whole file is here,
    // whereas a stored root block alone might be what is left of a partial fetch.
    const idle = this.idleRead(`looking up the pin of ${cid}`);
    const request: PinLsOptions & Offline = { paths: cid, type: 'recursive', offline: true, signal: idle.signal };
    try {
      for await (const pin of this.client.pin.ls(request)) {
        if (pin.type === 'recursive') return true;
      }
      return false;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw idle.stalled() ?? error;
    } finally {
      idle.pause();
    }
  }

  async stat(cid: string): Promise<{ size: number } | undefined> {
    parseCid(cid);
    const idle = this.idleRead(`looking up ${cid}`);
    const request: FilesStatOptions & Offline = { offline: true, signal: idle.signal };
    let stat: FilesStatResult;
    try {
      stat = await this.client.files.stat(`/ipfs/${cid}`, request);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw idle.stalled() ?? error;
    } finally {
      idle.pause();
    }
    if (stat.type !== 'file') throw new Error(`CID ${cid} names a ${stat.type}, not a file`);
    return { size: stat.size };
  }

  async pin(cid: string): Promise<void> {
    parseCid(cid);
    const request: PinAddOptions & Offline = { recursive: true, offline: true, signal: this.signal() };
    try {
      await this.client.pin.add(cid, request);
    } catch (error) {
      throw translate(error, cid);
    }
  }

  close(): Promise<void> {
    if (!this.lifetime.signal.aborted) this.lifetime.abort(new Error('Kubo storage closed'));
    return Promise.resolve();
  }

  private signal(): AbortSignal {
    if (this.lifetime.signal.aborted) throw new Error('Kubo storage is closed');
    return this.lifetime.signal;
  }

  /** A read's signal: aborted when the storage closes, or once kubo has sent nothing for readIdleMs while it runs. */
  private idleRead(what: string): IdleRead {
    return new IdleRead(this.signal(), this.readIdleMs, `kubo sent nothing for ${this.readIdleMs} ms ${what}: the node is not answering`);
  }

  /** A CIDv1 answer means kubo ignored the add options, and its CIDs would no longer match embedded mode's. */
  private checkCid(result: AddResult): string {
    if (result.cid.version !== 0) {
      throw new Error(`kubo answered add with ${result.cid.toString()}, not a CIDv0: check the node's Import settings`);
    }
    return result.cid.toString();
  }
}

/** The signal of one read that kubo must keep answering: the idle timer runs while the read waits on kubo. */
class IdleRead {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  readonly signal: AbortSignal;

  constructor(
    lifetime: AbortSignal,
    private readonly idleMs: number,
    private readonly message: string,
  ) {
    this.signal = AbortSignal.any([lifetime, this.controller.signal]);
    this.restart();
  }

  /** Starts (again) the wait for kubo's next bytes. */
  restart(): void {
    this.pause();
    this.timer = setTimeout(() => {
      this.failure = new Error(this.message);
      this.controller.abort(this.failure);
    }, this.idleMs);
  }

  /** Stops the wait: the read is done, or its consumer holds the last bytes. */
  pause(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The error the read failed with when kubo went quiet, if it did. */
  stalled(): Error | undefined {
    return this.failure;
  }
}
