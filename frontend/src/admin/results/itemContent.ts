import { dataPreview } from '../items/media';
import type { ItemMedia } from '../types';

/** What drawing a result needs of an item: a review row, an item record or an annotation's item all have it. */
export interface ItemContent {
  data?: Record<string, unknown>;
  files?: Record<string, string>;
  media?: ItemMedia | null;
}

/**
 * The item's image URL: `data.image` or the stored media, as in the tables; a record without its
 * media (a review row) but with exactly one stored file shows that file.
 */
export function itemImage(item: ItemContent): string | undefined {
  const preview = dataPreview({ data: item.data ?? {}, files: item.files ?? {}, media: item.media ?? undefined });
  if (preview.kind === 'image') return preview.src;
  const files = Object.values(item.files ?? {});
  return files.length === 1 ? files[0] : undefined;
}
