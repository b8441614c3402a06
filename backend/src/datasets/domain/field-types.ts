/**
 * Types the items' data fields by what their values look like, as SDV's metadata detection does
 * (sdv/metadata/single_table.py: numbers are numerical, few distinct strings are categorical,
 * ISO dates are datetimes, the rest is text): one pass, a bounded set of distinct values per field.
 * Nested objects and arrays are text (their JSON). The `text` field of text-like projects is text
 * whatever its values look like.
 */
import type { FieldType } from './dataset-record.js';

/** A string field with at most this many distinct values (and a repeat rate to match) is categorical. */
const MAX_CATEGORIES = 50;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

interface FieldTally {
  values: number;
  numbers: number;
  booleans: number;
  dates: number;
  others: number;
  /** Distinct string values, until there are too many to be categories. */
  distinct: Set<string> | null;
}

export class FieldTypeInference {
  private readonly fields = new Map<string, FieldTally>();

  add(data: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(data)) {
      if (value === null || value === undefined) continue;
      let tally = this.fields.get(name);
      if (!tally) {
        tally = { values: 0, numbers: 0, booleans: 0, dates: 0, others: 0, distinct: new Set() };
        this.fields.set(name, tally);
      }
      tally.values++;
      if (typeof value === 'number') tally.numbers++;
      else if (typeof value === 'boolean') tally.booleans++;
      else if (typeof value === 'string') {
        if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) tally.dates++;
        if (tally.distinct) {
          tally.distinct.add(value);
          if (tally.distinct.size > MAX_CATEGORIES) tally.distinct = null;
        }
      } else tally.others++;
    }
  }

  /** The fields in name order (code units), each with its type. */
  result(): Array<{ name: string; type: FieldType }> {
    return [...this.fields.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, t]) => ({ name, type: name === 'text' ? 'text' : typeOf(t) }));
  }
}

function typeOf(t: FieldTally): FieldType {
  if (t.others > 0) return 'text';
  if (t.numbers === t.values) return 'numeric';
  if (t.booleans === t.values) return 'boolean';
  if (t.dates === t.values) return 'date';
  if (t.numbers + t.booleans > 0) return 'text';
  // Categories repeat: as many distinct values as rows is an identifier or free text, not a class.
  if (t.distinct && t.distinct.size <= Math.max(2, t.values / 2)) return 'categorical';
  return 'text';
}
