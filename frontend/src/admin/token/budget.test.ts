import { describe, expect, it } from 'vitest';
import { budgetUse, groupDigits, isZero } from './budget';

describe('budgetUse', () => {
  it('has nothing to say without a budget', () => {
    expect(budgetUse({ budget: null, committed: '12' })).toEqual({ left: null, percent: null });
  });

  it('subtracts the committed tokens exactly and gives the share used', () => {
    expect(budgetUse({ budget: '1000', committed: '250.5' })).toEqual({ left: '749.5', percent: 25.05 });
    expect(budgetUse({ budget: '0.3', committed: '0.1' })).toEqual({ left: '0.2', percent: 33.33 });
    expect(budgetUse({ budget: '100', committed: '0' })).toEqual({ left: '100', percent: 0 });
  });

  it('stops at zero left and 100% when the budget is spent or overrun', () => {
    expect(budgetUse({ budget: '100', committed: '100' })).toEqual({ left: '0', percent: 100 });
    expect(budgetUse({ budget: '100', committed: '120' })).toEqual({ left: '0', percent: 100 });
    expect(budgetUse({ budget: '0', committed: '0' })).toEqual({ left: '0', percent: 100 });
  });
});

describe('amount formatting', () => {
  it('groups the whole part only', () => {
    expect(groupDigits('1000000')).toBe('1,000,000');
    expect(groupDigits('1234567.000001')).toBe('1,234,567.000001');
    expect(groupDigits('-1000.5')).toBe('-1,000.5');
    expect(groupDigits('12')).toBe('12');
    expect(groupDigits('n/a')).toBe('n/a');
  });

  it('tells zero', () => {
    expect(isZero('0')).toBe(true);
    expect(isZero('0.0')).toBe(true);
    expect(isZero('0.000001')).toBe(false);
    expect(isZero('3')).toBe(false);
  });
});
