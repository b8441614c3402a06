import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

/** A load the test finishes by hand, counting how often it was started. */
function manualLoad<V>(): { load: () => Promise<V>; calls: () => number; finish: (value: V) => void; fail: (error: Error) => void } {
  const waiting: Array<{ resolve: (value: V) => void; reject: (error: Error) => void }> = [];
  let calls = 0;
  return {
    load: () => {
      calls++;
      return new Promise<V>((resolve, reject) => waiting.push({ resolve, reject }));
    },
    calls: () => calls,
    finish: (value) => waiting.shift()!.resolve(value),
    fail: (error) => waiting.shift()!.reject(error),
  };
}

describe('TtlCache', () => {
  it('answers a value until its time is up, then nothing', () => {
    const time = clock();
    const cache = new TtlCache<string, number>({ maxEntries: 10, ttlMs: 100, now: time.now });
    cache.set('a', 1);
    time.advance(99);
    expect(cache.get('a')).toBe(1);
    time.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps each value as long as its own time says: forever, a while, or not at all', () => {
    const time = clock();
    const ttl = (status: string): number => (status === 'passed' ? Infinity : status === 'failed' ? 50 : 0);
    const cache = new TtlCache<number, string>({ maxEntries: 10, ttlMs: ttl, now: time.now });
    cache.set(1, 'passed');
    cache.set(2, 'failed');
    cache.set(3, 'qualifying');
    expect([cache.get(1), cache.get(2), cache.get(3)]).toEqual(['passed', 'failed', undefined]);
    time.advance(1e12);
    expect([cache.get(1), cache.get(2)]).toEqual(['passed', undefined]);
  });

  it('holds at most maxEntries, dropping the entry written longest ago', () => {
    const cache = new TtlCache<string, number>({ maxEntries: 2, ttlMs: Infinity });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // rewritten: now the youngest
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([3, undefined, 4]);
    expect(cache.size).toBe(2);
  });

  it('update changes a fresh value without making it younger, and leaves a missing or stale one alone', () => {
    const time = clock();
    const cache = new TtlCache<string, number>({ maxEntries: 10, ttlMs: 100, now: time.now });
    cache.set('a', 10);
    time.advance(60);
    expect(cache.update('a', (v) => Math.min(v, 4))).toBe(true);
    expect(cache.get('a')).toBe(4);
    time.advance(40);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.update('a', () => 1)).toBe(false);
    expect(cache.update('b', () => 1)).toBe(false);
    expect(cache.get('b')).toBeUndefined();
  });

  it('getOrLoad reads a missing key once for all concurrent callers, then answers from memory', async () => {
    const cache = new TtlCache<string, string>({ maxEntries: 10, ttlMs: 100 });
    const source = manualLoad<string>();
    const first = cache.getOrLoad('k', source.load);
    const second = cache.getOrLoad('k', source.load);
    source.finish('v');
    expect(await Promise.all([first, second])).toEqual(['v', 'v']);
    expect(await cache.getOrLoad('k', source.load)).toBe('v');
    expect(source.calls()).toBe(1);
  });

  it('keeps a cached undefined apart from a missing key', async () => {
    const cache = new TtlCache<number, string | undefined>({ maxEntries: 10, ttlMs: 100 });
    let calls = 0;
    const load = (): Promise<string | undefined> => Promise.resolve((calls++, undefined));
    expect(await cache.getOrLoad(1, load)).toBeUndefined();
    expect(await cache.getOrLoad(1, load)).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('does not keep what a load read while the cache was invalidated, and the next read loads again', async () => {
    const cache = new TtlCache<string, string>({ maxEntries: 10, ttlMs: 100 });
    const source = manualLoad<string>();
    const stale = cache.getOrLoad('k', source.load);
    cache.delete('k'); // e.g. the roles changed while the old ones were being read
    const fresh = cache.getOrLoad('k', source.load);
    expect(source.calls()).toBe(2);
    source.finish('old');
    source.finish('new');
    expect(await stale).toBe('old');
    expect(await fresh).toBe('new');
    expect(cache.get('k')).toBe('new'); // the second load started after the delete: it is kept
  });

  it('clear forgets everything, including loads under way', async () => {
    const cache = new TtlCache<string, number>({ maxEntries: 10, ttlMs: 100 });
    const source = manualLoad<number>();
    cache.set('a', 1);
    const loading = cache.getOrLoad('b', source.load);
    cache.clear();
    source.finish(2);
    expect(await loading).toBe(2);
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([undefined, undefined, 0]);
  });

  it('a failed load is not kept: every waiting caller sees the error and the next read tries again', async () => {
    const cache = new TtlCache<string, number>({ maxEntries: 10, ttlMs: 100 });
    const source = manualLoad<number>();
    const first = cache.getOrLoad('k', source.load);
    const second = cache.getOrLoad('k', source.load);
    source.fail(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await expect(second).rejects.toThrow('database down');
    const retry = cache.getOrLoad('k', source.load);
    source.finish(7);
    expect(await retry).toBe(7);
    expect(source.calls()).toBe(2);
  });
});
