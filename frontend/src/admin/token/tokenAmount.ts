import { groupDigits } from './budget';

/** Below this a nonzero amount shows as "< 0.0001": more digits tell a reader nothing at a glance. */
const SMALLEST_SHOWN = 0.0001;
/** From a million up, amounts show in compact notation (1.2M); past a quadrillion, in scientific notation. */
const COMPACT_FROM = 1_000_000;
const SCIENTIFIC_FROM = 1e15;

export interface ShownAmount {
  /** What fits in a card or a cell: rounded, never more than a dozen characters. */
  short: string;
  /** The exact amount with its whole part grouped, for the tooltip. */
  full: string;
}

/**
 * A decimal token string (up to 18 decimals, as the API sends them) rounded for reading. The rounding
 * goes through a float, which is exact enough for display; the full value keeps every digit.
 */
export function shownAmount(amount: string): ShownAmount {
  const full = groupDigits(amount);
  const value = Number(amount);
  if (!/^-?\d+(\.\d+)?$/.test(amount) || !Number.isFinite(value)) return { short: amount, full: amount };
  const size = Math.abs(value);
  let short: string;
  if (size === 0) short = '0';
  else if (size < SMALLEST_SHOWN) short = `${value < 0 ? '> -' : '< '}${SMALLEST_SHOWN}`;
  else if (size < 1) short = value.toLocaleString('en', { maximumSignificantDigits: 4 });
  else if (size < COMPACT_FROM) short = value.toLocaleString('en', { maximumFractionDigits: 2 });
  else if (size < SCIENTIFIC_FROM) short = value.toLocaleString('en', { notation: 'compact', maximumFractionDigits: 2 });
  else short = value.toLocaleString('en', { notation: 'scientific', maximumFractionDigits: 2 });
  return { short, full };
}
