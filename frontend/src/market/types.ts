/** The catalogue's answers (backend/src/market/market.dto.ts, backend/src/sales/sales.dto.ts). */
export interface MarketAsset {
  did: string;
  name: string;
  description: string;
  tags: string[];
  nftAddress: string;
  kind: 'curated' | 'synthetic' | null;
  external: boolean;
  taskType: string | null;
  license: string | null;
  price: string | null;
  free: boolean;
  sizeBytes: number | null;
  labelCount: number | null;
  agreement: number | null;
  confidence: number | null;
  quality: number | null;
  sales: number;
  listedAt: string | null;
}

export interface MarketFile {
  name: string;
  format: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

export interface MarketDatatoken {
  address: string;
  name: string;
  symbol: string;
  serviceId: string;
  orders: number;
  prices: Array<Record<string, unknown>>;
}

export interface MarketAssetPage extends MarketAsset {
  author: string;
  ddo: Record<string, unknown>;
  datasheet: Record<string, unknown> | null;
  schema: Record<string, unknown> | null;
  files: MarketFile[];
  croissantUrl: string | null;
  syntheticReport: Record<string, unknown> | null;
  chain: {
    chainId: number;
    nftAddress: string;
    owner: string;
    state: number;
    mintTx: string;
    metadataTx: string;
    mintTxUrl: string | null;
    metadataTxUrl: string | null;
    datatokens: MarketDatatoken[];
  };
}

export type FacetCounts = Record<'taskType' | 'license' | 'kind' | 'free' | 'external', Record<string, number>>;

export interface Purchase {
  id: number;
  did: string;
  versionId: number | null;
  datasetName: string | null;
  purchasedAt: string;
  txHash: string;
  chainId: number;
  serviceIndex: number;
  datatokenAddress: string;
  consumer: string;
  payer: string;
  amount: string;
  validUntil: string | null;
  valid: boolean;
}

/** `GET /api/ocean/config`: what an ocean.js Config needs. */
export interface OceanConfig {
  chainId: number;
  nodeUri: string;
  providerUri: string;
  metadataCacheUri: string;
  fixedRateExchangeAddress: string;
  dispenserAddress: string;
  oceanTokenAddress: string;
}
