import type { Schemas } from '../api';

/** The catalogue's answers (backend/src/market/market.dto.ts, backend/src/sales/sales.dto.ts). */
export type MarketAsset = Schemas['MarketAssetDto'];
export type MarketFile = Schemas['MarketFileDto'];
export type MarketDatatoken = Schemas['MarketDatatokenDto'];
export type MarketAssetPage = Schemas['MarketAssetPageDto'];

export type FacetCounts = Record<'taskType' | 'license' | 'kind' | 'free' | 'external', Record<string, number>>;

export type Purchase = Schemas['PurchaseDto'];

/** `GET /api/ocean/config`: what an ocean.js Config needs. */
export type OceanConfig = Schemas['OceanConfigDto'];
