/**
 * An asset as the indexer knows it, in the shape Ocean Node's indexer gives ocean.js
 * (Indexer/processors/MetadataEventProcessor.ts): the DDO, plus top-level `datatokens` (orderAsset
 * reads them) and `indexedMetadata` with the NFT, the metadata event, per-datatoken stats (orders,
 * prices) and purgatory.
 */
import { formatTokens } from '../../rewards/domain/reward-math.js';

export interface IndexedPrice {
  type: 'fixedrate' | 'dispenser';
  /** Base tokens per datatoken, decimal ("0" for a dispenser). */
  price: string;
  /** The base token (a dispenser's: the datatoken itself, as Ocean Node reports it). */
  token: string;
  contract: string;
  /** The fixed-rate exchange id; a dispenser's is the datatoken address. */
  exchangeId: string;
}

export interface IndexedDatatoken {
  address: string;
  name: string;
  symbol: string;
  serviceId: string;
}

export interface IndexedStats {
  datatokenAddress: string;
  name: string;
  symbol: string;
  serviceId: string;
  orders: number;
  prices: IndexedPrice[];
}

export interface IndexedAsset {
  did: string;
  chainId: number;
  ddo: Record<string, unknown>;
  datatokens: IndexedDatatoken[];
  nft: {
    address: string;
    state: number;
    owner: string;
    name: string;
    symbol: string;
    tokenURI: string;
    /** ISO time of its listing (first MetadataCreated). */
    created: string | null;
  };
  event: { txid: string; from: string; contract: string; block: number; datetime: string | null };
  stats: IndexedStats[];
  /** Not Ocean's: the transaction that created the NFT (the catalogue's on-chain details). */
  createdTx: string;
}

interface Row {
  did: string;
  createdTx: string;
  chainId: number;
  nftAddress: string;
  name: string;
  symbol: string;
  tokenUri: string;
  owner: string;
  state: number;
  ddo: Record<string, unknown>;
  metadataTx: string | null;
  metadataFrom: string | null;
  metadataBlock: number | null;
  metadataAt: Date | null;
  listedAt: Date | null;
}

/** The DDO's service whose datatoken this is (by address, any case); '' when none names it. */
function serviceIdOf(ddo: Record<string, unknown>, datatoken: string): string {
  const services = Array.isArray(ddo['services']) ? (ddo['services'] as unknown[]) : [];
  const service = services.find(
    (s): s is Record<string, unknown> =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as Record<string, unknown>)['datatokenAddress'] === 'string' &&
      ((s as Record<string, unknown>)['datatokenAddress'] as string).toLowerCase() === datatoken.toLowerCase(),
  );
  return typeof service?.['id'] === 'string' ? service['id'] : '';
}

export function buildIndexedAsset(
  row: Row,
  datatokens: ReadonlyArray<{ address: string; name: string; symbol: string }>,
  prices: ReadonlyArray<{
    kind: string;
    datatoken: string;
    baseToken: string | null;
    rate: string;
    active: boolean;
    contract: string;
    priceId: string;
  }>,
  orders: ReadonlyMap<string, number>,
): IndexedAsset {
  const tokens = datatokens.map((t) => ({
    address: t.address,
    name: t.name,
    symbol: t.symbol,
    serviceId: serviceIdOf(row.ddo, t.address),
  }));
  return {
    did: row.did,
    chainId: row.chainId,
    ddo: row.ddo,
    datatokens: tokens,
    nft: {
      address: row.nftAddress,
      state: row.state,
      owner: row.owner,
      name: row.name,
      symbol: row.symbol,
      tokenURI: row.tokenUri,
      created: row.listedAt?.toISOString() ?? null,
    },
    event: {
      txid: row.metadataTx ?? '',
      from: row.metadataFrom ?? '',
      contract: row.nftAddress,
      block: row.metadataBlock ?? 0,
      datetime: row.metadataAt?.toISOString() ?? null,
    },
    createdTx: row.createdTx,
    stats: tokens.map((t) => ({
      datatokenAddress: t.address,
      name: t.name,
      symbol: t.symbol,
      serviceId: t.serviceId,
      orders: orders.get(t.address) ?? 0,
      prices: prices
        .filter((p) => p.datatoken === t.address && p.active)
        .map((p) => ({
          type: p.kind as IndexedPrice['type'],
          price: p.kind === 'fixedrate' ? formatTokens(BigInt(p.rate)) : '0',
          token: p.baseToken ?? t.address,
          contract: p.contract,
          exchangeId: p.priceId,
        })),
    })),
  };
}
