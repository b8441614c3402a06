/**
 * Gas of the payout paths, measured on Hardhat's in-process network from real transactions: shared by the
 * pinned-gas tests and `npm run bench`.
 */
import { Contract, MaxUint256, dataSlice, getAddress, keccak256, toBeHex, type JsonRpcSigner } from 'ethers';
import { buildTree, type RewardLeaf } from '../src/merkle/index.js';
import { deployAll, payoutDistributorArtifact, rewardTokenArtifact } from '../src/index.js';

export const SIZES = [1, 10, 100, 400] as const;

export const TARGETS = {
  /** Posting an epoch, whatever its size. */
  post: 100_000,
  /** Average gas of a claim, over all the claims of an epoch. */
  claimAverage: 75_000,
  /** Gas per new recipient of a batch payment. */
  batchPerRecipient: 30_000,
} as const;

export interface PayoutContracts {
  readonly token: Contract;
  readonly distributor: Contract;
  readonly operator: JsonRpcSigner;
  readonly relayer: JsonRpcSigner;
}

/** Deploys with `deployer`, lets `operator` post and mint, and gives it tokens approved to the distributor. */
export async function deployPayouts(deployer: JsonRpcSigner, operator: JsonRpcSigner, relayer: JsonRpcSigner): Promise<PayoutContracts> {
  const deployment = await deployAll(deployer, { operator: await operator.getAddress() });
  const token = new Contract(deployment.rewardToken, rewardTokenArtifact.abi, operator);
  const distributor = new Contract(deployment.payoutDistributor, payoutDistributorArtifact.abi, operator);
  await (await token.getFunction('mint')(await operator.getAddress(), 10n ** 30n)).wait();
  await (await token.getFunction('approve')(deployment.payoutDistributor, MaxUint256)).wait();
  return { token, distributor, operator, relayer };
}

/** A fresh account, the same for the same seed (gas depends on the calldata's bytes: measurements repeat exactly). */
export function freshAccount(seed: string, i: number): string {
  return getAddress(dataSlice(keccak256(`${toBeHex(i, 32)}${Buffer.from(seed).toString('hex')}`), 12));
}

/** `count` leaves paying fresh accounts (that hold no tokens yet: the costly, realistic case), about 1 TSR each. */
export function freshLeaves(epochId: bigint, count: number): RewardLeaf[] {
  return Array.from({ length: count }, (_, i) => ({
    epochId,
    index: BigInt(i),
    account: freshAccount(`epoch ${epochId}`, i),
    amount: 10n ** 18n + BigInt(i) * 987_654_321n,
  }));
}

export function total(leaves: readonly RewardLeaf[]): bigint {
  return leaves.reduce((sum, leaf) => sum + BigInt(leaf.amount), 0n);
}

async function gasOf(sent: Promise<{ wait(): Promise<{ gasUsed: bigint; status: number | null } | null> }>): Promise<number> {
  const receipt = await (await sent).wait();
  if (receipt?.status !== 1) throw new Error('transaction failed');
  return Number(receipt.gasUsed);
}

export interface EpochGas {
  readonly size: number;
  readonly post: number;
  readonly claims: number[];
  readonly claimAverage: number;
}

/** Posts an epoch of `size` fresh leaves, then claims every leaf through the relayer. */
export async function measureEpoch(contracts: PayoutContracts, epochId: bigint, size: number, expiry: number): Promise<EpochGas> {
  const leaves = freshLeaves(epochId, size);
  const tree = buildTree(leaves);
  const post = await gasOf(contracts.distributor.getFunction('postEpoch')(epochId, tree.root, tree.total, expiry));
  const relayed = contracts.distributor.connect(contracts.relayer) as Contract;
  const claims: number[] = [];
  for (const [i, leaf] of leaves.entries()) {
    claims.push(await gasOf(relayed.getFunction('claim')(leaf.epochId, leaf.index, leaf.account, leaf.amount, tree.proof(i))));
  }
  return { size, post, claims, claimAverage: Math.round(claims.reduce((a, b) => a + b, 0) / size) };
}

export interface BatchGas {
  readonly size: number;
  /** gasUsed of one batchPay to `size` new recipients. */
  readonly total: number;
  /** gasUsed of batchPay to `size` + 1 new recipients minus `total`: what one more new recipient costs. */
  readonly perNewRecipient: number;
  /** (total − gasUsed of an empty batchPay) / size: also spreads the batch's own first-touch costs (cold token,
   * payer balance and allowance: about 10k gas) over the recipients. */
  readonly amortizedPerRecipient: number;
}

let batches = 0;

/** Pays `size` new accounts in one batchPay, and `size` + 1 others in another. */
export async function measureBatch(contracts: PayoutContracts, size: number): Promise<BatchGas> {
  const pay = async (count: number) => {
    const seed = `batch ${++batches}`;
    const recipients = Array.from({ length: count }, (_, i) => freshAccount(seed, i));
    const amounts = recipients.map((_, i) => 10n ** 18n + BigInt(i) * 987_654_321n);
    return gasOf(contracts.distributor.getFunction('batchPay')(recipients, amounts));
  };
  const empty = await pay(0);
  const total = await pay(size);
  const plusOne = await pay(size + 1);
  return { size, total, perNewRecipient: plusOne - total, amortizedPerRecipient: Math.round((total - empty) / size) };
}
