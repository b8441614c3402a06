/**
 * The DAG `ipfs add` builds for a file with kubo's defaults (the "unixfs-v0-2015" profile of
 * IPIP-499): 256 KiB chunks, each a dag-pb leaf holding a UnixFS file node with its bytes, under a
 * balanced tree of dag-pb parents of at most 174 children, every block named by a CIDv0. This is
 * ipfs-unixfs-importer's `balanced` layout and file reducer with those options, built as the leaves
 * arrive instead of through the importer's generators, so that a caller can write each leaf into a
 * buffer it reuses; the blocks, and so every CID, are the same (checked against the importer).
 */
import { createHash } from 'node:crypto';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import { create as createDigest } from 'multiformats/hashes/digest';

export const KUBO_CHUNK_BYTES = 262_144;
export const KUBO_MAX_CHILDREN = 174;
const SHA2_256 = 0x12;

/** Protobuf's varint of a length. */
function varint(value: number): number[] {
  const bytes: number[] = [];
  for (; value >= 0x80; value = Math.floor(value / 0x80)) bytes.push((value % 0x80) | 0x80);
  bytes.push(value);
  return bytes;
}

/**
 * What surrounds a leaf's `dataBytes` (> 0) bytes in its block, as `dagPb.encode({Data: new
 * UnixFS({type: 'file', data}).marshal(), Links: []})` makes it (and kubo): a PBNode whose only field
 * is Data (1), holding a UnixFS Data message of Type (1) = file (2), Data (2) and filesize (3). A
 * block that is exactly `head ‖ data ‖ tail` is such a leaf, so its data can be read straight where
 * it is wanted, and written straight where it will be hashed.
 */
export function leafFraming(dataBytes: number): { head: Buffer; tail: Buffer } {
  const size = varint(dataBytes);
  const unixfsLength = 2 + 1 + size.length + dataBytes + 1 + size.length;
  return { head: Buffer.from([0x0a, ...varint(unixfsLength), 0x08, 0x02, 0x12, ...size]), tail: Buffer.from([0x18, ...size]) };
}

/**
 * A leaf's block (`leafFraming`), written into one buffer with one copy of the data instead of the
 * library's two. An empty chunk (the library leaves its Data out) goes through the library.
 */
export function leafBlock(data: Uint8Array): Uint8Array {
  if (data.length === 0) return dagPb.encode({ Data: new UnixFS({ type: 'file', data }).marshal(), Links: [] });
  const { head, tail } = leafFraming(data.length);
  const block = new Uint8Array(head.length + data.length + tail.length);
  block.set(head, 0);
  block.set(data, head.length);
  block.set(tail, head.length + data.length);
  return block;
}

/** The CIDv0 of a dag-pb block: one SHA-256 call over it, not multiformats' generic hasher. */
export function dagPbCidV0(block: Uint8Array): CID {
  return CID.createV0(createDigest(SHA2_256, createHash('sha256').update(block).digest()));
}

/** A node of a file's DAG as its parent links it. */
export interface FileDagNode {
  cid: CID;
  /** The file's bytes under this node (its parent's UnixFS block size for it). */
  fileBytes: number;
  /** The bytes of every block under and including this node (its link's Tsize). */
  dagBytes: number;
}

/**
 * Builds the parents of a file's leaves as kubo does, given the leaves in order (each already
 * written by the caller): each parent is handed to `put` once it is complete, and `finish` answers
 * the root. The layout's rule: leaves are taken 174 at a time into parents, those parents 174 at a
 * time into the next level, and so on until one node is left; a file of one leaf is that leaf.
 */
export class BalancedFileDag {
  /** Nodes waiting for their parent, by level (0: leaves). */
  private readonly waiting: FileDagNode[][] = [];
  /** Nodes made at each level so far. */
  private readonly made: number[] = [];
  private finished = false;

  constructor(
    private readonly put: (cid: CID, block: Uint8Array) => void,
    private readonly maxChildren = KUBO_MAX_CHILDREN,
  ) {}

  addLeaf(leaf: FileDagNode): void {
    if (this.finished) throw new Error('BalancedFileDag: a leaf after finish');
    this.push(0, leaf);
  }

  /** The root, once the last leaf has been added (a file has at least one, empty for an empty file). */
  finish(): FileDagNode {
    if ((this.made[0] ?? 0) === 0) throw new Error('BalancedFileDag: a file has at least one leaf');
    this.finished = true;
    for (let level = 0; ; level++) {
      const waiting = this.waiting[level] ?? [];
      // The only node ever made at its level (the levels above are empty): the root.
      if (this.made[level] === 1) return waiting[0]!;
      if (waiting.length > 0) {
        this.waiting[level] = [];
        this.push(level + 1, this.parent(waiting));
      }
    }
  }

  private push(level: number, node: FileDagNode): void {
    const waiting = (this.waiting[level] ??= []);
    waiting.push(node);
    this.made[level] = (this.made[level] ?? 0) + 1;
    if (waiting.length === this.maxChildren) {
      this.waiting[level] = [];
      this.push(level + 1, this.parent(waiting));
    }
  }

  /** A parent as the importer's file reducer makes it: UnixFS file Data with each child's size, links named '' with their Tsize. */
  private parent(children: FileDagNode[]): FileDagNode {
    const unixfs = new UnixFS({ type: 'file' });
    let fileBytes = 0;
    let dagBytes = 0;
    for (const child of children) {
      unixfs.addBlockSize(BigInt(child.fileBytes));
      fileBytes += child.fileBytes;
      dagBytes += child.dagBytes;
    }
    const links = children.map((child) => ({ Hash: child.cid, Name: '', Tsize: child.dagBytes }));
    const block = dagPb.encode(dagPb.prepare({ Data: unixfs.marshal(), Links: links }));
    const cid = dagPbCidV0(block);
    this.put(cid, block);
    return { cid, fileBytes, dagBytes: dagBytes + block.length };
  }
}
