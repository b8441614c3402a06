import { describe, expect, it } from 'vitest';
import { shortAddress } from './address';
import { formatBytes, mergeFiles } from './projects/importFiles';
import { progressPercent } from './projects/ProjectProgressField';
import { ethereumAddress } from './users/roles';

describe('small helpers', () => {
  it('shortens addresses', () => {
    expect(shortAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe('0xf39F…2266');
    expect(shortAddress('0x1')).toBe('0x1');
  });

  it('computes progress and file sizes', () => {
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(0, 0)).toBe(0);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
  });

  it('does not add the same file twice', () => {
    const a = new File(['a'], 'a.csv', { lastModified: 1 });
    const b = new File(['b'], 'b.csv', { lastModified: 1 });
    expect(mergeFiles([a], [a, b]).map((file) => file.name)).toEqual(['a.csv', 'b.csv']);
  });

  it('validates wallet addresses', () => {
    expect(ethereumAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBeUndefined();
    expect(ethereumAddress('0x123')).toBe('tessera.admin.users.addressInvalid');
    expect(ethereumAddress('')).toBe('ra.validation.required');
  });
});
