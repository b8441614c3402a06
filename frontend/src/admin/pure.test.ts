import { describe, expect, it } from 'vitest';
import { shortAddress } from './address';
import { leadTimeSeconds, summarizeResult } from './annotations/resultSummary';
import { itemFilterToQuery } from './items/itemQuery';
import { dataPreview, fileUrl } from './items/media';
import { jsonObject, jsonText, parseJsonText, UnparsedJson } from './json/jsonValue';
import { formatBytes, mergeFiles } from './projects/importFiles';
import { progressPercent } from './projects/ProjectProgressField';
import { ethereumAddress } from './users/roles';

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

describe('annotation summaries', () => {
  it('summarises each result shape', () => {
    expect(summarizeResult({ label: 'cat' })).toEqual({ kind: 'text', text: 'cat' });
    expect(summarizeResult({ labels: ['cat', 'dog'] })).toEqual({ kind: 'text', text: 'cat, dog' });
    expect(summarizeResult({ labels: [] })).toEqual({ kind: 'noLabels' });
    expect(summarizeResult({ spans: [{}, {}] })).toEqual({ kind: 'spans', count: 2 });
    expect(summarizeResult({ boxes: [{}] })).toEqual({ kind: 'boxes', count: 1 });
    expect(summarizeResult({ text: '' })).toEqual({ kind: 'empty' });
    expect(summarizeResult({ other: 1 })).toEqual({ kind: 'text', text: '{"other":1}' });
    expect(leadTimeSeconds(12_345)).toBe('12.3');
  });
});

describe('JSON inputs', () => {
  it('parses typed text, keeping what does not parse', () => {
    expect(parseJsonText('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonText('  ')).toBeNull();
    const broken = parseJsonText('{"a": ');
    expect(broken).toBeInstanceOf(UnparsedJson);
    expect(jsonText(broken)).toBe('{"a": ');
    expect(jsonText({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('accepts JSON objects only', () => {
    expect(jsonObject({ text: 'hi' })).toBeUndefined();
    expect(jsonObject(null)).toBe('ra.validation.required');
    expect(jsonObject([1])).toBe('tessera.admin.json.notObject');
    expect(jsonObject('text')).toBe('tessera.admin.json.notObject');
    expect(jsonObject(parseJsonText('{'))).toMatchObject({ message: 'tessera.admin.json.invalid' });
  });
});

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
