import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../quality/domain/seeded-random.js';
import { Reservoir } from './reservoir.js';

describe('Reservoir', () => {
  it('keeps everything below its size and exactly its size above', () => {
    const small = new Reservoir<number>(10, seededRandom(1));
    for (let i = 0; i < 5; i++) small.offer(i);
    expect(small.items).toEqual([0, 1, 2, 3, 4]);
    const large = new Reservoir<number>(10, seededRandom(1));
    for (let i = 0; i < 1000; i++) large.offer(i);
    expect(large.items).toHaveLength(10);
    expect(large.seen).toBe(1000);
  });

  it('keeps each item with probability size / seen', () => {
    // 2,000 reservoirs of 10 from 100 items: each item is kept 200 times in expectation, with a
    // binomial standard deviation of √(2000 · 0.1 · 0.9) ≈ 13.4; 5 of them leave a false failure below 1e-5 per item.
    const kept = new Array<number>(100).fill(0);
    const random = seededRandom(2);
    for (let run = 0; run < 2000; run++) {
      const reservoir = new Reservoir<number>(10, random);
      for (let i = 0; i < 100; i++) reservoir.offer(i);
      for (const item of reservoir.items) kept[item]!++;
    }
    for (const count of kept) expect(Math.abs(count - 200)).toBeLessThan(5 * Math.sqrt(2000 * 0.1 * 0.9));
  });
});
