import type { Schemas } from '../api';

/** The catalogue's answers (backend/src/market/market.dto.ts, backend/src/sales/sales.dto.ts). */
export type MarketAsset = Schemas['MarketAssetDto'];
export type MarketFile = Schemas['MarketFileDto'];
export type MarketDatatoken = Schemas['MarketDatatokenDto'];
export type MarketAssetPage = Schemas['MarketAssetPageDto'];

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
export type OceanConfig = Schemas['OceanConfigDto'];
