import { describe, expect, it } from 'vitest';
import { cheatReasons, DEFAULT_POLICY, type AnnotatorFacts, type LabelFacts } from './anti-cheat.js';

const honest = (n: number): LabelFacts[] =>
  Array.from({ length: n }, (_, i) => ({ serverTimeMs: 2500 + i, answer: ['a', 'b', 'c'][i % 3]! }));

const facts = (labels: LabelFacts[], goldUnanswered = 0): AnnotatorFacts => ({ labels, goldUnanswered });

describe('anti-cheat rules', () => {
  it('leaves an honest annotator alone', () => {
    expect(cheatReasons(facts(honest(30)), 0.4)).toEqual([]);
  });

  it('says nothing before enough labels', () => {
    expect(cheatReasons(facts(honest(9).map((l) => ({ ...l, serverTimeMs: 10, answer: 'a' }))), 0.4)).toEqual([]);
  });

  it('flags answers faster than plausible by the median time the server measured', () => {
    const labels = honest(12).map((l, i) => ({ ...l, serverTimeMs: i < 7 ? 300 : 5000 }));
    expect(cheatReasons(facts(labels), 0.4)).toEqual([{ rule: 'too_fast', medianServerTimeMs: 300, labels: 12 }]);
    // A few quick answers among careful ones are fine.
    expect(cheatReasons(facts(honest(12).map((l, i) => ({ ...l, serverTimeMs: i < 5 ? 300 : 5000 }))), 0.4)).toEqual([]);
  });

  it('judges speed only on timed labels: labels without a lease neither convict nor acquit', () => {
    const untimed = honest(12).map((l) => ({ ...l, serverTimeMs: null }));
    expect(cheatReasons(facts(untimed), 0.4)).toEqual([]);
    const fewTimed = untimed.map((l, i) => (i < 9 ? { ...l, serverTimeMs: 50 } : l));
    expect(cheatReasons(facts(fewTimed), 0.4)).toEqual([]);
    const enoughTimed = untimed.map((l, i) => (i < 10 ? { ...l, serverTimeMs: 50 } : l));
    expect(cheatReasons(facts(enoughTimed), 0.4)).toEqual([{ rule: 'too_fast', medianServerTimeMs: 50, labels: 10 }]);
  });

  it('reads its thresholds from the policy', () => {
    const quick = honest(4).map((l) => ({ ...l, serverTimeMs: 300 }));
    expect(cheatReasons(facts(quick), 0.4)).toEqual([]);
    expect(cheatReasons(facts(quick), 0.4, { ...DEFAULT_POLICY, minLabels: 4, minMedianTimeMs: 400 })).toEqual([
      { rule: 'too_fast', medianServerTimeMs: 300, labels: 4 },
    ]);
    expect(cheatReasons(facts(quick), 0.4, { ...DEFAULT_POLICY, minLabels: 4, minMedianTimeMs: 300 })).toEqual([]);
  });

  it('flags straight-lining only when the crowd does not answer the same', () => {
    const same = honest(20).map((l) => ({ ...l, answer: 'b' }));
    expect(cheatReasons(facts(same), 0.4)).toEqual([{ rule: 'straight_lining', answer: 'b', share: 1, crowdTopShare: 0.4 }]);
    expect(cheatReasons(facts(same), 0.9)).toEqual([]);
  });

  it('flags gold failures once enough gold was seen', () => {
    const labels = honest(10).map((l, i) => ({ ...l, goldCorrect: i < 2 ? true : i < 6 ? false : undefined }));
    expect(cheatReasons(facts(labels), 0.4)).toEqual([{ rule: 'gold_failures', goldSeen: 6, goldCorrect: 2 }]);
    expect(cheatReasons(facts(labels.slice(0, 4)), 0.4)).toEqual([]);
    expect(cheatReasons(facts(honest(10).map((l, i) => ({ ...l, goldCorrect: i < 6 ? i !== 0 : undefined }))), 0.4)).toEqual([]);
  });

  it('counts gold items given and not answered as wrong answers', () => {
    // Three right answers, and three gold items skipped: 3 of 6.
    const labels = honest(10).map((l, i) => ({ ...l, goldCorrect: i < 3 ? true : undefined }));
    expect(cheatReasons(facts(labels), 0.4)).toEqual([]);
    expect(cheatReasons(facts(labels, 3), 0.4)).toEqual([{ rule: 'gold_failures', goldSeen: 6, goldCorrect: 3 }]);
    // Dodging every gold item is failing every one.
    expect(cheatReasons(facts(honest(10), 5), 0.4)).toEqual([{ rule: 'gold_failures', goldSeen: 5, goldCorrect: 0 }]);
  });

  it('reports every rule that fires', () => {
    const labels = Array.from({ length: 12 }, (): LabelFacts => ({ serverTimeMs: 100, answer: 'a', goldCorrect: false }));
    expect(cheatReasons(facts(labels), 0.3, DEFAULT_POLICY).map((r) => r.rule)).toEqual(['too_fast', 'straight_lining', 'gold_failures']);
  });
});
