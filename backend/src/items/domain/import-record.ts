import {
  validateItemData,
  validateResult,
  type ItemShape,
  type LabelSchema,
  type ProjectType,
} from '../../projects/domain/label-schema.js';

export interface ItemRecord {
  externalId: string | null;
  data: Record<string, unknown>;
  shape: ItemShape;
  /** A gold item's known answer, checked like a submitted result. */
  gold: unknown;
}

const EXTERNAL_ID = /^[\w.:\-/@+=#~ ]{1,200}$/;

/**
 * Checks one imported record `{externalId?, data, gold?}` against the project's schema; `data` may
 * take at most `maxDataBytes` as JSON (MAX_ITEM_BYTES).
 */
export function toItemRecord(schema: LabelSchema | ProjectType, raw: unknown, maxDataBytes: number): ItemRecord | { message: string } {
  const type = typeof schema === 'string' ? schema : schema.type;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { message: 'each item must be an object {"externalId"?, "data": {...}}' };
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'externalId' && key !== 'data' && key !== 'gold') {
      return { message: `unexpected field "${key}"; expected externalId, data and gold` };
    }
  }
  let externalId: string | null = null;
  if (record['externalId'] !== undefined && record['externalId'] !== null) {
    const value = record['externalId'];
    if (typeof value !== 'string' && typeof value !== 'number') return { message: 'externalId must be a string' };
    externalId = String(value);
    if (!EXTERNAL_ID.test(externalId))
      return { message: 'externalId must be 1-200 characters of letters, digits and . : - / @ + = # ~ _ or spaces' };
  }
  const checked = validateItemData(type, record['data']);
  if (!checked.ok) return { message: `${checked.field}: ${checked.message}` };
  const data = record['data'] as Record<string, unknown>;
  const json = JSON.stringify(data);
  if (Buffer.byteLength(json) > maxDataBytes) return { message: `data is larger than ${maxDataBytes} bytes` };
  // PostgreSQL's jsonb cannot hold the NUL character.
  if (json.includes('\\u0000')) return { message: 'data must not contain the NUL character (\\u0000)' };
  let gold: unknown = null;
  if (record['gold'] !== undefined && record['gold'] !== null) {
    if (typeof schema === 'string') return { message: 'gold answers need the project labels' };
    const checkedGold = validateResult(schema, checked.shape, record['gold']);
    if (!checkedGold.ok) return { message: `gold: ${checkedGold.field.replace(/^result/, 'gold')} ${checkedGold.message}` };
    gold = checkedGold.result;
  }
  return { externalId, data, shape: checked.shape, gold };
}
