import { JsonRpcProvider, Transaction, Wallet, type TransactionRequest } from 'ethers';
import type { ChainInfo, ChainLog, ChainPort, TxReceipt } from './chain.port.js';

/** Errors meaning "this exact transaction is already in the pool or in a block": a re-broadcast after a crash. */
const ALREADY_SENT = /already known|known transaction|nonce too low|already imported|AlreadyKnown/i;

/** The chain over JSON-RPC with ethers 6: sequential requests (no batching), the operator's key in memory. */
export class EthersChain implements ChainPort {
  private readonly operatorWallet: Wallet;

  constructor(
    private readonly provider: JsonRpcProvider,
    operatorKey: string,
    readonly info: ChainInfo,
  ) {
    this.operatorWallet = new Wallet(operatorKey, provider);
  }

  static provider(url: string, chainId: number): JsonRpcProvider {
    return new JsonRpcProvider(url, chainId, { staticNetwork: true, batchMaxCount: 1, pollingInterval: 500, cacheTimeout: -1 });
  }

  async signOperatorTx(request: { to: string; data: string; nonce: number }): Promise<{ raw: string; hash: string }> {
    const base: TransactionRequest = {
      to: request.to,
      data: request.data,
      nonce: request.nonce,
      chainId: this.info.chainId,
      from: this.operatorWallet.address,
    };
    const [gas, fees] = await Promise.all([this.provider.estimateGas(base), this.provider.getFeeData()]);
    const tx: TransactionRequest = { ...base, gasLimit: (gas * 12n) / 10n + 10_000n, type: 2 };
    // Twice the current fees: a stored transaction may be re-broadcast a while later and must still be taken.
    tx.maxFeePerGas = (fees.maxFeePerGas ?? fees.gasPrice ?? 1_000_000_000n) * 2n;
    tx.maxPriorityFeePerGas = fees.maxPriorityFeePerGas ?? 1_000_000_000n;
    delete tx.from;
    const raw = await this.operatorWallet.signTransaction(tx);
    return { raw, hash: Transaction.from(raw).hash! };
  }

  operatorNonce(): Promise<number> {
    return this.provider.getTransactionCount(this.operatorWallet.address, 'pending');
  }

  async broadcast(raw: string): Promise<void> {
    try {
      await this.provider.send('eth_sendRawTransaction', [raw]);
    } catch (error) {
      if (ALREADY_SENT.test(String((error as { message?: string }).message ?? error))) return;
      throw error;
    }
  }

  async receipt(hash: string): Promise<TxReceipt | null> {
    const receipt = await this.provider.getTransactionReceipt(hash);
    if (!receipt) return null;
    return {
      status: receipt.status === 1 ? 'success' : 'reverted',
      blockNumber: receipt.blockNumber,
      gasUsed: Number(receipt.gasUsed),
      logs: receipt.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data, logIndex: l.index })),
    };
  }

  blockNumber(): Promise<number> {
    return this.provider.getBlockNumber();
  }

  async logs(filter: { address: string; topics: ReadonlyArray<string | null>; fromBlock: number; toBlock: number }): Promise<ChainLog[]> {
    const logs = await this.provider.getLogs({
      address: filter.address,
      topics: [...filter.topics],
      fromBlock: filter.fromBlock,
      toBlock: filter.toBlock,
    });
    return logs.map((l) => ({
      address: l.address,
      topics: l.topics,
      data: l.data,
      blockNumber: l.blockNumber,
      transactionHash: l.transactionHash,
      logIndex: l.index,
    }));
  }

  call(to: string, data: string): Promise<string> {
    return this.provider.call({ to, data });
  }

  balance(address: string): Promise<bigint> {
    return this.provider.getBalance(address);
  }

  async close(): Promise<void> {
    this.provider.destroy();
    return Promise.resolve();
  }
}
