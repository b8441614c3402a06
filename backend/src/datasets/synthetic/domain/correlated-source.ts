/**
 * A source version with known distributions, for the synthesizer's tests and benchmark: a classified
 * table whose fields are correlated through a latent bivariate normal (ρ = LATENT_CORRELATION):
 *   age      numeric, 30 + 10·z₁ rounded, 5% missing
 *   income   numeric, lognormal exp(10 + 0.5·z₂) rounded to cents
 *   member   boolean, z₁ + e > 0.5
 *   signup   date (YYYY-MM-DD), 2020-01-01 + ⌊1000·Φ(e')⌋ days, independent
 *   city     categorical, CITY_SHARES, independent of the rest
 *   label    'high' when z₂ + 0.5·e > 0, else 'low'
 * with z₁, z₂ standard normal of correlation ρ and e, e' independent standard normals.
 */
import type { DatasetRecord, DatasetSchema } from '../../../datasets/domain/dataset-record.js';
import { seededRandom } from '../../../quality/domain/seeded-random.js';
import { phi, standardNormal } from './normal.js';

export const LATENT_CORRELATION = 0.6;
export const CITY_SHARES: ReadonlyArray<[string, number]> = [
  ['Lisbon', 0.4],
  ['Porto', 0.3],
  ['Braga', 0.2],
  ['Faro', 0.1],
];

export const CORRELATED_SCHEMA: DatasetSchema = {
  projectType: 'classification',
  labels: ['low', 'high'],
  fields: [
    { name: 'age', type: 'numeric' },
    { name: 'income', type: 'numeric' },
    { name: 'member', type: 'boolean' },
    { name: 'signup', type: 'date' },
    { name: 'city', type: 'categorical' },
  ],
};

export function correlatedSource(count: number, seed: number): DatasetRecord[] {
  const random = seededRandom(seed);
  const normal = standardNormal(random);
  const rho = LATENT_CORRELATION;
  return Array.from({ length: count }, (_, i) => {
    const z1 = normal();
    const z2 = rho * z1 + Math.sqrt(1 - rho * rho) * normal();
    const e = normal();
    const u = random();
    let city = CITY_SHARES[CITY_SHARES.length - 1]![0];
    for (let k = 0, cumulative = 0; k < CITY_SHARES.length; k++) {
      cumulative += CITY_SHARES[k]![1];
      if (u < cumulative) {
        city = CITY_SHARES[k]![0];
        break;
      }
    }
    const missingAge = random() < 0.05;
    const signup = new Date(Date.UTC(2020, 0, 1) + Math.floor(1000 * phi(normal())) * 86_400_000).toISOString().slice(0, 10);
    return {
      id: `item-${i + 1}`,
      itemId: i + 1,
      split: i % 10 < 8 ? 'train' : i % 10 < 9 ? 'validation' : 'test',
      data: {
        age: missingAge ? null : Math.round(30 + 10 * z1),
        income: Math.round(Math.exp(10 + 0.5 * z2) * 100) / 100,
        member: z1 + normal() > 0.5,
        signup,
        city,
      },
      media: null,
      answer: { label: z2 + 0.5 * e > 0 ? 'high' : 'low' },
      confidence: 0.8 + 0.2 * random(),
      source: 'inferred',
      method: 'ds@2',
      annotations: [],
    };
  });
}
