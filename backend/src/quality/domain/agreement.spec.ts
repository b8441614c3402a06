import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from './seeded-random.js';
import { fleissKappa, krippendorffAlpha, pairwiseAgreement } from './agreement.js';
import { QualityError, QualityErrorCode } from './quality-error.js';
import type { Vote } from './votes.js';

/** Reliability data as printed in papers: one row per coder, one column per unit, null = missing. */
function fromMatrix(rows: Record<string, ReadonlyArray<string | number | null>>): Vote[] {
  const votes: Vote[] = [];
  for (const [worker, values] of Object.entries(rows)) {
    for (const [u, value] of values.entries()) {
      if (value !== null) votes.push({ item: `unit${u + 1}`, worker, label: String(value) });
    }
  }
  return votes;
}

/** A Fleiss table: one row per subject, one column per category, each cell the number of raters. */
function fromCounts(table: readonly (readonly number[])[]): Vote[] {
  const votes: Vote[] = [];
  for (const [s, row] of table.entries()) {
    let rater = 0;
    for (const [category, count] of row.entries()) {
      for (let k = 0; k < count; k++) votes.push({ item: `subject${s + 1}`, worker: `rater${++rater}`, label: `category${category + 1}` });
    }
  }
  return votes;
}

function refusal(run: () => unknown): QualityError {
  try {
    run();
  } catch (error) {
    if (error instanceof QualityError) return error;
    throw error;
  }
  throw new Error('expected a QualityError');
}

function renamed(
  votes: readonly Vote[],
  rename: { item?: (s: string) => string; worker?: (s: string) => string; label?: (s: string) => string },
) {
  return votes.map(({ item, worker, label }) => ({
    item: rename.item ? rename.item(item) : item,
    worker: rename.worker ? rename.worker(worker) : worker,
    label: rename.label ? rename.label(label) : label,
  }));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal data, any
// number of observers, missing data. Unit 12 has a single value and is not pairable.
const KRIPPENDORFF_C = fromMatrix({
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
});

// Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa", worked example): 10 subjects, 14 raters
// each, 5 categories; P̄ = 0.378, P̄e = 0.213, kappa = 0.210.
const FLEISS_TABLE: ReadonlyArray<readonly number[]> = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];
const FLEISS = fromCounts(FLEISS_TABLE);

describe('krippendorffAlpha', () => {
  it("reproduces Krippendorff 2011's nominal example with missing data (alpha = 0.743)", () => {
    expect(KRIPPENDORFF_C).toHaveLength(41);
    // n = 40 pairable values with n_1..n_5 = 9, 13, 10, 5, 3, so sum_{c != k} n_c n_k = 1600 - 384 = 1216;
    // only units 2, 6 and 8 disagree, adding 6/3 + 12/3 + 6/3 = 8 to sum_{c != k} o_ck.
    expect(krippendorffAlpha(KRIPPENDORFF_C)).toBeCloseTo(1 - (39 * 8) / 1216, 12);
    expect(krippendorffAlpha(KRIPPENDORFF_C)).toBeCloseTo(0.743, 3);
  });

  it("reproduces Krippendorff 2011's binary example, two observers (alpha = 0.095)", () => {
    const votes = fromMatrix({ A: [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], B: [1, 1, 1, 0, 0, 1, 0, 0, 0, 0] });
    // n = 20, n_0 = 14, n_1 = 6, 4 disagreeing units: alpha = 1 - 19 * 8 / (2 * 14 * 6) = 2/21.
    expect(krippendorffAlpha(votes)).toBeCloseTo(2 / 21, 12);
    expect(krippendorffAlpha(votes)).toBeCloseTo(0.095, 3);
  });

  it("reproduces Krippendorff 2011's nominal example, two observers (alpha = 0.692)", () => {
    const votes = fromMatrix({
      A: ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'],
      B: ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'],
    });
    expect(krippendorffAlpha(votes)).toBeCloseTo(0.692, 3);
  });

  it('matches a small case computed by hand', () => {
    // Units [a,a], [a,b], [b,b], [c]: n = 6 (c is unpairable), o_ab + o_ba = 2, n_a = n_b = 3,
    // so alpha = 1 - 5 * 2 / (36 - 18) = 4/9.
    const votes = fromMatrix({ w1: ['a', 'a', 'b', 'c'], w2: ['a', 'b', 'b', null] });
    expect(krippendorffAlpha(votes)).toBeCloseTo(4 / 9, 12);
  });

  it('is 1 on perfect agreement, whatever the number of coders per unit', () => {
    const votes = fromMatrix({ w1: ['a', 'b', 'c', null], w2: ['a', 'b', null, 'd'], w3: ['a', null, 'c', 'd'] });
    expect(krippendorffAlpha(votes)).toBe(1);
  });

  it('is negative when coders disagree more than chance', () => {
    expect(krippendorffAlpha(fromMatrix({ w1: ['a', 'b'], w2: ['b', 'a'] }))).toBeLessThan(0);
  });

  it('is NaN when undefined: no pairable values, or no variation at all', () => {
    expect(krippendorffAlpha([])).toBeNaN();
    expect(krippendorffAlpha(fromMatrix({ w1: ['a', 'b'], w2: [null, null] }))).toBeNaN();
    expect(krippendorffAlpha(fromMatrix({ w1: ['a', 'a', 'b'], w2: ['a', 'a', null] }))).toBeNaN();
  });

  it('refuses two votes by one worker on one item', () => {
    const votes = [...KRIPPENDORFF_C, { item: 'unit1', worker: 'A', label: '1' }];
    expect(refusal(() => krippendorffAlpha(votes)).code).toBe(QualityErrorCode.VOTES_INVALID);
  });
});

describe('fleissKappa', () => {
  it("reproduces Fleiss 1971's worked example (kappa = 0.210)", () => {
    expect(FLEISS).toHaveLength(140);
    expect(fleissKappa(FLEISS)).toBeCloseTo(0.21, 3);
    // The intermediate values Wikipedia prints, from the rows and the column totals 20, 28, 39, 21, 32.
    const pBar = FLEISS_TABLE.reduce((sum, row) => sum + (row.reduce((s, c) => s + c * c, 0) - 14) / (14 * 13), 0) / 10;
    const pE = [20, 28, 39, 21, 32].reduce((sum, c) => sum + (c / 140) ** 2, 0);
    expect(pBar).toBeCloseTo(0.378, 3);
    expect(pE).toBeCloseTo(0.213, 3);
    expect(fleissKappa(FLEISS)).toBeCloseTo((pBar - pE) / (1 - pE), 12);
  });

  it("uses each item's own rater count, and skips items rated once", () => {
    // [a,a,a]: P = 1; [a,b]: P = 0; [b]: skipped. p_a = 4/5, p_b = 1/5, P̄e = 0.68, P̄ = 0.5.
    const votes = fromMatrix({ w1: ['a', 'a', 'b'], w2: ['a', 'b', null], w3: ['a', null, null] });
    expect(fleissKappa(votes)).toBeCloseTo((0.5 - 0.68) / (1 - 0.68), 12);
  });

  it('is 1 on perfect agreement', () => {
    expect(
      fleissKappa(
        fromCounts([
          [3, 0],
          [0, 3],
          [2, 0],
        ]),
      ),
    ).toBe(1);
  });

  it('is NaN when no item has two ratings, or every rating is in one category', () => {
    expect(fleissKappa([])).toBeNaN();
    expect(
      fleissKappa(
        fromCounts([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toBeNaN();
    expect(
      fleissKappa(
        fromCounts([
          [3, 0],
          [2, 0],
        ]),
      ),
    ).toBeNaN();
  });

  it('refuses two votes by one worker on one item', () => {
    expect(refusal(() => fleissKappa([...FLEISS, { item: 'subject1', worker: 'rater1', label: 'category1' }])).code).toBe(
      QualityErrorCode.VOTES_INVALID,
    );
  });
});

describe('pairwiseAgreement', () => {
  // i1: w1 a, w2 a, w3 b; i2: w1 a, w2 b; i3: w2 c, w3 c; i4: w4 alone.
  const votes: Vote[] = [
    { item: 'i1', worker: 'w1', label: 'a' },
    { item: 'i1', worker: 'w2', label: 'a' },
    { item: 'i1', worker: 'w3', label: 'b' },
    { item: 'i2', worker: 'w1', label: 'a' },
    { item: 'i2', worker: 'w2', label: 'b' },
    { item: 'i3', worker: 'w2', label: 'c' },
    { item: 'i3', worker: 'w3', label: 'c' },
    { item: 'i4', worker: 'w4', label: 'a' },
  ];

  it('counts common items and agreement for each pair, and means per worker', () => {
    expect(pairwiseAgreement(votes)).toEqual({
      pairs: [
        { a: 'w1', b: 'w2', common: 2, agreement: 0.5 },
        { a: 'w1', b: 'w3', common: 1, agreement: 0 },
        { a: 'w2', b: 'w3', common: 2, agreement: 0.5 },
      ],
      workers: [
        { worker: 'w1', meanAgreement: 0.25, pairs: 2 },
        { worker: 'w2', meanAgreement: 0.5, pairs: 2 },
        { worker: 'w3', meanAgreement: 0.25, pairs: 2 },
      ],
    });
  });

  it('orders by code unit, not by locale ("B" before "a")', () => {
    const result = pairwiseAgreement([
      { item: 'x', worker: 'a', label: '1' },
      { item: 'x', worker: 'B', label: '1' },
      { item: 'x', worker: 'C', label: '2' },
    ]);
    expect(result.pairs.map((p) => [p.a, p.b])).toEqual([
      ['B', 'C'],
      ['B', 'a'],
      ['C', 'a'],
    ]);
    expect(result.workers.map((w) => w.worker)).toEqual(['B', 'C', 'a']);
  });

  it('is empty when no two workers share an item', () => {
    expect(pairwiseAgreement([{ item: 'x', worker: 'a', label: '1' }])).toEqual({ pairs: [], workers: [] });
  });

  it('refuses two votes by one worker on one item', () => {
    expect(refusal(() => pairwiseAgreement([...votes, { item: 'i1', worker: 'w1', label: 'b' }])).code).toBe(
      QualityErrorCode.VOTES_INVALID,
    );
  });
});

describe('properties: renaming and reordering change nothing', () => {
  const datasets = { krippendorff: KRIPPENDORFF_C, fleiss: FLEISS };

  it.each(Object.entries(datasets))('%s: alpha and kappa are identical after shuffles and renames', (_, votes) => {
    const alpha = krippendorffAlpha(votes);
    const kappa = fleissKappa(votes);
    const next = seededRandom(42);
    for (let round = 0; round < 20; round++) {
      const variants = [
        shuffled(votes, next),
        renamed(shuffled(votes, next), { worker: (w) => `worker-${w.split('').reverse().join('')}` }),
        renamed(shuffled(votes, next), { item: (i) => `#${(i.length * 7919) % 13}-${i}` }),
        renamed(shuffled(votes, next), { label: (l) => `label ${l}` }),
      ];
      for (const variant of variants) {
        expect(krippendorffAlpha(variant)).toBe(alpha);
        expect(fleissKappa(variant)).toBe(kappa);
      }
    }
  });

  it.each(Object.entries(datasets))('%s: pairwise agreement is identical after shuffles, and follows worker renames', (_, votes) => {
    const expected = pairwiseAgreement(votes);
    const next = seededRandom(7);
    for (let round = 0; round < 20; round++) {
      expect(pairwiseAgreement(shuffled(votes, next))).toEqual(expected);
    }
    // Renaming reverses the workers' order: results are the same once mapped back and re-sorted.
    const rename = (w: string): string => String.fromCharCode(0xffff - w.charCodeAt(0)) + w.slice(1);
    const back = pairwiseAgreement(renamed(shuffled(votes, next), { worker: rename, item: (i) => `${i}!` }));
    const unrename = new Map(votes.map((v) => [rename(v.worker), v.worker]));
    const pairs = back.pairs
      .map((p) => {
        const [a, b] = [unrename.get(p.a)!, unrename.get(p.b)!].sort();
        return { ...p, a: a!, b: b! };
      })
      .sort((p, q) => (p.a === q.a ? (p.b < q.b ? -1 : 1) : p.a < q.a ? -1 : 1));
    expect(pairs).toEqual(expected.pairs);
    const workers = back.workers.map((w) => ({ ...w, worker: unrename.get(w.worker)! })).sort((p, q) => (p.worker < q.worker ? -1 : 1));
    expect(workers.map((w) => [w.worker, w.pairs])).toEqual(expected.workers.map((w) => [w.worker, w.pairs]));
    for (const [i, w] of workers.entries()) expect(w.meanAgreement).toBeCloseTo(expected.workers[i]!.meanAgreement, 12);
  });
});
