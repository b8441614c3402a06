/**
 * What the outbox does when sending a transaction goes wrong, and the fees of a replacement. Pure: the
 * errors are read by their shape (ethers 6 errors, or anything carrying the node's message), the
 * clock and the randomness come in as arguments.
 *
 * Only a mined receipt with status 0 is a final failure, and the outbox reads that from the receipt,
 * not from an error. An error is one of:
 * - `revert`: gas estimation ran the call against the current state and it reverted. It is retried
 *   a bounded number of times (`MAX_ESTIMATE_REVERTS`), because the state it ran against may be a
 *   step behind (a load-balanced RPC whose node has not seen our previous transaction yet, a
 *   transaction of ours mined a block later); after that it is final: nothing was signed, nothing
 *   can be mined.
 * - `underpriced`: the node refused the fees (below the base fee, or a replacement bid too low):
 *   the transaction is re-signed with higher fees (same nonce) at once.
 * - `transient`: everything else (connection refused, timeouts, HTTP 429 and 5xx, "insufficient funds
 *   for gas", nonce races, errors nobody recognises). The transaction stays pending and is retried
 *   with capped exponential backoff; the same signed bytes are sent again when it was signed.
 */

export type SendErrorKind = 'revert' | 'underpriced' | 'transient';

/** Where the error came from: estimating (which runs the call) or sending the signed bytes. */
export type SendStage = 'estimate' | 'broadcast';

export interface ClassifiedError {
  kind: SendErrorKind;
  /** One line for the console: the decoded revert, or the node's own words. */
  message: string;
}

/** Gas estimation reverts tolerated before the revert is taken as final. */
export const MAX_ESTIMATE_REVERTS = 3;

const REVERTED = /execution reverted|reverted with|VM Exception|revert/i;
const UNDERPRICED =
  /underpriced|fee cap less than block base fee|max fee per gas less than block base fee|maxFeePerGas .*(too low|less than)|fee too low/i;
const MESSAGE_LIMIT = 500;

interface ErrorShape {
  code?: unknown;
  shortMessage?: unknown;
  message?: unknown;
  reason?: unknown;
  data?: unknown;
  info?: { error?: { message?: unknown; data?: unknown } };
  error?: { message?: unknown };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The node's own message, when the client wrapped it (ethers keeps it under `info.error`). */
function nodeMessage(error: ErrorShape): string | undefined {
  return text(error.info?.error?.message) ?? text(error.error?.message);
}

function isHex(value: unknown): value is string {
  return typeof value === 'string' && /^0x[0-9a-fA-F]*$/.test(value);
}

function oneLine(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MESSAGE_LIMIT ? `${line.slice(0, MESSAGE_LIMIT - 1)}…` : line;
}

export function classifySendError(stage: SendStage, error: unknown): ClassifiedError {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const node = nodeMessage(shape);
  const short = text(shape.shortMessage) ?? text(shape.message) ?? String(error);
  const described = oneLine(node && !short.includes(node) ? `${short} (${node})` : short);
  if (stage === 'estimate') {
    // ethers says CALL_EXCEPTION both for a revert and for an estimate that failed without revert
    // data ("missing revert data"): only revert data or the node saying "reverted" make it a revert.
    const reverted = shape.code === 'CALL_EXCEPTION' && (isHex(shape.data) || (node !== undefined && REVERTED.test(node)));
    if (reverted) {
      const reason = text(shape.reason);
      return { kind: 'revert', message: oneLine(reason ? `execution reverted: ${reason}` : described) };
    }
    return { kind: 'transient', message: described };
  }
  if (shape.code === 'REPLACEMENT_UNDERPRICED' || UNDERPRICED.test(node ?? '') || UNDERPRICED.test(short)) {
    return { kind: 'underpriced', message: described };
  }
  return { kind: 'transient', message: described };
}

export interface RetryPolicy {
  /** The first retry's delay. */
  baseMs: number;
  /** No delay grows beyond this. */
  maxMs: number;
}

/**
 * The wait before retry number `attempt` (1 for the first retry): base x 2^(attempt-1), capped, of
 * which the upper half is random ("equal jitter"), so instances and rows retrying together spread
 * out while no wait falls below half its step.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}

export interface FeeBid {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface FeeMarket {
  /** The latest block's base fee; null before EIP-1559 (then `gasPrice` is the price). */
  baseFeePerGas: bigint | null;
  gasPrice: bigint;
  /** What the node suggests as a tip. */
  maxPriorityFeePerGas: bigint;
}

/**
 * Nodes take a replacement (same nonce) only when both its fee cap and its tip exceed the pending
 * transaction's by a margin: geth's default is 10%, others ask 12.5%. Bumping by 12.5%, rounded up,
 * satisfies both.
 */
export const REPLACEMENT_BUMP_PERMILLE = 1125n;

function bump(value: bigint): bigint {
  return (value * REPLACEMENT_BUMP_PERMILLE + 999n) / 1000n;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/**
 * The first bid for a transaction: the tip the node suggests, and a cap of twice the base fee plus
 * the tip (so it stays valid through several blocks of rising base fees), never above `capWei`.
 */
export function initialFees(market: FeeMarket, capWei: bigint): FeeBid {
  const tip = market.maxPriorityFeePerGas;
  const base = market.baseFeePerGas ?? market.gasPrice;
  const maxFeePerGas = min(capWei, base * 2n + tip);
  return { maxFeePerGas, maxPriorityFeePerGas: min(tip, maxFeePerGas) };
}

/**
 * The bid replacing `previous` (same nonce): at least 12.5% more on both the cap and the tip, and no
 * less than what the market asks now. Null when `capWei` leaves no room for the bump the nodes
 * require: then the transaction can only wait for the market (or for the operator to raise the cap).
 */
export function replacementFees(previous: FeeBid, market: FeeMarket, capWei: bigint): FeeBid | null {
  const fresh = initialFees(market, capWei);
  const tip = max(bump(previous.maxPriorityFeePerGas), fresh.maxPriorityFeePerGas);
  const maxFeePerGas = min(capWei, max(max(bump(previous.maxFeePerGas), fresh.maxFeePerGas), tip));
  if (maxFeePerGas < bump(previous.maxFeePerGas) || tip > maxFeePerGas) return null;
  return { maxFeePerGas, maxPriorityFeePerGas: tip };
}

/** When a transaction broadcast at `broadcastAt` with no receipt since is due for a replacement. */
export function replacementDue(broadcastAt: Date | null, now: Date, replaceAfterMs: number): boolean {
  return broadcastAt !== null && now.getTime() - broadcastAt.getTime() >= replaceAfterMs;
}
