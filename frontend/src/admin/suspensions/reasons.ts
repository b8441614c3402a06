import type { SuspensionReason } from '../types';

/** A reason's measurements (everything but the rule) as `name: value` pairs, in the order sent. */
export function reasonMeasurements(reason: SuspensionReason): Array<[string, string]> {
  return Object.entries(reason)
    .filter(([name, value]) => name !== 'rule' && value !== undefined && value !== null)
    .map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]);
}
