/**
 * Standard normal draws by the Box-Muller transform (Box & Muller, 1958) over the seeded mulberry32
 * stream, so the same seed gives the same rows; Φ and Φ⁻¹ are @stdlib's (W. J. Cody's erfc and
 * the inverse error function), not approximations of our own.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export function standardNormal(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

export function phi(z: number): number {
  return normalCdf(z, 0, 1);
}

export function phiInverse(u: number): number {
  return normalQuantile(u, 0, 1);
}
