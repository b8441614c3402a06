import { describe, expect, it } from 'vitest';
import { shownAmount } from './tokenAmount';

describe('shownAmount', () => {
  it.each([
    ['0', '0'],
    ['12', '12'],
    ['1234.5678', '1,234.57'],
    ['0.123456789', '0.1235'],
    ['0.000000000000000001', '< 0.0001'],
    ['1500000', '1.5M'],
    ['123456789012.5', '123.46B'],
    ['123456789012345678.123456789012345678', '1.23E17'],
  ])('%s reads %s', (amount, short) => {
    expect(shownAmount(amount).short).toBe(short);
  });

  it('keeps every digit of the full amount, grouped', () => {
    expect(shownAmount('123456789012345678.123456789012345678').full).toBe('123,456,789,012,345,678.123456789012345678');
  });
});
