import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { IndexedAsset } from '../indexer/domain/indexed-asset.js';
import type { ListingRow } from './market.repository.js';

/** What `GET /api/market/assets` filters on (`filter={...}`): facets, and ranges as <facet>Min / <facet>Max. */
export const MARKET_FILTERS = [
  'q',
  'taskType',
  'license',
  'free',
  'kind',
  'external',
  'priceMin',
  'priceMax',
  'sizeMin',
  'sizeMax',
  'labelsMin',
  'labelsMax',
  'agreementMin',
  'agreementMax',
  'confidenceMin',
  'confidenceMax',
] as const;
export const MARKET_SORTS = ['newest', 'price', 'quality', 'sales'] as const;

const LOOSE = { type: 'object', additionalProperties: true, nullable: true } as const;

export class MarketAssetDto {
  @ApiProperty({ example: 'did:op:…' }) did: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'In a list, its first 2,000 characters; whole on the asset page' }) description: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() nftAddress: string;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['curated', 'synthetic'],
    description: "A Tessera version's kind; null for an external listing",
  })
  kind: 'curated' | 'synthetic' | null;
  @ApiProperty({ description: 'Published through the factory by someone else than Tessera' }) external: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'classification' }) taskType: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CC-BY-4.0' }) license: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Base tokens per datatoken (decimal); null when free or unpriced' }) price:
    string | null;
  @ApiProperty() free: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Plaintext bytes of the files (Tessera assets)' }) sizeBytes: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Labels (annotations) behind the version' }) labelCount: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "Krippendorff's alpha of the labels" }) agreement: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "Mean confidence of the version's answers" }) confidence: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Agreement, else confidence, else the synthetic report score: what `sort=quality` orders by',
  })
  quality: number | null;
  @ApiProperty() sales: number;
  @ApiProperty({ type: String, nullable: true }) listedAt: string | null;
}

/** `GET /api/market/assets/:did/sample?split=`: which split to preview. */
export class MarketSampleQueryDto {
  @ApiProperty({ enum: ['train', 'validation', 'test'] })
  @IsIn(['train', 'validation', 'test'])
  split: 'train' | 'validation' | 'test';
}

export class MarketFileDto {
  @ApiProperty() name: string;
  @ApiProperty() format: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() bytes: number;
  @ApiProperty({ description: 'sha256 of the plaintext' }) sha256: string;
}

export class MarketDatatokenDto {
  @ApiProperty() address: string;
  @ApiProperty() name: string;
  @ApiProperty() symbol: string;
  @ApiProperty() serviceId: string;
  @ApiProperty() orders: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '[{type, price, token, contract, exchangeId}]',
  })
  prices: Array<Record<string, unknown>>;
}

export class MarketChainDto {
  @ApiProperty() chainId: number;
  @ApiProperty() nftAddress: string;
  @ApiProperty() owner: string;
  @ApiProperty({ description: 'Metadata state (0 active)' }) state: number;
  @ApiProperty() mintTx: string;
  @ApiProperty() metadataTx: string;
  @ApiProperty({ type: String, nullable: true, description: 'Explorer link of the mint (EXPLORER_TX_URL)' }) mintTxUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) metadataTxUrl: string | null;
  @ApiProperty({ type: [MarketDatatokenDto] }) datatokens: MarketDatatokenDto[];
}

export class MarketAssetPageDto extends MarketAssetDto {
  @ApiProperty() author: string;
  @ApiProperty({ ...LOOSE, description: 'The DDO without its encrypted files: id, version, chainId, metadata, services' }) ddo: Record<
    string,
    unknown
  >;
  @ApiProperty({
    ...LOOSE,
    description: 'Datasheet summary (Tessera assets): instances, splits, class balance, agreement, confidence histogram, annotators',
  })
  datasheet: Record<string, unknown> | null;
  @ApiProperty({ ...LOOSE, description: 'The fields of the records' }) schema: Record<string, unknown> | null;
  @ApiProperty({ type: [MarketFileDto] }) files: MarketFileDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Where the Croissant 1.0 metadata is downloaded' }) croissantUrl: string | null;
  @ApiProperty({ ...LOOSE, description: "A synthetic version's report" }) syntheticReport: Record<string, unknown> | null;
  @ApiProperty({ type: MarketChainDto }) chain: MarketChainDto;
}

function metadataOf(ddo: Record<string, unknown>): Record<string, unknown> {
  const metadata = ddo['metadata'];
  return typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function mapMarketAsset(row: ListingRow): MarketAssetDto {
  const metadata = metadataOf(row.ddo);
  return {
    did: row.did,
    name: text(metadata['name']),
    description: text(metadata['description']),
    tags: Array.isArray(metadata['tags']) ? metadata['tags'].filter((t): t is string => typeof t === 'string') : [],
    nftAddress: row.nftAddress,
    kind: row.kind === 'curated' || row.kind === 'synthetic' ? row.kind : null,
    external: row.external,
    taskType: row.taskType,
    license: row.license,
    price: row.free ? null : row.price === null ? null : String(Number(row.price)),
    free: row.free,
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    labelCount: row.labelCount,
    agreement: row.agreement,
    confidence: row.confidence,
    quality: row.agreement ?? row.confidence ?? row.syntheticScore,
    sales: row.sales,
    listedAt: row.listedAt?.toISOString() ?? null,
  };
}

/** The datasheet's summary: what the asset page charts. */
function datasheetSummary(datasheet: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!datasheet) return null;
  const pick = (o: unknown, k: string) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined);
  const collection = pick(datasheet, 'collection');
  const annotators = pick(collection, 'annotators');
  return {
    intendedUse: pick(pick(datasheet, 'motivation'), 'intendedUse') ?? null,
    instances: pick(pick(datasheet, 'composition'), 'instances') ?? null,
    bySplit: pick(pick(datasheet, 'composition'), 'bySplit') ?? null,
    classBalance: pick(pick(datasheet, 'composition'), 'classBalance') ?? null,
    annotations: pick(collection, 'annotations') ?? null,
    annotators: Array.isArray(annotators) ? annotators.length : null,
    timeSpan: pick(collection, 'timeSpan') ?? null,
    methods: pick(pick(datasheet, 'labeling'), 'methods') ?? null,
    agreement: pick(pick(datasheet, 'labeling'), 'agreement') ?? null,
    confidenceHistogram: pick(pick(datasheet, 'labeling'), 'confidenceHistogram') ?? null,
  };
}

export function mapMarketAssetPage(
  row: ListingRow,
  asset: IndexedAsset,
  version:
    | {
        datasheet: Record<string, unknown> | null;
        schema: Record<string, unknown> | null;
        report: Record<string, unknown> | null;
        files: MarketFileDto[];
      }
    | undefined,
  links: { explorerTxUrl: string | null; croissantUrl: string | null },
): MarketAssetPageDto {
  const metadata = metadataOf(row.ddo);
  // An outside publisher's DDO may hold anything where objects are expected: those entries are left out.
  const objects = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
  const services = objects(row.ddo['services']);
  const info = metadataOf({ metadata: metadata['additionalInformation'] });
  const external = objects(info['files']);
  const link = (hash: string) => (links.explorerTxUrl && hash ? `${links.explorerTxUrl}${hash}` : null);
  return {
    ...mapMarketAsset(row),
    author: text(metadata['author']),
    ddo: {
      id: row.ddo['id'],
      version: row.ddo['version'],
      chainId: row.ddo['chainId'],
      nftAddress: row.ddo['nftAddress'],
      metadata,
      // The files field is the provider's ciphertext: of no use to a reader.
      services: services.map(({ files: _files, ...service }) => service),
    },
    datasheet: datasheetSummary(version?.datasheet ?? null),
    schema: version?.schema ?? null,
    files:
      version?.files ??
      external
        .filter((f) => typeof f['name'] === 'string')
        .map((f) => ({
          name: text(f['name']),
          format: text(f['format']),
          mediaType: text(f['mediaType']),
          bytes: Number(f['bytes'] ?? 0),
          sha256: text(f['sha256']),
        })),
    croissantUrl: links.croissantUrl,
    syntheticReport: row.kind === 'synthetic' ? (version?.report ?? null) : null,
    chain: {
      chainId: asset.chainId,
      nftAddress: asset.nft.address,
      owner: asset.nft.owner,
      state: asset.nft.state,
      mintTx: asset.createdTx,
      metadataTx: asset.event.txid,
      mintTxUrl: link(asset.createdTx),
      metadataTxUrl: link(asset.event.txid),
      datatokens: asset.stats.map((s) => ({
        address: s.datatokenAddress,
        name: s.name,
        symbol: s.symbol,
        serviceId: s.serviceId,
        orders: s.orders,
        prices: s.prices as unknown as Array<Record<string, unknown>>,
      })),
    },
  };
}
