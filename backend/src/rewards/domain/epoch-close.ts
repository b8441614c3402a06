/**
 * Closing an epoch: what each annotator is due becomes one leaf of the epoch's Merkle tree (claim
 * mode) or one transfer of a batch (push mode). Pure: the service reads the dues and stores this.
 */
import { buildTree, type RewardTree } from '@tessera/contracts/merkle';

export interface Due {
  annotatorId: number;
  account: string;
  amount: bigint;
}

export interface Allocation extends Due {
  leafIndex: number;
}

export interface ClosedEpoch {
  allocations: Allocation[];
  total: bigint;
  tree: RewardTree;
}

/** Leaves in annotator order (stable, so a re-close of the same dues gives the same root). Dues must be positive. */
export function closeEpoch(epochId: number, dues: readonly Due[]): ClosedEpoch {
  const allocations = [...dues]
    .filter((d) => d.amount > 0n)
    .sort((a, b) => a.annotatorId - b.annotatorId)
    .map((d, leafIndex) => ({ ...d, leafIndex }));
  if (allocations.length === 0) throw new Error('an epoch needs at least one positive amount due');
  const total = allocations.reduce((sum, a) => sum + a.amount, 0n);
  const tree = buildTree(allocations.map((a) => ({ epochId, index: a.leafIndex, account: a.account, amount: a.amount })));
  return { allocations, total, tree };
}

/** Push payments in batches: at most `size` recipients per transaction (the block gas limit caps it near 400). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
