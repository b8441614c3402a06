import type { Item } from '../types';

/** How an item shows in a table: its image, a line of its text, or nothing useful. */
export type DataPreview = { kind: 'image'; src: string } | { kind: 'text'; text: string } | { kind: 'none' };

const MAX_PREVIEW_CHARS = 140;
const IPFS_URI = /^ipfs:\/\/(?:ipfs\/)?([A-Za-z0-9]+)$/;

/**
 * `ipfs://<cid>` -> the signed, short-lived URL the API sent with the record (`files`, by CID; an
 * <img> cannot send the bearer header and the session token never goes in a URL); http(s) URLs are
 * used as they are.
 */
export function fileUrl(uri: string, files: Readonly<Record<string, string>> | undefined): string | undefined {
  const ipfs = IPFS_URI.exec(uri);
  if (ipfs) return files?.[ipfs[1]!];
  if (/^https?:\/\//i.test(uri)) return uri;
  return undefined;
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_PREVIEW_CHARS ? `${line.slice(0, MAX_PREVIEW_CHARS - 1)}…` : line;
}

export function dataPreview(item: Pick<Item, 'data' | 'files'> & { media?: Item['media'] }): DataPreview {
  const data = item.data ?? {};
  const image = data['image'];
  if (typeof image === 'string') {
    const src = fileUrl(image, item.files);
    if (src) return { kind: 'image', src };
  }
  if (item.media?.cid && (item.media.mime === undefined || item.media.mime.startsWith('image/'))) {
    const src = fileUrl(`ipfs://${item.media.cid}`, item.files);
    if (src) return { kind: 'image', src };
  }
  const text = data['text'];
  if (typeof text === 'string' && text.trim() !== '') return { kind: 'text', text: truncate(text) };
  const firstString = Object.values(data).find((value): value is string => typeof value === 'string' && value.trim() !== '');
  if (firstString !== undefined) return { kind: 'text', text: truncate(firstString) };
  const json = JSON.stringify(data);
  return json === '{}' ? { kind: 'none' } : { kind: 'text', text: truncate(json) };
}
