import { api } from '../session/api';
import type { ProviderFee } from './purchase';
import type { FacetCounts, MarketAsset, MarketAssetPage, OceanConfig, Purchase } from './types';

export type MarketSort = 'newest' | 'price' | 'quality' | 'sales';

export interface CatalogueQuery {
  q: string;
  filter: Record<string, string | number | boolean>;
  sort: MarketSort;
  order: 'ASC' | 'DESC';
  page: number;
  perPage: number;
}

export interface CataloguePage {
  assets: MarketAsset[];
  total: number;
  facets: FacetCounts | undefined;
}

/** One page of the catalogue in the API's list convention (filter, sort, range; Content-Range; X-Facets). */
export async function listAssets(query: CatalogueQuery): Promise<CataloguePage> {
  const start = query.page * query.perPage;
  const params = new URLSearchParams({
    filter: JSON.stringify(query.filter),
    sort: JSON.stringify([query.sort, query.order]),
    range: JSON.stringify([start, start + query.perPage - 1]),
  });
  if (query.q.trim()) params.set('q', query.q.trim());
  const { body, headers } = await api<MarketAsset[]>('GET', `/api/market/assets?${params.toString()}`);
  const total = Number(/\/(\d+)$/.exec(headers.get('content-range') ?? '')?.[1] ?? body.length);
  const facets = headers.get('x-facets');
  return { assets: body, total, facets: facets ? (JSON.parse(facets) as FacetCounts) : undefined };
}

export async function getAsset(did: string): Promise<MarketAssetPage> {
  return (await api<MarketAssetPage>('GET', `/api/market/assets/${encodeURIComponent(did)}`)).body;
}

export async function oceanConfig(): Promise<OceanConfig> {
  return (await api<OceanConfig>('GET', '/api/ocean/config')).body;
}

export async function myPurchases(): Promise<Purchase[]> {
  return (await api<Purchase[]>('GET', '/api/market/purchases')).body;
}

export async function faucet(address: string): Promise<void> {
  await api('POST', '/api/dev/faucet', { address });
}

/** Ocean provider calls, on the provider's own paths (the same origin here). */
export async function initializeOrder(providerUri: string, did: string, serviceId: string, consumer: string): Promise<ProviderFee> {
  const params = new URLSearchParams({ documentId: did, serviceId, fileIndex: '0', consumerAddress: consumer });
  const response = await fetch(`${providerUri.replace(/\/$/, '')}/api/services/initialize?${params.toString()}`);
  const text = await response.text();
  if (!response.ok) throw new Error(text || `initialize failed: HTTP ${response.status}`);
  return (JSON.parse(text) as { providerFee: ProviderFee }).providerFee;
}

export async function providerNonce(providerUri: string, address: string): Promise<bigint> {
  const response = await fetch(`${providerUri.replace(/\/$/, '')}/api/services/nonce?userAddress=${address}`);
  if (!response.ok) throw new Error(`nonce failed: HTTP ${response.status}`);
  const { nonce } = (await response.json()) as { nonce: string | number | null };
  return BigInt(nonce ?? 0);
}

export function downloadUrl(
  providerUri: string,
  args: { did: string; serviceId: string; fileIndex: number; orderTx: string; consumer: string; nonce: string; signature: string },
): string {
  const params = new URLSearchParams({
    fileIndex: String(args.fileIndex),
    documentId: args.did,
    transferTxId: args.orderTx,
    serviceId: args.serviceId,
    consumerAddress: args.consumer,
    nonce: args.nonce,
    signature: args.signature,
  });
  return `${providerUri.replace(/\/$/, '')}/api/services/download?${params.toString()}`;
}

/** Up to five records of one split of a Tessera asset (the JSONL's rows, without individual labels). */
export async function getSample(did: string, split: 'train' | 'validation' | 'test'): Promise<Array<Record<string, unknown>>> {
  return (await api<Array<Record<string, unknown>>>('GET', `/api/market/assets/${encodeURIComponent(did)}/sample?split=${split}`)).body;
}
