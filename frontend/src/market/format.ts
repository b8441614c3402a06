/** Sizes, amounts and shares as buyers read them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toLocaleString('en-US', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A decimal base-token amount with at most 6 decimals shown. */
export function formatPrice(price: string | null, free: boolean, symbol = 'OCEAN'): string {
  if (free) return 'Free';
  if (price === null) return '—';
  const n = Number(price);
  return `${Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 6 }) : price} ${symbol}`;
}

export function formatWei(wei: bigint, decimals = 18): string {
  const whole = wei / 10n ** BigInt(decimals);
  const fraction = (wei % 10n ** BigInt(decimals)).toString().padStart(decimals, '0').slice(0, 4).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

export function shortHex(hex: string): string {
  return hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-6)}` : hex;
}
