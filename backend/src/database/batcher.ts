/**
 * Application-level group commit: requests that arrive while the database is busy are run together,
 * as one statement and one commit, instead of each paying its own round trip and WAL flush.
 *
 * A request waits only for the event-loop turn it arrived in (so that requests read from the same
 * socket batch together) or, when `maxInFlight` batches are already running, for one of them to
 * finish. An idle server therefore runs a lone request at once; a busy one runs bigger batches.
 *
 * When a batch fails, each of its requests is run alone, so that one bad request (say, a unique key
 * it violates) fails only its own caller.
 */
export interface BatcherOptions {
  /** Most requests in one batch. */
  maxBatch: number;
  /** Most batches running at once (each holds one database connection). */
  maxInFlight: number;
}

interface Waiter<In, Out> {
  input: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

export class Batcher<In, Out> {
  private pending: Array<Waiter<In, Out>> = [];
  private inFlight = 0;
  private scheduled = false;

  /** `runBatch` answers one output per input, in the inputs' order. */
  constructor(
    private readonly runBatch: (inputs: readonly In[]) => Promise<readonly Out[]>,
    private readonly options: BatcherOptions,
  ) {
    if (!(options.maxBatch >= 1 && options.maxInFlight >= 1)) throw new RangeError('maxBatch and maxInFlight must be >= 1');
  }

  run(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.schedule();
    });
  }

  /** Requests waiting for a batch (for tests and diagnostics). */
  get waiting(): number {
    return this.pending.length;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.execute(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async execute(batch: ReadonlyArray<Waiter<In, Out>>): Promise<void> {
    let outputs: readonly Out[];
    try {
      outputs = await this.runBatch(batch.map((waiter) => waiter.input));
      if (outputs.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${outputs.length} results`);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      await Promise.all(batch.map((waiter) => this.execute([waiter])));
      return;
    }
    batch.forEach((waiter, i) => waiter.resolve(outputs[i]!));
  }
}
