import { Contract, ContractFactory, getAddress, type Signer } from 'ethers';
import { payoutDistributorArtifact, rewardTokenArtifact } from './generated/artifacts.js';
import { DEFAULT_ADMIN_ROLE, MINTER_ROLE, OPERATOR_ROLE } from './roles.js';

export interface DeployOptions {
  /** Gets `OPERATOR_ROLE` on the distributor (post, sweep, batch-pay) and, unless `operatorMints` is false, `MINTER_ROLE`. */
  readonly operator: string;
  /** Whether the operator may mint the tokens it funds epochs and batches with (default true). */
  readonly operatorMints?: boolean;
  /** Further accounts given `MINTER_ROLE`. */
  readonly minters?: readonly string[];
  /** Ends up holding `DEFAULT_ADMIN_ROLE` on both contracts (default: the deploying signer). */
  readonly admin?: string;
}

export interface Deployment {
  readonly chainId: bigint;
  readonly deployer: string;
  readonly rewardToken: string;
  readonly payoutDistributor: string;
  /** The block of the first deployment: where an indexer starts. */
  readonly fromBlock: number;
}

/** 1 wei of TSR that stays in the distributor for good (see deployAll). */
export const DISTRIBUTOR_SEED = 1n;

/**
 * Deploys RewardToken and PayoutDistributor(token) with `signer` and wires the roles. Transactions are sent
 * one after the other, each waited for, so any signer works (an automining chain rejects queued nonces).
 *
 * The distributor is seeded with 1 wei of TSR, which no epoch owns: its token balance then never returns to
 * zero, and posting an epoch into an emptied distributor does not pay 17k gas to create the balance again.
 */
export async function deployAll(signer: Signer, opts: DeployOptions): Promise<Deployment> {
  const provider = signer.provider;
  if (!provider) throw new Error('deployAll needs a signer connected to a provider');
  const deployer = await signer.getAddress();
  const operator = getAddress(opts.operator);
  const admin = getAddress(opts.admin ?? deployer);
  const minters = [...(opts.operatorMints === false ? [] : [operator]), ...(opts.minters ?? []).map((m) => getAddress(m))];

  const { contract: token, blockNumber: fromBlock } = await deploy(
    new ContractFactory(rewardTokenArtifact.abi, rewardTokenArtifact.bytecode, signer),
    deployer,
  );
  const tokenAddress = await token.getAddress();
  const { contract: distributor } = await deploy(
    new ContractFactory(payoutDistributorArtifact.abi, payoutDistributorArtifact.bytecode, signer),
    tokenAddress,
    deployer,
  );

  await send(token, 'grantRole', MINTER_ROLE, deployer);
  await send(token, 'mint', await distributor.getAddress(), DISTRIBUTOR_SEED);
  if (!minters.includes(deployer)) await send(token, 'renounceRole', MINTER_ROLE, deployer);
  await send(distributor, 'grantRole', OPERATOR_ROLE, operator);
  for (const minter of new Set(minters)) {
    if (minter !== deployer) await send(token, 'grantRole', MINTER_ROLE, minter);
  }
  if (admin !== deployer) {
    for (const contract of [token, distributor]) {
      await send(contract, 'grantRole', DEFAULT_ADMIN_ROLE, admin);
      await send(contract, 'renounceRole', DEFAULT_ADMIN_ROLE, deployer);
    }
  }
  const { chainId } = await provider.getNetwork();
  return { chainId, deployer, rewardToken: tokenAddress, payoutDistributor: await distributor.getAddress(), fromBlock };
}

async function deploy(factory: ContractFactory, ...args: unknown[]): Promise<{ contract: Contract; blockNumber: number }> {
  const deployment = await factory.deploy(...args);
  const receipt = await deployment.deploymentTransaction()?.wait();
  if (receipt?.status !== 1 || !receipt.contractAddress) throw new Error('a deployment transaction failed');
  return { contract: new Contract(receipt.contractAddress, factory.interface, factory.runner), blockNumber: receipt.blockNumber };
}

async function send(contract: Contract, method: string, ...args: unknown[]): Promise<void> {
  const tx = await contract.getFunction(method).send(...args);
  const receipt = await tx.wait();
  if (receipt?.status !== 1) throw new Error(`${method} failed in transaction ${tx.hash}`);
}
