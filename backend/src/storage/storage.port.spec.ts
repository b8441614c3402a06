import { describe, expect, it } from 'vitest';
import { isCid, StorageNotFoundError } from './storage.port.js';

describe('isCid', () => {
  it('accepts CIDv0 and CIDv1 strings', () => {
    expect(isCid('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o')).toBe(true);
    expect(isCid('bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi')).toBe(true);
  });

  it('rejects anything else', () => {
    for (const value of ['', 'hello', 'Qm123', ' QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o', '0xdeadbeef']) {
      expect(isCid(value), value).toBe(false);
    }
  });
});

describe('StorageNotFoundError', () => {
  it('names the CID and keeps the cause', () => {
    const cause = new Error('ENOENT');
    const error = new StorageNotFoundError('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o', { cause });
    expect(error.name).toBe('StorageNotFoundError');
    expect(error.message).toContain('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o');
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
  });
});
