import type { Schemas } from '../../api';

/** What `GET /api/me/earnings` and the claim endpoints answer (generated from the OpenAPI document). Amounts are decimal token strings. */

/** `explorerTxUrl`: prefix of a transaction's explorer page (`https://etherscan.io/tx/`); null on the embedded dev chain. */
export type EarningsChain = Schemas['ChainRefDto'];

/** `pending`: credited, not yet in an epoch. */
export type EarningsTotals = Schemas['EarningsTotalsDto'];

export type EpochMode = Schemas['EpochMode'];
/** failed: one of its transactions failed for good (an admin may void it); voided: given up, unpaid shares pending again. */
export type EpochStatus = Schemas['EpochStatus'];

/** The annotator's share of one payout epoch. */
export type EpochShare = Schemas['MyEpochDto'];

export type LedgerKind = Schemas['LedgerKind'];
export type LedgerEntry = Schemas['LedgerLineDto'];

/** What the platform relays gas-free: shares from `minAmount`, `dailyCap` claims per annotator in 24 hours. */
export type RelayTerms = Schemas['RelayTermsDto'];

export type Earnings = Schemas['EarningsDto'];

/** The annotator's share of one dataset's sales (labels: theirs in the dataset). */
export type DatasetSalesShare = Schemas['DatasetSalesShareDto'];

/** `GET /api/me/epochs/:epochId/proof`: the arguments of the distributor's `claim`. */
export type ClaimProof = Schemas['ProofDto'];

/** `POST /api/me/epochs/:epochId/claim` (202): the platform sends the claim and pays the gas. */
export type RelayedClaim = Schemas['RelayedClaimDto'];
