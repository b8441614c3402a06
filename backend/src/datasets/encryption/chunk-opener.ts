import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * What an opener thread runs: the sealed chunks of one batch opened with AES-256-GCM in the file's
 * order, each chunk's plaintext kept only once its tag has been checked, stopping at the first that
 * fails; the batch's memory goes back with the answer for the caller to refill. Nonces and AADs come
 * from the caller (the format lives in chunked-cipher.ts alone). Evaluated from this string
 * (CommonJS) rather than loaded from a file, so that the compiled app and the tests (which run the
 * TypeScript) start it the same way, as the block writer's thread.
 */
const OPENER_THREAD = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { createDecipheriv } = require('node:crypto');
const TAG_BYTES = 16;
const ownsItsMemory = (bytes) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
parentPort.on('message', (request) => {
  const sealed = new Uint8Array(request.memory, 0, request.length);
  const plain = [];
  let failure;
  for (let i = 0, at = 0; at < sealed.length; i++, at += request.sealedSize) {
    const end = Math.min(sealed.length, at + request.sealedSize);
    if (end - at < TAG_BYTES) {
      failure = { chunk: i, kind: 'short' };
      break;
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', request.key, request.nonces[i]);
      decipher.setAAD(request.aads[i]);
      decipher.setAuthTag(sealed.subarray(end - TAG_BYTES, end));
      const opened = decipher.update(sealed.subarray(at, end - TAG_BYTES));
      decipher.final();
      plain.push(opened);
    } catch {
      failure = { chunk: i, kind: 'unauthenticated' };
      break;
    }
  }
  const transfer = [request.memory, ...plain.filter(ownsItsMemory).map((bytes) => bytes.buffer)];
  parentPort.postMessage({ id: request.id, plain, failure, memory: request.memory }, transfer);
});
`;

/** One batch of sealed chunks (`ciphertext ‖ tag` each, as they lie in the file), the first `length` bytes of `memory`. */
export interface SealedBatch {
  key: Uint8Array;
  memory: ArrayBuffer;
  length: number;
  sealedSize: number;
  /** Per chunk of the batch, in order. */
  nonces: Uint8Array[];
  aads: Uint8Array[];
}

export interface OpenedBatch {
  /** The plaintexts of the chunks that authenticated, in order, up to the first that did not. */
  plain: Uint8Array[];
  /** The first chunk (0-based within the batch) that was cut short or failed authentication. */
  failure?: { chunk: number; kind: 'short' | 'unauthenticated' };
  /** The batch's memory, back for the caller to refill. */
  memory: ArrayBuffer;
}

interface OpenRequest extends SealedBatch {
  id: number;
}

interface OpenReply extends OpenedBatch {
  id: number;
}

interface Opener {
  worker: Worker;
  pending: Map<number, { resolve: (batch: OpenedBatch) => void; reject: (error: Error) => void }>;
}

/**
 * Opens batches of sealed chunks on threads of their own, so that AES-GCM, which the event loop
 * would otherwise run between writing every buyer's socket, runs beside it: the event loop posts
 * one message per batch and gets one back, the batch's memory and the plaintexts moved, not copied.
 * (WebCrypto's decrypt, on libuv's pool, was measured to leave about half the work on the event
 * loop: it copies the input, zeroes its buffers when freeing them, and takes as much CPU again.)
 *
 * As many threads as cores but one, the one left to the event loop, at most 4; a batch goes to the
 * thread with the fewest batches waiting. Threads start on first use and keep the process alive
 * only while they have work.
 */
export class ChunkOpener {
  private readonly openers: Opener[] = [];
  private nextId = 0;

  constructor(private readonly threads = Math.min(4, Math.max(1, availableParallelism() - 1))) {}

  /** Opens `batch`; its memory moves to the thread (the caller must not touch it) and comes back in the answer. */
  open(batch: SealedBatch): Promise<OpenedBatch> {
    const opener = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      opener.pending.set(id, { resolve, reject });
      if (opener.pending.size === 1) opener.worker.ref();
      const request: OpenRequest = { id, ...batch };
      opener.worker.postMessage(request, [batch.memory]);
    });
  }

  private leastBusy(): Opener {
    if (this.openers.length < this.threads && this.openers.every((opener) => opener.pending.size > 0)) return this.started();
    return this.openers.reduce((best, opener) => (opener.pending.size < best.pending.size ? opener : best));
  }

  private started(): Opener {
    const worker = new Worker(OPENER_THREAD, { eval: true });
    worker.unref();
    const opener: Opener = { worker, pending: new Map() };
    worker.on('message', (reply: OpenReply) => {
      const waiting = opener.pending.get(reply.id);
      if (!waiting) return;
      opener.pending.delete(reply.id);
      if (opener.pending.size === 0) worker.unref();
      waiting.resolve({ plain: reply.plain, failure: reply.failure, memory: reply.memory });
    });
    const lost = (error: Error) => {
      const at = this.openers.indexOf(opener);
      if (at >= 0) this.openers.splice(at, 1);
      for (const waiting of opener.pending.values()) waiting.reject(error);
      opener.pending.clear();
      worker.unref();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`a chunk opener thread stopped (exit code ${code})`)));
    this.openers.push(opener);
    return opener;
  }
}
