import type { EpochShare, LedgerEntry, RelayTerms } from './types';

/** How an epoch stands for the annotator, from what the server says about it. */
export type EpochState =
  /** Closed, its tree not yet posted on chain. */
  | 'preparing'
  | 'claimable'
  /** A claim is on its way (the platform's gas-free one, or one sent from this page). */
  | 'claiming'
  | 'claimed'
  /** Push mode: the platform sends the tokens; not yet done. */
  | 'sending'
  | 'paid'
  | 'expired'
  /** Its payout failed on chain; an admin will void it and the amount will be pending again. */
  | 'onHold'
  /** Voided before it was paid: the amount is back in pending, for the next payout. */
  | 'voided';

export function epochState(epoch: EpochShare, now: number = Date.now()): EpochState {
  if (epoch.claimed) return epoch.mode === 'push' ? 'paid' : 'claimed';
  if (epoch.voided || epoch.status === 'voided') return 'voided';
  if (epoch.status === 'failed') return 'onHold';
  if (epoch.mode === 'push') return epoch.status === 'paid' ? 'paid' : 'sending';
  if (epoch.claimable) return 'claimable';
  if (epoch.status === 'swept') return 'expired';
  // Closed (its transactions on their way, retried while the chain has trouble): not on chain yet.
  if (epoch.status !== 'posted' && epoch.status !== 'paid') return 'preparing';
  // On chain, unclaimed, yet not claimable: expired, or a claim is in flight.
  return Date.parse(epoch.expiresAt) <= now ? 'expired' : 'claiming';
}

/** A ledger entry's amount with its sign: a reversal takes tokens back, whether or not the server signed it. */
export function signedAmount(entry: Pick<LedgerEntry, 'kind' | 'amount'>): string {
  if (entry.kind === 'reversal' && !entry.amount.startsWith('-') && !/^0(\.0*)?$/.test(entry.amount)) return `-${entry.amount}`;
  return entry.amount;
}

/** Whether the platform relays a claim of this share (at least the minimum, and gas-free claims on at all). */
export function gasFreeAllowed(epoch: Pick<EpochShare, 'amountWei'>, relay: RelayTerms): boolean {
  return relay.dailyCap > 0 && BigInt(epoch.amountWei) >= BigInt(relay.minAmountWei);
}

/** The explorer page of a transaction, when the chain has an explorer. */
export function transactionUrl(explorerTxUrl: string | null, txHash: string): string | undefined {
  return explorerTxUrl ? `${explorerTxUrl}${txHash}` : undefined;
}

/** `0x5c50…8f1a` for tables; the full hash stays in the link's title. */
export function shortHash(txHash: string): string {
  return txHash.length > 14 ? `${txHash.slice(0, 6)}…${txHash.slice(-4)}` : txHash;
}

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : DATE_FORMAT.format(time);
}
