import { AbiCoder, getAddress, hexlify, randomBytes, solidityPackedKeccak256, toBigInt } from 'ethers';
import { describe, expect, it } from 'vitest';
import { buildTree, leafHash, MerkleError, MerkleErrorCode, verify, type RewardLeaf } from '../src/merkle/index.js';

/** The contract's expression, spelled with ethers: keccak256(bytes.concat(keccak256(abi.encode(...)))). */
function referenceLeaf(leaf: { epochId: bigint; index: bigint; account: string; amount: bigint }): string {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ['uint256', 'uint256', 'address', 'uint256'],
    [leaf.epochId, leaf.index, leaf.account, leaf.amount],
  );
  const inner = solidityPackedKeccak256(['bytes'], [encoded]);
  return solidityPackedKeccak256(['bytes32'], [inner]);
}

/** OpenZeppelin's commutative node hash. */
function referenceNode(a: string, b: string): string {
  return toBigInt(a) <= toBigInt(b)
    ? solidityPackedKeccak256(['bytes32', 'bytes32'], [a, b])
    : solidityPackedKeccak256(['bytes32', 'bytes32'], [b, a]);
}

/** The tree shape merkle-tree.ts documents, built the slow way: pair neighbours, promote an odd last node. */
function referenceRoot(hashes: string[]): string {
  let layer = hashes;
  while (layer.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < layer.length; i += 2) next.push(i + 1 < layer.length ? referenceNode(layer[i]!, layer[i + 1]!) : layer[i]!);
    layer = next;
  }
  return layer[0]!;
}

function randomLeaves(count: number, epochId = 42n): { epochId: bigint; index: bigint; account: string; amount: bigint }[] {
  return Array.from({ length: count }, (_, i) => ({
    epochId,
    index: BigInt(i),
    account: getAddress(hexlify(randomBytes(20))),
    amount: toBigInt(randomBytes(1 + (i % 32))),
  }));
}

function refusal(run: () => unknown): MerkleError {
  try {
    run();
  } catch (error) {
    if (error instanceof MerkleError) return error;
    throw error;
  }
  throw new Error('expected a MerkleError');
}

describe('leafHash', () => {
  it('hashes known vectors exactly as the contract does', () => {
    const vectors = [
      {
        leaf: { epochId: 7n, index: 3n, account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: 12_345n * 10n ** 18n },
        hash: '0x18b9dadc71735bed910746b7f086093dfb1131c8921f571136944642527ffc31',
      },
      {
        leaf: { epochId: 0n, index: 0n, account: '0x0000000000000000000000000000000000000000', amount: 0n },
        hash: referenceLeaf({ epochId: 0n, index: 0n, account: '0x0000000000000000000000000000000000000000', amount: 0n }),
      },
    ];
    for (const { leaf, hash } of vectors) {
      expect(leafHash(leaf)).toBe(hash);
      expect(referenceLeaf(leaf)).toBe(hash);
    }
  });

  it('matches ethers for random leaves and for extreme values', () => {
    const max = (1n << 256n) - 1n;
    const leaves = [
      ...randomLeaves(300),
      { epochId: max, index: max, account: '0xffffffffffffffffffffffffffffffffffffffff', amount: max },
      { epochId: 1n << 32n, index: (1n << 32n) - 1n, account: '0x0000000000000000000000000000000000000001', amount: 1n << 255n },
    ];
    for (const leaf of leaves) expect(leafHash(leaf)).toBe(referenceLeaf(leaf));
  });

  it('takes numbers as decimal or hex strings and addresses in any case', () => {
    const leaf = { epochId: 9n, index: 12n, account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: 5n * 10n ** 17n };
    const expected = referenceLeaf(leaf);
    expect(leafHash({ epochId: '9', index: 12, account: leaf.account.toLowerCase(), amount: '500000000000000000' })).toBe(expected);
    expect(
      leafHash({ epochId: '0x9', index: '0xc', account: leaf.account.toUpperCase().replace('0X', '0x'), amount: '0x6f05b59d3b20000' }),
    ).toBe(expected);
  });

  it('refuses values the contract could not take, naming the field', () => {
    const leaf: RewardLeaf = { epochId: 1n, index: 0n, account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: 1n };
    const cases: [Partial<RewardLeaf>, string][] = [
      [{ amount: -1n }, 'leaf.amount'],
      [{ amount: 1n << 256n }, 'leaf.amount'],
      [{ amount: '1.5' }, 'leaf.amount'],
      [{ amount: '' }, 'leaf.amount'],
      [{ index: 0.5 }, 'leaf.index'],
      [{ epochId: 'epoch-1' }, 'leaf.epochId'],
      [{ account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C' }, 'leaf.account'],
      [{ account: '0x70997970C51812dc3A010C7d01b50e0d17dc79CG' }, 'leaf.account'],
      [{ account: '70997970C51812dc3A010C7d01b50e0d17dc79C8aa' }, 'leaf.account'],
    ];
    for (const [change, field] of cases) {
      const error = refusal(() => leafHash({ ...leaf, ...change }));
      expect(error.code).toBe(MerkleErrorCode.LEAF_INVALID);
      expect(error.message).toContain(field);
    }
  });
});

describe('buildTree', () => {
  it('has the documented shape, hashed as OpenZeppelin MerkleProof expects, for every size up to 40', () => {
    for (let size = 1; size <= 40; size++) {
      const leaves = randomLeaves(size);
      const tree = buildTree(leaves);
      expect(tree.size).toBe(size);
      expect(tree.total).toBe(leaves.reduce((sum, leaf) => sum + leaf.amount, 0n));
      expect(tree.root).toBe(referenceRoot(leaves.map(referenceLeaf)));
      for (let i = 0; i < size; i++) {
        expect(tree.leaf(i)).toBe(referenceLeaf(leaves[i]!));
        const proof = tree.proof(i);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
        expect(verify(proof, tree.root, tree.leaf(i))).toBe(true);
      }
    }
  });

  it('is a single leaf when there is one: empty proof, root = leaf', () => {
    const tree = buildTree(randomLeaves(1));
    expect(tree.root).toBe(tree.leaf(0));
    expect(tree.proof(0)).toEqual([]);
  });

  it('proves nothing else: another leaf, another epoch, a tampered proof or root', () => {
    const leaves = randomLeaves(10);
    const tree = buildTree(leaves);
    const proof = tree.proof(4);
    expect(verify(proof, tree.root, tree.leaf(5))).toBe(false);
    expect(verify(proof, tree.root, leafHash({ ...leaves[4]!, epochId: 43n }))).toBe(false);
    expect(verify(proof, tree.root, leafHash({ ...leaves[4]!, amount: leaves[4]!.amount + 1n }))).toBe(false);
    const tampered = [...proof];
    tampered[1] = `0x${tampered[1]!.slice(2, 65)}${tampered[1]!.endsWith('0') ? '1' : '0'}`;
    expect(verify(tampered, tree.root, tree.leaf(4))).toBe(false);
    expect(verify(proof.slice(1), tree.root, tree.leaf(4))).toBe(false);
    expect(verify(proof, buildTree(randomLeaves(10)).root, tree.leaf(4))).toBe(false);
  });

  it('refuses a tree that the contract could not pay correctly', () => {
    const leaves = randomLeaves(3);
    expect(refusal(() => buildTree([])).code).toBe(MerkleErrorCode.TREE_INVALID);
    const skipped = refusal(() => buildTree([leaves[0]!, leaves[2]!]));
    expect(skipped.code).toBe(MerkleErrorCode.TREE_INVALID);
    expect(skipped.message).toContain('leaves[1].index must be 1');
    const mixed = refusal(() => buildTree([leaves[0]!, { ...leaves[1]!, epochId: 41n }]));
    expect(mixed.code).toBe(MerkleErrorCode.TREE_INVALID);
    expect(mixed.message).toContain('leaves[1].epochId');
    const badAccount = refusal(() => buildTree([leaves[0]!, { ...leaves[1]!, account: 'nobody' }]));
    expect(badAccount.message).toContain('leaves[1].account');
    const tree = buildTree(leaves);
    for (const index of [-1, 3, 1.5]) expect(refusal(() => tree.proof(index)).code).toBe(MerkleErrorCode.INDEX_OUT_OF_RANGE);
    expect(refusal(() => verify(['0x12'], tree.root, tree.leaf(0))).message).toContain('proof[0]');
  });

  it('builds a 100k-leaf tree whose leaves and proofs match the reference', () => {
    const size = 100_000;
    const leaves = Array.from({ length: size }, (_, i) => ({
      epochId: 2026n,
      index: BigInt(i),
      account: `0x${(i * 7919 + 1).toString(16).padStart(40, '0')}`,
      amount: 10n ** 18n + BigInt(i) * 123_456_789n,
    }));
    buildTree(leaves.slice(0, 1000)); // compile the hot paths first, as a long-running server has
    // Printed, not asserted: speed is the epoch benchmark's to judge (npm run bench), not a test's.
    const started = performance.now();
    const cpu = process.cpuUsage();
    const tree = buildTree(leaves);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(`buildTree(100k leaves): ${cpuMs.toFixed(0)} ms of CPU (${(performance.now() - started).toFixed(0)} ms wall)`);
    for (const i of [0, 1, 65_535, 99_998, 99_999]) {
      expect(tree.leaf(i)).toBe(referenceLeaf(leaves[i]!));
      expect(verify(tree.proof(i), tree.root, tree.leaf(i))).toBe(true);
    }
  });
});
