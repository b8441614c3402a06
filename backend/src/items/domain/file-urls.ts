import { createHmac, timingSafeEqual } from 'node:crypto';
import { isCid } from '../../storage/storage.port.js';
import type { ItemMedia } from './item-media.js';

const IPFS_URI = /^ipfs:\/\/(?:ipfs\/)?([A-Za-z0-9]+)\/?$/;
/** Expiries are rounded up to the minute, so views of the same item within a minute share a URL (and the browser's cache). */
const EXPIRY_STEP_SECONDS = 60;

export type FileUrlCheck = { ok: true; userId: number; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

/** The stored files an item shows: `ipfs://` values of its data and its media. */
export function itemFileCids(data: Record<string, unknown>, media: ItemMedia | null): string[] {
  const cids = new Set<string>();
  for (const value of Object.values(data)) {
    const match = typeof value === 'string' ? IPFS_URI.exec(value) : null;
    if (match && isCid(match[1]!)) cids.add(match[1]!);
  }
  if (media?.cid && isCid(media.cid)) cids.add(media.cid);
  return [...cids];
}

/**
 * Signed, short-lived file URLs. An `<img>` cannot send the bearer header, and the session token must
 * never travel in a URL (logs, history, Referer); so the API hands out, with each view that shows a
 * file, a URL that names the file, the user it was made for and its expiry, under an HMAC of the three.
 */
export class FileUrls {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = createHmac('sha256', secret).update('tessera file urls').digest();
  }

  url(cid: string, userId: number, nowMs = Date.now()): string {
    const earliest = Math.floor(nowMs / 1000) + this.ttlSeconds;
    const exp = Math.ceil(earliest / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
    return `/api/files/${cid}?u=${userId}&exp=${exp}&sig=${this.signature(cid, userId, exp)}`;
  }

  /** `{cid: url}` for every stored file the item shows, for this user. */
  forItem(data: Record<string, unknown>, media: ItemMedia | null, userId: number, nowMs = Date.now()): Record<string, string> {
    return Object.fromEntries(itemFileCids(data, media).map((cid) => [cid, this.url(cid, userId, nowMs)]));
  }

  /** Whether the query of a file URL was signed here for this file, and is still valid. */
  check(cid: string, query: Record<string, unknown>, nowMs = Date.now()): FileUrlCheck {
    const { u, exp, sig } = query;
    if (typeof u !== 'string' || typeof exp !== 'string' || typeof sig !== 'string') return { ok: false, reason: 'invalid' };
    if (!/^[1-9]\d{0,9}$/.test(u) || !/^\d{1,12}$/.test(exp)) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.signature(cid, Number(u), Number(exp)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    if (Number(exp) * 1000 <= nowMs) return { ok: false, reason: 'expired' };
    return { ok: true, userId: Number(u), expiresAt: new Date(Number(exp) * 1000) };
  }

  private signature(cid: string, userId: number, exp: number): string {
    return createHmac('sha256', this.key).update(`${cid}\n${userId}\n${exp}`).digest('base64url');
  }
}
