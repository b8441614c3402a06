import { importFile } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { BalancedFileDag, dagPbCidV0, leafBlock } from './kubo-file-dag.js';

/** The importer with kubo's options but a tiny chunk and fan-out, so that trees of three and four levels stay small. */
async function importerBlocks(bytes: Uint8Array, chunkSize: number, maxChildren: number): Promise<{ root: string; blocks: string[] }> {
  const blocks: string[] = [];
  const { cid } = await importFile(
    { content: bytes },
    {
      put: (block: CID) => {
        blocks.push(block.toString());
        return Promise.resolve(block);
      },
    },
    {
      cidVersion: 0,
      rawLeaves: false,
      leafType: 'file',
      reduceSingleLeafToSelf: true,
      chunker: fixedSize({ chunkSize }),
      layout: balanced({ maxChildrenPerNode: maxChildren }),
      blockWriteConcurrency: 1,
    },
  );
  return { root: cid.toString(), blocks };
}

function ourBlocks(bytes: Uint8Array, chunkSize: number, maxChildren: number): { root: string; blocks: string[] } {
  const blocks: string[] = [];
  const dag = new BalancedFileDag((cid) => blocks.push(cid.toString()), maxChildren);
  for (let at = 0; at < bytes.length || at === 0; at += chunkSize) {
    const block = leafBlock(bytes.subarray(at, at + chunkSize));
    const cid = dagPbCidV0(block);
    blocks.push(cid.toString());
    dag.addLeaf({ cid, fileBytes: Math.min(chunkSize, bytes.length - at), dagBytes: block.length });
    if (bytes.length === 0) break;
  }
  return { root: dag.finish().cid.toString(), blocks };
}

describe('BalancedFileDag', () => {
  it('builds the blocks and root the importer builds with kubo options, for every leaf count up to four levels', async () => {
    const chunkSize = 4;
    const maxChildren = 3;
    // 1 leaf (the leaf is the root), 2-3 (one parent), 4-9 (two levels), 10-27 (three), 28+ (four), and partial last chunks.
    for (let size = 0; size <= 30 * chunkSize; size += size < 40 ? 1 : 3) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 7 + size) % 256);
      const expected = await importerBlocks(bytes, chunkSize, maxChildren);
      const actual = ourBlocks(bytes, chunkSize, maxChildren);
      expect(actual.root, `${size} bytes`).toBe(expected.root);
      expect(new Set(actual.blocks), `${size} bytes`).toEqual(new Set(expected.blocks));
    }
  });

  it('refuses a file without leaves, and leaves after the root', () => {
    expect(() => new BalancedFileDag(() => undefined).finish()).toThrow(/at least one leaf/);
    const dag = new BalancedFileDag(() => undefined);
    const block = leafBlock(new Uint8Array([1]));
    dag.addLeaf({ cid: dagPbCidV0(block), fileBytes: 1, dagBytes: block.length });
    dag.finish();
    expect(() => dag.addLeaf({ cid: dagPbCidV0(block), fileBytes: 1, dagBytes: block.length })).toThrow(/after finish/);
  });
});

describe('dagPbCidV0', () => {
  it('names a block as multiformats does', async () => {
    const block = leafBlock(new TextEncoder().encode('hello world\n'));
    expect(dagPbCidV0(block).toString()).toBe(CID.createV0(await sha256.digest(block)).toString());
    expect(dagPbCidV0(block).toString()).toBe('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o');
  });
});
