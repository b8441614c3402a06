import { Contract, MaxUint256, ZeroAddress, ZeroHash, type JsonRpcSigner, type TransactionReceipt } from 'ethers';
import { describe, expect, it } from 'vitest';
import { buildTree, type RewardLeaf } from '../src/merkle/index.js';
import { freshAccount, freshLeaves, total } from '../bench/gas.js';
import { deployAll, DISTRIBUTOR_SEED, MINTER_ROLE, OPERATOR_ROLE, payoutDistributorArtifact, rewardTokenArtifact } from '../src/index.js';
import { fixture, latestTimestamp, mineAt, signers } from './support/hardhat.js';
import { expectRevert } from './support/reverts.js';

const DAY = 86_400;

const deployed = fixture(async () => {
  const [deployer, operator, relayer, outsider, treasury] = await signers(5);
  const deployment = await deployAll(deployer!, { operator: await operator!.getAddress() });
  const token = new Contract(deployment.rewardToken, rewardTokenArtifact.abi, operator);
  const distributor = new Contract(deployment.payoutDistributor, payoutDistributorArtifact.abi, operator);
  await (await token.getFunction('mint')(await operator!.getAddress(), 10n ** 27n)).wait();
  await (await token.getFunction('approve')(deployment.payoutDistributor, MaxUint256)).wait();
  return {
    deployment,
    token,
    distributor,
    deployer: deployer!,
    operator: operator!,
    relayer: relayer!,
    outsider: outsider!,
    treasury: treasury!,
  };
});

type Deployed = Awaited<ReturnType<typeof deployed>>;

/** Posts an epoch of `leaves` (funded with their total unless said otherwise), expiring in a day. */
async function post(d: Deployed, leaves: RewardLeaf[], funding = total(leaves)) {
  const tree = buildTree(leaves);
  const expiry = (await latestTimestamp()) + DAY;
  const epochId = BigInt(leaves[0]!.epochId);
  await (await d.distributor.getFunction('postEpoch')(epochId, tree.root, funding, expiry)).wait();
  return { tree, expiry, epochId };
}

function claimArgs(leaf: RewardLeaf, proof: string[]) {
  return [leaf.epochId, leaf.index, leaf.account, leaf.amount, proof] as const;
}

async function claim(d: Deployed, by: JsonRpcSigner, leaf: RewardLeaf, proof: string[]) {
  return (d.distributor.connect(by) as Contract).getFunction('claim')(...claimArgs(leaf, proof));
}

/** The arguments of the `name` event that the distributor emitted in `receipt`. */
function emitted(d: Deployed, receipt: TransactionReceipt | null, name: string): unknown[] {
  for (const log of receipt?.logs ?? []) {
    const parsed = d.distributor.interface.parseLog(log);
    if (parsed?.name === name) return parsed.args.toArray();
  }
  throw new Error(`no ${name} event`);
}

async function balanceOf(d: Deployed, account: string): Promise<bigint> {
  return (await d.token.getFunction('balanceOf')(account)) as bigint;
}

describe('PayoutDistributor: posting', () => {
  it('stores the epoch, pulls its funding from the operator and emits EpochPosted', async () => {
    const d = await deployed();
    const leaves = freshLeaves(7n, 5);
    const before = await balanceOf(d, await d.operator.getAddress());
    const { tree, expiry } = await post(d, leaves);
    expect(await balanceOf(d, await d.operator.getAddress())).toBe(before - total(leaves));
    expect(await balanceOf(d, d.deployment.payoutDistributor)).toBe(DISTRIBUTOR_SEED + total(leaves));
    expect((await d.distributor.getFunction('epoch')(7n)).toArray()).toEqual([tree.root, BigInt(expiry), total(leaves), false]);
    const [event] = await d.distributor.queryFilter(d.distributor.filters.EpochPosted!(7n));
    expect((event as { args: { toArray(): unknown[] } }).args.toArray()).toEqual([7n, tree.root, total(leaves), BigInt(expiry)]);
  });

  it('takes each epoch id once', async () => {
    const d = await deployed();
    const { tree, expiry } = await post(d, freshLeaves(7n, 2));
    await expectRevert(d.distributor.getFunction('postEpoch')(7n, tree.root, 1n, expiry), d.distributor, 'PayoutDistributorEpochExists', [
      7n,
    ]);
  });

  it('refuses an empty root or total, and an expiry that is not in the future', async () => {
    const d = await deployed();
    const now = await latestTimestamp();
    const root = buildTree(freshLeaves(1n, 1)).root;
    const postEpoch = d.distributor.getFunction('postEpoch');
    await expectRevert(postEpoch(1n, ZeroHash, 1n, now + DAY), d.distributor, 'PayoutDistributorInvalidRoot', [ZeroHash]);
    await expectRevert(postEpoch(1n, root, 0n, now + DAY), d.distributor, 'PayoutDistributorInvalidTotal', [0n]);
    await expectRevert(postEpoch(1n, root, 1n << 128n, now + DAY), d.distributor, 'PayoutDistributorInvalidTotal', [1n << 128n]);
    await expectRevert(postEpoch(1n, root, 1n, now), d.distributor, 'PayoutDistributorInvalidExpiry');
  });
});

describe('PayoutDistributor: claims', () => {
  // 200 leaves: leaves 0-47 are recorded in the epoch's own slot, the others in claim words.
  const SIZE = 200;
  const SAMPLE = [0, 1, 47, 48, 127, 128, 199];

  it('pays each leaf once, to its account, and marks it claimed', async () => {
    const d = await deployed();
    const leaves = freshLeaves(3n, SIZE);
    const { tree } = await post(d, leaves);
    for (const i of SAMPLE) {
      const leaf = leaves[i]!;
      expect(await d.distributor.getFunction('isClaimed')(3n, i)).toBe(false);
      const receipt = await (await claim(d, d.relayer, leaf, tree.proof(i))).wait();
      expect(await balanceOf(d, leaf.account)).toBe(leaf.amount);
      expect(await d.distributor.getFunction('isClaimed')(3n, i)).toBe(true);
      const claimed = emitted(d, receipt, 'Claimed');
      expect(claimed).toEqual([3n, BigInt(i), leaf.account, leaf.amount]);
    }
    const unclaimedLeaves = leaves.filter((_, i) => !SAMPLE.includes(i));
    expect((await d.distributor.getFunction('epoch')(3n))[2]).toBe(total(unclaimedLeaves));
    expect(await d.distributor.getFunction('isClaimed')(3n, 2)).toBe(false);
    expect(await d.distributor.getFunction('isClaimed')(3n, 130)).toBe(false);
  });

  it('refuses a second claim of the same leaf', async () => {
    const d = await deployed();
    const leaves = freshLeaves(3n, SIZE);
    const { tree } = await post(d, leaves);
    for (const i of [5, 150]) {
      await (await claim(d, d.relayer, leaves[i]!, tree.proof(i))).wait();
      await expectRevert(claim(d, d.outsider, leaves[i]!, tree.proof(i)), d.distributor, 'PayoutDistributorAlreadyClaimed', [
        3n,
        BigInt(i),
      ]);
    }
    expect(await balanceOf(d, leaves[5]!.account)).toBe(leaves[5]!.amount);
  });

  it('refuses a proof that does not prove the leaf claimed', async () => {
    const d = await deployed();
    const leaves = freshLeaves(3n, SIZE);
    const { tree } = await post(d, leaves);
    for (const i of [5, 150]) {
      const leaf = leaves[i]!;
      const invalid = (args: readonly unknown[]) =>
        expectRevert(d.distributor.getFunction('claim')(...args), d.distributor, 'PayoutDistributorInvalidProof', [3n, BigInt(i)]);
      await invalid(claimArgs({ ...leaf, amount: BigInt(leaf.amount) + 1n }, tree.proof(i)));
      await invalid(claimArgs({ ...leaf, account: freshAccount('thief', i) }, tree.proof(i)));
      await invalid(claimArgs(leaf, tree.proof(i + 1)));
      await invalid(claimArgs(leaf, tree.proof(i).slice(1)));
      await invalid(claimArgs(leaf, []));
    }
    await expectRevert(claim(d, d.relayer, { ...leaves[0]!, index: SIZE }, tree.proof(0)), d.distributor, 'PayoutDistributorInvalidProof');
    const beyond = 128n * 2n ** 32n;
    await expectRevert(
      claim(d, d.relayer, { ...leaves[0]!, index: beyond }, tree.proof(0)),
      d.distributor,
      'PayoutDistributorInvalidIndex',
      [3n, beyond],
    );
  });

  it('binds a proof to its epoch', async () => {
    const d = await deployed();
    const first = freshLeaves(1n, 4);
    const { tree } = await post(d, first);
    const second = first.map((leaf) => ({ ...leaf, epochId: 2n }));
    await post(d, second);
    // Same accounts, amounts and indices: only the epoch id in the leaf differs.
    await expectRevert(claim(d, d.relayer, second[1]!, tree.proof(1)), d.distributor, 'PayoutDistributorInvalidProof', [2n, 1n]);
    await expectRevert(claim(d, d.relayer, { ...first[1]!, epochId: 9n }, tree.proof(1)), d.distributor, 'PayoutDistributorUnknownEpoch', [
      9n,
    ]);
  });

  it('refuses claims once the epoch has expired', async () => {
    const d = await deployed();
    const leaves = freshLeaves(4n, 60);
    const { tree, expiry } = await post(d, leaves);
    await (await claim(d, d.relayer, leaves[0]!, tree.proof(0))).wait();
    await mineAt(expiry - 2);
    await (await claim(d, d.relayer, leaves[1]!, tree.proof(1))).wait(); // mined at expiry - 1: still open
    for (const i of [2, 55]) {
      await expectRevert(claim(d, d.relayer, leaves[i]!, tree.proof(i)), d.distributor, 'PayoutDistributorEpochExpired', [
        4n,
        BigInt(expiry),
      ]);
    }
  });

  it('pays the account when a relayer sends the claim and pays its gas', async () => {
    const d = await deployed();
    const leaves = freshLeaves(5n, 3);
    const { tree } = await post(d, leaves);
    const relayer = await d.relayer.getAddress();
    const ethBefore = await d.relayer.provider.getBalance(relayer);
    const receipt = await (await claim(d, d.relayer, leaves[2]!, tree.proof(2))).wait();
    expect(receipt!.from).toBe(relayer);
    expect(await balanceOf(d, leaves[2]!.account)).toBe(leaves[2]!.amount);
    expect(await balanceOf(d, relayer)).toBe(0n);
    expect(await d.relayer.provider.getBalance(relayer)).toBe(ethBefore - receipt!.fee);
  });

  it('bounds what a tree paying more than its funding can take: no claim word, nor leaves 0-47, pays past it', async () => {
    const d = await deployed();
    // Leaves 0-47 live in the epoch's slot: funded with 1 wei less than they pay, the last one is refused.
    const inline = freshLeaves(10n, 48);
    const first = await post(d, inline, total(inline) - 1n);
    for (let i = 0; i < 47; i++) await (await claim(d, d.relayer, inline[i]!, first.tree.proof(i))).wait();
    await expectRevert(claim(d, d.relayer, inline[47]!, first.tree.proof(47)), d.distributor, 'PayoutDistributorInsufficientFunds', [
      10n,
      BigInt(inline[47]!.amount),
      BigInt(inline[47]!.amount) - 1n,
    ]);
    // Leaves 48-127 share a claim word: funded with 1 wei less than they pay, the last one is refused.
    const worded = freshLeaves(11n, 128);
    const second = await post(d, worded, total(worded.slice(48)) - 1n);
    for (let i = 48; i < 127; i++) await (await claim(d, d.relayer, worded[i]!, second.tree.proof(i))).wait();
    await expectRevert(claim(d, d.relayer, worded[127]!, second.tree.proof(127)), d.distributor, 'PayoutDistributorInsufficientFunds');
  });
});

describe('PayoutDistributor: sweeping', () => {
  it('sends the unclaimed remainder once, after expiry, to the operator’s choice', async () => {
    const d = await deployed();
    const leaves = freshLeaves(6n, 150);
    const { tree, expiry } = await post(d, leaves);
    // Out of order: a lower claim word after a higher one.
    const claimed = [149, 0, 100, 3, 48, 47];
    for (const i of claimed) await (await claim(d, d.relayer, leaves[i]!, tree.proof(i))).wait();
    const remainder = total(leaves.filter((_, i) => !claimed.includes(i)));
    const sweep = d.distributor.getFunction('sweep');
    const treasury = await d.treasury.getAddress();

    await expectRevert(sweep(6n, treasury), d.distributor, 'PayoutDistributorEpochNotExpired', [6n, BigInt(expiry)]);
    await mineAt(expiry);
    const receipt = await (await sweep(6n, treasury)).wait();
    const swept = emitted(d, receipt, 'Swept');
    expect(swept).toEqual([6n, treasury, remainder]);
    expect(await balanceOf(d, treasury)).toBe(remainder);
    expect(await balanceOf(d, d.deployment.payoutDistributor)).toBe(DISTRIBUTOR_SEED);
    expect((await d.distributor.getFunction('epoch')(6n)).toArray().slice(2)).toEqual([0n, true]);

    await expectRevert(sweep(6n, treasury), d.distributor, 'PayoutDistributorAlreadySwept', [6n]);
    await expectRevert(claim(d, d.relayer, leaves[1]!, tree.proof(1)), d.distributor, 'PayoutDistributorEpochExpired');
  });

  it('leaves other epochs’ funds alone', async () => {
    const d = await deployed();
    const early = freshLeaves(20n, 3);
    const { expiry } = await post(d, early);
    const late = freshLeaves(21n, 3);
    await mineAt(expiry - 10);
    const { tree } = await post(d, late);
    await mineAt(expiry);
    await (await d.distributor.getFunction('sweep')(20n, await d.treasury.getAddress())).wait();
    expect(await balanceOf(d, await d.treasury.getAddress())).toBe(total(early));
    for (let i = 0; i < 3; i++) await (await claim(d, d.relayer, late[i]!, tree.proof(i))).wait();
    expect(await balanceOf(d, d.deployment.payoutDistributor)).toBe(DISTRIBUTOR_SEED);
  });

  it('refuses an unknown epoch and the zero address', async () => {
    const d = await deployed();
    await expectRevert(
      d.distributor.getFunction('sweep')(99n, await d.treasury.getAddress()),
      d.distributor,
      'PayoutDistributorUnknownEpoch',
      [99n],
    );
    await expectRevert(d.distributor.getFunction('sweep')(99n, ZeroAddress), d.distributor, 'PayoutDistributorInvalidRecipient', [
      ZeroAddress,
    ]);
  });
});

describe('PayoutDistributor: batch payments', () => {
  it('pays every recipient straight from the operator and emits BatchPaid', async () => {
    const d = await deployed();
    const recipients = Array.from({ length: 5 }, (_, i) => freshAccount('batch', i));
    const amounts = recipients.map((_, i) => BigInt(i + 1) * 10n ** 18n);
    const operator = await d.operator.getAddress();
    const before = await balanceOf(d, operator);
    const receipt = await (await d.distributor.getFunction('batchPay')(recipients, amounts)).wait();
    for (const [i, recipient] of recipients.entries()) expect(await balanceOf(d, recipient)).toBe(amounts[i]);
    expect(await balanceOf(d, operator)).toBe(before - 15n * 10n ** 18n);
    const paid = emitted(d, receipt, 'BatchPaid');
    expect(paid).toEqual([operator, 5n, 15n * 10n ** 18n]);
  });

  it('never spends epoch funds', async () => {
    const d = await deployed();
    await post(d, freshLeaves(30n, 3));
    const held = await balanceOf(d, d.deployment.payoutDistributor);
    await (await d.token.getFunction('approve')(d.deployment.payoutDistributor, 0n)).wait();
    await expectRevert(d.distributor.getFunction('batchPay')([freshAccount('x', 0)], [1n]), d.token, 'ERC20InsufficientAllowance');
    expect(await balanceOf(d, d.deployment.payoutDistributor)).toBe(held);
  });

  it('refuses lists of different lengths', async () => {
    const d = await deployed();
    await expectRevert(
      d.distributor.getFunction('batchPay')([freshAccount('x', 0)], []),
      d.distributor,
      'PayoutDistributorLengthMismatch',
      [1n, 0n],
    );
  });
});

describe('PayoutDistributor: roles', () => {
  it('lets only the operator post, sweep and batch-pay', async () => {
    const d = await deployed();
    const leaves = freshLeaves(40n, 2);
    const { tree, expiry } = await post(d, leaves);
    const outsider = d.distributor.connect(d.outsider) as Contract;
    const address = await d.outsider.getAddress();
    const unauthorized = [address, OPERATOR_ROLE];
    await expectRevert(
      outsider.getFunction('postEpoch')(41n, tree.root, 1n, expiry),
      d.distributor,
      'AccessControlUnauthorizedAccount',
      unauthorized,
    );
    await expectRevert(outsider.getFunction('batchPay')([address], [1n]), d.distributor, 'AccessControlUnauthorizedAccount', unauthorized);
    await mineAt(expiry);
    await expectRevert(outsider.getFunction('sweep')(40n, address), d.distributor, 'AccessControlUnauthorizedAccount', unauthorized);
  });

  it('is wired by deployAll: the operator operates and mints, the deployer keeps only the admin role', async () => {
    const d = await deployed();
    const [operator, deployer] = [await d.operator.getAddress(), await d.deployer.getAddress()];
    expect(await d.distributor.getFunction('hasRole')(OPERATOR_ROLE, operator)).toBe(true);
    expect(await d.token.getFunction('hasRole')(MINTER_ROLE, operator)).toBe(true);
    expect(await d.distributor.getFunction('hasRole')(OPERATOR_ROLE, deployer)).toBe(false);
    expect(await d.token.getFunction('hasRole')(MINTER_ROLE, deployer)).toBe(false);
    expect(await d.distributor.getFunction('token')()).toBe(d.deployment.rewardToken);
    expect(d.deployment.chainId).toBe(8996n);
  });

  it('hands the admin role over when deployAll is given another admin', async () => {
    const [deployer, operator, admin] = await signers(3);
    const deployment = await deployAll(deployer!, {
      operator: await operator!.getAddress(),
      admin: await admin!.getAddress(),
      operatorMints: false,
    });
    const token = new Contract(deployment.rewardToken, rewardTokenArtifact.abi, deployer);
    const distributor = new Contract(deployment.payoutDistributor, payoutDistributorArtifact.abi, deployer);
    for (const contract of [token, distributor]) {
      expect(await contract.getFunction('hasRole')(ZeroHash, await admin!.getAddress())).toBe(true);
      expect(await contract.getFunction('hasRole')(ZeroHash, await deployer!.getAddress())).toBe(false);
    }
    expect(await token.getFunction('hasRole')(MINTER_ROLE, await operator!.getAddress())).toBe(false);
  });
});
