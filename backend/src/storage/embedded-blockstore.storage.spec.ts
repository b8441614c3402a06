import { createCipheriv, createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { FsBlockstore } from 'blockstore-fs';
import { NextToLast } from 'blockstore-fs/sharding';
import { UnixFS } from 'ipfs-unixfs';
import { exporter } from 'ipfs-unixfs-exporter';
import { importFile } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import { CID } from 'multiformats/cid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leafBlock, leafFraming } from './domain/kubo-file-dag.js';
import { EmbeddedBlockstoreStorage } from './embedded-blockstore.storage.js';
import { StorageNotFoundError } from './storage.port.js';

const HELLO = new TextEncoder().encode('hello world\n');
// What `ipfs add` prints with kubo's defaults.
const HELLO_CID = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';
const EMPTY_CID = 'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH';
const CHUNK = 262_144;

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

/** Lets each chunk arrive in its own event-loop turn, as from a socket. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function* inPieces(bytes: Uint8Array, pieceSize: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += pieceSize) {
    await nextTurn();
    yield bytes.slice(start, start + pieceSize);
  }
}

/** Deterministic incompressible bytes made on the fly, so a large file never sits in memory. */
async function* pseudoRandom(total: number, seed: string, onChunk?: (chunk: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  const cipher = createCipheriv('aes-256-ctr', createHash('sha256').update(seed).digest(), Buffer.alloc(16));
  const zeros = Buffer.alloc(64 * 1024);
  for (let sent = 0; sent < total; sent += zeros.length) {
    const chunk = cipher.update(zeros.subarray(0, Math.min(zeros.length, total - sent)));
    onChunk?.(chunk);
    await nextTurn();
    yield chunk;
  }
}

/** Bytes that differ in every chunk, so that no two blocks coincide. */
function patterned(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >>> 8) + (i >>> 16)) & 0xff;
  return bytes;
}

describe('leafBlock', () => {
  it('writes the bytes dag-pb and UnixFS encode a file leaf to, at every varint width of its size', () => {
    for (const size of [0, 1, 2, 127, 128, 129, 16_383, 16_384, 100_000, CHUNK - 1, CHUNK, 2_097_151, 2_097_152]) {
      const data = new Uint8Array(size).map((_, i) => (i * 31 + size) % 251);
      const expected = dagPb.encode({ Data: new UnixFS({ type: 'file', data }).marshal(), Links: [] });
      expect(Buffer.from(leafBlock(data)).equals(Buffer.from(expected)), `${size} bytes`).toBe(true);
    }
  });
});

describe('EmbeddedBlockstoreStorage', () => {
  let dir: string;
  let storage: EmbeddedBlockstoreStorage;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-storage-'));
    storage = new EmbeddedBlockstoreStorage(path.join(dir, 'blocks'));
  });

  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('CIDs identical to kubo', () => {
    it('gives `hello world\\n` the CID `ipfs add` gives', async () => {
      expect(await storage.add(HELLO)).toEqual({ cid: HELLO_CID, size: 12 });
    });

    it('gives an empty file the CID `ipfs add` gives', async () => {
      expect(await storage.add(new Uint8Array(0))).toEqual({ cid: EMPTY_CID, size: 0 });
      expect(await storage.add(inPieces(new Uint8Array(0), 1))).toEqual({ cid: EMPTY_CID, size: 0 });
      expect(await collect(storage.cat(EMPTY_CID))).toHaveLength(0);
      expect(await storage.stat(EMPTY_CID)).toEqual({ size: 0 });
    });

    it('does not depend on how the input stream is cut', async () => {
      const bytes = patterned(3 * CHUNK + 1234);
      const whole = await storage.add(bytes);
      const oddPieces = await storage.add(inPieces(bytes, 7777));
      const bigPieces = await storage.add(inPieces(bytes, CHUNK + 1));
      expect(oddPieces).toEqual(whole);
      expect(bigPieces).toEqual(whole);
      expect(whole.size).toBe(bytes.length);
    });

    it(
      'builds the same DAG as the importer with its own leaf builder, for one leaf and for two tree levels',
      { timeout: 120_000 },
      async () => {
        // The importer's defaults with kubo's options are the reference; 175 chunks need a second level.
        const reference = async (bytes: Uint8Array) =>
          (
            await importFile(
              { content: bytes },
              { put: (cid: CID) => Promise.resolve(cid) },
              {
                cidVersion: 0,
                rawLeaves: false,
                leafType: 'file',
                reduceSingleLeafToSelf: true,
                chunker: fixedSize({ chunkSize: CHUNK }),
                layout: balanced({ maxChildrenPerNode: 174 }),
              },
            )
          ).cid.toString();
        for (const bytes of [patterned(1000), patterned(CHUNK), patterned(175 * CHUNK + 99)]) {
          expect((await storage.add(inPieces(bytes, 65_552))).cid).toBe(await reference(bytes));
        }
      },
    );
  });

  it('adds 1 MiB of zeros (four identical chunks) to the same CID twice and reads the bytes back', async () => {
    const zeros = new Uint8Array(1024 * 1024);
    const first = await storage.add(zeros);
    const second = await storage.add(inPieces(zeros, 100_000));
    expect(second).toEqual(first);
    expect(first.size).toBe(zeros.length);
    const root = await exporter(CID.parse(first.cid), new FsBlockstore(path.join(dir, 'blocks')));
    expect(root.type === 'file' && root.node.Links.length).toBe(4);
    expect((await collect(storage.cat(first.cid))).equals(zeros)).toBe(true);
  });

  it('gives the same CID to concurrent adds of the same content', async () => {
    const bytes = patterned(2 * CHUNK + 5);
    const [a, b, c] = await Promise.all([storage.add(bytes), storage.add(inPieces(bytes, 4096)), storage.add(bytes)]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect((await collect(storage.cat(a.cid))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('streams a file of more than 174 chunks in and out unchanged', { timeout: 120_000 }, async () => {
    const total = 50 * 1024 * 1024 + 12_345;
    const sent = createHash('sha256');
    const added = await storage.add(pseudoRandom(total, 'large', (chunk) => sent.update(chunk)));
    expect(added.size).toBe(total);

    const received = createHash('sha256');
    let receivedBytes = 0;
    for await (const chunk of storage.cat(added.cid)) {
      received.update(chunk);
      receivedBytes += chunk.length;
    }
    expect(receivedBytes).toBe(total);
    expect(received.digest('hex')).toBe(sent.digest('hex'));
    expect(await storage.stat(added.cid)).toEqual({ size: total });

    // 201 chunks at 174 links per node: the root must hold two intermediate nodes, as kubo's balanced layout does.
    const root = await exporter(CID.parse(added.cid), new FsBlockstore(path.join(dir, 'blocks')));
    expect(root.type === 'file' && root.node.Links.length).toBe(2);
  });

  describe('cat with offset and length', () => {
    it('returns the asked range of a one-block file', async () => {
      await storage.add(HELLO);
      const read = async (offset?: number, length?: number) => (await collect(storage.cat(HELLO_CID, { offset, length }))).toString('utf8');
      expect(await read(6)).toBe('world\n');
      expect(await read(0, 5)).toBe('hello');
      expect(await read(6, 100)).toBe('world\n');
      expect(await read(3, 0)).toBe('');
      expect(await read(12)).toBe('');
      expect(await read(100)).toBe('');
    });

    it('returns a range that crosses chunk boundaries', async () => {
      const bytes = patterned(3 * CHUNK + 99);
      const { cid } = await storage.add(bytes);
      const offset = CHUNK - 10;
      const length = CHUNK + 20;
      expect((await collect(storage.cat(cid, { offset, length }))).equals(Buffer.from(bytes.subarray(offset, offset + length)))).toBe(true);
      expect((await collect(storage.cat(cid, { offset: 2 * CHUNK + 1 }))).equals(Buffer.from(bytes.subarray(2 * CHUNK + 1)))).toBe(true);
    });

    it('rejects a negative or fractional range', async () => {
      await storage.add(HELLO);
      await expect(collect(storage.cat(HELLO_CID, { offset: -1 }))).rejects.toBeInstanceOf(RangeError);
      await expect(collect(storage.cat(HELLO_CID, { length: 1.5 }))).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('readInto', () => {
    const readInto = async (cid: string, offset: number, length: number) => {
      const target = Buffer.alloc(length, 0xee);
      const got = await storage.readInto(cid, offset, target);
      return target.subarray(0, got);
    };

    it('fills a buffer with any span of a file of two intermediate nodes, fewer bytes at the end', { timeout: 60_000 }, async () => {
      const bytes = Buffer.from(patterned(180 * CHUNK + 99));
      const { cid } = await storage.add(bytes);
      const edge = 174 * CHUNK; // where the first intermediate node's bytes end
      for (const [offset, length] of [
        [0, bytes.length],
        [edge - 3 * CHUNK - 7, 6 * CHUNK + 11],
        [edge - CHUNK, 2 * CHUNK],
        [5, 17],
        [CHUNK - 1, 2],
        [bytes.length - 50, 1000],
      ] as const) {
        expect((await readInto(cid, offset, length)).equals(bytes.subarray(offset, offset + length)), `${offset}+${length}`).toBe(true);
      }
      expect(await storage.readInto(cid, bytes.length, Buffer.alloc(10))).toBe(0);
    });

    it('reads a one-block file and a file of raw leaves (CIDv1), which `ipfs add --raw-leaves` makes', async () => {
      await storage.add(HELLO);
      expect((await readInto(HELLO_CID, 6, 100)).toString('utf8')).toBe('world\n');
      const bytes = Buffer.from(patterned(3 * CHUNK + 5));
      const { cid } = await importFile({ content: bytes }, new FsBlockstore(path.join(dir, 'blocks')), {
        cidVersion: 1,
        rawLeaves: true,
        chunker: fixedSize({ chunkSize: CHUNK }),
        layout: balanced({ maxChildrenPerNode: 174 }),
      });
      expect((await readInto(cid.toString(), 3, 3 * CHUNK)).equals(bytes.subarray(3, 3 + 3 * CHUNK))).toBe(true);
    });

    it('frames a leaf as the importer writes it, so that its bytes are read straight into place', async () => {
      const bytes = patterned(CHUNK + 99);
      const { cid } = await storage.add(bytes);
      const blocks = new FsBlockstore(path.join(dir, 'blocks'));
      const root = await exporter(CID.parse(cid), blocks);
      if (root.type !== 'file') throw new Error('expected a file');
      for (const [i, data] of [bytes.subarray(0, CHUNK), bytes.subarray(CHUNK)].entries()) {
        const { head, tail } = leafFraming(data.length);
        expect(Buffer.from(await collect(blocks.get(root.node.Links[i]!.Hash))).equals(Buffer.concat([head, data, tail]))).toBe(true);
      }
    });

    it('fails with StorageNotFoundError when a block in the span has gone', async () => {
      const { cid } = await storage.add(patterned(3 * CHUNK));
      const blocks = new FsBlockstore(path.join(dir, 'blocks'));
      const root = await exporter(CID.parse(cid), blocks);
      if (root.type !== 'file') throw new Error('expected a file');
      await blocks.delete(root.node.Links[1]!.Hash);
      await expect(storage.readInto(cid, 0, Buffer.alloc(3 * CHUNK))).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(storage.readInto(cid, CHUNK + 5, Buffer.alloc(10))).rejects.toBeInstanceOf(StorageNotFoundError);
      expect((await readInto(cid, 2 * CHUNK, 10)).equals(Buffer.from(patterned(3 * CHUNK).subarray(2 * CHUNK, 2 * CHUNK + 10)))).toBe(true);
    });
  });

  describe('has, stat and pin', () => {
    it('report a stored file', async () => {
      await storage.add(HELLO);
      expect(await storage.has(HELLO_CID)).toBe(true);
      expect(await storage.stat(HELLO_CID)).toEqual({ size: 12 });
      await expect(storage.pin(HELLO_CID)).resolves.toBeUndefined();
    });

    it('report a CID that was never stored', async () => {
      expect(await storage.has(HELLO_CID)).toBe(false);
      expect(await storage.stat(HELLO_CID)).toBeUndefined();
      await expect(storage.pin(HELLO_CID)).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it('throw a TypeError for a string that is not a CID', async () => {
      await expect(storage.has('not-a-cid')).rejects.toBeInstanceOf(TypeError);
      await expect(storage.stat('Qm123')).rejects.toBeInstanceOf(TypeError);
      await expect(collect(storage.cat(''))).rejects.toBeInstanceOf(TypeError);
    });
  });

  describe('missing content', () => {
    it('fails a cat of an unknown CID at once with StorageNotFoundError', async () => {
      const started = Date.now();
      const error: unknown = await collect(storage.cat(HELLO_CID)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageNotFoundError);
      expect((error as StorageNotFoundError).cid).toBe(HELLO_CID);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('fails with StorageNotFoundError when a block under the root has gone', async () => {
      const bytes = patterned(2 * CHUNK + 1);
      const { cid } = await storage.add(bytes);
      const blocks = new FsBlockstore(path.join(dir, 'blocks'));
      const root = await exporter(CID.parse(cid), blocks);
      if (root.type !== 'file') throw new Error('expected a file');
      await blocks.delete(root.node.Links[1]!.Hash);

      const parts: Uint8Array[] = [];
      const error: unknown = await (async () => {
        for await (const part of storage.cat(cid)) parts.push(part);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageNotFoundError);
      expect(Buffer.concat(parts).equals(Buffer.from(bytes.subarray(0, CHUNK)))).toBe(true);
    });
  });

  it('keeps files across a restart on the same folder', async () => {
    const bytes = patterned(CHUNK + 3);
    const { cid } = await storage.add(bytes);
    await storage.close();

    storage = new EmbeddedBlockstoreStorage(path.join(dir, 'blocks'));
    expect(await storage.has(cid)).toBe(true);
    expect(await storage.stat(cid)).toEqual({ size: bytes.length });
    expect((await collect(storage.cat(cid))).equals(Buffer.from(bytes))).toBe(true);
    expect(await storage.add(bytes)).toEqual({ cid, size: bytes.length });
  });

  it('refuses calls once closed', async () => {
    await storage.add(HELLO);
    await storage.close();
    await expect(storage.has(HELLO_CID)).rejects.toThrow(/closed/);
    await expect(storage.add(HELLO)).rejects.toThrow(/closed/);
  });

  it('fails an add with the error of a block that could not be written, and adds again once the folder is back', async () => {
    await storage.open();
    const blocks = path.join(dir, 'blocks');
    await rm(blocks, { recursive: true });
    await writeFile(blocks, 'not a folder');
    await expect(storage.add(patterned(3 * CHUNK))).rejects.toThrow(/ENOTDIR|EEXIST/);
    await rm(blocks);
    await mkdir(blocks);
    const bytes = patterned(3 * CHUNK);
    const { cid } = await storage.add(bytes);
    expect((await collect(storage.cat(cid))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('writes the parents of a file only after all of its leaves, so that a root on disk means the whole file', async () => {
    const bytes = patterned(175 * CHUNK + 1);
    const { cid } = await storage.add(bytes);
    const root = await exporter(CID.parse(cid), new FsBlockstore(path.join(dir, 'blocks')));
    if (root.type !== 'file') throw new Error('not a file');
    const files = root.node.Links.map((link) => new NextToLast().encode(link.Hash));
    const mtime = async ({ dir: folder, file }: { dir: string; file: string }) =>
      (await stat(path.join(dir, 'blocks', folder, file))).mtimeMs;
    const rootTime = await mtime(new NextToLast().encode(CID.parse(cid)));
    for (const child of files) expect(await mtime(child)).toBeLessThanOrEqual(rootTime);
    expect(await storage.has(cid)).toBe(true);
  });

  it('reports why a failing source failed', async () => {
    const failing = (async function* () {
      yield HELLO;
      await nextTurn();
      throw new Error('client went away');
    })();
    await expect(storage.add(failing)).rejects.toThrow('client went away');
  });
});
