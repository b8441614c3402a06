import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics-access.js';

const TOKEN = 'scrape-me-0123456789';

describe('metricsAccess', () => {
  it('with a token, lets only its bearer in, in every environment', () => {
    for (const production of [true, false]) {
      expect(metricsAccess(TOKEN, production, `Bearer ${TOKEN}`)).toBe('allowed');
      expect(metricsAccess(TOKEN, production, `bearer ${TOKEN}`)).toBe('allowed');
      expect(metricsAccess(TOKEN, production, undefined)).toBe('unauthorized');
      expect(metricsAccess(TOKEN, production, `Bearer ${TOKEN}x`)).toBe('unauthorized');
      expect(metricsAccess(TOKEN, production, `Basic ${TOKEN}`)).toBe('unauthorized');
      expect(metricsAccess(TOKEN, production, 'Bearer ')).toBe('unauthorized');
    }
  });

  it('without a token, is open outside production and off in production', () => {
    expect(metricsAccess(undefined, false, undefined)).toBe('allowed');
    expect(metricsAccess(undefined, true, undefined)).toBe('off');
    expect(metricsAccess(undefined, true, `Bearer ${TOKEN}`)).toBe('off');
  });
});
