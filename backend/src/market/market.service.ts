import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatasetsService, type OpenDatasetFile } from '../datasets/datasets.service.js';
import type { Split } from '../datasets/domain/dataset-record.js';
import { ErrorCode } from '../errors/app.exception.js';
import { unstorableText } from '../http/json-limits.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { IndexerService } from '../indexer/indexer.service.js';
import { isDid } from '../ocean/domain/ddo.js';
import { mapMarketAsset, mapMarketAssetPage, type MARKET_FILTERS, type MarketAssetDto, type MarketAssetPageDto } from './market.dto.js';
import { MarketException } from './market.exception.js';
import { MarketRepository, type FacetCounts, type ListingFilter, type ListingRow, type ListingSort } from './market.repository.js';

/** Records per split an asset page previews. */
const SAMPLE_ROWS = 5;

type Filter = ListQuery<(typeof MARKET_FILTERS)[number]>['filter'];

function strings(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((v) => typeof v === 'string' && v.length <= 200)) {
    throw new MarketException(ErrorCode.VALIDATION_FAILED, `${field} must be a string or an array of strings`, `filter.${field}`);
  }
  return values as string[];
}

function bool(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new MarketException(ErrorCode.VALIDATION_FAILED, `${field} must be true or false`, `filter.${field}`);
}

function number(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new MarketException(ErrorCode.VALIDATION_FAILED, `${field} must be a number`, `filter.${field}`);
  return n;
}

/** The catalogue: Tessera's and external listings from the indexer, searched and faceted in SQL. */
@Injectable()
export class MarketService {
  constructor(
    private readonly repository: MarketRepository,
    private readonly indexer: IndexerService,
    private readonly datasets: DatasetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private filterOf(raw: Filter, q: unknown): ListingFilter {
    // `?q=a&q=b` arrives as an array: refused, not joined.
    if (q !== undefined && typeof q !== 'string') throw new MarketException(ErrorCode.VALIDATION_FAILED, 'q must be given once', 'q');
    if (raw.q !== undefined && typeof raw.q !== 'string')
      throw new MarketException(ErrorCode.VALIDATION_FAILED, 'filter.q must be a string', 'filter.q');
    const text = q ?? raw.q;
    if (text !== undefined && text.length > 500) throw new MarketException(ErrorCode.VALIDATION_FAILED, 'q is at most 500 characters', 'q');
    const unstorable = text === undefined ? undefined : unstorableText(text);
    if (unstorable) throw new MarketException(ErrorCode.INVALID_VALUE, `q ${unstorable}`, 'q');
    const range = (name: string): [number | null, number | null] | undefined => {
      const min = number(raw[`${name}Min` as keyof Filter], `${name}Min`);
      const max = number(raw[`${name}Max` as keyof Filter], `${name}Max`);
      return min === null && max === null ? undefined : [min, max];
    };
    const filter: ListingFilter = {};
    if (text && text.trim() !== '') filter.q = text.trim();
    const taskType = strings(raw.taskType, 'taskType');
    if (taskType) filter.taskType = taskType;
    const license = strings(raw.license, 'license');
    if (license) filter.license = license;
    const kind = strings(raw.kind, 'kind');
    if (kind) filter.kind = kind;
    const free = bool(raw.free, 'free');
    if (free !== undefined) filter.free = free;
    const external = bool(raw.external, 'external');
    if (external !== undefined) filter.external = external;
    for (const [key, name] of [
      ['price', 'price'],
      ['size', 'size'],
      ['labels', 'labels'],
      ['agreement', 'agreement'],
      ['confidence', 'confidence'],
    ] as const) {
      const bounds = range(name);
      if (bounds) filter[key] = bounds;
    }
    return filter;
  }

  private async listing(did: string): Promise<ListingRow | undefined> {
    return isDid(did) ? this.repository.byDid(did) : undefined;
  }

  /** A page of listings and, for the same filter, how many listings each facet value has. */
  async list(query: ListQuery<(typeof MARKET_FILTERS)[number]>, q: unknown): Promise<ListPage<MarketAssetDto> & { facets: FacetCounts }> {
    const filter = this.filterOf(query.filter, q);
    const page = await this.repository.list(
      filter,
      { field: query.sortField as ListingSort, order: query.sortOrder },
      { offset: query.offset, limit: query.limit },
    );
    return { rows: page.rows.map(mapMarketAsset), total: page.total, facets: await this.repository.facets(filter) };
  }

  async get(did: string): Promise<MarketAssetPageDto> {
    const row = await this.listing(did);
    const asset = row ? await this.indexer.asset(did) : null;
    if (!row || !asset) throw new MarketException(ErrorCode.ASSET_NOT_FOUND, `No listed asset ${did}`, 'did');
    const version = row.versionId === null ? undefined : await this.repository.version(row.versionId);
    const hasCroissant = version?.files.some((f) => f.name === 'croissant.json') ?? false;
    const base = this.config.publicUrl.toString().replace(/\/$/, '');
    return mapMarketAssetPage(row, asset, version, {
      explorerTxUrl: this.config.chain.explorerTxUrl ?? null,
      croissantUrl: hasCroissant ? `${base}/api/market/assets/${encodeURIComponent(did)}/croissant.json` : null,
    });
  }

  /** A few records of one split of a listed Tessera asset (public: the catalogue's preview). */
  async sample(did: string, split: Split): Promise<Array<Record<string, unknown>>> {
    const row = await this.listing(did);
    if (!row || row.versionId === null) throw new MarketException(ErrorCode.ASSET_NOT_FOUND, `No Tessera asset ${did}`, 'did');
    return this.datasets.sample(row.versionId, split, SAMPLE_ROWS);
  }

  /** The Croissant 1.0 metadata of a Tessera asset (public: names, formats, checksums and fields, no records). */
  async croissant(did: string): Promise<OpenDatasetFile> {
    const row = await this.listing(did);
    if (!row || row.versionId === null) throw new MarketException(ErrorCode.ASSET_NOT_FOUND, `No Tessera asset ${did}`, 'did');
    return this.datasets.openFile(row.versionId, 'croissant.json');
  }
}
