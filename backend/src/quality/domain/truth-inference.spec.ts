import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';
import { QualityError } from './quality-error.js';
import { tieKey } from './crowd-labels.js';
import { inferTruth, TRUTH_METHODS, type TruthInference, type TruthMethod } from './truth-inference.js';
import { encodeVotes, type Vote } from './votes.js';

/** Votes from a compact table: one string per item, "worker:label" pairs separated by spaces. */
function table(rows: Record<string, string>): Vote[] {
  return Object.entries(rows).flatMap(([item, cells]) =>
    cells.split(' ').map((cell) => {
      const [worker, label] = cell.split(':') as [string, string];
      return { item, worker, label };
    }),
  );
}

function byItem(result: TruthInference): Map<string, TruthInference['items'][number]> {
  return new Map(result.items.map((entry) => [entry.item, entry]));
}

function accuracyOf(result: TruthInference): Record<string, number> {
  return Object.fromEntries(result.workers.map(({ worker, accuracy }) => [worker, accuracy]));
}

function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

interface Crowd {
  votes: Vote[];
  truth: Map<string, string>;
}

/**
 * `items` items with a uniform true class among `classes`; each listed worker labels every item
 * with the given accuracy, errors spread evenly over the other classes (accuracy 0: always wrong,
 * always naming the next class).
 */
function crowd(items: number, classes: number, accuracies: readonly number[], seed: number): Crowd {
  const random = seededRandom(seed);
  const votes: Vote[] = [];
  const truth = new Map<string, string>();
  for (let i = 0; i < items; i++) {
    const answer = Math.floor(random() * classes);
    truth.set(`item-${i}`, `c${answer}`);
    accuracies.forEach((accuracy, w) => {
      let label = answer;
      if (accuracy === 0) label = (answer + 1) % classes;
      else if (random() >= accuracy) label = (answer + 1 + Math.floor(random() * (classes - 1))) % classes;
      votes.push({ item: `item-${i}`, worker: `worker-${w}`, label: `c${label}` });
    });
  }
  return { votes, truth };
}

function accuracyAgainst(result: TruthInference, truth: ReadonlyMap<string, string>): number {
  return result.items.filter(({ item, label }) => truth.get(item) === label).length / result.items.length;
}

describe('inferTruth: majority vote, by hand', () => {
  // a: x x y -> x, 2/3.  b: y x -> tie, b's tie key (odd: the second tied class) -> y, 1/2.  c: y -> y, 1.
  // Agreement with that: w1 a✓ b✓ c✓ = 1; w2 a✓ b✗ = 1/2; w3 a✗ = 0.
  const votes = table({ a: 'w1:x w2:x w3:y', b: 'w1:y w2:x', c: 'w1:y' });

  it("takes the largest share, breaking a tie by the item's tie key", () => {
    expect(tieKey('b') % 2).toBe(1);
    const result = inferTruth(votes, { method: 'mv' });
    expect(result.method).toBe('mv');
    expect(result.iterations).toBe(0);
    expect(result.selection).toBeUndefined();
    expect(result.items.map(({ item, label }) => [item, label])).toEqual([
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'y'],
    ]);
    const items = byItem(result);
    expect(items.get('a')!.confidence).toBeCloseTo(2 / 3, 12);
    expect(items.get('a')!.posterior).toEqual({ x: 2 / 3, y: 1 / 3 });
    expect(items.get('b')!.confidence).toBe(0.5);
    expect(items.get('c')!.posterior).toEqual({ x: 0, y: 1 });
    expect(accuracyOf(result)).toEqual({ w1: 1, w2: 0.5, w3: 0 });
    expect(result.workers.map(({ labeled }) => labeled)).toEqual([3, 2, 1]);
  });

  it('breaks the same tie the same way whichever vote comes first', () => {
    const reversed = inferTruth([...votes].reverse(), { method: 'mv' });
    expect(byItem(reversed).get('b')!.label).toBe('y');
  });

  it('does not favour the first label over many ties', () => {
    const tied = Array.from({ length: 200 }, (_, i) => table({ [`t${i}`]: 'w1:x w2:y' })).flat();
    const labels = inferTruth(tied, { method: 'mv' }).items.map(({ label }) => label);
    const xs = labels.filter((label) => label === 'x').length;
    expect(xs).toBeGreaterThan(70);
    expect(xs).toBeLessThan(130);
  });
});

describe('inferTruth: Wawa, by hand', () => {
  // Majority vote: i1 x (3/5), i2 y (4/5), i3 x (3/5), i6 tie -> x (i6's tie key is even: the first tied class).
  // Skills = agreement with it: A 3/4, B 3/4, C 2/3, D 1/4, E 3/4.
  // Weighted: i1 x = .75+.75+2/3 = 26/12, y = .25+.75 = 12/12       -> x, 26/38 = 13/19
  //           i2 y = .75+.75+2/3+.75 = 35/12, x = .25 = 3/12         -> y, 35/38
  //           i3 x = .75+.75+.75 = 27/12, y = 2/3+.25 = 11/12        -> x, 27/38
  //           i6 y = .75+.75 = 18/12, x = .25+.75 = 12/12             -> y, 18/30 = 0.6 (MV said x)
  // Agreement with the Wawa labels x y x y: A 1, B 1, C 2/3, D 0, E 1/2.
  const votes = table({
    i1: 'A:x B:x C:x D:y E:y',
    i2: 'A:y B:y C:y D:x E:y',
    i3: 'A:x B:x C:y D:y E:x',
    i6: 'A:y B:y D:x E:x',
  });

  it('weights each vote by the worker agreement with the majority vote', () => {
    expect(tieKey('i6') % 2).toBe(0);
    const result = inferTruth(votes, { method: 'wawa' });
    const items = byItem(result);
    expect(result.items.map(({ label }) => label)).toEqual(['x', 'y', 'x', 'y']);
    expect(items.get('i1')!.confidence).toBeCloseTo(13 / 19, 12);
    expect(items.get('i2')!.confidence).toBeCloseTo(35 / 38, 12);
    expect(items.get('i3')!.confidence).toBeCloseTo(27 / 38, 12);
    expect(items.get('i6')!.posterior.y).toBeCloseTo(0.6, 12);
    expect(items.get('i6')!.posterior.x).toBeCloseTo(0.4, 12);
    const accuracy = accuracyOf(result);
    expect(accuracy).toEqual({ A: 1, B: 1, C: expect.closeTo(2 / 3, 12) as number, D: 0, E: 0.5 });
  });

  it('differs from the majority vote where the skilled workers are outvoted', () => {
    expect(byItem(inferTruth(votes, { method: 'mv' })).get('i6')!.label).toBe('x');
  });
});

describe('inferTruth: Dawid-Skene, by hand', () => {
  // Worker A: i1 x, i2 x, i3 y. Worker B: i1 x, i2 y, i3 y. Smoothing 0.5 per cell.
  // MV start: i1 (1, 0), i2 (1/2, 1/2), i3 (0, 1).
  // M-step: prior x = (1 + 1/2 + 0 + 0.5) / (3 + 1) = 1/2.
  //   A, true x: said x 1 + 1/2, said y 0  -> (2, 0.5)/2.5 = (0.8, 0.2); true y: x 1/2, y 1 -> (0.4, 0.6).
  //   B, true x: said x 1, said y 1/2      -> (0.6, 0.4);               true y: x 0, y 3/2  -> (0.2, 0.8).
  // E-step: i1 x: .5·.8·.6 = .24, y: .5·.4·.2 = .04 -> P(x) = 6/7
  //         i2 x: .5·.8·.4 = .16, y: .5·.4·.8 = .16 -> 1/2, tie -> y (i2's tie key is odd)
  //         i3 x: .5·.2·.4 = .04, y: .5·.6·.8 = .24 -> P(y) = 6/7
  // Final M-step on that posterior: prior (1/2, 1/2); A: pi_xx = (6/7 + 1/2 + 1/2) / (2 + 1) = 26/35,
  //   pi_yy = (6/7 + 1/2) / (2 + 1) = 19/35 -> accuracy (26 + 19) / 70 = 9/14; B is A's mirror image: 9/14.
  const votes = table({ i1: 'A:x B:x', i2: 'A:x B:y', i3: 'A:y B:y' });

  it('runs one EM iteration exactly as worked out', () => {
    expect(tieKey('i2') % 2).toBe(1);
    const result = inferTruth(votes, { method: 'ds', maxIterations: 1, smoothing: 0.5 });
    expect(result.method).toBe('ds');
    expect(result.iterations).toBe(1);
    const items = byItem(result);
    expect(items.get('i1')!.posterior.x).toBeCloseTo(6 / 7, 12);
    expect(items.get('i2')!.posterior.x).toBeCloseTo(0.5, 12);
    expect(items.get('i2')!.label).toBe('y');
    expect(items.get('i3')!.posterior.y).toBeCloseTo(6 / 7, 12);
    expect(result.items.map(({ label }) => label)).toEqual(['x', 'y', 'y']);
    expect(accuracyOf(result).A).toBeCloseTo(9 / 14, 12);
    expect(accuracyOf(result).B).toBeCloseTo(9 / 14, 12);
  });

  it('stops once the log-likelihood settles', () => {
    const result = inferTruth(votes, { method: 'ds', smoothing: 0.5, tolerance: 1e-9, maxIterations: 500 });
    expect(result.iterations).toBeGreaterThan(1);
    expect(result.iterations).toBeLessThan(500);
  });

  it('stays finite with hundreds of votes per item (log space)', () => {
    const { votes: many, truth } = crowd(
      30,
      3,
      Array.from({ length: 400 }, () => 0.9),
      7,
    );
    const result = inferTruth(many, { method: 'ds' });
    for (const { posterior, confidence } of result.items) {
      expect(Number.isFinite(confidence)).toBe(true);
      expect(Object.values(posterior).every(Number.isFinite)).toBe(true);
    }
    expect(accuracyAgainst(result, truth)).toBe(1);
  });

  it('gives a worker who never saw a class a flat row, not NaN', () => {
    // w2 only labels item "a": its rows for the other classes are pure pseudo-counts.
    const result = inferTruth(table({ a: 'w1:x w2:x', b: 'w1:y w3:y', c: 'w1:z w3:z' }), { method: 'ds' });
    expect(result.workers.every(({ accuracy }) => accuracy > 0 && accuracy < 1)).toBe(true);
    expect(result.items.map(({ label }) => label)).toEqual(['x', 'y', 'z']);
  });
});

describe('inferTruth: properties', () => {
  const methods: readonly TruthMethod[] = TRUTH_METHODS;

  // With one candidate (parameters given), nothing is drawn from the names but tie-breaks, which
  // are a hash of the item's name: items keep theirs here, workers are renamed.
  it.each(methods)('%s: renaming workers and reordering votes changes nothing', (method) => {
    const random = seededRandom(11);
    const { votes } = crowd(80, 3, [0.9, 0.8, 0.7, 0.6, 0.5, 0.35], 3);
    const sparse = votes.filter(() => random() < 0.7);
    const itemName = new Map([...new Set(sparse.map((v) => v.item))].map((item) => [item, item]));
    const workerName = new Map(shuffled([...new Set(sparse.map((v) => v.worker))], random).map((worker, i) => [worker, `anon-${i}`]));
    const renamed = shuffled(sparse, random).map((v) => ({
      item: itemName.get(v.item)!,
      worker: workerName.get(v.worker)!,
      label: v.label,
    }));

    const fixed = { method, smoothing: 0.5, itemPenalty: 10 };
    const original = inferTruth(sparse, fixed);
    const other = inferTruth(renamed, fixed);
    expect(other.iterations).toBe(original.iterations);
    const otherItems = byItem(other);
    for (const entry of original.items) {
      const twin = otherItems.get(itemName.get(entry.item)!)!;
      expect(twin.label).toBe(entry.label);
      expect(twin.confidence).toBeCloseTo(entry.confidence, 9);
    }
    const otherWorkers = accuracyOf(other);
    for (const { worker, accuracy } of original.workers) expect(otherWorkers[workerName.get(worker)!]).toBeCloseTo(accuracy, 9);
  });

  it.each([...methods, 'auto'] as const)('%s: input order does not matter', (method) => {
    const { votes } = crowd(60, 4, [0.85, 0.7, 0.6, 0.45, 0.3], 5);
    const a = inferTruth(votes, { method });
    const b = inferTruth(shuffled(votes, seededRandom(99)), { method });
    const bItems = byItem(b);
    for (const entry of a.items) {
      expect(bItems.get(entry.item)!.label).toBe(entry.label);
      expect(bItems.get(entry.item)!.confidence).toBeCloseTo(entry.confidence, 9);
    }
  });

  // With smoothing a Dawid-Skene posterior is 1 only up to ~(0.5 / n)^votes, n labels per confusion
  // row: 7 perfect workers on 60 items of 3 classes put that near 1e-12. The same pseudo-counts keep
  // a perfect worker's estimated accuracy at (n + 0.5) / (n + 1.5), about 0.95 here. Minimax
  // entropy's Gaussian priors bound every logit the same way: a posterior ~1 - 1e-8 here, and a
  // perfect worker's accuracy near 0.9 (the item terms take part of the credit).
  it.each([...methods, 'auto'] as const)('%s: perfect workers give the truth with confidence 1', (method) => {
    const { votes, truth } = crowd(60, 3, [1, 1, 1, 1, 1, 1, 1], 21);
    const result = inferTruth(votes, { method });
    for (const { item, label, confidence } of result.items) {
      expect(label).toBe(truth.get(item));
      expect(confidence).toBeGreaterThan(method === 'mmce' ? 1 - 1e-6 : 1 - 1e-9);
    }
    const floor = method === 'mmce' ? 0.85 : method === 'ds' || method === 'auto' ? 0.95 : 1 - 1e-12;
    for (const { accuracy } of result.workers) expect(accuracy).toBeGreaterThan(floor);
  });

  it.each([...methods, 'auto'] as const)('%s: gold answers are never overturned, even by every worker', (method) => {
    const { votes } = crowd(40, 2, [0.9, 0.9, 0.9, 0.9, 0.9], 8);
    const gold = new Map([
      ['item-0', 'c0'],
      ['item-1', 'c1'],
      ['item-2', 'never-voted'],
    ]);
    const contrary = votes.map((v) => (v.item === 'item-0' ? { ...v, label: 'c1' } : v.item === 'item-1' ? { ...v, label: 'c0' } : v));
    const items = byItem(inferTruth(contrary, { method, gold }));
    for (const [item, answer] of gold) {
      const entry = items.get(item)!;
      expect(entry.label).toBe(answer);
      expect(entry.confidence).toBe(1);
      expect(entry.posterior[answer]).toBe(1);
      expect(Object.values(entry.posterior).reduce((sum, p) => sum + p, 0)).toBe(1);
    }
  });

  it('uses gold items to learn about workers (ds)', () => {
    // Two workers who always disagree: without gold, the majority cannot tell which one is right.
    const votes = table({ g1: 'A:x B:y', g2: 'A:y B:x', g3: 'A:x B:y', u: 'A:x B:y' });
    const gold = new Map([
      ['g1', 'y'],
      ['g2', 'x'],
      ['g3', 'y'],
    ]);
    const result = inferTruth(votes, { method: 'ds', gold });
    expect(byItem(result).get('u')!.label).toBe('y');
    expect(accuracyOf(result).B).toBeGreaterThan(accuracyOf(result).A!);
  });

  it('Dawid-Skene beats the majority vote when a few workers are always wrong', () => {
    // 3 classes; 6 honest workers (0.7) and 3 adversaries who always name the next class. The
    // adversaries outvote the truth whenever a few honest workers slip; their confusion matrices are
    // a permutation, which Dawid-Skene learns and inverts. (With adversaries in the majority the
    // rotated labelling explains the votes equally well: no method can tell the two apart.)
    const { votes, truth } = crowd(300, 3, [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0, 0, 0], 13);
    const mv = accuracyAgainst(inferTruth(votes, { method: 'mv' }), truth);
    const ds = accuracyAgainst(inferTruth(votes, { method: 'ds' }), truth);
    expect(ds).toBeGreaterThan(mv + 0.1);
    expect(ds).toBeGreaterThan(0.97);
    const auto = inferTruth(votes);
    expect(auto.method).toBe('ds');
    expect(accuracyAgainst(auto, truth)).toBe(ds);
  });

  it('gives the same result for Vote[] and for its encoding', () => {
    const { votes } = crowd(50, 3, [0.9, 0.7, 0.5], 4);
    expect(inferTruth(encodeVotes(votes), { method: 'ds' })).toEqual(inferTruth(votes, { method: 'ds' }));
  });

  it('posteriors sum to 1 and confidence is the posterior of the label', () => {
    const { votes } = crowd(50, 4, [0.9, 0.6, 0.4], 6);
    for (const method of methods) {
      for (const { label, confidence, posterior } of inferTruth(votes, { method }).items) {
        expect(Object.values(posterior).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
        expect(posterior[label]).toBe(confidence);
        expect(Math.max(...Object.values(posterior))).toBe(confidence);
      }
    }
  });

  it('keeps a label named __proto__ as a plain key', () => {
    const result = inferTruth(table({ a: 'w1:__proto__ w2:__proto__ w3:x' }), { method: 'mv' });
    expect(result.items[0]!.label).toBe('__proto__');
    expect(Object.keys(result.items[0]!.posterior)).toEqual(['__proto__', 'x']);
  });
});

describe('inferTruth: auto', () => {
  it('returns nothing for no votes', () => {
    expect(inferTruth([])).toEqual({ method: 'mv', items: [], workers: [], iterations: 0 });
  });

  it('reports every candidate it tried and the winner', () => {
    const { votes } = crowd(60, 3, [0.9, 0.8, 0.7, 0.6, 0.5], 12);
    const { method, selection } = inferTruth(votes);
    expect(selection).toBeDefined();
    expect(selection!.criterion).toBe('held-out-likelihood');
    expect(selection!.scores.map(({ candidate }) => candidate)).toContain(selection!.winner);
    expect(selection!.scores.find(({ candidate }) => candidate === selection!.winner)!.method).toBe(method);
    const scores = selection!.scores.filter(({ settingChosen }) => settingChosen).map(({ heldOutLogLikelihood }) => heldOutLogLikelihood!);
    const best = Math.max(...scores);
    expect(selection!.scores.find(({ candidate }) => candidate === selection!.winner)!.heldOutLogLikelihood).toBe(best);
    expect(selection!.margin).toBeCloseTo(best - [...scores].sort((x, y) => y - x)[1]!, 12);
    expect(selection!.heldOutVotes).toBeGreaterThan(0);
  });
});

describe('inferTruth: options', () => {
  const votes = table({ a: 'w1:x w2:x' });

  it.each([{ method: 'glad' as never }, { maxIterations: 0 }, { maxIterations: 1.5 }, { tolerance: -1 }, { smoothing: 0 }])(
    'refuses %o',
    (options) => {
      expect(() => inferTruth(votes, { method: 'ds', ...options })).toThrow(QualityError);
    },
  );

  it.each([{ itemPenalty: 0 }, { workerPenalty: -1 }, { tolerance: -1 }])('mmce refuses %o', (options) => {
    expect(() => inferTruth(votes, { method: 'mmce', ...options })).toThrow(QualityError);
  });
});

describe('inferTruth: inputs that must not skew it', () => {
  it('takes no class from the gold of an item nobody voted on', () => {
    const votes: Vote[] = [
      { item: 'a', worker: 'w1', label: 'x' },
      { item: 'a', worker: 'w2', label: 'y' },
      { item: 'b', worker: 'w1', label: 'y' },
    ];
    for (const method of TRUTH_METHODS) {
      const result = inferTruth(votes, { method, gold: new Map([['nobody', 'phantom']]) });
      expect(Object.keys(result.items[0]!.posterior).sort(), method).toEqual(['x', 'y']);
    }
  });

  it('refuses ds and mmce by name when their matrices would not fit, naming the way out', { timeout: 30_000 }, () => {
    // 1,000 classes (each worker votes once per item): 60 workers x 1,000² values for ds, more for mmce.
    const votes: Vote[] = Array.from({ length: 6_000 }, (_, v) => ({
      item: `i${v % 100}`,
      worker: `w${Math.floor(v / 100)}`,
      label: `l${v % 1_000}`,
    }));
    for (const method of ['ds', 'mmce'] as const) {
      expect(() => inferTruth(votes, { method })).toThrow(/use mv, wawa or auto/);
    }
    expect(inferTruth(votes, { method: 'auto' }).items).toHaveLength(100);
  });
});
