import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../quality/domain/seeded-random.js';
import { SourceRuns } from './longest-shared-run.js';
import { tokens } from './verbatim-guard.js';

function bruteForce(sources: readonly string[], text: string): number {
  const query = tokens(text);
  let best = 0;
  for (const source of sources) {
    const words = tokens(source);
    for (let i = 0; i < query.length; i++) {
      for (let j = 0; j < words.length; j++) {
        let k = 0;
        while (i + k < query.length && j + k < words.length && query[i + k] === words[j + k]) k++;
        best = Math.max(best, k);
      }
    }
  }
  return best;
}

describe('SourceRuns', () => {
  it('finds the longest run of tokens shared with any one source text, as a brute-force search does', () => {
    const random = seededRandom(11);
    const vocabulary = ['a', 'b', 'c', 'd'];
    const text = (length: number) => Array.from({ length }, () => vocabulary[Math.floor(random() * 4)]).join(' ');
    const sources = Array.from({ length: 20 }, () => text(5 + Math.floor(random() * 20)));
    const runs = new SourceRuns();
    for (const source of sources) runs.add(source);
    for (let q = 0; q < 50; q++) {
      const query = text(1 + Math.floor(random() * 30));
      expect(runs.longestRun(query)).toBe(bruteForce(sources, query));
    }
  });

  it('never counts a run across the boundary of two source texts', () => {
    const runs = new SourceRuns();
    runs.add('x y');
    runs.add('z w');
    expect(runs.longestRun('y z')).toBe(1);
    expect(runs.longestRun('q x y q')).toBe(2);
  });
});
