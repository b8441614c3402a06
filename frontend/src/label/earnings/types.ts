/** What `GET /api/me/earnings` and the claim endpoints answer. Amounts are decimal token strings. */

export interface EarningsChain {
  chainId: number;
  rpcUrl: string;
  token: string;
  distributor: string;
  /** Prefix of a transaction's explorer page (`https://etherscan.io/tx/`); null on the embedded dev chain. */
  explorerTxUrl: string | null;
}

export interface EarningsTotals {
  /** Credited, not yet in an epoch. */
  pending: string;
  claimable: string;
  claimed: string;
  expired: string;
}

export type EpochMode = 'claim' | 'push';
/** failed: one of its transactions failed for good (an admin may void it); voided: given up, unpaid shares pending again. */
export type EpochStatus = 'closed' | 'posted' | 'paid' | 'swept' | 'failed' | 'voided';

/** The annotator's share of one payout epoch. */
export interface EpochShare {
  epochId: number;
  mode: EpochMode;
  status: EpochStatus;
  amount: string;
  /** The amount in the token's smallest unit (18 decimals), an integer string. */
  amountWei: string;
  leafIndex: number;
  expiresAt: string;
  claimable: boolean;
  claimed: boolean;
  /** The epoch was voided before this share was paid: the amount is back in `pending`. */
  voided: boolean;
  /** The claim or push payment. */
  txHash: string | null;
}

export type LedgerKind = 'reward' | 'reversal' | 'adjustment';

export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  amount: string;
  projectId: number | null;
  projectName: string | null;
  createdAt: string;
}

/** What the platform relays gas-free: shares from `minAmount`, `dailyCap` claims per annotator in 24 hours. */
export interface RelayTerms {
  minAmount: string;
  minAmountWei: string;
  dailyCap: number;
}

export interface Earnings {
  chain: EarningsChain;
  relay: RelayTerms;
  totals: EarningsTotals;
  epochs: EpochShare[];
  recent: LedgerEntry[];
}

/** `GET /api/me/epochs/:epochId/proof`: the arguments of the distributor's `claim`. */
export interface ClaimProof {
  epochId: number;
  index: number;
  account: string;
  amountWei: string;
  /** bytes32 hex strings. */
  proof: string[];
  distributor: string;
  chainId: number;
}

/** `POST /api/me/epochs/:epochId/claim` (202): the platform sends the claim and pays the gas. */
export interface RelayedClaim {
  status: 'queued' | 'confirmed';
  txHash: string | null;
  /** Sending it hit errors; the platform keeps retrying. */
  retrying: boolean;
}
