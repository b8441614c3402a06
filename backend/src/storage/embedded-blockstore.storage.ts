import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import * as dagPb from '@ipld/dag-pb';
import { FsBlockstore } from 'blockstore-fs';
import { UnixFS } from 'ipfs-unixfs';
import { exporter, type ExportContentOptions, type UnixFSEntry } from 'ipfs-unixfs-exporter';
import { importFile, type BufferImporter, type ImportContent, type ImporterOptions, type WritableStorage } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { bytesInRange, CountingSource, parseCid, readByteRange } from './storage-input.util.js';
import { StorageNotFoundError, type StorageCatOptions, type StoragePort } from './storage.port.js';

/**
 * kubo's `ipfs add` defaults (the "unixfs-v0-2015" profile of IPIP-499), each spelled out rather than taken
 * from the importer's defaults (CIDv1, raw leaves), which would give CIDs kubo never produces.
 */
function kuboAddDefaults(): ImporterOptions {
  return {
    cidVersion: 0,
    rawLeaves: false,
    leafType: 'file',
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: 262_144 }),
    layout: balanced({ maxChildrenPerNode: 174 }),
    fieldOrder: 'links-first',
    wrapWithDirectory: false,
    bufferImporter: leanLeaves,
  };
}

/**
 * The importer's own leaf builder, less what it keeps: its result carries each leaf's UnixFS with
 * the leaf's data, and the layout holds up to 174 results (a parent's children) before writing the
 * parent, so a file being added kept about 45 MB of copies alive (and five formats stored at once,
 * five times that). Here the result's UnixFS records only the leaf's size, which is all the parent
 * reads from it (`addBlockSize(fileSize())`); the leaf's bytes (kubo's: a dag-pb node whose Data is
 * a UnixFS file holding the chunk) and so every CID are the same.
 */
const leanLeaves: BufferImporter = async function* (file, blockstore) {
  for await (const chunk of file.content) {
    yield async () => {
      const block = dagPb.encode({ Data: new UnixFS({ type: 'file', data: chunk }).marshal(), Links: [] });
      const cid = CID.createV0(await sha256.digest(block));
      await blockstore.put(cid, block);
      return { cid, unixfs: new UnixFS({ type: 'file', blockSizes: [BigInt(chunk.length)] }), size: BigInt(block.length), block };
    };
  }
};

type BlockBytes = Parameters<FsBlockstore['put']>[1];

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
  private readonly writes = new Map<string, Promise<CID>>();
  private readonly writer: WritableStorage = { put: (cid, bytes) => this.putOnce(cid, bytes) };

  constructor(readonly directory: string) {
    this.blocks = new FsBlockstore(directory);
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
    if (content instanceof Uint8Array) {
      return { cid: await this.import(content), size: content.byteLength };
    }
    const source = new CountingSource(content);
    const cid = await this.import(source);
    return { cid, size: source.bytes };
  }

  async *cat(cid: string, options?: StorageCatOptions): AsyncGenerator<Uint8Array, void, undefined> {
    const root = parseCid(cid);
    const range = readByteRange(options);
    await this.open();
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

  async has(cid: string): Promise<boolean> {
    const root = parseCid(cid);
    await this.open();
    await this.reachable();
    // The importer writes a parent only after all of its children, so a root on disk means the whole file is.
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
    await Promise.allSettled(this.writes.values());
    await this.blocks.close();
  }

  private async import(content: ImportContent): Promise<string> {
    const result = await importFile({ content }, this.writer, kuboAddDefaults());
    return result.cid.toString();
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

  /**
   * Files with repeated content (runs of zeros, duplicate frames) yield the same block several times at once.
   * blockstore-fs writes each through the same temporary file name, and the losing rename retries for about a
   * second; writing a block once, and not again when it is already on disk, avoids both the race and the stall.
   */
  private putOnce(cid: CID, bytes: BlockBytes): Promise<CID> {
    const key = cid.toString();
    const pending = this.writes.get(key);
    if (pending !== undefined) return pending;
    const write = this.writeIfAbsent(cid, bytes).finally(() => this.writes.delete(key));
    this.writes.set(key, write);
    return write;
  }

  private async writeIfAbsent(cid: CID, bytes: BlockBytes): Promise<CID> {
    if (!(await this.blocks.has(cid))) await this.blocks.put(cid, bytes);
    return cid;
  }
}
