import type { FeeBid, FeeMarket } from './domain/tx-sending.js';

/** What the platform needs of an EVM chain. One adapter (ethers over JSON-RPC) serves both the embedded chain and a real one. */
export interface ChainInfo {
  chainId: number;
  /** Where browser wallets send their transactions. */
  publicRpcUrl: string;
  operator: string;
  /** Sends relayed claims on its own nonces; null: the operator sends them. */
  relayer: string | null;
  rewardToken: string;
  payoutDistributor: string;
  /** Block of the contracts' deployment. */
  fromBlock: number;
  explorerTxUrl: string | null;
}

export interface TxReceipt {
  status: 'success' | 'reverted';
  blockNumber: number;
  gasUsed: number;
  logs: ReadonlyArray<{ address: string; topics: readonly string[]; data: string; logIndex: number }>;
}

export interface ChainLog {
  address: string;
  topics: readonly string[];
  data: string;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
}

/** Who signs: the operator (epochs, push batches), or the relayer (gas-free claims). */
export type SignerRole = 'operator' | 'relayer';

export interface ChainPort {
  readonly info: ChainInfo;
  /** The signer's address; the relayer is the operator when there is no relayer key. */
  address(signer: SignerRole): string;
  /** The signer's next nonce: `pending` counts transactions in the pool, `latest` only mined ones. */
  nonce(signer: SignerRole, block: 'pending' | 'latest'): Promise<number>;
  /**
   * Runs the call from the signer against the current state; a revert rejects (see chain/domain/tx-sending.ts).
   * `to` null: a contract creation (`data` is the bytecode and its constructor arguments).
   */
  estimateGas(signer: SignerRole, request: { to: string | null; data: string }): Promise<bigint>;
  feeMarket(): Promise<FeeMarket>;
  /** Signs an EIP-1559 transaction (`to` null: a contract creation); nothing is sent. */
  sign(
    signer: SignerRole,
    request: { to: string | null; data: string; nonce: number; gasLimit: bigint; fees: FeeBid },
  ): Promise<{ raw: string; hash: string }>;
  /** Sends a signed transaction; a transaction the node already knows (or mined) is not an error. */
  broadcast(raw: string): Promise<void>;
  receipt(hash: string): Promise<TxReceipt | null>;
  /** A mined or pending transaction's sender and recipient (`to` null: a contract creation); null when unknown. */
  transaction(hash: string): Promise<{ from: string; to: string | null; blockNumber: number | null } | null>;
  /** The block's timestamp in seconds (`latest`: the head's). */
  blockTimestamp(block: number | 'latest'): Promise<number>;
  blockNumber(): Promise<number>;
  /**
   * Logs in a block range: of one contract, of several (an array), or of any (null); each topic position
   * holds one value, any of several (an array), or anything (null).
   */
  logs(filter: {
    address: string | readonly string[] | null;
    topics: ReadonlyArray<string | readonly string[] | null>;
    fromBlock: number;
    toBlock: number;
  }): Promise<ChainLog[]>;
  call(to: string, data: string): Promise<string>;
  balance(address: string): Promise<bigint>;
  close(): Promise<void>;
}

export const CHAIN_PORT = Symbol('CHAIN_PORT');
