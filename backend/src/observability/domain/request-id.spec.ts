import { describe, expect, it } from 'vitest';
import { acceptedRequestId } from './request-id.js';

describe('acceptedRequestId', () => {
  it('keeps the ids proxies and tracers send', () => {
    for (const id of ['3f2b1c9e-6a4d-4e8f-9b0a-1c2d3e4f5a6b', 'Root=1-5759e988-bd862e3fe1be46a994272793', 'req-42', 'abc.def:1/2+3=']) {
      expect(acceptedRequestId(id)).toBe(id);
    }
  });

  it('replaces anything that could forge or flood a log line', () => {
    for (const header of ['', 'two words', 'line\nbreak', '"quoted"', 'x'.repeat(129), 'ünïcode', '{"json":1}']) {
      expect(acceptedRequestId(header)).toBeUndefined();
    }
  });

  it('replaces a repeated header (two values) and an absent one', () => {
    expect(acceptedRequestId(['a', 'b'])).toBeUndefined();
    expect(acceptedRequestId(undefined)).toBeUndefined();
  });
});
