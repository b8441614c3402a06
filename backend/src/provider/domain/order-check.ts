/**
 * Ocean Node's download checks of an order (core/utils/validateOrders.ts, feesHandler.ts; ocean-facts
 * B), done as intended, on facts read from the chain beforehand. Pure: the same facts, the same answer.
 */

/** NFT metadata states (ERC721Template): only an active asset may be ordered and downloaded. */
export const NFT_STATE = { active: 0, endOfLife: 1, deprecated: 2, revoked: 3, orderingDisabled: 4, unlisted: 5 } as const;

/**
 * Whether the NFT's state allows ordering. Ocean Node means "0 or 5" but writes `state in [0, 5]`,
 * which tests array indexes and so lets 0 and 1 through and refuses 5. Here only an active asset
 * (0) is served: end-of-life, deprecated, revoked and ordering-disabled assets are not to be
 * ordered, and an unlisted one (5) is one its publisher took off the market.
 */
export function stateAllowsOrdering(state: number): boolean {
  return state === NFT_STATE.active;
}

export interface OrderStartedFact {
  /** The contract that emitted it. */
  emitter: string;
  consumer: string;
  payer: string;
  serviceIndex: number;
}

export interface ProviderFeeFact {
  emitter: string;
  providerFeeAddress: string;
  /** `providerData` decoded as UTF-8 JSON; null when it is not JSON. */
  providerData: unknown;
  validUntil: bigint;
}

/** What the chain says of the order transaction (`transferTxId`), read before deciding. */
export interface OrderFacts {
  /** The transaction's recipient. */
  to: string | null;
  mined: boolean;
  succeeded: boolean;
  /** The NFT that the recipient (as a datatoken) names with getERC721Address(); null when it is no datatoken. */
  datatokenNft: string | null;
  /** Whether that NFT says it deployed the datatoken (isDeployed). */
  deployedByNft: boolean;
  orderStarted: readonly OrderStartedFact[];
  providerFees: readonly ProviderFeeFact[];
  /** Seconds: the block of the order (of the reuse, for a reused order). */
  orderTimestamp: number;
}

export interface OrderExpectation {
  datatoken: string;
  nftAddress: string;
  serviceId: string;
  /** Position of the service in the DDO's `services`. */
  serviceIndex: number;
  consumer: string;
  providerAddress: string;
  /** Seconds an order stays valid; 0: forever. */
  timeout: number;
  /** Seconds. */
  now: number;
}

const same = (a: string | null | undefined, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** Why the order does not entitle `consumer` to download the service; null when it does. */
export function orderRefusal(facts: OrderFacts, expected: OrderExpectation): string | null {
  if (!facts.mined) return 'The order transaction is not mined';
  if (!facts.succeeded) return 'The order transaction reverted';
  if (!same(facts.to, expected.datatoken)) return `The order transaction was not sent to the service's datatoken ${expected.datatoken}`;
  if (!same(facts.datatokenNft, expected.nftAddress) || !facts.deployedByNft) {
    return `The datatoken ${expected.datatoken} does not belong to the asset's NFT ${expected.nftAddress}`;
  }
  const started = facts.orderStarted.filter((event) => same(event.emitter, expected.datatoken));
  if (started.length === 0) return 'The transaction holds no OrderStarted event of the datatoken';
  const mine = started.filter((event) => same(event.consumer, expected.consumer) || same(event.payer, expected.consumer));
  if (mine.length === 0) return `The order was not made by or for ${expected.consumer}`;
  if (!mine.some((event) => event.serviceIndex === expected.serviceIndex)) {
    return `The order is for another service than ${expected.serviceId}`;
  }
  const fee = facts.providerFees.find((event) => {
    if (!same(event.emitter, expected.datatoken) || !same(event.providerFeeAddress, expected.providerAddress)) return false;
    const data = event.providerData as { dt?: unknown; id?: unknown } | null;
    return typeof data === 'object' && data !== null && same(data.dt as string, expected.datatoken) && data.id === expected.serviceId;
  });
  if (!fee) return 'The order carries no provider fee of this provider for this datatoken and service';
  if (fee.validUntil !== 0n && fee.validUntil < BigInt(facts.orderTimestamp)) return 'The provider fee had expired when the order was made';
  if (expected.timeout !== 0 && expected.now - facts.orderTimestamp > expected.timeout) return 'The order has expired.';
  return null;
}
