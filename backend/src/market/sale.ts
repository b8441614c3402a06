/**
 * A sale of a dataset, as the indexer reads it from the chain: one `OrderStarted` (or the first
 * order of an `OrderReused` chain) on a datatoken whose NFT the indexer knows. The indexer hands
 * each one to the SALE_SINK once it is confirmed; the sink must be idempotent by (txHash, logIndex)
 * since a resumed indexer may hand the same order again.
 */
export interface Sale {
  chainId: number;
  /** The order transaction and the log index of its `OrderStarted`. */
  txHash: string;
  logIndex: number;
  blockNumber: number;
  /** Block time, ISO 8601. */
  timestamp: string;
  nftAddress: string;
  datatokenAddress: string;
  /** did:op:… of the asset. */
  did: string;
  serviceIndex: number;
  consumer: string;
  payer: string;
  /**
   * What the buyer paid in the base token, smallest unit, decimal string: the fixed-rate exchange's
   * `Swapped.baseTokenSwappedAmount` in the same transaction; "0" for a dispenser (free) order or an
   * order paid with datatokens bought earlier.
   */
  baseTokenAmount: string;
  baseTokenAddress: string | null;
}

export const SALE_SINK = Symbol('SALE_SINK');

export interface SaleSink {
  recordSale(sale: Sale): Promise<void>;
}
