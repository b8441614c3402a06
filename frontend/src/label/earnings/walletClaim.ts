import { encodeFunctionData, type Address, type Hex } from 'viem';
import { t } from '../../i18n/i18n';
import {
  hexChainId,
  isRejection,
  providerErrorCode,
  providerErrorMessage,
  UNRECOGNIZED_CHAIN,
  walletChainId,
  type Eip1193Provider,
} from '../../session/eip1193';
import type { ClaimProof } from './types';

/**
 * The one PayoutDistributor function the annotator's wallet calls:
 * `claim(uint256 epochId, uint256 index, address account, uint256 amount, bytes32[] proof)`.
 * As a JSON ABI rather than parseAbi's human-readable form: the parser would add 3 kB (gzip) here.
 */
const DISTRIBUTOR_ABI = [
  {
    type: 'function',
    name: 'claim',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'epochId', type: 'uint256' },
      { name: 'index', type: 'uint256' },
      { name: 'account', type: 'address' },
      { name: 'amount', type: 'uint256' },
      { name: 'proof', type: 'bytes32[]' },
    ],
    outputs: [],
  },
] as const;

export type WalletClaimFailure =
  | { kind: 'no-wallet' }
  | { kind: 'rejected' }
  | { kind: 'wrong-chain'; expected: number; actual: number }
  | { kind: 'insufficient-funds' }
  | { kind: 'reverted'; txHash: string }
  | { kind: 'failed'; message: string };

export class WalletClaimError extends Error {
  constructor(readonly failure: WalletClaimFailure) {
    super(failure.kind);
    this.name = 'WalletClaimError';
  }
}

/** The calldata of `claim(epochId, index, account, amount, proof)` for this proof. */
export function claimCalldata(proof: ClaimProof): Hex {
  return encodeFunctionData({
    abi: DISTRIBUTOR_ABI,
    functionName: 'claim',
    args: [BigInt(proof.epochId), BigInt(proof.index), proof.account as Address, BigInt(proof.amountWei), proof.proof as Hex[]],
  });
}

/** The wallet's first account, asking it to connect if it has not yet. */
export async function walletAccount(provider: Eip1193Provider): Promise<string> {
  try {
    const [account] = (await provider.request({ method: 'eth_requestAccounts' })) as string[];
    if (!account) throw new WalletClaimError({ kind: 'failed', message: t('tessera.earnings.errors.noAccount') });
    return account;
  } catch (error) {
    throw toClaimError(error);
  }
}

/**
 * Puts the wallet on the payout's chain: switch to it, or add it (from the RPC URL the server gives)
 * when the wallet does not know it. A refusal either way is a wrong-chain failure.
 */
export async function ensureChain(provider: Eip1193Provider, chain: { chainId: number; rpcUrl: string }): Promise<void> {
  const expected = chain.chainId;
  const before = await walletChainId(provider);
  if (before === expected) return;
  const chainId = hexChainId(expected);
  try {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  } catch (error) {
    if (providerErrorCode(error) !== UNRECOGNIZED_CHAIN) {
      if (isRejection(error)) throw new WalletClaimError({ kind: 'wrong-chain', expected, actual: before });
      throw toClaimError(error);
    }
    try {
      await provider.request({
        method: 'wallet_addEthereumChain',
        params: [
          {
            chainId,
            chainName: t('tessera.earnings.chainName', { chainId: expected }),
            rpcUrls: [chain.rpcUrl],
            nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
          },
        ],
      });
    } catch (addError) {
      if (isRejection(addError)) throw new WalletClaimError({ kind: 'wrong-chain', expected, actual: before });
      throw toClaimError(addError);
    }
  }
  const after = await walletChainId(provider);
  if (after !== expected) throw new WalletClaimError({ kind: 'wrong-chain', expected, actual: after });
}

/** Sends the claim from `from` (anyone may send it: the tokens go to the proof's account). Answers the hash. */
export async function sendClaimTransaction(provider: Eip1193Provider, from: string, proof: ClaimProof): Promise<string> {
  try {
    return (await provider.request({
      method: 'eth_sendTransaction',
      params: [{ from, to: proof.distributor, data: claimCalldata(proof), chainId: hexChainId(proof.chainId) }],
    })) as string;
  } catch (error) {
    throw toClaimError(error);
  }
}

export interface ReceiptWait {
  pollMs: number;
  timeoutMs: number;
  /** False once the page is gone: stop asking. */
  isCurrent?: () => boolean;
}

/**
 * Polls the wallet's node for the receipt: true once mined, false when the wait ends first (it may
 * still be mined). A reverted transaction is a failure.
 */
export async function waitForReceipt(provider: Eip1193Provider, txHash: string, wait: ReceiptWait): Promise<boolean> {
  const deadline = Date.now() + wait.timeoutMs;
  for (;;) {
    let receipt: { status?: string } | null = null;
    try {
      receipt = (await provider.request({ method: 'eth_getTransactionReceipt', params: [txHash] })) as { status?: string } | null;
    } catch {
      // A node hiccup is not the transaction's fate: ask again.
    }
    if (receipt) {
      if (receipt.status === '0x0') throw new WalletClaimError({ kind: 'reverted', txHash });
      return true;
    }
    if (Date.now() >= deadline || wait.isCurrent?.() === false) return false;
    await new Promise((resolve) => setTimeout(resolve, wait.pollMs));
  }
}

/**
 * Nodes say "insufficient funds for gas * price + value"; wallets pass it on with varying codes,
 * MetaMask under `data` behind an "Internal JSON-RPC error".
 */
function isInsufficientFunds(error: unknown): boolean {
  const nested = error as { data?: { message?: unknown; originalError?: { message?: unknown } }; cause?: { message?: unknown } } | null;
  const texts = [providerErrorMessage(error), nested?.data?.message, nested?.data?.originalError?.message, nested?.cause?.message];
  return texts.some((text) => typeof text === 'string' && /insufficient funds/i.test(text));
}

function toClaimError(error: unknown): WalletClaimError {
  if (error instanceof WalletClaimError) return error;
  if (isRejection(error)) return new WalletClaimError({ kind: 'rejected' });
  if (isInsufficientFunds(error)) return new WalletClaimError({ kind: 'insufficient-funds' });
  return new WalletClaimError({ kind: 'failed', message: providerErrorMessage(error) });
}
