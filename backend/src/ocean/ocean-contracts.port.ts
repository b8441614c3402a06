import type { TxReceipt } from '../chain/chain.port.js';

/** Where the Ocean Protocol contracts of this chain are. */
export interface OceanAddresses {
  /** ocean.js address-file network name (`development` on the embedded chain). */
  readonly network: string;
  /** The base token prices are in (OCEAN; on the embedded chain, an OceanToken deployed with the rest). */
  readonly oceanToken: string;
  readonly nftFactory: string;
  readonly fixedRateExchange: string;
  readonly dispenser: string;
  readonly router: string;
  readonly opfCommunityFeeCollector: string;
  /** Block of the deployment (0: unknown). */
  readonly startBlock: number;
}

/** A call to an Ocean contract, as the outbox records and sends it. */
export interface OceanCall {
  readonly to: string;
  readonly data: string;
}

/** A data NFT and its datatoken of template `datatokenTemplate`, minted in one transaction with how the datatoken is sold. */
export interface NftWithDatatoken {
  readonly nft: { readonly name: string; readonly symbol: string; readonly tokenURI: string; readonly owner: string };
  readonly datatoken: {
    /** Factory template index (2: ERC20TemplateEnterprise, whose buyFromFreAndOrder buys and orders in one transaction). */
    readonly templateIndex: number;
    readonly name: string;
    readonly symbol: string;
    readonly minter: string;
    readonly paymentCollector: string;
    /** In the datatoken's smallest unit (18 decimals). */
    readonly cap: bigint;
  };
  readonly sale:
    | {
        readonly kind: 'fixed-rate';
        readonly owner: string;
        readonly baseToken: string;
        readonly baseTokenDecimals: number;
        /** Base tokens per datatoken, 18-decimal fixed point (FixedRateExchange's `fixedRate`). */
        readonly rate: bigint;
      }
    | {
        readonly kind: 'dispenser';
        /** Per request and per holder, in the datatoken's smallest unit. */
        readonly maxTokens: bigint;
        readonly maxBalance: bigint;
      };
}

/** What a mint transaction created, read from its receipt's events. */
export interface MintedAsset {
  /** Checksummed. */
  readonly nftAddress: string;
  readonly datatokenAddress: string;
  readonly sale:
    | { readonly kind: 'fixed-rate'; readonly exchangeId: string; readonly exchangeContract: string; readonly baseToken: string }
    | { readonly kind: 'dispenser'; readonly dispenser: string };
}

/** One MetadataCreated / MetadataUpdated event of a data NFT. */
export interface MetadataEvent {
  readonly event: 'MetadataCreated' | 'MetadataUpdated';
  readonly state: number;
  readonly decryptorUrl: string;
  readonly flags: string;
  readonly data: string;
  readonly hash: string;
  readonly txHash: string;
  readonly blockNumber: number;
  readonly logIndex: number;
}

export interface FixedRateExchangeFacts {
  readonly owner: string;
  readonly datatoken: string;
  readonly baseToken: string;
  readonly rate: bigint;
  readonly active: boolean;
  readonly withMint: boolean;
  readonly baseTokenDecimals: number;
  readonly datatokenDecimals: number;
}

export interface DispenserFacts {
  readonly active: boolean;
  readonly owner: string;
  readonly isMinter: boolean;
  readonly maxTokens: bigint;
  readonly maxBalance: bigint;
}

/**
 * What the ocean module needs of the Ocean Protocol contracts (@oceanprotocol/contracts 2.6.0), in its own
 * terms: the calls that mint and describe an asset (encoded for the outbox), what their events say, and
 * the reads that check the result. The adapter knows the ABIs and the addresses.
 */
export interface OceanContractsPort {
  readonly addresses: OceanAddresses;
  /** ERC721Factory.createNftWithErc20WithFixedRate or createNftWithErc20WithDispenser, by `sale.kind`. */
  createNftWithDatatoken(request: NftWithDatatoken): OceanCall;
  /** ERC721Template.setMetaData on `nft`, without metadata proofs. */
  setMetadata(
    nft: string,
    metadata: { state: number; decryptorUrl: string; decryptorAddress: string; flags: string; data: string; hash: string },
  ): OceanCall;
  /** The NFT, datatoken and exchange or dispenser the factory's events in `logs` report; null when they are not all there. */
  mintedBy(logs: TxReceipt['logs']): MintedAsset | null;
  /** The NFT's metadata events from `fromBlock` on, in chain order. */
  metadataEvents(nft: string, fromBlock: number): Promise<MetadataEvent[]>;
  exchange(exchangeId: string): Promise<FixedRateExchangeFacts>;
  dispenser(datatoken: string): Promise<DispenserFacts>;
  /** The factory's datatoken templates, by index from 1. */
  tokenTemplates(): Promise<Array<{ index: number; address: string; active: boolean }>>;
  /** Whether the factory created this NFT (its erc721List). */
  isFactoryNft(nft: string): Promise<boolean>;
  /** Checksummed form of an address (throws on a malformed one). */
  checksum(address: string): string;
}

/** What OCEAN_CONTRACTS provides: the Ocean contracts of this chain, or null when Ocean is off here. */
export interface OceanContractsRef {
  readonly contracts: OceanContractsPort | null;
}

export const OCEAN_CONTRACTS = Symbol('OCEAN_CONTRACTS');
