import { describe, expect, it } from 'vitest';
import { cheatReasons, DEFAULT_POLICY, type LabelFacts } from './anti-cheat.js';

const honest = (n: number): LabelFacts[] =>
  Array.from({ length: n }, (_, i) => ({ leadTimeMs: 2500 + i, answer: ['a', 'b', 'c'][i % 3]! }));

describe('anti-cheat rules', () => {
  it('leaves an honest annotator alone', () => {
    expect(cheatReasons(honest(30), 0.4)).toEqual([]);
  });

  it('says nothing before enough labels', () => {
    expect(
      cheatReasons(
        honest(9).map((l) => ({ ...l, leadTimeMs: 10, answer: 'a' })),
        0.4,
      ),
    ).toEqual([]);
  });

  it('flags answers faster than plausible by their median time', () => {
    const labels = honest(12).map((l, i) => ({ ...l, leadTimeMs: i < 7 ? 300 : 5000 }));
    expect(cheatReasons(labels, 0.4)).toEqual([{ rule: 'too_fast', medianLeadTimeMs: 300, labels: 12 }]);
    // A few quick answers among careful ones are fine.
    expect(
      cheatReasons(
        honest(12).map((l, i) => ({ ...l, leadTimeMs: i < 5 ? 300 : 5000 })),
        0.4,
      ),
    ).toEqual([]);
  });

  it('flags straight-lining only when the crowd does not answer the same', () => {
    const same = honest(20).map((l) => ({ ...l, answer: 'b' }));
    expect(cheatReasons(same, 0.4)).toEqual([{ rule: 'straight_lining', answer: 'b', share: 1, crowdTopShare: 0.4 }]);
    expect(cheatReasons(same, 0.9)).toEqual([]);
  });

  it('flags gold failures once enough gold was seen', () => {
    const labels = honest(10).map((l, i) => ({ ...l, goldCorrect: i < 2 ? true : i < 6 ? false : undefined }));
    expect(cheatReasons(labels, 0.4)).toEqual([{ rule: 'gold_failures', goldSeen: 6, goldCorrect: 2 }]);
    expect(cheatReasons(labels.slice(0, 4), 0.4)).toEqual([]);
    expect(
      cheatReasons(
        honest(10).map((l, i) => ({ ...l, goldCorrect: i < 6 ? i !== 0 : undefined })),
        0.4,
      ),
    ).toEqual([]);
  });

  it('reports every rule that fires', () => {
    const labels = Array.from({ length: 12 }, (): LabelFacts => ({ leadTimeMs: 100, answer: 'a', goldCorrect: false }));
    expect(cheatReasons(labels, 0.3, DEFAULT_POLICY).map((r) => r.rule)).toEqual(['too_fast', 'straight_lining', 'gold_failures']);
  });
});
