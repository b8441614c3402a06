// Seals dataset files off the main thread (see sealing.ts): one message port, several files at once.
import { parentPort, workerData } from 'node:worker_threads';
import { createStorage, type StorageModuleOptions } from '../../storage/create-storage.js';
import { sealInto, type FromSealer, type ToSealer } from './sealing.js';

/** A file's chunks as they arrive, read once by its seal. */
class Inbox implements AsyncIterable<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly taken: (bytes: number) => void) {}

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.notify();
  }

  end(failure?: Error): void {
    this.ended = true;
    this.failure = failure;
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.taken(chunk.byteLength);
        yield chunk;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

const port = parentPort!;
const storage = createStorage(workerData as StorageModuleOptions);
const inboxes = new Map<number, Inbox>();
const reply = (message: FromSealer) => port.postMessage(message);

port.on('message', (message: ToSealer) => {
  switch (message.type) {
    case 'open': {
      const { id } = message;
      const inbox = new Inbox((bytes) => reply({ type: 'taken', id, bytes }));
      inboxes.set(id, inbox);
      storage
        .then((store) => sealInto(store, inbox, message.key))
        .then(
          (file) => reply({ type: 'sealed', id, file }),
          (error: unknown) => reply({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) }),
        )
        .finally(() => inboxes.delete(id));
      return;
    }
    case 'chunk':
      inboxes.get(message.id)?.push(message.chunk);
      return;
    case 'end':
      inboxes.get(message.id)?.end();
      return;
    case 'abort':
      inboxes.get(message.id)?.end(new Error(message.message));
      return;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
