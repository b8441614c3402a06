import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/i18n';
import { ApiError } from '../../session/api';
import { describeError } from '../describeError';
import { getClaimProof, getEarnings, requestGasFreeClaim } from './earningsApi';
import type { Earnings, EarningsChain, EpochShare, RelayTerms } from './types';
import { ensureChain, sendClaimTransaction, waitForReceipt, walletAccount, WalletClaimError, type WalletClaimFailure } from './walletClaim';

/** Between two looks at the receipt or the earnings. */
export const POLL_MS = 2000;
/** Looks at the earnings after our own transaction is mined, until the server has seen it. */
const SYNC_POLLS = 15;
/** Looks at the earnings while the platform sends a gas-free claim (about three minutes). */
const RELAY_POLLS = 90;
/** Polls of the receipt before saying "not confirmed yet". */
const RECEIPT_POLLS = 150;

export type ClaimStep = 'proof' | 'connect' | 'chain' | 'wallet' | 'mining' | 'relaying' | 'queued' | 'syncing';

export type ClaimState =
  | { kind: 'idle' }
  | { kind: 'working'; epochId: number; step: ClaimStep; chainId: number; txHash: string | null }
  | { kind: 'done'; epochId: number; txHash: string | null }
  /** Sent, but not confirmed while we waited. */
  | { kind: 'pending'; epochId: number; txHash: string | null }
  | { kind: 'failed'; epochId: number; message: string; offerGasFree: boolean };

function describeFailure(failure: WalletClaimFailure): string {
  switch (failure.kind) {
    case 'no-wallet':
      return t('tessera.earnings.errors.noWallet');
    case 'rejected':
      return t('tessera.earnings.errors.rejected');
    case 'wrong-chain':
      return t('tessera.earnings.errors.wrongChain', { expected: failure.expected, actual: failure.actual });
    case 'insufficient-funds':
      return t('tessera.earnings.errors.insufficientFunds');
    case 'reverted':
      return t('tessera.earnings.errors.reverted');
    case 'failed':
      return t('tessera.earnings.errors.failed', { message: failure.message });
  }
}

/** Why the platform refused to send a claim: its minimum and daily cap in words, else the usual description. */
function describeRelayError(error: unknown, relay: RelayTerms): string {
  if (error instanceof ApiError && error.code === 'RELAY_BELOW_MINIMUM') {
    return t('tessera.earnings.errors.relayBelowMinimum', { min: relay.minAmount });
  }
  if (error instanceof ApiError && error.code === 'RELAY_DAILY_CAP_REACHED') {
    return t('tessera.earnings.errors.relayDailyCap', { cap: relay.dailyCap });
  }
  return describeError(error);
}

/** The failures a gas-free claim gets around. */
const GAS_FREE_HELPS: ReadonlyArray<WalletClaimFailure['kind']> = ['no-wallet', 'insufficient-funds', 'wrong-chain'];

/**
 * The two ways to claim an epoch, one at a time: from the annotator's wallet (proof, chain, send,
 * receipt) or gas-free through the platform (request, then watch the earnings until it is claimed).
 * `onEarnings` receives every fresh copy of the earnings fetched along the way.
 */
export function useClaim({ pollMs, onEarnings }: { pollMs: number; onEarnings: (earnings: Earnings) => void }) {
  const [state, setState] = useState<ClaimState>({ kind: 'idle' });
  /** Epochs claimed (or being claimed) from this page, with their transaction, until the server says claimed. */
  const [sent, setSent] = useState<Record<number, string | null>>({});
  const mounted = useRef(true);
  const reportEarnings = useRef(onEarnings);

  useEffect(() => {
    reportEarnings.current = onEarnings;
  }, [onEarnings]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const isCurrent = () => mounted.current;
  const sleep = () => new Promise((resolve) => setTimeout(resolve, pollMs));

  /** Refreshes the earnings until the epoch shows as claimed; answers it, or undefined when we stop looking. */
  async function untilClaimed(epochId: number, polls: number): Promise<EpochShare | undefined> {
    for (let poll = 0; poll < polls && isCurrent(); poll++) {
      if (poll > 0) await sleep();
      try {
        const earnings = await getEarnings();
        if (!isCurrent()) return undefined;
        reportEarnings.current(earnings);
        const epoch = earnings.epochs.find((candidate) => candidate.epochId === epochId);
        if (epoch?.claimed) return epoch;
      } catch {
        // The next poll may get through; the claim itself is not affected.
      }
    }
    return undefined;
  }

  async function claimWithWallet(epoch: EpochShare, chain: EarningsChain): Promise<void> {
    const { epochId } = epoch;
    const working = (step: ClaimStep, txHash: string | null = null) =>
      isCurrent() && setState({ kind: 'working', epochId, step, chainId: chain.chainId, txHash });
    try {
      const provider = window.ethereum;
      if (!provider) throw new WalletClaimError({ kind: 'no-wallet' });
      working('proof');
      const proof = await getClaimProof(epochId);
      working('connect');
      const from = await walletAccount(provider);
      working('chain');
      await ensureChain(provider, { chainId: proof.chainId, rpcUrl: chain.rpcUrl });
      working('wallet');
      const txHash = await sendClaimTransaction(provider, from, proof);
      if (isCurrent()) setSent((all) => ({ ...all, [epochId]: txHash }));
      working('mining', txHash);
      const mined = await waitForReceipt(provider, txHash, { pollMs, timeoutMs: pollMs * RECEIPT_POLLS, isCurrent });
      if (!isCurrent()) return;
      if (!mined) {
        setState({ kind: 'pending', epochId, txHash });
        return;
      }
      working('syncing', txHash);
      // Mined: the tokens are there even if the server has not caught up yet.
      await untilClaimed(epochId, SYNC_POLLS);
      if (isCurrent()) setState({ kind: 'done', epochId, txHash });
    } catch (error) {
      if (!isCurrent()) return;
      if (error instanceof WalletClaimError) {
        const { failure } = error;
        if (failure.kind === 'reverted') {
          setSent(({ [epochId]: _, ...others }) => others);
          // Probably claimed meanwhile or expired: show what the server says now.
          void untilClaimed(epochId, 1);
        }
        setState({ kind: 'failed', epochId, message: describeFailure(failure), offerGasFree: GAS_FREE_HELPS.includes(failure.kind) });
        return;
      }
      setState({ kind: 'failed', epochId, message: describeError(error), offerGasFree: false });
    }
  }

  async function claimWithoutGas(epoch: EpochShare, chain: EarningsChain, relay: RelayTerms): Promise<void> {
    const { epochId } = epoch;
    setState({ kind: 'working', epochId, step: 'relaying', chainId: chain.chainId, txHash: null });
    try {
      const relayed = await requestGasFreeClaim(epochId);
      if (!isCurrent()) return;
      setSent((all) => ({ ...all, [epochId]: relayed.txHash }));
      setState({ kind: 'working', epochId, step: 'queued', chainId: chain.chainId, txHash: relayed.txHash });
      const claimed = await untilClaimed(epochId, RELAY_POLLS);
      if (!isCurrent()) return;
      const txHash = claimed?.txHash ?? relayed.txHash;
      setState(claimed ? { kind: 'done', epochId, txHash } : { kind: 'pending', epochId, txHash });
    } catch (error) {
      if (isCurrent()) setState({ kind: 'failed', epochId, message: describeRelayError(error, relay), offerGasFree: false });
    }
  }

  return {
    state,
    sent,
    busy: state.kind === 'working',
    claimWithWallet: (epoch: EpochShare, chain: EarningsChain) => void claimWithWallet(epoch, chain),
    claimWithoutGas: (epoch: EpochShare, chain: EarningsChain, relay: RelayTerms) => void claimWithoutGas(epoch, chain, relay),
    dismiss: () => setState({ kind: 'idle' }),
  };
}
