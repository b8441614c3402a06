import { describe, expect, it } from 'vitest';
import { t } from './i18n';

describe('t', () => {
  it('fills placeholders and picks the plural form by smart_count', () => {
    expect(t('tessera.market.salesCount', { smart_count: 1 })).toBe('1 sale');
    expect(t('tessera.market.salesCount', { smart_count: 0 })).toBe('0 sales');
    expect(t('tessera.market.salesCount', { smart_count: 12 })).toBe('12 sales');
    expect(t('tessera.market.chainId', { id: 8996 })).toBe('chain 8996');
  });
});
