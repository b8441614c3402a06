/** What Tessera knows of an item's media file (image size for box checks). */
export interface ItemMedia {
  cid?: string;
  mime?: string;
  width?: number;
  height?: number;
}
