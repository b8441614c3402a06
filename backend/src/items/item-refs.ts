import { createHmac } from 'node:crypto';

/**
 * What annotators see of an item's identity: a stable opaque reference instead of its database id.
 * Ids follow import order, so an item served out of sequence (a gold item mixed into the queue)
 * would stand out by its id; a keyed hash of the id tells nothing, yet stays the same for the same item.
 */
export class ItemRefs {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('tessera item refs').digest();
  }

  of(itemId: number): string {
    return createHmac('sha256', this.key).update(String(itemId)).digest('base64url').slice(0, 22);
  }
}
