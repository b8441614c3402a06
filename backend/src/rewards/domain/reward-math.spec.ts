import { describe, expect, it } from 'vitest';
import { formatTokens, parseTokens, qualityMultiplierBps, rewardFor } from './reward-math.js';

describe('token amounts', () => {
  it('parses and formats decimal strings exactly, 18 decimals', () => {
    expect(parseTokens('1.5')).toBe(1_500_000_000_000_000_000n);
    expect(parseTokens('0.000000000000000001')).toBe(1n);
    expect(parseTokens('12')).toBe(12n * 10n ** 18n);
    expect(formatTokens(1_500_000_000_000_000_000n)).toBe('1.5');
    expect(formatTokens(-1n)).toBe('-0.000000000000000001');
    expect(formatTokens(0n)).toBe('0');
    for (const bad of ['', '-1', '1e3', '0.1234567890123456789', '01', 'abc']) expect(() => parseTokens(bad)).toThrow(/decimal amount/);
    for (const value of ['0', '0.1', '123456789.000000000000000001']) expect(formatTokens(parseTokens(value))).toBe(value);
  });
});

describe('quality multiplier', () => {
  it('is trust over 0.8, from 0.5x to 1.25x', () => {
    expect(qualityMultiplierBps(0.8)).toBe(10_000n);
    expect(qualityMultiplierBps(1)).toBe(12_500n);
    expect(qualityMultiplierBps(0.9)).toBe(11_250n);
    expect(qualityMultiplierBps(0.4)).toBe(5_000n);
    expect(qualityMultiplierBps(0)).toBe(5_000n);
    expect(qualityMultiplierBps(2)).toBe(12_500n);
    expect(() => qualityMultiplierBps(Number.NaN)).toThrow(/finite/);
  });

  it('rounds a reward down to the smallest unit', () => {
    expect(rewardFor(parseTokens('1'), 0.8)).toBe(parseTokens('1'));
    expect(rewardFor(parseTokens('0.5'), 1)).toBe(parseTokens('0.625'));
    expect(rewardFor(3n, 0.9)).toBe(3n); // 3 * 1.125 = 3.375 -> 3
  });
});
