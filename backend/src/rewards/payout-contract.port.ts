import type { TxReceipt } from '../chain/chain.port.js';

/** A call to one of the payout contracts, as the outbox records and sends it. */
export interface ContractCall {
  readonly to: string;
  readonly data: string;
}

/** One leaf paid by a claim, as the distributor's `Claimed` event reports it. */
export interface ClaimedLeaf {
  readonly epochId: number;
  readonly leafIndex: number;
  /** Checksummed. */
  readonly account: string;
  readonly amount: bigint;
  readonly txHash: string;
  readonly blockNumber: number;
}

export interface RewardTokenFacts {
  readonly name: string;
  readonly symbol: string;
  readonly totalSupply: bigint;
}

/**
 * What rewards needs of RewardToken and PayoutDistributor, in its own terms: the calls that fund, post,
 * pay, claim and sweep an epoch (encoded for the outbox, which sends them), what their events say, and
 * the few reads the console and voiding need. The adapter knows the ABIs and the deployed addresses;
 * the operator is the account that funds and posts epochs.
 */
export interface PayoutContractPort {
  /** RewardToken.mint: an epoch's funding, minted to the operator. */
  mintToOperator(amount: bigint): ContractCall;
  /** RewardToken.approve: lets the distributor pull `amount` of the operator's tokens. */
  approveDistributor(amount: bigint): ContractCall;
  /** PayoutDistributor.postEpoch: a claim epoch's root; the distributor pulls `total` from the operator. */
  postEpoch(epoch: { id: number; root: string; total: bigint; expiresAt: Date }): ContractCall;
  /** PayoutDistributor.batchPay: pays each account directly, from the operator's approved tokens. */
  batchPay(payments: ReadonlyArray<{ account: string; amount: bigint }>): ContractCall;
  /** PayoutDistributor.claim: pays leaf `leafIndex` of a posted epoch to its account (whoever sends it). */
  claim(leaf: { epochId: number; leafIndex: number; account: string; amount: bigint; proof: readonly string[] }): ContractCall;
  /** PayoutDistributor.sweep: after expiry, what is left unclaimed goes back to the operator. */
  sweepToOperator(epochId: number): ContractCall;

  /** The reward tokens each account received by a receipt's Transfer events, keyed by lower-case address. */
  tokensReceived(logs: TxReceipt['logs']): Map<string, bigint>;
  /** The distributor's Claimed events in blocks [fromBlock, toBlock], in chain order. */
  claimedBetween(fromBlock: number, toBlock: number): Promise<ClaimedLeaf[]>;

  /** The root the distributor holds for the epoch (posted, whatever our records say); null when none. */
  epochRoot(epochId: number): Promise<string | null>;
  token(): Promise<RewardTokenFacts>;
  tokenBalance(account: string): Promise<bigint>;
}

export const PAYOUT_CONTRACT = Symbol('PAYOUT_CONTRACT');
