import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';

/** Characters of a description a listing carries (the asset page has all of it). */
export const LISTED_DESCRIPTION = 2000;

/**
 * One catalogue row per listed asset (an indexed data NFT with a DDO, metadata state 0). Tessera's
 * own assets are those whose NFT a dataset publication minted: their facts come from the dataset
 * version (kind, task type from the project, labels, agreement, confidence, size); external listings
 * have what their DDO says (licence, price from the chain, nothing for quality).
 */
const LISTING = `
  SELECT a.did, a.nft_address AS "nftAddress", a.ddo, a.listed_at AS "listedAt", a.search,
         p.version_id AS "versionId", (p.version_id IS NULL) AS external, v.kind,
         coalesce(pr.type, a.ddo->'metadata'->'additionalInformation'->>'taskType') AS "taskType",
         a.ddo->'metadata'->>'license' AS license,
         (SELECT min(op.rate) / 1e18 FROM ocean_prices op JOIN ocean_datatokens d ON d.address = op.datatoken
           WHERE d.nft_address = a.nft_address AND op.active AND op.kind = 'fixedrate') AS price,
         EXISTS (SELECT 1 FROM ocean_prices op JOIN ocean_datatokens d ON d.address = op.datatoken
                  WHERE d.nft_address = a.nft_address AND op.active AND op.kind = 'dispenser') AS free,
         (SELECT sum(f.bytes) FROM dataset_files f WHERE f.version_id = p.version_id) AS "sizeBytes",
         (v.datasheet->'collection'->>'annotations')::int AS "labelCount",
         (v.datasheet->'labeling'->'agreement'->>'krippendorffAlpha')::float8 AS agreement,
         (SELECT sum(((b->>'from')::float8 + (b->>'to')::float8) / 2 * (b->>'items')::float8) / nullif(sum((b->>'items')::float8), 0)
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.datasheet->'labeling'->'confidenceHistogram') = 'array'
                                           THEN v.datasheet->'labeling'->'confidenceHistogram' ELSE '[]'::jsonb END) b) AS confidence,
         (v.report->'scores'->>'overall')::float8 AS "syntheticScore",
         (SELECT count(*) FROM ocean_orders o WHERE o.nft_address = a.nft_address)::int AS sales
    FROM ocean_assets a
    LEFT JOIN dataset_publications p ON p.nft_address = a.nft_address
    LEFT JOIN dataset_versions v ON v.id = p.version_id
    LEFT JOIN projects pr ON pr.id = v.project_id
   WHERE a.ddo IS NOT NULL AND a.state = 0`;

export interface ListingRow {
  did: string;
  nftAddress: string;
  ddo: Record<string, unknown>;
  listedAt: Date | null;
  versionId: number | null;
  external: boolean;
  kind: string | null;
  taskType: string | null;
  license: string | null;
  price: string | null;
  free: boolean;
  sizeBytes: string | null;
  labelCount: number | null;
  agreement: number | null;
  confidence: number | null;
  syntheticScore: number | null;
  sales: number;
}

export interface ListingFilter {
  q?: string;
  taskType?: string[];
  license?: string[];
  free?: boolean;
  kind?: string[];
  external?: boolean;
  price?: [number | null, number | null];
  size?: [number | null, number | null];
  labels?: [number | null, number | null];
  agreement?: [number | null, number | null];
  confidence?: [number | null, number | null];
}

export type ListingSort = 'newest' | 'price' | 'quality' | 'sales';

const QUALITY = 'coalesce(agreement, confidence, "syntheticScore")';
const ORDER: Record<ListingSort, string> = {
  newest: '"listedAt"',
  price: '(CASE WHEN free THEN 0 ELSE price END)',
  quality: QUALITY,
  sales: 'sales',
};

/** Values of one facet the counts list (the most listed), and the longest value listed. */
export const MAX_FACET_VALUES = 20;
export const MAX_FACET_VALUE_CHARS = 48;

export interface FacetCounts {
  taskType: Record<string, number>;
  license: Record<string, number>;
  kind: Record<string, number>;
  free: Record<string, number>;
  external: Record<string, number>;
}

/** The catalogue's SQL: full text (websearch_to_tsquery over the GIN-indexed tsvector), facets, sorts, pages. */
@Injectable()
export class MarketRepository {
  constructor(private readonly db: DataSource) {}

  private where(filter: ListingFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const clauses: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      clauses.push(sql(`$${params.length}`));
    };
    if (filter.q) add((p) => `search @@ websearch_to_tsquery('english', ${p})`, filter.q);
    if (filter.taskType) add((p) => `"taskType" = ANY(${p})`, filter.taskType);
    if (filter.license)
      add(
        (p) => `lower(license) = ANY(${p})`,
        filter.license.map((l) => l.toLowerCase()),
      );
    if (filter.kind) add((p) => `kind = ANY(${p})`, filter.kind);
    if (filter.free !== undefined) add((p) => `free = ${p}`, filter.free);
    if (filter.external !== undefined) add((p) => `external = ${p}`, filter.external);
    // Bounds are any finite number: typed float8, not as the column (an integer column would refuse 1.5 or 1e20).
    const range = (column: string, bounds: [number | null, number | null] | undefined) => {
      if (!bounds) return;
      if (bounds[0] !== null) add((p) => `${column} >= ${p}::float8`, bounds[0]);
      if (bounds[1] !== null) add((p) => `${column} <= ${p}::float8`, bounds[1]);
    };
    range('(CASE WHEN free THEN 0 ELSE price END)', filter.price);
    range('"sizeBytes"', filter.size);
    range('"labelCount"', filter.labels);
    range('agreement', filter.agreement);
    range('confidence', filter.confidence);
    return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  async list(
    filter: ListingFilter,
    sort: { field: ListingSort; order: 'ASC' | 'DESC' },
    page: { offset: number; limit: number },
  ): Promise<{ rows: ListingRow[]; total: number }> {
    const { sql, params } = this.where(filter);
    const rank = filter.q ? `ts_rank(search, websearch_to_tsquery('english', $1)) DESC,` : '';
    const rows = await sqlRows<ListingRow & { total: number }>(
      this.db,
      // What a listing shows of the DDO (its name, tags and the start of its description), not the
      // whole DDO of each of up to a thousand rows: the asset page reads that.
      `WITH listing AS (${LISTING})
       SELECT did, "nftAddress",
              jsonb_build_object('metadata', jsonb_build_object('name', ddo->'metadata'->'name', 'tags', ddo->'metadata'->'tags',
                'description', CASE WHEN jsonb_typeof(ddo->'metadata'->'description') = 'string'
                                    THEN left(ddo->'metadata'->>'description', ${LISTED_DESCRIPTION}) END)) AS ddo,
              "listedAt", "versionId", external, kind, "taskType", license, price::text AS price, free,
              "sizeBytes"::text AS "sizeBytes", "labelCount", agreement, confidence, "syntheticScore", sales, count(*) OVER ()::int AS total
         FROM listing ${sql}
        ORDER BY ${ORDER[sort.field]} ${sort.order} NULLS LAST, ${rank} did
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    let total = rows[0]?.total;
    if (total === undefined) {
      const [count] = await sqlRows<{ total: number }>(
        this.db,
        `WITH listing AS (${LISTING}) SELECT count(*)::int AS total FROM listing ${sql}`,
        params,
      );
      total = count!.total;
    }
    return { rows: rows.map(({ total: _total, ...row }) => row), total };
  }

  /** How many listings match the filter, per value of each facet. */
  async facets(filter: ListingFilter): Promise<FacetCounts> {
    const { sql, params } = this.where(filter);
    const rows = await sqlRows<{ facet: keyof FacetCounts; value: string | null; count: number }>(
      this.db,
      `WITH listing AS (${LISTING}), matched AS (SELECT * FROM listing ${sql})
       SELECT 'taskType' AS facet, "taskType" AS value, count(*)::int AS count FROM matched GROUP BY "taskType"
       UNION ALL SELECT 'license', license, count(*)::int FROM matched GROUP BY license
       UNION ALL SELECT 'kind', kind, count(*)::int FROM matched GROUP BY kind
       UNION ALL SELECT 'free', free::text, count(*)::int FROM matched GROUP BY free
       UNION ALL SELECT 'external', external::text, count(*)::int FROM matched GROUP BY external`,
      params,
    );
    const counts: FacetCounts = { taskType: {}, license: {}, kind: {}, free: {}, external: {} };
    // The most listed values first, only as many as a filter panel shows and no longer than a value
    // one picks: listings come from anyone's NFTs, and the counts travel in a response header.
    rows.sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
    for (const row of rows) {
      const values = counts[row.facet];
      if (row.value === null || row.value.length > MAX_FACET_VALUE_CHARS || Object.keys(values).length >= MAX_FACET_VALUES) continue;
      values[row.value] = row.count;
    }
    return counts;
  }

  async byDid(did: string): Promise<ListingRow | undefined> {
    const [row] = await sqlRows<ListingRow>(
      this.db,
      `WITH listing AS (${LISTING})
       SELECT did, "nftAddress", ddo, "listedAt", "versionId", external, kind, "taskType", license, price::text AS price, free,
              "sizeBytes"::text AS "sizeBytes", "labelCount", agreement, confidence, "syntheticScore", sales
         FROM listing WHERE did = $1`,
      [did],
    );
    return row;
  }

  /** What the asset page shows of a Tessera version: its datasheet, schema, report and files (no CIDs). */
  async version(versionId: number): Promise<
    | {
        datasheet: Record<string, unknown> | null;
        schema: Record<string, unknown> | null;
        report: Record<string, unknown> | null;
        files: Array<{ name: string; format: string; mediaType: string; bytes: number; sha256: string }>;
      }
    | undefined
  > {
    const [version] = await sqlRows<{
      datasheet: Record<string, unknown> | null;
      schema: Record<string, unknown> | null;
      report: Record<string, unknown> | null;
    }>(this.db, 'SELECT datasheet, schema, report FROM dataset_versions WHERE id = $1', [versionId]);
    if (!version) return undefined;
    const files = await sqlRows<{ name: string; format: string; mediaType: string; bytes: number; sha256: string }>(
      this.db,
      `SELECT name, format, media_type AS "mediaType", bytes::float8 AS bytes, trim(sha256) AS sha256
         FROM dataset_files WHERE version_id = $1 ORDER BY position`,
      [versionId],
    );
    return { ...version, files };
  }
}
