/** What the platform needs of an EVM chain. One adapter (ethers over JSON-RPC) serves both the embedded chain and a real one. */
export interface ChainInfo {
  chainId: number;
  /** Where browser wallets send their transactions. */
  publicRpcUrl: string;
  operator: string;
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

export interface ChainPort {
  readonly info: ChainInfo;
  /** Signs a call from the operator with the given nonce; nothing is sent. */
  signOperatorTx(request: { to: string; data: string; nonce: number }): Promise<{ raw: string; hash: string }>;
  /** The operator's next nonce, counting transactions in the pool. */
  operatorNonce(): Promise<number>;
  /** Sends a signed transaction; a transaction the node already knows (or mined) is not an error. */
  broadcast(raw: string): Promise<void>;
  receipt(hash: string): Promise<TxReceipt | null>;
  blockNumber(): Promise<number>;
  logs(filter: { address: string; topics: ReadonlyArray<string | null>; fromBlock: number; toBlock: number }): Promise<ChainLog[]>;
  call(to: string, data: string): Promise<string>;
  balance(address: string): Promise<bigint>;
  close(): Promise<void>;
}

export const CHAIN_PORT = Symbol('CHAIN_PORT');
