import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../quality/domain/seeded-random.js';
import { pearson } from './column-pair-metrics.js';
import { choleskyWithRepair, copulaSampler, fitGaussianCopula } from './copula.js';
import { standardNormal } from './normal.js';
import type { Row } from './table.js';

function bivariateNormal(n: number, rho: number, seed: number): Row[] {
  const normal = standardNormal(seededRandom(seed));
  return Array.from({ length: n }, () => {
    const x = normal();
    return [x, rho * x + Math.sqrt(1 - rho * rho) * normal()];
  });
}

function sample(rows: readonly Row[], kinds: Array<'number' | 'category'>, count: number, seed: number): Row[] {
  const model = fitGaussianCopula(rows, kinds, seededRandom(seed));
  const next = copulaSampler(model, seededRandom(seed + 1));
  return Array.from({ length: count }, () => next());
}

describe('Gaussian copula', () => {
  it("recovers a bivariate normal's correlation within sampling error", () => {
    const n = 4000;
    const rho = 0.7;
    const rows = sample(bivariateNormal(n, rho, 1), ['number', 'number'], n, 2);
    // The sample correlation's standard error is (1 − ρ²)/√n, once for the fitted data and once for
    // the sampled rows; four combined standard errors leave a chance of a false failure below 1e-4.
    const bound = (4 * Math.SQRT2 * (1 - rho * rho)) / Math.sqrt(n);
    const r = pearson(
      rows.map((row) => row[0]!),
      rows.map((row) => row[1]!),
    );
    expect(Math.abs(r - rho)).toBeLessThan(bound);
  });

  it('recovers category frequencies, missing shares and keeps numbers inside the observed range', () => {
    const random = seededRandom(3);
    const n = 5000;
    const shares: Array<[string, number]> = [
      ['a', 0.5],
      ['b', 0.3],
      ['c', 0.2],
    ];
    const source: Row[] = Array.from({ length: n }, () => {
      const u = random();
      const category = u < 0.5 ? 'a' : u < 0.8 ? 'b' : 'c';
      return [category, random() < 0.3 ? null : Math.round(random() * 100) / 10];
    });
    const rows = sample(source, ['category', 'number'], n, 4);
    for (const [category, p] of shares) {
      const observed = source.filter((row) => row[0] === category).length / n;
      const synthetic = rows.filter((row) => row[0] === category).length / n;
      expect(Math.abs(synthetic - observed)).toBeLessThan(4 * Math.sqrt((2 * p * (1 - p)) / n));
    }
    const missing = rows.filter((row) => row[1] === null).length / n;
    expect(Math.abs(missing - 0.3)).toBeLessThan(4 * Math.sqrt((2 * 0.3 * 0.7) / n));
    const numbers = rows.flatMap((row) => (typeof row[1] === 'number' ? [row[1]] : []));
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(10);
    // Rounded to the one decimal the source has.
    expect(numbers.every((value) => Math.abs(value * 10 - Math.round(value * 10)) < 1e-9)).toBe(true);
  });

  it('gives the same rows for the same seed and other rows for another', () => {
    const source = bivariateNormal(500, 0.3, 5);
    expect(sample(source, ['number', 'number'], 50, 6)).toEqual(sample(source, ['number', 'number'], 50, 6));
    expect(sample(source, ['number', 'number'], 50, 6)).not.toEqual(sample(source, ['number', 'number'], 50, 8));
  });

  it('repairs a singular correlation matrix into a positive definite one with a unit diagonal', () => {
    const { cholesky, repair } = choleskyWithRepair([
      [1, 1],
      [1, 1],
    ]);
    expect(repair).toBeGreaterThan(0);
    expect(cholesky[0]![0]! ** 2).toBeCloseTo(1, 9);
    expect(cholesky[1]![0]! ** 2 + cholesky[1]![1]! ** 2).toBeCloseTo(1, 9);
    // Two copies of one column stay (almost) perfectly correlated.
    const rows = sample(
      bivariateNormal(300, 0.2, 9).map((row) => [row[0]!, row[0]!]),
      ['number', 'number'],
      300,
      10,
    );
    expect(
      pearson(
        rows.map((row) => row[0]!),
        rows.map((row) => row[1]!),
      ),
    ).toBeGreaterThan(0.99);
  });
});
