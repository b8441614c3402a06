import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StorageModuleOptions } from '../../storage/create-storage.js';
import type { StoragePort } from '../../storage/storage.port.js';
import { encryptStream } from './chunked-cipher.js';

/** A file as stored: its plaintext size and SHA-256 (hex), the CID and size of its ciphertext. */
export interface SealedFile {
  bytes: number;
  sha256: string;
  cid: string;
  size: number;
}

/** plaintext -> (sha256, byte count) -> AES-256-GCM -> storage, as one stream. */
export async function sealInto(storage: StoragePort, plaintext: AsyncIterable<Uint8Array>, key: Uint8Array): Promise<SealedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  async function* tapped(): AsyncGenerator<Uint8Array> {
    for await (const piece of plaintext) {
      hash.update(piece);
      bytes += piece.length;
      yield piece;
    }
  }
  const { cid, size } = await storage.add(encryptStream(tapped(), key));
  return { bytes, sha256: hash.digest('hex'), cid, size };
}

/** Plaintext bytes of one file sent to the worker and not yet taken by its hash: bounds what waits in between. */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;
/**
 * The worker's heap holds the stores' bookkeeping, never the bytes (those are buffers outside it); a
 * small heap makes V8 collect early instead of growing the process while the export runs.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

export type ToSealer =
  | { type: 'open'; id: number; key: Uint8Array }
  | { type: 'chunk'; id: number; chunk: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'abort'; id: number; message: string };

export type FromSealer =
  | { type: 'taken'; id: number; bytes: number }
  | { type: 'sealed'; id: number; file: SealedFile }
  | { type: 'failed'; id: number; message: string };

interface Stream {
  inFlight: number;
  wake: (() => void) | undefined;
  settle: { resolve(file: SealedFile): void; reject(error: Error): void };
  failed: Error | undefined;
}

/**
 * Seals files in a worker thread (hashing, encryption, the store's CIDs and writes), so that on two
 * cores the records' serialization and the bytes' crypto run at the same time. The worker opens its
 * own port to the same store (the embedded folder or kubo): blocks are content-addressed, so two
 * writers of the same block write the same bytes. Several files are sealed at once, each with at
 * most IN_FLIGHT_BYTES between the threads. Where the compiled worker is not there (TypeScript
 * sources under test) files are sealed inline.
 */
export class Sealer {
  private worker: Worker | undefined;
  private readonly streams = new Map<number, Stream>();
  private nextId = 0;
  private readonly workerFile = fileURLToPath(new URL('./seal.worker.js', import.meta.url));

  constructor(
    private readonly storage: StoragePort,
    private readonly options: StorageModuleOptions,
  ) {}

  seal(plaintext: AsyncIterable<Uint8Array>, key: Uint8Array): Promise<SealedFile> {
    if (!existsSync(this.workerFile)) return sealInto(this.storage, plaintext, key);
    return this.inWorker(plaintext, key);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private async inWorker(plaintext: AsyncIterable<Uint8Array>, key: Uint8Array): Promise<SealedFile> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    const sealed = new Promise<SealedFile>((resolve, reject) => {
      this.streams.set(id, { inFlight: 0, wake: undefined, settle: { resolve, reject }, failed: undefined });
    });
    sealed.catch(() => undefined); // awaited below, after the last chunk is sent
    const stream = this.streams.get(id)!;
    const send = (message: ToSealer, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
    send({ type: 'open', id, key: Uint8Array.from(key) });
    try {
      for await (const piece of plaintext) {
        if (stream.failed) throw stream.failed;
        // A chunk that owns its whole buffer moves to the worker; a view into a shared one is copied.
        const owned = piece.byteOffset === 0 && piece.buffer instanceof ArrayBuffer && piece.byteLength === piece.buffer.byteLength;
        const length = piece.byteLength;
        send({ type: 'chunk', id, chunk: piece }, owned ? [piece.buffer] : []);
        stream.inFlight += length;
        while (stream.inFlight > IN_FLIGHT_BYTES && !stream.failed) await new Promise<void>((resolve) => (stream.wake = resolve));
      }
      if (stream.failed) throw stream.failed;
      send({ type: 'end', id });
    } catch (error) {
      if (this.streams.has(id)) send({ type: 'abort', id, message: error instanceof Error ? error.message : String(error) });
      this.streams.delete(id);
      throw error;
    }
    return sealed;
  }

  private start(): Worker {
    const worker = new Worker(this.workerFile, { workerData: this.options, resourceLimits: WORKER_HEAP });
    worker.unref();
    worker.on('message', (message: FromSealer) => {
      const stream = this.streams.get(message.id);
      if (!stream) return;
      switch (message.type) {
        case 'taken':
          stream.inFlight -= message.bytes;
          if (stream.inFlight <= IN_FLIGHT_BYTES) this.wake(stream);
          return;
        case 'sealed':
          this.streams.delete(message.id);
          stream.settle.resolve(message.file);
          return;
        case 'failed':
          this.fail(message.id, new Error(message.message));
          return;
        default: {
          const unreachable: never = message;
          return unreachable;
        }
      }
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const id of [...this.streams.keys()]) this.fail(id, error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the sealing worker stopped (exit code ${code})`)));
    return worker;
  }

  private fail(id: number, error: Error): void {
    const stream = this.streams.get(id);
    if (!stream) return;
    this.streams.delete(id);
    stream.failed = error;
    stream.settle.reject(error);
    this.wake(stream);
  }

  private wake(stream: Stream): void {
    const wake = stream.wake;
    stream.wake = undefined;
    wake?.();
  }
}
