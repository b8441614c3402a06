/**
 * Token amounts and what an accepted label earns. Amounts are integers of the token's smallest unit
 * (18 decimals), as bigint: never floats.
 */
export const TOKEN_DECIMALS = 18;
const UNIT = 10n ** BigInt(TOKEN_DECIMALS);
const TOKEN_AMOUNT = /^(0|[1-9]\d*)(\.(\d{1,18}))?$/;

export class RewardMathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** `"1.5"` -> 1500000000000000000n. */
export function parseTokens(decimal: string): bigint {
  const match = TOKEN_AMOUNT.exec(decimal.trim());
  if (!match) throw new RewardMathError(`"${decimal}" is not a decimal amount of tokens with at most 18 decimals`);
  return BigInt(match[1]!) * UNIT + BigInt((match[3] ?? '').padEnd(TOKEN_DECIMALS, '0'));
}

/** 1500000000000000000n -> `"1.5"`; negative amounts keep their sign. */
export function formatTokens(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const abs = amount < 0n ? -amount : amount;
  const whole = abs / UNIT;
  const fraction = (abs % UNIT).toString().padStart(TOKEN_DECIMALS, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Multipliers in basis points (10,000 = 1x). */
export const MIN_MULTIPLIER_BPS = 5_000n;
export const MAX_MULTIPLIER_BPS = 12_500n;
/** Trust at which a label earns exactly the project's rate. */
export const PAR_TRUST = 0.8;

/**
 * The quality multiplier: trust / PAR_TRUST, between 0.5x and 1.25x, in whole basis points. An
 * annotator at 0.8 trust earns the rate; at 1.0, 1.25x; at 0.4 or less, half.
 */
export function qualityMultiplierBps(trust: number): bigint {
  if (!Number.isFinite(trust)) throw new RewardMathError(`trust must be a finite number, got ${trust}`);
  const bps = BigInt(Math.round((Math.min(1, Math.max(0, trust)) / PAR_TRUST) * 10_000));
  return bps < MIN_MULTIPLIER_BPS ? MIN_MULTIPLIER_BPS : bps > MAX_MULTIPLIER_BPS ? MAX_MULTIPLIER_BPS : bps;
}

/** What one accepted label earns: the rate times the multiplier, rounded down to the smallest unit. */
export function rewardFor(rate: bigint, trust: number): bigint {
  return (rate * qualityMultiplierBps(trust)) / 10_000n;
}
