/**
 * Field typing by inference over the records' `data`, in SDV's metadata vocabulary (sdtypes numerical,
 * categorical, boolean, datetime; "Metadata.detect_from_dataframe") plus free text. Every rule reads
 * the values only, in this order, over the non-missing values of a field (null, undefined and ''):
 *
 *   1. boolean: every value is a JSON boolean or the string true/false (any case);
 *   2. numeric: every value is a finite number or a decimal number written as a string;
 *   3. date: every value is an ISO 8601 date or date-time string that Date.parse accepts;
 *   4. otherwise the values are compared as strings (objects and arrays as their JSON):
 *      text when more than half of them are distinct, categorical otherwise.
 *
 * The one threshold, "more than half distinct", is where a value is on average seen less than twice:
 * below it a frequency (the copula's categorical marginal) can be learnt; above it the values are
 * mostly singletons, which a frequency model could only replay verbatim, a privacy leak, so they are
 * free text for the label-conditioned text generator. It is a property of counting, not a constant
 * fitted to any dataset. A field with no value at all is categorical (its only category is missing).
 */
import type { FieldType } from '../../../datasets/domain/dataset-record.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value));
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMBER.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Milliseconds since the epoch of an ISO 8601 date string; numbers are taken as milliseconds already. */
export function asDate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !ISO_DATE.test(value.trim())) return undefined;
  const parsed = Date.parse(value.trim());
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** The string a categorical or text value is compared as. */
export function categoryKey(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function inferFieldType(values: readonly unknown[]): FieldType {
  const present = values.filter((value) => !isMissing(value));
  if (present.length === 0) return 'categorical';
  if (present.every((value) => asBoolean(value) !== undefined)) return 'boolean';
  if (present.every((value) => asNumber(value) !== undefined)) return 'numeric';
  if (present.every((value) => typeof value === 'string' && asDate(value) !== undefined)) return 'date';
  const distinct = new Set(present.map(categoryKey)).size;
  return distinct * 2 > present.length ? 'text' : 'categorical';
}

/** The fields of the records' data in the order they first appear, each typed by `inferFieldType`. */
export function inferFields(data: Iterable<Record<string, unknown>>): Array<{ name: string; type: FieldType }> {
  const columns = new Map<string, unknown[]>();
  let count = 0;
  for (const row of data) {
    for (const [name, value] of Object.entries(row)) {
      let column = columns.get(name);
      if (!column) {
        // Records seen before this field appeared had it missing.
        column = new Array<unknown>(count).fill(null);
        columns.set(name, column);
      }
      column.push(value);
    }
    count++;
    for (const column of columns.values()) if (column.length < count) column.push(null);
  }
  return [...columns].map(([name, values]) => ({ name, type: inferFieldType(values) }));
}
