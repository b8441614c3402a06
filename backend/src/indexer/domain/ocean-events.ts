/**
 * The Ocean Protocol events the indexer follows (contracts 2.6.0), decoded into plain values:
 * addresses checksummed, integers as decimal strings. Which contract may emit which event is part of
 * the meaning: the factory's NFTCreated and TokenCreated, a known NFT's metadata events, a known
 * datatoken's orders, the deployed FixedRateExchange's and Dispenser's events.
 */
export type OceanEvent =
  | {
      name: 'NFTCreated';
      nft: string;
      template: string;
      tokenName: string;
      /** The NFT's owner (the event's `admin`). */
      owner: string;
      symbol: string;
      tokenURI: string;
      creator: string;
    }
  /** `creator` is the data NFT that asked the factory for the datatoken. */
  | { name: 'TokenCreated'; datatoken: string; template: string; tokenName: string; symbol: string; cap: string; creator: string }
  | {
      name: 'MetadataCreated' | 'MetadataUpdated';
      by: string;
      state: number;
      decryptorUrl: string;
      flags: string;
      data: string;
      hash: string;
      /** Seconds since the epoch (the block's time). */
      timestamp: number;
    }
  | { name: 'MetadataState'; by: string; state: number; timestamp: number }
  | {
      name: 'OrderStarted';
      consumer: string;
      payer: string;
      amount: string;
      serviceIndex: number;
      timestamp: number;
      publishMarketAddress: string;
    }
  | { name: 'OrderReused'; orderTxId: string; caller: string; timestamp: number }
  | { name: 'ExchangeCreated'; exchangeId: string; baseToken: string; datatoken: string; owner: string; rate: string }
  | { name: 'ExchangeRateChanged'; exchangeId: string; rate: string }
  | { name: 'ExchangeActivated' | 'ExchangeDeactivated'; exchangeId: string }
  | {
      name: 'Swapped';
      exchangeId: string;
      by: string;
      baseTokenSwappedAmount: string;
      datatokenSwappedAmount: string;
      tokenOutAddress: string;
      /** The fees inside baseTokenSwappedAmount (publish market, Ocean community, consume market). */
      marketFeeAmount: string;
      oceanFeeAmount: string;
      consumeMarketFeeAmount: string;
    }
  | { name: 'DispenserCreated'; datatoken: string; owner: string; maxTokens: string; maxBalance: string }
  | { name: 'DispenserActivated' | 'DispenserDeactivated'; datatoken: string }
  | { name: 'TokensDispensed'; datatoken: string; user: string; amount: string };

export type OceanEventName = OceanEvent['name'];

/** A decoded event where it happened. */
export interface LocatedEvent {
  event: OceanEvent;
  /** Checksummed address of the emitter. */
  contract: string;
  txHash: string;
  logIndex: number;
  blockNumber: number;
}

/** Chain order: block, then log index. */
export function compareLocation(a: { blockNumber: number; logIndex: number }, b: { blockNumber: number; logIndex: number }): number {
  return a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;
}
