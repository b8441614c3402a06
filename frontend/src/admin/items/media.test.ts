import { describe, expect, it } from 'vitest';
import { itemFilterToQuery } from './itemQuery';
import { dataPreview, fileUrl } from './media';

const CID = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';

describe('item media', () => {
  it('turns ipfs:// URIs into the files endpoint with the token', () => {
    expect(fileUrl(`ipfs://${CID}`, 'a b')).toBe(`/api/files/${CID}?token=a%20b`);
    expect(fileUrl(`ipfs://${CID}`, undefined)).toBe(`/api/files/${CID}`);
    expect(fileUrl('https://example.org/cat.png', 't')).toBe('https://example.org/cat.png');
    expect(fileUrl('javascript:alert(1)', 't')).toBeUndefined();
  });

  it('previews images, then text, then JSON', () => {
    expect(dataPreview({ data: { image: `ipfs://${CID}`, width: 1 }, media: null }, 't')).toEqual({
      kind: 'image',
      src: `/api/files/${CID}?token=t`,
    });
    expect(dataPreview({ data: {}, media: { cid: CID, mime: 'image/png' } }, 't')).toMatchObject({ kind: 'image' });
    expect(dataPreview({ data: { text: 'A  long\nreview' }, media: null }, 't')).toEqual({ kind: 'text', text: 'A long review' });
    expect(dataPreview({ data: { n: 1, title: 'Title' }, media: null }, 't')).toEqual({ kind: 'text', text: 'Title' });
    expect(dataPreview({ data: { n: 1 }, media: null }, 't')).toEqual({ kind: 'text', text: '{"n":1}' });
    expect(dataPreview({ data: {}, media: null }, 't')).toEqual({ kind: 'none' });
    const long = dataPreview({ data: { text: 'x'.repeat(500) }, media: null }, 't');
    expect(long.kind === 'text' && long.text.length).toBe(140);
  });

  it('finds items by id or external id', () => {
    expect(itemFilterToQuery(' 42 ')).toEqual({ id: 42 });
    expect(itemFilterToQuery('img-7')).toEqual({ externalId: 'img-7' });
    expect(itemFilterToQuery('  ')).toEqual({});
  });
});
