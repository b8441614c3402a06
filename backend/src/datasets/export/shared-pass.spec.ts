import { describe, expect, it } from 'vitest';
import type { DatasetRecord } from '../domain/dataset-record.js';
import { sharedPass } from './shared-pass.js';

function record(n: number): DatasetRecord {
  return {
    id: `r${n}`,
    itemId: n,
    split: 'train',
    data: { n },
    media: null,
    answer: { label: 'a' },
    confidence: 1,
    source: 'inferred',
    method: 'mv',
    annotations: [],
  };
}

/** A source of `count` records that counts its reads and how far it has been read. */
function countingSource(count: number) {
  const state = { reads: 0, produced: 0 };
  const read = () => {
    state.reads++;
    return (async function* () {
      for (let n = 1; n <= count; n++) {
        state.produced = Math.max(state.produced, n);
        yield await Promise.resolve(record(n));
      }
    })();
  };
  return { read, state };
}

async function ids(source: AsyncIterable<DatasetRecord>, stopAfter = Infinity): Promise<(number | null)[]> {
  const seen: (number | null)[] = [];
  for await (const r of source) {
    seen.push(r.itemId);
    if (seen.length >= stopAfter) break;
  }
  return seen;
}

describe('sharedPass', () => {
  it('gives every reader every record in order from one read of the source', async () => {
    const { read, state } = countingSource(5_500);
    const readers = sharedPass(read, 3);
    const results = await Promise.all(readers.map((reader) => ids(reader())));
    const expected = Array.from({ length: 5_500 }, (_, i) => i + 1);
    for (const result of results) expect(result).toEqual(expected);
    expect(state.reads).toBe(1);
  });

  it('serves a second call of a reader (a second pass) from a private read', async () => {
    const { read, state } = countingSource(10);
    const fresh = countingSource(10);
    const [first, second] = sharedPass(read, 2, fresh.read);
    const [a, b] = await Promise.all([ids(first!()), ids(second!())]);
    expect(a).toEqual(b);
    expect(await ids(first!())).toEqual(a);
    expect(state.reads).toBe(1);
    expect(fresh.state.reads).toBe(1);
  });

  it('keeps the fastest reader within a few pages of the slowest, and lets the others finish when one stops', async () => {
    const { read, state } = countingSource(50_000);
    const [fast, slow] = sharedPass(read, 2);
    const fastDone = ids(fast!());
    // The slow reader has not started: the fast one may take only a bounded window of pages.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(state.produced).toBeLessThanOrEqual(6_000);
    // The slow reader stops after a few records: it no longer holds the pass back.
    expect(await ids(slow!(), 3)).toEqual([1, 2, 3]);
    expect(await fastDone).toHaveLength(50_000);
  });

  it('hands a failing read to every reader', async () => {
    const failing = () =>
      (async function* () {
        yield record(1);
        await Promise.reject(new Error('connection lost'));
      })();
    const readers = sharedPass(failing, 2);
    const outcomes = await Promise.allSettled(readers.map((reader) => ids(reader())));
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: { message: 'connection lost' } });
  });
});
