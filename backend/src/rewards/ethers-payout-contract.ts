import { Inject, Injectable } from '@nestjs/common';
import { payoutDistributorArtifact, rewardTokenArtifact } from '@tessera/contracts';
import { getAddress, Interface, ZeroHash } from 'ethers';
import { CHAIN_PORT, type ChainPort, type TxReceipt } from '../chain/chain.port.js';
import type { ClaimedLeaf, ContractCall, PayoutContractPort, RewardTokenFacts } from './payout-contract.port.js';

const tokenAbi = new Interface(rewardTokenArtifact.abi);
const distributorAbi = new Interface(payoutDistributorArtifact.abi);
const TRANSFER = tokenAbi.getEvent('Transfer')!.topicHash;
const CLAIMED = distributorAbi.getEvent('Claimed')!.topicHash;

/** The payout contracts through their ABIs (ethers 6), at the addresses the chain port was opened with. */
@Injectable()
export class EthersPayoutContract implements PayoutContractPort {
  constructor(@Inject(CHAIN_PORT) private readonly chain: ChainPort) {}

  mintToOperator(amount: bigint): ContractCall {
    const { rewardToken, operator } = this.chain.info;
    return { to: rewardToken, data: tokenAbi.encodeFunctionData('mint', [operator, amount]) };
  }

  approveDistributor(amount: bigint): ContractCall {
    const { rewardToken, payoutDistributor } = this.chain.info;
    return { to: rewardToken, data: tokenAbi.encodeFunctionData('approve', [payoutDistributor, amount]) };
  }

  postEpoch(epoch: { id: number; root: string; total: bigint; expiresAt: Date }): ContractCall {
    const expiry = BigInt(Math.floor(epoch.expiresAt.getTime() / 1000));
    return this.distributorCall('postEpoch', [epoch.id, epoch.root, epoch.total, expiry]);
  }

  batchPay(payments: ReadonlyArray<{ account: string; amount: bigint }>): ContractCall {
    return this.distributorCall('batchPay', [payments.map((p) => p.account), payments.map((p) => p.amount)]);
  }

  claim(leaf: { epochId: number; leafIndex: number; account: string; amount: bigint; proof: readonly string[] }): ContractCall {
    return this.distributorCall('claim', [leaf.epochId, leaf.leafIndex, leaf.account, leaf.amount, leaf.proof]);
  }

  sweepToOperator(epochId: number): ContractCall {
    return this.distributorCall('sweep', [epochId, this.chain.info.operator]);
  }

  tokensReceived(logs: TxReceipt['logs']): Map<string, bigint> {
    const token = this.chain.info.rewardToken.toLowerCase();
    const received = new Map<string, bigint>();
    for (const log of logs) {
      if (log.address.toLowerCase() !== token || log.topics[0] !== TRANSFER) continue;
      const parsed = tokenAbi.parseLog({ topics: [...log.topics], data: log.data })!;
      const to = (parsed.args[1] as string).toLowerCase();
      received.set(to, (received.get(to) ?? 0n) + (parsed.args[2] as bigint));
    }
    return received;
  }

  async claimedBetween(fromBlock: number, toBlock: number): Promise<ClaimedLeaf[]> {
    const logs = await this.chain.logs({ address: this.chain.info.payoutDistributor, topics: [CLAIMED], fromBlock, toBlock });
    return logs.map((log) => {
      const parsed = distributorAbi.parseLog({ topics: [...log.topics], data: log.data })!;
      const [epochId, index, account, amount] = parsed.args as unknown as [bigint, bigint, string, bigint];
      return {
        epochId: Number(epochId),
        leafIndex: Number(index),
        account: getAddress(account),
        amount,
        txHash: log.transactionHash,
        blockNumber: log.blockNumber,
      };
    });
  }

  async epochRoot(epochId: number): Promise<string | null> {
    const result = await this.chain.call(this.chain.info.payoutDistributor, distributorAbi.encodeFunctionData('epoch', [epochId]));
    const [root] = distributorAbi.decodeFunctionResult('epoch', result) as unknown as [string];
    return root === ZeroHash ? null : root;
  }

  async token(): Promise<RewardTokenFacts> {
    const [name, symbol, totalSupply] = await Promise.all([
      this.readToken('name'),
      this.readToken('symbol'),
      this.readToken('totalSupply'),
    ]);
    return { name: String(name), symbol: String(symbol), totalSupply: totalSupply as bigint };
  }

  async tokenBalance(account: string): Promise<bigint> {
    return (await this.readToken('balanceOf', [account])) as bigint;
  }

  private distributorCall(fn: string, args: unknown[]): ContractCall {
    return { to: this.chain.info.payoutDistributor, data: distributorAbi.encodeFunctionData(fn, args) };
  }

  private async readToken(fn: string, args: unknown[] = []): Promise<unknown> {
    const result = await this.chain.call(this.chain.info.rewardToken, tokenAbi.encodeFunctionData(fn, args));
    return tokenAbi.decodeFunctionResult(fn, result)[0];
  }
}
