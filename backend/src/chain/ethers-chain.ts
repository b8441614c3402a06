import { payoutDistributorArtifact, rewardTokenArtifact } from '@tessera/contracts';
import { FetchRequest, Interface, JsonRpcProvider, Transaction, Wallet } from 'ethers';
import type { ChainInfo, ChainLog, ChainPort, SignerRole, TxReceipt } from './chain.port.js';
import type { FeeBid, FeeMarket } from './domain/tx-sending.js';

/** Errors meaning "this exact transaction is already in the pool or in a block": a re-broadcast after a crash. */
const ALREADY_SENT = /already known|known transaction|nonce too low|already imported|AlreadyKnown/i;

/** The contracts' custom errors, to name a revert in the console. */
const KNOWN_ERRORS = [new Interface(rewardTokenArtifact.abi), new Interface(payoutDistributorArtifact.abi)];

/** `AccessControlUnauthorizedAccount(0x…, 0x…)` for revert data of one of our contracts' errors. */
function decodeRevert(data: unknown): string | undefined {
  if (typeof data !== 'string' || data.length < 10) return undefined;
  for (const abi of KNOWN_ERRORS) {
    try {
      const parsed = abi.parseError(data);
      if (parsed) return `${parsed.name}(${parsed.args.map((arg: unknown) => String(arg)).join(', ')})`;
    } catch {
      // not one of this contract's errors
    }
  }
  return undefined;
}

/** The chain over JSON-RPC with ethers 6: sequential requests (no batching), the keys in memory. */
export class EthersChain implements ChainPort {
  private readonly wallets: Record<SignerRole, Wallet>;

  constructor(
    private readonly provider: JsonRpcProvider,
    operatorKey: string,
    relayerKey: string | undefined,
    readonly info: ChainInfo,
  ) {
    const operator = new Wallet(operatorKey, provider);
    this.wallets = { operator, relayer: relayerKey ? new Wallet(relayerKey, provider) : operator };
  }

  /**
   * A provider whose requests give up after `timeoutMs`, and that does not retry HTTP 429 itself
   * (ethers would, for minutes): the outbox retries with its own backoff and shows the error.
   */
  static provider(url: string, chainId: number, timeoutMs = 15_000): JsonRpcProvider {
    const request = new FetchRequest(url);
    request.timeout = timeoutMs;
    request.retryFunc = () => Promise.resolve(false);
    return new JsonRpcProvider(request, chainId, { staticNetwork: true, batchMaxCount: 1, pollingInterval: 500, cacheTimeout: -1 });
  }

  address(signer: SignerRole): string {
    return this.wallets[signer].address;
  }

  nonce(signer: SignerRole, block: 'pending' | 'latest'): Promise<number> {
    return this.provider.getTransactionCount(this.wallets[signer].address, block);
  }

  async estimateGas(signer: SignerRole, request: { to: string | null; data: string }): Promise<bigint> {
    try {
      return await this.provider.estimateGas({ ...request, from: this.wallets[signer].address, chainId: this.info.chainId });
    } catch (error) {
      // ethers names Error(string) and panics only; name our contracts' custom errors too.
      const reason = decodeRevert((error as { data?: unknown }).data);
      if (reason && !(error as { reason?: unknown }).reason) Object.assign(error as object, { reason });
      throw error;
    }
  }

  async feeMarket(): Promise<FeeMarket> {
    const [block, tip, gasPrice] = await Promise.all([
      this.provider.getBlock('latest'),
      this.provider.send('eth_maxPriorityFeePerGas', []).then(
        (value: string) => BigInt(value),
        () => 1_000_000_000n,
      ),
      this.provider.send('eth_gasPrice', []).then((value: string) => BigInt(value)),
    ]);
    return { baseFeePerGas: block?.baseFeePerGas ?? null, gasPrice, maxPriorityFeePerGas: tip };
  }

  async sign(
    signer: SignerRole,
    request: { to: string | null; data: string; nonce: number; gasLimit: bigint; fees: FeeBid },
  ): Promise<{ raw: string; hash: string }> {
    const raw = await this.wallets[signer].signTransaction({
      to: request.to,
      data: request.data,
      nonce: request.nonce,
      gasLimit: request.gasLimit,
      chainId: this.info.chainId,
      type: 2,
      maxFeePerGas: request.fees.maxFeePerGas,
      maxPriorityFeePerGas: request.fees.maxPriorityFeePerGas,
    });
    return { raw, hash: Transaction.from(raw).hash! };
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

  async transaction(hash: string): Promise<{ from: string; to: string | null; blockNumber: number | null } | null> {
    const tx = await this.provider.getTransaction(hash);
    return tx ? { from: tx.from, to: tx.to, blockNumber: tx.blockNumber } : null;
  }

  async blockTimestamp(block: number | 'latest'): Promise<number> {
    const found = await this.provider.getBlock(block);
    if (!found) throw new Error(`block ${block} not found`);
    return found.timestamp;
  }

  blockNumber(): Promise<number> {
    return this.provider.getBlockNumber();
  }

  async logs(filter: Parameters<ChainPort['logs']>[0]): Promise<ChainLog[]> {
    const logs = await this.provider.getLogs({
      ...(filter.address === null ? {} : { address: typeof filter.address === 'string' ? filter.address : [...filter.address] }),
      topics: filter.topics.map((topic) => (topic === null || typeof topic === 'string' ? topic : [...topic])),
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
