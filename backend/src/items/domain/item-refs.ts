import { createHmac } from 'node:crypto';

/**
 * What annotators see of an item's identity: an opaque reference instead of its database id, keyed by
 * annotator and item. Ids follow import order, so an item served out of sequence (a gold item mixed
 * into the queue) would stand out by its id; a keyed hash of the id tells nothing, yet stays the same
 * for the same annotator. Each annotator gets their own references, so accounts comparing notes
 * (throwaway wallets pooling which items they saw, and which of them came back to everyone) learn
 * nothing from them.
 */
export class ItemRefs {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('tessera item refs').digest();
  }

  of(annotatorId: number, itemId: number): string {
    return createHmac('sha256', this.key).update(`${annotatorId}:${itemId}`).digest('base64url').slice(0, 22);
  }
}
