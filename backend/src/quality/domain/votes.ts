/**
 * Crowd labels as the quality engine reads them, and their compact encoding: names interned once,
 * votes as three parallel typed arrays, so a million votes aggregate without touching a million
 * objects in the hot loops.
 */
import { QualityError, QualityErrorCode } from './quality-error.js';

export interface Vote {
  item: string;
  worker: string;
  label: string;
}

export interface EncodedVotes {
  /** Item names in order of first appearance. */
  items: string[];
  /** Worker names in order of first appearance. */
  workers: string[];
  /**
   * Label names in `compareLabels` order, never in input order: ties between labels break toward
   * the earlier one here, so shuffling or renaming votes cannot change an outcome.
   */
  labels: string[];
  itemIdx: Int32Array;
  workerIdx: Int32Array;
  labelIdx: Int32Array;
}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/**
 * Integers numerically (so "2" < "10"), before any other label; the rest by UTF-16 code units. Two
 * spellings of one number ("0" and "-0") by their text, so that no two labels compare equal.
 */
export function compareLabels(a: string, b: string): number {
  const aInt = INTEGER.test(a) && a.length < 16;
  const bInt = INTEGER.test(b) && b.length < 16;
  if (aInt && bInt && Number(a) !== Number(b)) return Number(a) - Number(b);
  if (aInt !== bInt) return aInt ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds an `EncodedVotes` one vote at a time, so a reader can stream a file into it without ever
 * holding a `Vote` per line. A worker's second vote on an item is dropped (the first is kept, and
 * `duplicates` counts the rest): counted twice, it would weigh double in every method.
 */
export class VoteEncoder {
  private readonly _items = new Map<string, number>();
  private readonly _workers = new Map<string, number>();
  private readonly _labels = new Map<string, number>();
  private _itemIdx = new Int32Array(1024);
  private _workerIdx = new Int32Array(1024);
  private _labelIdx = new Int32Array(1024);
  private _size = 0;
  private _duplicates = 0;

  get size(): number {
    return this._size;
  }

  /** Votes `finish` dropped because the same worker had already voted on the same item. */
  get duplicates(): number {
    return this._duplicates;
  }

  add(item: string, worker: string, label: string): void {
    if (this._size === this._itemIdx.length) this._grow();
    const at = this._size++;
    this._itemIdx[at] = intern(this._items, item);
    this._workerIdx[at] = intern(this._workers, worker);
    this._labelIdx[at] = intern(this._labels, label);
  }

  finish(): EncodedVotes {
    const keep = this.firstVotes();
    const taken = (values: Int32Array) => (keep === undefined ? values.slice(0, this._size) : compact(values, this._size, keep));
    const itemIdx = taken(this._itemIdx);
    const workerIdx = taken(this._workerIdx);
    const labelIdx = taken(this._labelIdx);
    // Only labels some kept vote has (one seen only in a dropped duplicate is no class).
    const used = new Uint8Array(this._labels.size);
    for (let v = 0; v < labelIdx.length; v++) used[labelIdx[v]!] = 1;
    const labels = [...this._labels.keys()].filter((_, l) => used[l] === 1).sort(compareLabels);
    const rank = new Int32Array(this._labels.size);
    labels.forEach((label, i) => (rank[this._labels.get(label)!] = i));
    for (let v = 0; v < labelIdx.length; v++) labelIdx[v] = rank[labelIdx[v]!]!;
    return { items: [...this._items.keys()], workers: [...this._workers.keys()], labels, itemIdx, workerIdx, labelIdx };
  }

  /**
   * Which votes to keep when some worker voted twice on an item (undefined: all): the first of each
   * item and worker, found in linear time with typed arrays (votes grouped by item, a stable counting
   * sort, then each worker's last item seen), not a set of pairs per vote.
   */
  private firstVotes(): Uint8Array | undefined {
    const n = this._size;
    const items = this._items.size;
    const start = new Int32Array(items + 1);
    for (let v = 0; v < n; v++) start[this._itemIdx[v]! + 1]!++;
    for (let i = 0; i < items; i++) start[i + 1]! += start[i]!;
    const next = start.slice(0, items);
    const order = new Int32Array(n);
    for (let v = 0; v < n; v++) order[next[this._itemIdx[v]!]!++] = v;
    const lastItem = new Int32Array(this._workers.size).fill(-1);
    const keep = new Uint8Array(n);
    let duplicates = 0;
    for (let i = 0; i < items; i++) {
      for (let p = start[i]!; p < start[i + 1]!; p++) {
        const v = order[p]!;
        const w = this._workerIdx[v]!;
        if (lastItem[w] === i) duplicates++;
        else {
          lastItem[w] = i;
          keep[v] = 1;
        }
      }
    }
    this._duplicates = duplicates;
    return duplicates === 0 ? undefined : keep;
  }

  private _grow(): void {
    const capacity = this._itemIdx.length * 2;
    for (const key of ['_itemIdx', '_workerIdx', '_labelIdx'] as const) {
      const next = new Int32Array(capacity);
      next.set(this[key]);
      this[key] = next;
    }
  }
}

/** The first `size` values whose `keep` is 1, in order. */
function compact(values: Int32Array, size: number, keep: Uint8Array): Int32Array {
  const kept = new Int32Array(size);
  let at = 0;
  for (let v = 0; v < size; v++) if (keep[v] === 1) kept[at++] = values[v]!;
  return kept.slice(0, at);
}

function intern(names: Map<string, number>, name: string): number {
  let index = names.get(name);
  if (index === undefined) {
    index = names.size;
    names.set(name, index);
  }
  return index;
}

export function encodeVotes(votes: Iterable<Vote>): EncodedVotes {
  const encoder = new VoteEncoder();
  for (const vote of votes) encoder.add(vote.item, vote.worker, vote.label);
  return encoder.finish();
}

/** Refuses an encoding whose arrays disagree in length or point outside their name lists. */
export function checkEncodedVotes(votes: EncodedVotes): void {
  const n = votes.itemIdx.length;
  if (votes.workerIdx.length !== n || votes.labelIdx.length !== n) {
    throw new QualityError(QualityErrorCode.VOTES_INVALID, 'itemIdx, workerIdx and labelIdx must have the same length');
  }
  const ranges: Array<[Int32Array, number, string]> = [
    [votes.itemIdx, votes.items.length, 'itemIdx'],
    [votes.workerIdx, votes.workers.length, 'workerIdx'],
    [votes.labelIdx, votes.labels.length, 'labelIdx'],
  ];
  for (const [indexes, size, name] of ranges) {
    for (let v = 0; v < n; v++) {
      const index = indexes[v]!;
      if (index < 0 || index >= size) {
        throw new QualityError(QualityErrorCode.VOTES_INVALID, `${name}[${v}] = ${index} is outside 0..${size - 1}`);
      }
    }
  }
}
