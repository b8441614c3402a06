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

/** Integers numerically (so "2" < "10"), before any other label; the rest by UTF-16 code units. */
export function compareLabels(a: string, b: string): number {
  const aInt = INTEGER.test(a) && a.length < 16;
  const bInt = INTEGER.test(b) && b.length < 16;
  if (aInt && bInt) return Number(a) - Number(b);
  if (aInt !== bInt) return aInt ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds an `EncodedVotes` one vote at a time, so a reader can stream a file into it without ever
 * holding a `Vote` per line.
 */
export class VoteEncoder {
  private readonly _items = new Map<string, number>();
  private readonly _workers = new Map<string, number>();
  private readonly _labels = new Map<string, number>();
  private _itemIdx = new Int32Array(1024);
  private _workerIdx = new Int32Array(1024);
  private _labelIdx = new Int32Array(1024);
  private _size = 0;

  get size(): number {
    return this._size;
  }

  add(item: string, worker: string, label: string): void {
    if (this._size === this._itemIdx.length) this._grow();
    const at = this._size++;
    this._itemIdx[at] = intern(this._items, item);
    this._workerIdx[at] = intern(this._workers, worker);
    this._labelIdx[at] = intern(this._labels, label);
  }

  finish(): EncodedVotes {
    const seen = [...this._labels.keys()];
    const labels = [...seen].sort(compareLabels);
    const rank = new Int32Array(seen.length);
    labels.forEach((label, i) => (rank[this._labels.get(label)!] = i));
    const labelIdx = this._labelIdx.slice(0, this._size);
    for (let v = 0; v < labelIdx.length; v++) labelIdx[v] = rank[labelIdx[v]!]!;
    return {
      items: [...this._items.keys()],
      workers: [...this._workers.keys()],
      labels,
      itemIdx: this._itemIdx.slice(0, this._size),
      workerIdx: this._workerIdx.slice(0, this._size),
      labelIdx,
    };
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
