import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../session/api';
import { describeError } from './describeError';

describe('describeError', () => {
  it('explains the quality decisions that stop an annotator in their own words', () => {
    expect(describeError(new ApiError(403, 'QUALIFICATION_FAILED', 'x'))).toMatch(/did not pass this project's qualification/);
    expect(describeError(new ApiError(403, 'ANNOTATOR_SUSPENDED', 'x'))).toMatch(/suspended/);
  });

  it('tells a new annotator holding too many assignments to finish one first', () => {
    expect(describeError(new ApiError(409, 'LEASE_LIMIT_REACHED', 'x'))).toMatch(/Finish or skip one of them/);
  });

  it('falls back to the server message, and says when the server is unreachable', () => {
    expect(describeError(new ApiError(409, 'SOMETHING', 'the message'))).toContain('the message');
    expect(describeError(new NetworkError(new Error('down')))).toMatch(/cannot be reached/);
  });
});
