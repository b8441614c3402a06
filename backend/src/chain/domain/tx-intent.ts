/**
 * A transaction the platform is to send, as whatever needs it records it in the outbox: what it is for
 * (unique: asking twice records it once), the call, and the lane that sends it.
 */

/**
 * payout: epochs (funding, posts, push batches); relay: gas-free claims. Each lane is sent on its own
 * nonces when there is a relayer key, so a queue of relayed claims never holds a payout back.
 */
export type TxLane = 'payout' | 'relay';

export interface ChainTxIntent {
  /** e.g. `epoch:3:post`, `epoch:4:batch:0`, `claim:3:17`. */
  purpose: string;
  to: string;
  data: string;
  /** Default payout. */
  lane?: TxLane;
  /** The annotator a relayed claim is sent for. */
  onBehalfOf?: number;
}
