import type { DatasetRecord } from '../domain/dataset-record.js';
import { batches } from './chunks.js';
import type { RecordSource } from './export-writer.js';

/** Records per page handed to the readers of a shared pass. */
const PAGE_RECORDS = 1_000;
/** How many pages the fastest reader may be ahead of the slowest: bounds the pass's memory. */
const WINDOW_PAGES = 4;

/**
 * One read of a version's records shared by several writers that run at the same time: the
 * database is read once for every format instead of once per format. Each reader gets a
 * RecordSource whose first call iterates the shared pass; a reader that calls it again (COCO's
 * second pass) gets a private read of its own from `fresh`.
 *
 * Pages are kept until the slowest reader has passed them; a reader more than WINDOW_PAGES ahead
 * waits for it, so memory holds at most WINDOW_PAGES + 1 pages whatever the version's size. A reader
 * that stops early (an error in its pipeline) releases the others: it no longer holds pages back.
 */
export function sharedPass(read: RecordSource, readers: number, fresh: RecordSource = read): RecordSource[] {
  const pass = new SharedPass(read, readers);
  return Array.from({ length: readers }, (_, reader) => {
    let used = false;
    return () => {
      if (used) return fresh();
      used = true;
      return pass.iterate(reader);
    };
  });
}

class SharedPass {
  private source: AsyncIterator<DatasetRecord[]> | undefined;
  /** Pages from `first` on, by position; a page is a promise so that readers share its one read. */
  private readonly pages: Promise<DatasetRecord[] | null>[] = [];
  private first = 0;
  /** Next page each reader will take; Infinity once it has finished or stopped. */
  private readonly positions: number[];
  private waiting: (() => void)[] = [];

  constructor(
    private readonly read: RecordSource,
    readers: number,
  ) {
    this.positions = new Array<number>(readers).fill(0);
  }

  async *iterate(reader: number): AsyncGenerator<DatasetRecord> {
    try {
      for (;;) {
        const position = this.positions[reader]!;
        while (position - this.slowest() >= WINDOW_PAGES) await new Promise<void>((resolve) => this.waiting.push(resolve));
        const page = await this.page(position);
        if (page === null) return;
        this.positions[reader] = position + 1;
        this.release();
        yield* page;
      }
    } finally {
      this.positions[reader] = Infinity;
      this.release();
    }
  }

  private slowest(): number {
    return Math.min(...this.positions);
  }

  /** Page `position`, reading the pages before it that nobody has read yet. */
  private page(position: number): Promise<DatasetRecord[] | null> {
    while (this.first + this.pages.length <= position) {
      const previous = this.pages.at(-1) ?? Promise.resolve([]);
      // Pages are read in order: each waits for the one before it.
      this.pages.push(previous.then((done) => (done === null ? null : this.next())));
    }
    return this.pages[position - this.first]!;
  }

  private async next(): Promise<DatasetRecord[] | null> {
    this.source ??= batches(this.read(), PAGE_RECORDS)[Symbol.asyncIterator]();
    const step = await this.source.next();
    return step.done ? null : step.value;
  }

  /** Drops the pages every reader has passed and wakes readers waiting on the window. */
  private release(): void {
    const slowest = this.slowest();
    const drop = Math.min(this.pages.length, (slowest === Infinity ? this.first + this.pages.length : slowest) - this.first);
    if (drop > 0) {
      void this.pages.splice(0, drop); // dropped pages are settled or awaited by the readers that asked for them
      this.first += drop;
    }
    if (slowest === Infinity) void this.source?.return?.(undefined);
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}
