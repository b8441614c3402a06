import { describe, expect, it } from 'vitest';
import { assetPath, parseMarketRoute } from './router';

describe('market routes', () => {
  it('reads the catalogue, an asset page (DIDs round trip) and purchases; anything else is not found', () => {
    expect(parseMarketRoute('/market')).toEqual({ page: 'catalogue' });
    expect(parseMarketRoute('/market/')).toEqual({ page: 'catalogue' });
    expect(parseMarketRoute('/market/purchases')).toEqual({ page: 'purchases' });
    const did = 'did:op:0123abcd';
    expect(parseMarketRoute(assetPath(did))).toEqual({ page: 'asset', did });
    expect(parseMarketRoute('/market/assets/%E0%A4%A')).toEqual({ page: 'notFound' });
    expect(parseMarketRoute('/market/nope')).toEqual({ page: 'notFound' });
  });
});
