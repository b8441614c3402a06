/**
 * Reservoir sampling, Algorithm R (Vitter 1985, "Random sampling with a reservoir"): a uniform sample
 * of `size` items from a stream of unknown length in one pass and O(size) memory, seeded.
 */
export class Reservoir<T> {
  readonly items: T[] = [];
  private _seen = 0;

  constructor(
    readonly size: number,
    private readonly _random: () => number,
  ) {}

  offer(item: T): void {
    this._seen++;
    if (this.items.length < this.size) {
      this.items.push(item);
      return;
    }
    const j = Math.floor(this._random() * this._seen);
    if (j < this.size) this.items[j] = item;
  }

  get seen(): number {
    return this._seen;
  }
}
