import { imageSize } from 'image-size';

export interface ImageInfo {
  mime: string;
  /** As displayed: a JPEG's EXIF orientation is applied, since browsers apply it and labels refer to what they show. */
  width: number;
  height: number;
}

/**
 * How much of a file's start `readImageInfo` needs. A JPEG's size sits after its metadata segments, and an EXIF
 * segment alone may reach 64 KiB.
 */
export const IMAGE_INFO_HEAD_BYTES = 256 * 1024;

const MIME_BY_TYPE: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** EXIF orientations 5 to 8 turn the picture a quarter turn. */
function isQuarterTurn(orientation: number | undefined): boolean {
  return orientation !== undefined && orientation >= 5 && orientation <= 8;
}

/**
 * Type and size of a PNG, JPEG, GIF or WebP from the start of its bytes (`IMAGE_INFO_HEAD_BYTES` is enough);
 * `undefined` for anything else, including a truncated or corrupt header.
 */
export function readImageInfo(head: Uint8Array): ImageInfo | undefined {
  // image-size reads through DataViews on `head.buffer`, past the end of a view: a truncated header that is a
  // slice of a larger buffer (Node pools small Buffers) would be completed with whatever bytes follow it.
  const own = head.byteOffset === 0 && head.byteLength === head.buffer.byteLength ? head : head.slice();
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(own);
  } catch {
    // image-size throws for unknown types and reads past a short buffer with a RangeError.
    return undefined;
  }
  const mime = size.type === undefined ? undefined : MIME_BY_TYPE[size.type];
  if (mime === undefined) return undefined;
  const { width, height } = size;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) return undefined;
  return isQuarterTurn(size.orientation) ? { mime, width: height, height: width } : { mime, width, height };
}
