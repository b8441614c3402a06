import { Worker } from 'node:worker_threads';

/**
 * What the writer thread runs: the blocks it is given written at once (on the thread pool), each
 * to a temporary file of its own (named by process, thread
 * and a counter) and renamed into place, so that a crash leaves either the whole block or none and
 * two writers never share a name; a block already on disk is not written again. Evaluated from this
 * string (CommonJS) rather than loaded from a file, so that the compiled app and the tests (which
 * run the TypeScript) start it the same way.
 */
const WRITER_THREAD = `
'use strict';
const { parentPort, threadId } = require('node:worker_threads');
const { close, existsSync, mkdir, open, rename, rm, write } = require('node:fs');
const folders = new Set();
let temporaries = 0;
function writeAll(fd, block, at, done) {
  if (at === block.length) return done(null);
  write(fd, block, at, block.length - at, at, (error, written) => (error ? done(error) : writeAll(fd, block, at + written, done)));
}
function openTemporary(folder, temporary, done) {
  open(temporary, 'w', (error, fd) => {
    // The folder was made before but is gone (the store's folder removed and put back): made again once.
    if (!error || error.code !== 'ENOENT') return done(error, fd);
    mkdir(folder, { recursive: true }, (made) => (made ? done(made) : open(temporary, 'w', done)));
  });
}
function writeBlock(folder, name, block, done) {
  if (existsSync(name)) return done(null);
  if (!folders.has(folder)) {
    return mkdir(folder, { recursive: true }, (error) => {
      if (error) return done(error);
      folders.add(folder);
      writeBlock(folder, name, block, done);
    });
  }
  const temporary = name + '.' + process.pid + '-' + threadId + '-' + ++temporaries + '.tmp';
  const failed = (error) => rm(temporary, { force: true }, () => done(error));
  openTemporary(folder, temporary, (error, fd) => {
    if (error) return failed(error);
    writeAll(fd, block, 0, (writeError) =>
      close(fd, (closeError) => {
        if (writeError || closeError) return failed(writeError || closeError);
        rename(temporary, name, (renameError) => (renameError ? failed(renameError) : done(null)));
      }),
    );
  });
}
parentPort.on('message', (request) => {
  writeBlock(request.folder, request.name, request.block, (error) => {
    const failure = error ? { message: String(error.message), code: error.code } : undefined;
    parentPort.postMessage({ id: request.id, block: request.block, failure }, request.transfer ? [request.block.buffer] : []);
  });
});
`;

interface WriteRequest {
  id: number;
  folder: string;
  name: string;
  block: Uint8Array;
  transfer: boolean;
}

interface WriteReply {
  id: number;
  block: Uint8Array;
  failure?: { message: string; code?: string };
}

/**
 * Writes blocks to files from a thread of its own, one block per message, several at once: a
 * caller that needs one block on disk before another (a parent after its children) waits for the
 * first write's answer before sending the second.
 *
 * Why a thread: a block written through the thread pool is four or five calls (check, open, write,
 * close, rename), each a wake-up of a pool thread and a callback on the main thread; on a busy
 * 2-core machine those round trips cost the main thread about as much as hashing and encrypting
 * the block, and written synchronously on the main thread the file creations (up to 2 ms each on
 * this machine's /tmp) and the copies into the page cache cost it more. Here the main thread posts
 * one message per block and gets one back; the calls run beside it, several at a time. No fsync, as before: a block is safe from a crash of the process once written, and
 * from one of the machine once the kernel has flushed it.
 */
export class BlockWriter {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (block: Uint8Array) => void; reject: (error: Error) => void }>();
  /** Callers of `close` waiting for the writes under way. */
  private idle: Array<() => void> = [];
  private closed = false;

  /**
   * Writes `block` to `name` (in `folder`, made when missing). With `transfer`, the block's memory
   * (the whole of its ArrayBuffer, which `block` must span) moves to the writer, the caller must
   * not touch it, and it comes back as the answer for the caller to reuse; without it, the block is
   * copied over and stays the caller's.
   */
  write(folder: string, name: string, block: Uint8Array, transfer: boolean): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('The block writer is closed'));
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      const request: WriteRequest = { id, folder, name, block, transfer };
      worker.postMessage(request, transfer ? [block.buffer as ArrayBuffer] : []);
    });
  }

  /** Waits for the writes under way, then stops the thread. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    if (this.pending.size > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.worker === worker) this.worker = undefined;
    await worker.terminate();
  }

  private settled(worker: Worker): void {
    worker.unref();
    const idle = this.idle;
    this.idle = [];
    for (const resolve of idle) resolve();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WRITER_THREAD, { eval: true });
    // Only the writes under way keep the process alive, not an idle writer.
    worker.unref();
    worker.on('message', (reply: WriteReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.settled(worker);
      if (!reply.failure) return waiting.resolve(reply.block);
      const error: NodeJS.ErrnoException = new Error(reply.failure.message);
      if (reply.failure.code !== undefined) error.code = reply.failure.code;
      waiting.reject(error);
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.settled(worker);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the block writer thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
