import { describe, expect, it } from 'vitest';
import { QualityError } from './quality-error.js';
import { seededRandom } from './seeded-random.js';
import { inferTruth, type TruthInference } from './truth-inference.js';
import type { Vote } from './votes.js';

interface Crowd {
  votes: Vote[];
  truth: Map<string, string>;
}

function draw(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (let l = 0; l < weights.length; l++) {
    u -= weights[l]!;
    if (u < 0) return l;
  }
  return weights.length - 1;
}

/**
 * Dawid and Skene's model: a skewed class prior, and per worker a full confusion matrix, each row
 * its own accuracy (0.45-0.95) with the errors piled on one other class of the worker's choosing.
 */
function dawidSkeneCrowd(items: number, workers: number, classes: number, perItem: number, seed: number): Crowd {
  const random = seededRandom(seed);
  const prior = Array.from({ length: classes }, (_, c) => 1 + c);
  const confusion = Array.from({ length: workers }, () =>
    Array.from({ length: classes }, (_, c) => {
      const right = 0.45 + 0.5 * random();
      const favourite = (c + 1 + Math.floor(random() * (classes - 1))) % classes;
      return Array.from({ length: classes }, (_, l) =>
        l === c ? right : l === favourite ? (1 - right) * 0.8 : ((1 - right) * 0.2) / Math.max(1, classes - 2),
      );
    }),
  );
  const votes: Vote[] = [];
  const truth = new Map<string, string>();
  for (let i = 0; i < items; i++) {
    const answer = draw(prior, random);
    truth.set(`item-${i}`, `c${answer}`);
    const chosen = new Set<number>();
    while (chosen.size < perItem) chosen.add(Math.floor(random() * workers));
    for (const w of chosen) votes.push({ item: `item-${i}`, worker: `worker-${w}`, label: `c${draw(confusion[w]![answer]!, random)}` });
  }
  return { votes, truth };
}

/**
 * Minimax entropy's model (Zhou et al. 2012): P(l | worker, item, true c) ∝ exp(sigma[w][c][l] +
 * tau[i][c][l]). Workers differ in skill; half the items are hard, each pulling every worker
 * toward its wrong class by its own amount.
 */
function difficultyCrowd(items: number, workers: number, seed: number): Crowd {
  const classes = 2;
  const random = seededRandom(seed);
  const skill = Array.from({ length: workers }, () => 0.5 + 2 * random());
  const votes: Vote[] = [];
  const truth = new Map<string, string>();
  for (let i = 0; i < items; i++) {
    const answer = Math.floor(random() * classes);
    truth.set(`item-${i}`, `c${answer}`);
    const pull = random() < 0.5 ? 2 * random() : 0;
    for (let w = 0; w < workers; w++) {
      const logits = Array.from({ length: classes }, (_, l) => (l === answer ? skill[w]! : pull));
      votes.push({ item: `item-${i}`, worker: `worker-${w}`, label: `c${draw(logits.map(Math.exp), random)}` });
    }
  }
  return { votes, truth };
}

function accuracyAgainst(result: TruthInference, truth: ReadonlyMap<string, string>): number {
  return result.items.filter(({ item, label }) => truth.get(item) === label).length / result.items.length;
}

describe('auto: selection by evidence', () => {
  it('picks Dawid-Skene on votes drawn from a Dawid-Skene model', () => {
    const { votes, truth } = dawidSkeneCrowd(400, 30, 3, 6, 31);
    const auto = inferTruth(votes);
    expect(auto.selection!.criterion).toBe('held-out-likelihood');
    expect(auto.method).toBe('ds');
    const ds = inferTruth(votes, { method: 'ds' });
    expect(auto.items.map(({ label }) => label)).toEqual(ds.items.map(({ label }) => label));
    expect(accuracyAgainst(auto, truth)).toBeGreaterThan(accuracyAgainst(inferTruth(votes, { method: 'mv' }), truth));
  });

  it('picks minimax entropy on votes drawn with item difficulty', () => {
    const { votes, truth } = difficultyCrowd(150, 30, 41);
    const auto = inferTruth(votes);
    expect(auto.method).toBe('mmce');
    const scores = auto.selection!.scores;
    const bestOf = (method: string): number => Math.max(...scores.filter((s) => s.method === method).map((s) => s.heldOutLogLikelihood!));
    expect(bestOf('mmce')).toBeGreaterThan(bestOf('ds'));
    expect(accuracyAgainst(auto, truth)).toBeGreaterThan(accuracyAgainst(inferTruth(votes, { method: 'ds' }), truth));
  });

  it('chooses each method’s setting by the mean of the item’s and a typical item’s prediction, then the method by the item’s', () => {
    const { votes } = difficultyCrowd(150, 30, 41);
    const selection = inferTruth(votes).selection!;
    const mean = (score: (typeof selection.scores)[number]): number => (score.heldOutItem! + score.heldOutTypical!) / 2;
    for (const score of selection.scores) {
      expect(score.heldOutLogLikelihood).toBe(score.heldOutItem);
      // Only minimax entropy has item terms: for the others both predictions are one.
      if (score.method !== 'mmce') expect(score.heldOutTypical).toBe(score.heldOutItem);
      // Its item terms were fitted on the item's other votes: they predict the hidden ones better.
      else expect(score.heldOutItem!).toBeGreaterThan(score.heldOutTypical!);
      const sameMethod = selection.scores.filter(({ method }) => method === score.method);
      expect(score.settingChosen).toBe(mean(score) === Math.max(...sameMethod.map(mean)));
    }
    const chosen = selection.scores.filter(({ settingChosen }) => settingChosen);
    expect(new Set(chosen.map(({ method }) => method)).size).toBe(chosen.length);
    const winner = selection.scores.find(({ candidate }) => candidate === selection.winner)!;
    expect(winner.settingChosen).toBe(true);
    expect(winner.heldOutItem).toBe(Math.max(...chosen.map(({ heldOutItem }) => heldOutItem!)));
    // Every candidate by the mean alone: a rule of its own.
    const byMean = inferTruth(votes, { heldOutScore: 'both' }).selection!;
    expect(byMean.scores.every(({ settingChosen }) => settingChosen)).toBe(true);
    expect(() => inferTruth(votes, { heldOutScore: 'median' as never })).toThrow(QualityError);
  });

  it('picks minimax entropy on item-difficulty sets of other seeds too', () => {
    // Measured while choosing the rule, seeds 1-8: seven pick mmce; seed 8 picks wawa, 2.7 points
    // under mmce there (by the full prediction alone all eight pick mmce, but that rule fails dog and face).
    for (const seed of [1, 2, 3]) expect(inferTruth(difficultyCrowd(150, 30, seed).votes).method).toBe('mmce');
  });

  it('offers minimax entropy within its time budget only, unless told otherwise', () => {
    const { votes } = dawidSkeneCrowd(2_000, 40, 4, 5, 8); // 10,000 votes · 16 > MMCE_MAX_WORK
    const methods = (result: TruthInference) => new Set(result.selection!.scores.map(({ method }) => method));
    expect(methods(inferTruth(votes)).has('mmce')).toBe(false);
    expect(methods(inferTruth(votes, { mmceMaxWork: Infinity })).has('mmce')).toBe(true);
  });

  it('lets accuracy on held-out gold items decide when there is gold', () => {
    // Most workers always name the next class: the votes fit the rotated labelling as well as the
    // true one, so only gold answers can tell. Majority vote follows the rotation.
    const random = seededRandom(5);
    const votes: Vote[] = [];
    const truth = new Map<string, string>();
    const gold = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const answer = Math.floor(random() * 3);
      truth.set(`item-${i}`, `c${answer}`);
      if (i % 5 === 0) gold.set(`item-${i}`, `c${answer}`);
      for (let w = 0; w < 7; w++) {
        const honest = w < 3;
        const label = honest ? (random() < 0.8 ? answer : (answer + 1 + Math.floor(random() * 2)) % 3) : (answer + 1) % 3;
        votes.push({ item: `item-${i}`, worker: `worker-${w}`, label: `c${label}` });
      }
    }
    const auto = inferTruth(votes, { gold });
    const selection = auto.selection!;
    expect(selection.criterion).toBe('gold');
    expect(selection.goldItems).toBe(40);
    const winner = selection.scores.find(({ candidate }) => candidate === selection.winner)!;
    for (const score of selection.scores) expect(winner.goldAccuracy!).toBeGreaterThanOrEqual(score.goldAccuracy!);
    expect(selection.scores.find(({ method }) => method === 'mv')!.goldAccuracy).toBeLessThan(0.2);
    expect(winner.goldAccuracy).toBeGreaterThan(0.9);
    expect(selection.margin).toBeGreaterThanOrEqual(0);
    const unseen = new Map([...truth].filter(([item]) => !gold.has(item)));
    const correct = auto.items.filter(({ item, label }) => unseen.get(item) === label).length;
    expect(correct / unseen.size).toBeGreaterThan(0.9);
  });

  it('compares the candidates on a sample of items when the set is large, and runs the winner on all', () => {
    const { votes } = dawidSkeneCrowd(25_000, 200, 2, 5, 77);
    const auto = inferTruth(votes);
    expect(auto.items).toHaveLength(25_000);
    expect(auto.selection!.sampledVotes).toBeLessThan(votes.length);
    expect(auto.selection!.sampledVotes).toBeGreaterThan(90_000);
  });

  it('chooses the same whatever the order of the votes', () => {
    const { votes } = dawidSkeneCrowd(200, 20, 3, 5, 3);
    const reversed = inferTruth([...votes].reverse()).selection!;
    const forward = inferTruth(votes).selection!;
    expect(reversed.winner).toBe(forward.winner);
    expect(reversed.heldOutVotes).toBe(forward.heldOutVotes);
    reversed.scores.forEach((score, c) => expect(score.heldOutLogLikelihood).toBeCloseTo(forward.scores[c]!.heldOutLogLikelihood!, 9));
  });
});
