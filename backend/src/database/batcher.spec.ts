import { describe, expect, it, vi } from 'vitest';
import { Batcher } from './batcher.js';

/** A batch runner that records the batches it was given and answers after `release()`. */
function recorder(answer: (input: number) => number = (n) => n * 10) {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const run = async (inputs: readonly number[]): Promise<number[]> => {
    batches.push([...inputs]);
    await new Promise<void>((resolve) => gates.push(resolve));
    return inputs.map(answer);
  };
  const release = (): void => {
    for (const gate of gates.splice(0)) gate();
  };
  return { batches, run, release };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('runs the requests of one event-loop turn as one batch, and answers each its own result', async () => {
    const r = recorder();
    const batcher = new Batcher(r.run, { maxBatch: 10, maxInFlight: 1 });
    const answers = Promise.all([1, 2, 3].map((n) => batcher.run(n)));
    await tick();
    r.release();
    await expect(answers).resolves.toEqual([10, 20, 30]);
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives while the batches in flight run, and splits at maxBatch', async () => {
    const r = recorder();
    const batcher = new Batcher(r.run, { maxBatch: 2, maxInFlight: 1 });
    const first = batcher.run(1);
    await tick();
    expect(r.batches).toEqual([[1]]);
    const later = [2, 3, 4].map((n) => batcher.run(n));
    await tick();
    expect(r.batches).toHaveLength(1);
    expect(batcher.waiting).toBe(3);
    r.release();
    await first;
    await vi.waitFor(() => expect(r.batches).toEqual([[1], [2, 3]]));
    r.release();
    await vi.waitFor(() => expect(r.batches).toHaveLength(3));
    r.release();
    await expect(Promise.all(later)).resolves.toEqual([20, 30, 40]);
    expect(r.batches).toEqual([[1], [2, 3], [4]]);
  });

  it('runs up to maxInFlight batches at once', async () => {
    const r = recorder();
    const batcher = new Batcher(r.run, { maxBatch: 1, maxInFlight: 2 });
    const answers = Promise.all([1, 2, 3].map((n) => batcher.run(n)));
    await tick();
    expect(r.batches).toEqual([[1], [2]]);
    r.release();
    await vi.waitFor(() => expect(r.batches).toEqual([[1], [2], [3]]));
    r.release();
    await expect(answers).resolves.toEqual([10, 20, 30]);
  });

  it('when a batch fails, runs each request alone so that only the bad one fails', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher(
      (inputs: readonly number[]) => {
        batches.push([...inputs]);
        if (inputs.includes(2)) return Promise.reject(new Error('bad input 2'));
        return Promise.resolve(inputs.map((n) => -n));
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.run(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: -1 },
      { status: 'rejected', reason: new Error('bad input 2') },
      { status: 'fulfilled', value: -3 },
    ]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('refuses a batch runner that answers the wrong number of results', async () => {
    const batcher = new Batcher(() => Promise.resolve([1]), { maxBatch: 10, maxInFlight: 1 });
    const results = await Promise.allSettled([batcher.run(1), batcher.run(2)]);
    // Alone, each input gets exactly one answer back again.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const lone = new Batcher(() => Promise.resolve([] as number[]), { maxBatch: 10, maxInFlight: 1 });
    await expect(lone.run(1)).rejects.toThrow('a batch of 1 answered 0 results');
  });

  it('rejects settings that could never run a batch', () => {
    expect(() => new Batcher(() => Promise.resolve([]), { maxBatch: 0, maxInFlight: 1 })).toThrow(RangeError);
    expect(() => new Batcher(() => Promise.resolve([]), { maxBatch: 1, maxInFlight: 0 })).toThrow(RangeError);
  });
});
