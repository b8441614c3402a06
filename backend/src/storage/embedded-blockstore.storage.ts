import { closeSync, open, read, readv, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { FsBlockstore } from 'blockstore-fs';
import { NextToLast } from 'blockstore-fs/sharding';
import { UnixFS } from 'ipfs-unixfs';
import { exporter, type ExportContentOptions, type UnixFSEntry } from 'ipfs-unixfs-exporter';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { BlockWriter } from './block-writer.js';
import { BalancedFileDag, dagPbCidV0, KUBO_CHUNK_BYTES, leafBlock, leafFraming } from './domain/kubo-file-dag.js';
import { bytesInRange, fillFrom, parseCid, readByteRange } from './storage-input.util.js';
import { StorageNotFoundError, type StorageCatOptions, type StoragePort } from './storage.port.js';

/** A UnixFS file node with children: its own data (rarely any) and where each child's bytes lie in the node's. */
interface Branch {
  data: Uint8Array | undefined;
  children: Array<{ cid: CID; start: number; end: number }>;
  size: number;
}

/** A file node as a read walks it: a branch, or a leaf's file bytes. */
type FileNode = Branch | Uint8Array;

/** Leaf buffers of a file being added (256 KiB each): one being filled, the rest with the writer, whose pace varies on a busy machine. */
const LEAF_BUFFERS = 16;

/** Branches kept for reads: each is one block's links (a 1 GiB file has 25), so a few hundred files' worth. */
const MAX_BRANCHES = 4096;
/** Blocks of a file being read that are fetched ahead of the one being returned (256 KiB each). */
const READ_AHEAD_BLOCKS = 4;

/** Leaves of one `readInto` read at once (each an open and a read on the thread pool). */
const PARALLEL_LEAF_READS = 8;

/** A leaf block's bytes beyond its data (dag-pb and UnixFS framing: about 14 bytes for kubo's leaves), with room to spare. */
const LEAF_FRAMING = 64;
/** Children whose data is at most this are read into a buffer of that size at once (no stat); larger ones are branches. */
const MAX_GUESSED_BLOCK = 1024 * 1024;

/**
 * Closes a block file opened for reading. At once, not on the thread pool: closing a file that was
 * only read waits on no disk, and a round trip through the pool per block (four a MiB) cost more
 * than the call itself. It runs in a read's callback, where a throw would be uncaught; a failed
 * close of a file only read loses nothing, so the read's outcome stands.
 */
function closeFile(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // see above
  }
}

/** The node is not part of a UnixFS file: the exporter reads it (and says what it is). */
class NotAFileNode extends Error {}

interface StoredFile {
  size: number;
  content(options: ExportContentOptions): AsyncIterable<Uint8Array>;
}

/** blockstore-fs reports any failure to open a block file as NotFoundError; only ENOENT means the block is absent. */
function isMissingBlock(error: unknown): boolean {
  return error instanceof Error && error.name === 'NotFoundError' && error.message.includes('ENOENT');
}

function translate(error: unknown, cid: string): unknown {
  return isMissingBlock(error) ? new StorageNotFoundError(cid, { cause: error }) : error;
}

/**
 * Files as UnixFS DAGs in a local folder of blocks (one file per block), for running without a kubo daemon.
 * Nothing here ever deletes a block, so everything added stays readable until the folder itself is removed.
 */
export class EmbeddedBlockstoreStorage implements StoragePort {
  readonly kind = 'embedded' as const;
  private readonly blocks: FsBlockstore;
  private opening: Promise<void> | undefined;
  private closed = false;
  /** Branch nodes by CID: blocks never change, so a download's every range finds its way down without rereading them. */
  private readonly branches = new Map<string, Branch>();
  /**
   * Where reads into a span put the bytes of its edge leaves that lie outside it (as much as a leaf
   * of kubo's chunk size): written by any number of reads at once, and never read.
   */
  private readonly discarded = Buffer.allocUnsafe(262_144);
  private readonly writer = new BlockWriter();

  /** Where a block's file is: the blockstore's own (default) layout, named so that reads can open the file directly. */
  private readonly sharding = new NextToLast();

  constructor(readonly directory: string) {
    this.blocks = new FsBlockstore(directory, { shardingStrategy: this.sharding });
  }

  /** Creates the folder. Every call does this lazily; boot calls it so that an unusable folder stops startup. */
  open(): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`Embedded storage in ${this.directory} is closed`));
    this.opening ??= this.blocks.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  async add(content: AsyncIterable<Uint8Array> | Uint8Array): Promise<{ cid: string; size: number }> {
    await this.open();
    return this.addFile(content instanceof Uint8Array ? [content] : content);
  }

  async *cat(cid: string, options?: StorageCatOptions): AsyncGenerator<Uint8Array, void, undefined> {
    const root = parseCid(cid);
    const range = readByteRange(options);
    await this.open();
    const node = await this.fileNode(root, cid);
    if (node === undefined) {
      yield* this.exportedRange(root, cid, range);
      return;
    }
    const length = bytesInRange(range, node instanceof Uint8Array ? node.length : node.size);
    if (length === 0) return;
    yield* this.nodeRange(node, 0, range.offset, range.offset + length, cid);
  }

  async readInto(cid: string, offset: number, target: Uint8Array): Promise<number> {
    const root = parseCid(cid);
    const range = readByteRange({ offset, length: target.length });
    await this.open();
    const node = await this.fileNode(root, cid);
    if (node === undefined) return fillFrom(this.exportedRange(root, cid, range), target);
    const length = bytesInRange(range, node instanceof Uint8Array ? node.length : node.size);
    if (length > 0) await this.nodeInto(node, 0, offset, offset + length, target, cid);
    return length;
  }

  /** The root of a UnixFS file read block by block; undefined for what only the exporter reads (identity CIDs, directories, other codecs). */
  private async fileNode(root: CID, cid: string): Promise<FileNode | undefined> {
    if ((root.code !== dagPb.code && root.code !== raw.code) || root.multihash.code === identity.code) return undefined;
    try {
      return await this.node(root, cid);
    } catch (error) {
      if (error instanceof NotAFileNode) return undefined;
      throw error;
    }
  }

  /** The exporter's read of a file: the general path. */
  private async *exportedRange(
    root: CID,
    cid: string,
    range: ReturnType<typeof readByteRange>,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    const file = await this.resolveFile(root, cid);
    const length = bytesInRange(range, file.size);
    // The exporter rejects an offset at or past the end; kubo answers it with nothing, and so do we.
    if (length === 0) return;
    try {
      yield* file.content({ offset: range.offset, length });
    } catch (error) {
      throw translate(error, cid);
    }
  }

  /**
   * The bytes [start, end) of the file, of which `node` holds the bytes from `nodeStart`: each block
   * read once with one read of its file, the next few read ahead, in the order of the file.
   */
  private async *nodeRange(node: FileNode, nodeStart: number, start: number, end: number, cid: string): AsyncGenerator<Uint8Array> {
    const slice = (bytes: Uint8Array, at: number) => bytes.subarray(Math.max(0, start - at), Math.min(bytes.length, end - at));
    if (node instanceof Uint8Array) {
      const part = slice(node, nodeStart);
      if (part.length > 0) yield part;
      return;
    }
    if (node.data && node.data.length > 0) {
      const part = slice(node.data, nodeStart);
      if (part.length > 0) yield part;
    }
    const wanted = node.children.filter((child) => nodeStart + child.end > start && nodeStart + child.start < end);
    const ahead: Array<Promise<FileNode>> = [];
    let next = 0;
    for (const child of wanted) {
      while (next < wanted.length && ahead.length < READ_AHEAD_BLOCKS) {
        const { cid: block, start: from, end: to } = wanted[next++]!;
        const reading = this.node(block, cid, to - from);
        reading.catch(() => undefined); // a read nobody awaits (the caller stopped) must not go unhandled
        ahead.push(reading);
      }
      yield* this.nodeRange(await ahead.shift()!, nodeStart + child.start, start, end, cid);
    }
  }

  /**
   * Puts the bytes [start, end) of the file, of which `node` holds the bytes from `nodeStart`, into
   * `target` (which holds that span). Each leaf is read straight into its place in `target`; any
   * other node is read as `cat` reads it.
   */
  private async nodeInto(node: FileNode, nodeStart: number, start: number, end: number, target: Uint8Array, cid: string): Promise<void> {
    const copy = (bytes: Uint8Array, at: number) => {
      const from = Math.max(start, at);
      const to = Math.min(end, at + bytes.length);
      if (to > from) target.set(bytes.subarray(from - at, to - at), from - start);
    };
    if (node instanceof Uint8Array) return copy(node, nodeStart);
    if (node.data) copy(node.data, nodeStart);
    const wanted = node.children.filter((child) => nodeStart + child.end > start && nodeStart + child.start < end);
    let next = 0;
    const reader = async () => {
      while (next < wanted.length) {
        const child = wanted[next++]!;
        const from = nodeStart + child.start;
        const to = nodeStart + child.end;
        const [lo, hi] = [Math.max(start, from), Math.min(end, to)];
        const span = target.subarray(lo - start, hi - start);
        if (!this.branches.has(child.cid.toString()) && (await this.readLeafInto(child.cid, to - from, lo - from, span, cid))) continue;
        await this.nodeInto(await this.node(child.cid, cid, to - from), from, start, end, target, cid);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_LEAF_READS, wanted.length) }, reader));
  }

  /**
   * Reads a block that should be a leaf of `dataBytes` data bytes with one read, its data from `skip`
   * straight into `into` (the rest of its data, at the edges of a span, into a buffer that is never
   * read): false when the block is something else (a branch, another leaf form), which the caller
   * then reads the general way (and `into` is overwritten).
   */
  private readLeafInto(block: CID, dataBytes: number, skip: number, into: Uint8Array, cid: string): Promise<boolean> {
    const after = dataBytes - skip - into.length;
    if (block.multihash.code === identity.code || (block.code !== dagPb.code && block.code !== raw.code)) return Promise.resolve(false);
    if (skip > this.discarded.length || after > this.discarded.length) return Promise.resolve(false);
    const { head, tail } = block.code === raw.code ? { head: Buffer.alloc(0), tail: Buffer.alloc(0) } : leafFraming(dataBytes);
    const { dir, file } = this.sharding.encode(block);
    const name = path.join(this.blocks.path, dir, file);
    // One byte more than a leaf has, to tell a larger block apart.
    const [gotHead, gotTail] = [Buffer.allocUnsafe(head.length), Buffer.allocUnsafe(tail.length + 1)];
    const parts = [gotHead, this.discarded.subarray(0, skip), into, this.discarded.subarray(0, after), gotTail];
    return new Promise((resolve, reject) => {
      open(name, 'r', (openError, fd) => {
        if (openError) {
          return reject(openError.code === 'ENOENT' ? new StorageNotFoundError(cid, { cause: openError }) : openError);
        }
        readv(fd, parts, 0, (readError, got) => {
          closeFile(fd);
          if (readError) return reject(readError);
          resolve(got === head.length + dataBytes + tail.length && gotHead.equals(head) && gotTail.subarray(0, tail.length).equals(tail));
        });
      });
    });
  }

  /**
   * A block's bytes from its file. A child of known data size (a leaf, as a rule) is read with one
   * open and one read into a buffer that size plus framing, without the stat a whole-file read makes.
   */
  private readBlock(block: CID, dataBytes: number | undefined): Promise<Uint8Array> {
    const { dir, file } = this.sharding.encode(block);
    const name = path.join(this.blocks.path, dir, file);
    if (dataBytes === undefined || dataBytes > MAX_GUESSED_BLOCK) return readFile(name);
    return new Promise((resolve, reject) => {
      open(name, 'r', (openError, fd) => {
        if (openError) return reject(openError);
        const buffer = Buffer.allocUnsafe(dataBytes + LEAF_FRAMING);
        read(fd, buffer, 0, buffer.length, 0, (readError, got) => {
          closeFile(fd);
          if (readError) reject(readError);
          // Filled to the brim: the block may be larger than guessed, so it is read whole.
          else if (got === buffer.length) resolve(readFile(name));
          // A branch under a small subtree is a few bytes: those are kept, not the buffer.
          else resolve(got < buffer.length / 2 ? Buffer.from(buffer.subarray(0, got)) : buffer.subarray(0, got));
        });
      });
    });
  }

  /** A node of the file `cid`: a branch (kept) or a leaf's bytes (a view of its block, not kept). */
  private async node(block: CID, cid: string, dataBytes?: number): Promise<FileNode> {
    const key = block.toString();
    const known = this.branches.get(key);
    if (known) return known;
    if (block.multihash.code === identity.code) throw new NotAFileNode(`identity block ${key}`);
    let bytes: Uint8Array;
    try {
      bytes = await this.readBlock(block, dataBytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageNotFoundError(cid, { cause: error });
      throw error;
    }
    if (block.code === raw.code) return bytes;
    if (block.code !== dagPb.code) throw new NotAFileNode(`codec ${block.code}`);
    const decoded = dagPb.decode(bytes);
    if (!decoded.Data) throw new NotAFileNode('no UnixFS data');
    const unixfs = UnixFS.unmarshal(decoded.Data);
    if (unixfs.type !== 'file' && unixfs.type !== 'raw') throw new NotAFileNode(unixfs.type);
    if (decoded.Links.length === 0) return unixfs.data ?? new Uint8Array(0);
    if (decoded.Links.length !== unixfs.blockSizes.length) throw new Error(`${key}: UnixFS block sizes do not match its links`);
    let at = unixfs.data?.length ?? 0;
    const children = decoded.Links.map((link, i) => {
      const start = at;
      at += Number(unixfs.blockSizes[i]);
      return { cid: link.Hash, start, end: at };
    });
    const branch: Branch = { data: unixfs.data, children, size: at };
    if (this.branches.size >= MAX_BRANCHES) this.branches.delete(this.branches.keys().next().value!);
    this.branches.set(key, branch);
    return branch;
  }

  async has(cid: string): Promise<boolean> {
    const root = parseCid(cid);
    await this.open();
    await this.reachable();
    // A parent is written only after all of its children (as the importer does), so a root on disk means the whole file is.
    return this.blocks.has(root);
  }

  async stat(cid: string): Promise<{ size: number } | undefined> {
    const root = parseCid(cid);
    await this.open();
    try {
      return { size: (await this.resolveFile(root, cid)).size };
    } catch (error) {
      if (error instanceof StorageNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * The folder itself answers: blockstore-fs reports any failure to read a block as "absent", and a
   * folder gone or unreadable (a lost mount) must read as the store being down, not as files missing.
   */
  private async reachable(): Promise<void> {
    let folder: Stats;
    try {
      folder = await stat(this.directory);
    } catch (error) {
      throw new Error(`embedded storage ${this.directory} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    if (!folder.isDirectory()) throw new Error(`embedded storage ${this.directory} is not a folder`);
  }

  /** No garbage collector runs over this folder, so there is nothing to record: pinning only checks presence. */
  async pin(cid: string): Promise<void> {
    if (!(await this.has(cid))) throw new StorageNotFoundError(cid);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writer.close();
    await this.blocks.close();
  }

  private async resolveFile(root: CID, cid: string): Promise<StoredFile> {
    let entry: UnixFSEntry;
    try {
      entry = await exporter(root, this.blocks);
    } catch (error) {
      throw translate(error, cid);
    }
    switch (entry.type) {
      case 'file':
        return { size: Number(entry.unixfs.fileSize()), content: (options) => entry.content(options) };
      case 'raw':
      case 'identity':
        return { size: Number(entry.size), content: (options) => entry.content(options) };
      case 'directory':
      case 'object':
        throw new Error(`CID ${cid} names a ${entry.type}, not a file`);
      default: {
        const unreachable: never = entry;
        return unreachable;
      }
    }
  }

  /** The folder of a block's file and the file: the blockstore's own (default) layout. */
  private blockPath(cid: CID): [folder: string, name: string] {
    const { dir, file } = this.sharding.encode(cid);
    const folder = path.join(this.blocks.path, dir);
    return [folder, path.join(folder, file)];
  }

  /**
   * Cuts the content into kubo's 256 KiB leaves and writes every block of its DAG (`BalancedFileDag`),
   * through the writer thread, each parent after its children. A full leaf is framed in place in a
   * buffer that the content is copied into once; the few buffers go to the writer and come back to
   * take the next leaves, so a file makes no buffer per block for the collector to chase, and each
   * block is hashed with one SHA-256 call.
   */
  private async addFile(content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ cid: string; size: number }> {
    const { head, tail } = leafFraming(KUBO_CHUNK_BYTES);
    const leafBytes = head.length + KUBO_CHUNK_BYTES + tail.length;
    const spare: Buffer[] = [];
    let buffers = 0;
    let writing = 0;
    let failure: { error: unknown } | undefined;
    let wake: (() => void) | undefined;
    const write = (cid: CID, block: Uint8Array, reuse: boolean) => {
      writing++;
      this.writer.write(...this.blockPath(cid), block, reuse).then(
        (back) => {
          if (reuse) spare.push(Buffer.from(back.buffer, back.byteOffset, back.byteLength));
          writing--;
          wake?.();
        },
        (error: unknown) => {
          failure ??= { error };
          writing--;
          wake?.();
        },
      );
    };
    const waitForWrites = () => new Promise<void>((resolve) => (wake = resolve));
    const nextLeaf = async (): Promise<Buffer> => {
      for (;;) {
        if (failure) throw failure.error;
        const leaf = spare.pop();
        if (leaf) return leaf;
        if (buffers < LEAF_BUFFERS) {
          buffers++;
          const made = Buffer.alloc(leafBytes);
          head.copy(made, 0);
          tail.copy(made, head.length + KUBO_CHUNK_BYTES);
          return made;
        }
        await waitForWrites();
      }
    };
    // Parents (a few KiB per 45 MB of file) are written once every leaf is, each after the one before,
    // so that a root on disk still means the whole file is.
    const parents: Array<{ cid: CID; block: Uint8Array }> = [];
    const dag = new BalancedFileDag((cid, block) => parents.push({ cid, block }));
    const putLeaf = (block: Uint8Array, dataBytes: number, reuse: boolean) => {
      const cid = dagPbCidV0(block);
      dag.addLeaf({ cid, fileBytes: dataBytes, dagBytes: block.length });
      write(cid, block, reuse); // with `reuse`, the block's memory is the writer's from here on (its length reads 0)
    };
    let leaf = await nextLeaf();
    let size = 0;
    let filled = 0;
    for await (const piece of content) {
      // A Node stream with setEncoding() yields strings, which would be stored as something else entirely.
      if (!(piece instanceof Uint8Array)) throw new TypeError('File content must be a stream of Uint8Array chunks');
      if (this.closed) throw new Error(`Embedded storage in ${this.directory} is closed`);
      size += piece.length;
      for (let at = 0; at < piece.length;) {
        const take = Math.min(KUBO_CHUNK_BYTES - filled, piece.length - at);
        leaf.set(take === piece.length ? piece : piece.subarray(at, at + take), head.length + filled);
        filled += take;
        at += take;
        if (filled === KUBO_CHUNK_BYTES) {
          putLeaf(leaf, KUBO_CHUNK_BYTES, true);
          leaf = await nextLeaf();
          filled = 0;
        }
      }
    }
    // The last, shorter leaf has framing of its own; an empty file is one empty leaf.
    if (filled > 0 || size === 0) putLeaf(leafBlock(leaf.subarray(head.length, head.length + filled)), filled, false);
    const root = dag.finish();
    while (writing > 0) await waitForWrites();
    if (failure) throw failure.error;
    for (const parent of parents) await this.writer.write(...this.blockPath(parent.cid), parent.block, false);
    return { cid: root.cid.toString(), size };
  }
}
