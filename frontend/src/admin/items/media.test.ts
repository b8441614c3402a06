import { describe, expect, it } from 'vitest';
import { itemFilterToQuery } from './itemQuery';
import { dataPreview, fileUrl } from './media';

const CID = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';
const SIGNED = `/api/files/${CID}?u=4&exp=1796300000&sig=${'s'.repeat(43)}`;
const FILES = { [CID]: SIGNED };

describe('item media', () => {
  it('turns ipfs:// URIs into the signed URL the API sent with the record, never a session token', () => {
    expect(fileUrl(`ipfs://${CID}`, FILES)).toBe(SIGNED);
    expect(fileUrl(`ipfs://ipfs/${CID}`, FILES)).toBe(SIGNED);
    // No signed URL for it: nothing to show rather than a URL that cannot load.
    expect(fileUrl(`ipfs://${CID}`, undefined)).toBeUndefined();
    expect(fileUrl(`ipfs://${CID}`, {})).toBeUndefined();
    expect(fileUrl('https://example.org/cat.png', FILES)).toBe('https://example.org/cat.png');
    expect(fileUrl('javascript:alert(1)', FILES)).toBeUndefined();
  });

  it('previews images, then text, then JSON', () => {
    expect(dataPreview({ data: { image: `ipfs://${CID}`, width: 1 }, media: null, files: FILES })).toEqual({ kind: 'image', src: SIGNED });
    expect(dataPreview({ data: {}, media: { cid: CID, mime: 'image/png' }, files: FILES })).toEqual({ kind: 'image', src: SIGNED });
    expect(dataPreview({ data: { text: 'A  long\nreview' }, media: null, files: {} })).toEqual({ kind: 'text', text: 'A long review' });
    expect(dataPreview({ data: { n: 1, title: 'Title' }, media: null, files: {} })).toEqual({ kind: 'text', text: 'Title' });
    expect(dataPreview({ data: { n: 1 }, media: null, files: {} })).toEqual({ kind: 'text', text: '{"n":1}' });
    expect(dataPreview({ data: {}, media: null, files: {} })).toEqual({ kind: 'none' });
    const long = dataPreview({ data: { text: 'x'.repeat(500) }, media: null, files: {} });
    expect(long.kind === 'text' && long.text.length).toBe(140);
  });

  it('finds items by id or external id', () => {
    expect(itemFilterToQuery(' 42 ')).toEqual({ id: 42 });
    expect(itemFilterToQuery('img-7')).toEqual({ externalId: 'img-7' });
    expect(itemFilterToQuery('  ')).toEqual({});
  });
});
