import { describe, expect, it } from 'vitest';
import { readImageInfo } from './image-info.js';

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));
const be32 = (value: number): number[] => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
const be16 = (value: number): number[] => [(value >>> 8) & 0xff, value & 0xff];
const le16 = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff];
const le24 = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff];
const le32 = (value: number): number[] => [...le16(value & 0xffff), ...le16(value >>> 16)];

/** Signature and IHDR chunk, as every PNG starts (the CRC is not checked, so zeros do). */
function png(width: number, height: number): Uint8Array {
  const ihdr = [...be32(width), ...be32(height), 8, 6, 0, 0, 0];
  return new Uint8Array([0x89, ...ascii('PNG\r\n\x1a\n'), ...be32(13), ...ascii('IHDR'), ...ihdr, 0, 0, 0, 0]);
}

function gif(width: number, height: number): Uint8Array {
  return new Uint8Array([...ascii('GIF89a'), ...le16(width), ...le16(height), 0x80, 0, 0]);
}

const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
const JFIF = [0xff, 0xe0, ...be16(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];

/** Baseline frame header: precision, height, width, one component. */
function sof0(width: number, height: number): number[] {
  return [0xff, 0xc0, ...be16(11), 8, ...be16(height), ...be16(width), 1, 1, 0x11, 0];
}

/** APP1 Exif segment whose one IFD entry is the orientation tag (0x0112, SHORT, count 1). */
function exifOrientation(orientation: number): number[] {
  const tiff = [
    ...ascii('MM'),
    0,
    42,
    ...be32(8),
    ...be16(1),
    ...be16(0x0112),
    ...be16(3),
    ...be32(1),
    ...be16(orientation),
    0,
    0,
    ...be32(0),
  ];
  const body = [...ascii('Exif'), 0, 0, ...tiff];
  return [0xff, 0xe1, ...be16(body.length + 2), ...body];
}

function jpeg(width: number, height: number, orientation?: number): Uint8Array {
  const app = orientation === undefined ? JFIF : exifOrientation(orientation);
  return new Uint8Array([...SOI, ...app, ...sof0(width, height), ...EOI]);
}

/** Extended-format WebP header: VP8X chunk with the canvas size stored minus one. */
function webp(width: number, height: number): Uint8Array {
  const vp8x = [...ascii('VP8X'), ...le32(10), 0, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)];
  return new Uint8Array([...ascii('RIFF'), ...le32(4 + vp8x.length), ...ascii('WEBP'), ...vp8x]);
}

describe('readImageInfo', () => {
  it('reads a PNG header', () => {
    expect(readImageInfo(png(1, 1))).toEqual({ mime: 'image/png', width: 1, height: 1 });
    expect(readImageInfo(png(640, 480))).toEqual({ mime: 'image/png', width: 640, height: 480 });
  });

  it('reads a GIF header', () => {
    expect(readImageInfo(gif(300, 200))).toEqual({ mime: 'image/gif', width: 300, height: 200 });
  });

  it('reads a JPEG frame header after its APP segments', () => {
    expect(readImageInfo(jpeg(1024, 768))).toEqual({ mime: 'image/jpeg', width: 1024, height: 768 });
  });

  it('gives a JPEG its displayed size when EXIF turns it a quarter', () => {
    expect(readImageInfo(jpeg(1024, 768, 6))).toEqual({ mime: 'image/jpeg', width: 768, height: 1024 });
    expect(readImageInfo(jpeg(1024, 768, 3))).toEqual({ mime: 'image/jpeg', width: 1024, height: 768 });
  });

  it('reads a WebP header', () => {
    expect(readImageInfo(webp(4000, 3000))).toEqual({ mime: 'image/webp', width: 4000, height: 3000 });
  });

  it('returns undefined for bytes that are not an image', () => {
    expect(readImageInfo(new TextEncoder().encode('hello world\n'))).toBeUndefined();
    expect(readImageInfo(new TextEncoder().encode('{"id": 1, "text": "a JSON line"}'))).toBeUndefined();
    expect(readImageInfo(new Uint8Array(0))).toBeUndefined();
    expect(readImageInfo(new Uint8Array(64))).toBeUndefined();
  });

  it('returns undefined for image types it does not accept', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>';
    expect(readImageInfo(new TextEncoder().encode(svg))).toBeUndefined();
    const bmp = new Uint8Array([...ascii('BM'), ...le32(70), 0, 0, 0, 0, ...le32(54), ...le32(40), ...le32(2), ...le32(2)]);
    expect(readImageInfo(bmp)).toBeUndefined();
  });

  it('returns undefined for a truncated or empty-sized header', () => {
    expect(readImageInfo(png(1, 1).slice(0, 18))).toBeUndefined();
    // A view into a larger buffer must not be read past its end.
    expect(readImageInfo(png(1, 1).subarray(0, 18))).toBeUndefined();
    expect(readImageInfo(gif(1, 1).subarray(0, 7))).toBeUndefined();
    expect(readImageInfo(new Uint8Array([...SOI, ...JFIF]))).toBeUndefined();
    expect(readImageInfo(png(0, 10))).toBeUndefined();
  });
});
