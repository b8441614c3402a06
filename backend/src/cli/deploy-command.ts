import { deployAll, type Deployment } from '@tessera/contracts';
import { JsonRpcProvider, NonceManager, Wallet, getAddress } from 'ethers';

export interface DeployArgs {
  rpcUrl: string;
  privateKey: string;
  chainId: number;
  /** Gets the operator role (posting, batch pay, sweep) and the minter role; default: the deploying key. */
  operator?: string;
}

/**
 * Deploys RewardToken and PayoutDistributor on a real chain with the given key, and answers the
 * environment the backend needs to use them.
 */
export async function runDeploy(args: DeployArgs): Promise<{ deployment: Deployment; env: string }> {
  const provider = new JsonRpcProvider(args.rpcUrl, args.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  try {
    const actual = Number((await provider.send('eth_chainId', [])) as string);
    if (actual !== args.chainId) throw new Error(`${args.rpcUrl} serves chain ${actual}, not CHAIN_ID ${args.chainId}`);
    const wallet = new Wallet(args.privateKey, provider);
    const deployment = await deployAll(new NonceManager(wallet), { operator: getAddress(args.operator ?? wallet.address) });
    const env = [
      `CHAIN_ID=${args.chainId}`,
      `TOKEN_ADDRESS=${deployment.rewardToken}`,
      `DISTRIBUTOR_ADDRESS=${deployment.payoutDistributor}`,
      `CHAIN_FROM_BLOCK=${deployment.fromBlock}`,
    ].join('\n');
    return { deployment, env };
  } finally {
    provider.destroy();
  }
}
