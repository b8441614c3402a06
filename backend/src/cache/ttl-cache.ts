export interface TtlCacheOptions<V> {
  /** Most entries kept; past it, the entry written longest ago goes. */
  maxEntries: number;
  /**
   * How long an entry is trusted after it is written, in milliseconds, or per value when that depends
   * on it. Zero or less: the value is not kept. `Infinity`: until it is deleted or crowded out.
   */
  ttlMs: number | ((value: V) => number);
  /** The clock; tests move their own. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * What this process remembers of values that live elsewhere (the database, another instance): each
 * kept for a while, at most `maxEntries` of them. Concurrent reads of one missing key share one load.
 * A load that overlapped a `delete` or `clear` may hold what was just invalidated: it is answered but
 * not kept, so a change made through this process applies to the very next read.
 */
export class TtlCache<K, V> {
  /**
   * Told of every `delete` and `clear` made here (a key, or undefined for all), so that other
   * processes can forget the same (CacheBus); not told of `forget`, which applies theirs.
   */
  onInvalidate: ((key: K | undefined) => void) | undefined;
  private readonly entries = new Map<K, Entry<V>>();
  private readonly loading = new Map<K, Promise<V>>();
  /** Counts invalidations (see the class comment). */
  private invalidations = 0;
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions<V>) {
    this.now = options.now ?? (() => Date.now());
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value while it is fresh, else undefined. */
  get(key: K): V | undefined {
    return this.fresh(key)?.value;
  }

  set(key: K, value: V): void {
    const ttl = typeof this.options.ttlMs === 'number' ? this.options.ttlMs : this.options.ttlMs(value);
    this.entries.delete(key);
    if (ttl <= 0) return;
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: ttl === Infinity ? Infinity : this.now() + ttl });
  }

  /** Changes a fresh entry's value without making it any younger; false when there is none. */
  update(key: K, change: (value: V) => V): boolean {
    const entry = this.fresh(key);
    if (!entry) return false;
    entry.value = change(entry.value);
    return true;
  }

  /** The fresh value, else the one `load` reads (kept for the next reads unless invalidated meanwhile). */
  async getOrLoad(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const entry = this.fresh(key);
    if (entry) return entry.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const invalidations = this.invalidations;
    const loaded = load(key).then(
      (value) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        if (invalidations === this.invalidations) this.set(key, value);
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }

  delete(key: K): void {
    this.forget(key);
    this.onInvalidate?.(key);
  }

  clear(): void {
    this.forget(undefined);
    this.onInvalidate?.(undefined);
  }

  /** Invalidates one key (or all, for undefined) without telling `onInvalidate`: another process's change. */
  forget(key: K | undefined): void {
    this.invalidations++;
    if (key === undefined) {
      this.entries.clear();
      this.loading.clear();
    } else {
      this.entries.delete(key);
      this.loading.delete(key);
    }
  }

  private fresh(key: K): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // (Entries kept until deleted skip the clock: the fast submit path asks for one on every label.)
    if (entry.expiresAt === Infinity || entry.expiresAt > this.now()) return entry;
    this.entries.delete(key);
    return undefined;
  }
}
