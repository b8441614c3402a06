/**
 * Distance to closest record, as SDMetrics computes it (sdmetrics/single_table/privacy/dcr_utils.py):
 * the distance between two rows is the mean over the columns of
 *   - numeric and date: min(|a − b| / range, 1), range = max − min of the reference (real) column
 *     (a zero range: 0 when equal, else 1);
 *   - categorical and boolean: 0 when equal, else 1;
 *   - missing against a value: 1; missing against missing: 0;
 * and a row's DCR is its smallest distance to any reference row.
 *
 * DCRBaselineProtection = min(median DCR(synthetic → real) / median DCR(random → real), 1), the random
 * rows drawn uniformly within each real column's range or over its categories, as many as the
 * synthetic rows compared. It is 0 for a copy of the real data and near 1 when synthetic rows sit no
 * closer to real ones than random points do.
 */
import type { Cell, ColumnSpec, Row } from './table.js';
import { cellKind } from './table.js';

export interface DistanceColumns {
  /** Row positions of the compared columns. */
  indices: number[];
  /** Per compared column: the real range for numbers, undefined for categories. */
  ranges: Array<number | undefined>;
}

/** The columns DCR compares (data fields that are not text, and the label) with their real ranges. */
export function distanceColumns(columns: readonly ColumnSpec[], real: readonly Row[]): DistanceColumns {
  const indices: number[] = [];
  const ranges: Array<number | undefined> = [];
  columns.forEach((column, index) => {
    if (column.role === 'confidence' || column.type === 'text') return;
    indices.push(index);
    if (cellKind(column.type) !== 'number') {
      ranges.push(undefined);
      return;
    }
    let min = Infinity;
    let max = -Infinity;
    for (const row of real) {
      const value = row[index];
      if (typeof value === 'number') {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    ranges.push(min === Infinity ? 0 : max - min);
  });
  return { indices, ranges };
}

/** The distance between two rows (see above): distancesToClosest's, over one reference row. */
export function rowDistance(a: Row, b: Row, columns: DistanceColumns): number {
  return distancesToClosest([a], [b], columns)[0]!;
}

/** The compared columns of some rows, column by column: numbers (NaN missing) or category codes (-1 missing). */
interface EncodedColumns {
  numbers: Array<Float64Array | undefined>;
  codes: Array<Int32Array | undefined>;
}

function encodeRows(rows: readonly Row[], columns: DistanceColumns, categories: Array<Map<Cell, number>>): EncodedColumns {
  const numbers: EncodedColumns['numbers'] = [];
  const codes: EncodedColumns['codes'] = [];
  columns.indices.forEach((index, j) => {
    if (columns.ranges[j] === undefined) {
      const known = categories[j]!;
      // A category the reference lacks gets a code of its own (equal to nothing there, equal to itself).
      codes.push(
        Int32Array.from(rows, (row) => {
          const cell = row[index] ?? null;
          if (cell === null) return -1;
          let code = known.get(cell);
          if (code === undefined) known.set(cell, (code = known.size));
          return code;
        }),
      );
      numbers.push(undefined);
    } else {
      numbers.push(Float64Array.from(rows, (row) => (typeof row[index] === 'number' ? row[index] : Number.NaN)));
      codes.push(undefined);
    }
  });
  return { numbers, codes };
}

/**
 * Each query row's distance to its closest reference row (the distance of the module's comment, over rows
 * encoded column by column, a reference row given up once its partial sum reaches the best so far).
 * `skip[q]`: a reference row query q is not compared with (itself, for real-to-real neighbours).
 */
export function distancesToClosest(
  queries: readonly Row[],
  reference: readonly Row[],
  columns: DistanceColumns,
  skip?: Int32Array,
): Float64Array {
  const out = new Float64Array(queries.length);
  const width = columns.indices.length;
  if (width === 0) return out.fill(reference.length > 0 ? 0 : Infinity);
  const categories = columns.indices.map(() => new Map<Cell, number>());
  const ref = encodeRows(reference, columns, categories);
  const query = encodeRows(queries, columns, categories);
  const ranges = columns.ranges;
  for (let q = 0; q < queries.length; q++) {
    const skipped = skip ? skip[q]! : -1;
    let best = Infinity; // the closest row's sum over the columns (the distance times width)
    for (let r = 0; r < reference.length && best > 0; r++) {
      if (r === skipped) continue;
      let sum = 0;
      for (let j = 0; j < width && sum < best; j++) {
        const codes = ref.codes[j];
        if (codes !== undefined) {
          const a = query.codes[j]![q]!;
          const b = codes[r]!;
          if (a !== b) sum += 1;
          continue;
        }
        const a = query.numbers[j]![q]!;
        const b = ref.numbers[j]![r]!;
        if (Number.isNaN(a) || Number.isNaN(b)) {
          if (Number.isNaN(a) !== Number.isNaN(b)) sum += 1;
          continue;
        }
        const range = ranges[j]!;
        const gap = Math.abs(a - b);
        sum += range === 0 ? (gap === 0 ? 0 : 1) : Math.min(gap / range, 1);
      }
      if (sum < best) best = sum;
    }
    out[q] = best / width;
  }
  return out;
}

export function median(values: Float64Array): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rows drawn uniformly in each compared column's real range or over its real categories (other columns missing). */
export function randomBaselineRows(
  real: readonly Row[],
  columns: DistanceColumns,
  width: number,
  count: number,
  random: () => number,
): Row[] {
  type Domain = { categories: Cell[] } | { min: number; max: number };
  const domains = columns.indices.map((index, j): Domain => {
    const values = real.map((row) => row[index] ?? null).filter((cell) => cell !== null);
    if (columns.ranges[j] === undefined) return { categories: [...new Set(values)] };
    const numbers = values as number[];
    return { min: numbers.length ? Math.min(...numbers) : 0, max: numbers.length ? Math.max(...numbers) : 0 };
  });
  return Array.from({ length: count }, () => {
    const row: Row = new Array<Cell>(width).fill(null);
    columns.indices.forEach((index, j) => {
      const domain = domains[j]!;
      if ('categories' in domain) {
        row[index] = domain.categories.length ? domain.categories[Math.floor(random() * domain.categories.length)]! : null;
      } else {
        row[index] = domain.min + random() * (domain.max - domain.min);
      }
    });
    return row;
  });
}

export function dcrBaselineProtection(syntheticDcr: Float64Array, randomDcr: Float64Array): number {
  const baseline = median(randomDcr);
  if (!(baseline > 0)) return Number.NaN;
  return Math.min(median(syntheticDcr) / baseline, 1);
}

/**
 * Share of synthetic rows whose DCR is below `threshold` (the median real-to-real nearest-neighbour
 * distance), a tie counting ½ as in SDMetrics' DCROverfittingProtection: where real rows repeat
 * (threshold 0), a synthetic row at distance 0 sits as close as real rows do to each other.
 */
export function shareCloserThan(syntheticDcr: Float64Array, threshold: number): number {
  if (syntheticDcr.length === 0) return Number.NaN;
  let closer = 0;
  for (const d of syntheticDcr) closer += d < threshold ? 1 : d === threshold ? 0.5 : 0;
  return closer / syntheticDcr.length;
}
