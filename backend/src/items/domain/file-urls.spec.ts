import { describe, expect, it } from 'vitest';
import { FileUrls, itemFileCids } from './file-urls.js';

const CID = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';
const OTHER = 'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH';
const NOW = Date.UTC(2026, 11, 3, 12, 0, 30);

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://x').searchParams);
}

describe('FileUrls', () => {
  const urls = new FileUrls('s'.repeat(32), 600);

  it('signs cid, user and expiry; the expiry is TTL later, rounded up to the minute', () => {
    const url = urls.url(CID, 7, NOW);
    expect(url).toMatch(new RegExp(`^/api/files/${CID}\\?u=7&exp=\\d+&sig=[\\w-]{43}$`));
    const exp = Number(query(url)['exp']);
    expect(exp % 60).toBe(0);
    expect(exp * 1000 - NOW).toBeGreaterThanOrEqual(600_000);
    expect(exp * 1000 - NOW).toBeLessThan(660_000);
    // Within the same minute the URL is the same (the browser cache keeps working).
    expect(urls.url(CID, 7, NOW + 10_000)).toBe(url);
    expect(urls.check(CID, query(url), NOW)).toEqual({ ok: true, userId: 7, expiresAt: new Date(exp * 1000) });
  });

  it('refuses another file, another user, another expiry, another key, or a missing part', () => {
    const signed = query(urls.url(CID, 7, NOW));
    expect(urls.check(OTHER, signed, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(urls.check(CID, { ...signed, u: '8' }, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(urls.check(CID, { ...signed, exp: String(Number(signed['exp']) + 60) }, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(new FileUrls('t'.repeat(32), 600).check(CID, signed, NOW)).toEqual({ ok: false, reason: 'invalid' });
    for (const part of ['u', 'exp', 'sig']) {
      const { [part]: _, ...rest } = signed;
      expect(urls.check(CID, rest, NOW), part).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(urls.check(CID, { ...signed, u: ['7', '8'] }, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(urls.check(CID, { ...signed, u: '07' }, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a URL once its expiry passed', () => {
    const signed = query(urls.url(CID, 7, NOW));
    const exp = Number(signed['exp']) * 1000;
    expect(urls.check(CID, signed, exp - 1).ok).toBe(true);
    expect(urls.check(CID, signed, exp)).toEqual({ ok: false, reason: 'expired' });
  });

  it('finds the stored files an item shows', () => {
    expect(itemFileCids({ image: `ipfs://${CID}`, text: 'x', thumb: `ipfs://ipfs/${OTHER}/`, n: 3 }, null)).toEqual([CID, OTHER]);
    expect(itemFileCids({ image: 'https://example.org/a.png' }, { cid: CID })).toEqual([CID]);
    expect(itemFileCids({ image: `ipfs://${CID}` }, { cid: CID })).toEqual([CID]);
    expect(itemFileCids({ image: 'ipfs://not-a-cid' }, null)).toEqual([]);
    expect(urls.forItem({ image: `ipfs://${CID}` }, null, 3, NOW)).toEqual({ [CID]: urls.url(CID, 3, NOW) });
  });
});
