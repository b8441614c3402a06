import { describe, expect, it } from 'vitest';
import { routePattern } from './cors.js';

describe('routePattern', () => {
  it('matches the paths of a Fastify route URL and nothing else', () => {
    const byId = routePattern('/api/aquarius/assets/ddo/:did');
    expect(byId.test('/api/aquarius/assets/ddo/did:op:123')).toBe(true);
    expect(byId.test('/api/aquarius/assets/ddo/a/b')).toBe(false);
    expect(byId.test('/api/aquarius/assets/ddo/')).toBe(false);
    expect(routePattern('/api/services/*').test('/api/services/download/x')).toBe(true);
    expect(routePattern('/api/a.b').test('/api/aXb')).toBe(false);
  });
});
