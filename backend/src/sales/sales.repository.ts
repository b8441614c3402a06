import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { idList } from '../http/list-query.js';
import type { Sale } from '../market/sale.js';
import type { ProjectType } from '../projects/domain/label-schema.js';
import type { VersionLabel } from './domain/accepted-labels.js';
import type { ShareEntry } from './domain/revenue-share.js';

/** The ledger kind of a sale's share (ledger_entries.kind). */
export const SALE_SHARE_KIND = 'sale_share';

/** One sale's facts the share is decided on, inside the recording transaction. */
export interface ShareContext {
  versionId: number;
  shareBps: number;
  type: ProjectType;
  labels: VersionLabel[];
}

export interface SaleRow {
  id: number;
  chainId: number;
  txHash: string;
  logIndex: number;
  blockNumber: number;
  soldAt: Date;
  nftAddress: string;
  datatokenAddress: string;
  did: string;
  serviceIndex: number;
  consumer: string;
  payer: string;
  baseTokenAmount: string;
  baseTokenAddress: string | null;
  versionId: number | null;
  datasetName: string | null;
  shareBps: number | null;
  shareAmount: string;
  annotators: number;
}

export interface DatasetRevenueRow {
  versionId: number;
  name: string;
  nftAddress: string | null;
  did: string | null;
  sales: number;
  revenue: string;
  shared: string;
  lastSaleAt: Date | null;
  listed: boolean;
}

export interface AnnotatorRevenueRow {
  annotatorId: number;
  address: string;
  sales: number;
  datasets: number;
  labels: number;
  amount: string;
}

export interface AnnotatorDatasetSalesRow {
  versionId: number | null;
  name: string | null;
  sales: number;
  labels: number;
  amount: string;
}

export interface PurchaseRow extends SaleRow {
  /** The service's timeout in seconds (0: the order never expires); null when the DDO is not ours. */
  timeout: number | null;
}

export interface PublicationRow {
  versionId: number;
  status: string;
  nftAddress: string | null;
}

export interface ListingRow {
  id: number;
  listed: boolean;
  createdAt: Date;
  txStatus: string | null;
  txHash: string | null;
}

export const SALE_FILTERS = ['id', 'versionId', 'consumer', 'payer'] as const;
export const SALE_SORTS = ['id', 'soldAt', 'baseTokenAmount', 'versionId'] as const;

const SALE_COLUMNS = `s.id, s.chain_id AS "chainId", s.tx_hash AS "txHash", s.log_index AS "logIndex", s.block_number::float8 AS "blockNumber",
  s.sold_at AS "soldAt", s.nft_address AS "nftAddress", s.datatoken_address AS "datatokenAddress", s.did, s.service_index AS "serviceIndex",
  s.consumer, s.payer, s.base_token_amount::text AS "baseTokenAmount", s.base_token_address AS "baseTokenAddress", s.version_id AS "versionId",
  v.name AS "datasetName", s.share_bps AS "shareBps", s.share_amount::text AS "shareAmount",
  (SELECT count(*)::int FROM sale_shares x WHERE x.sale_id = s.id) AS annotators`;

const SORT_COLUMNS: Record<(typeof SALE_SORTS)[number], string> = {
  id: 's.id',
  soldAt: 's.sold_at',
  baseTokenAmount: 's.base_token_amount',
  versionId: 's.version_id',
};

/** Serialises the recording of one order across instances (with its hash folded in). */
const SALE_LOCK = 7243561;
/** Listing changes of one version go one at a time. */
const LISTING_LOCK = 7243562;

/** A filter on an address: absent, or one string (anything else would filter nothing and list every sale). */
function addressFilter(value: unknown, field: string): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string') throw new AppException(ErrorCode.VALIDATION_FAILED, `${field} must be an address`, `filter.${field}`);
  return value.toLowerCase();
}

@Injectable()
export class SalesRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Records `sale` and, when it is of a Tessera version, its share as ledger entries, in one
   * transaction: `decide` answers the entries from the version's label counts. A sale recorded
   * already changes nothing. Answers the sale's id and whether this call recorded it.
   */
  async record(
    sale: Sale,
    shareBps: () => Promise<number>,
    decide: (context: ShareContext) => ShareEntry[],
    note: string,
  ): Promise<{ id: number; recorded: boolean; entries: ShareEntry[] }> {
    return this.db.transaction(async (manager) => {
      const txHash = sale.txHash.toLowerCase();
      await sqlRows(manager, 'SELECT pg_advisory_xact_lock($1, hashtext($2))', [SALE_LOCK, `${sale.chainId}:${txHash}:${sale.logIndex}`]);
      const [existing] = await sqlRows<{ id: number }>(
        manager,
        'SELECT id FROM sales WHERE chain_id = $1 AND tx_hash = $2 AND log_index = $3',
        [sale.chainId, txHash, sale.logIndex],
      );
      if (existing) return { id: existing.id, recorded: false, entries: [] };
      const [publication] = await sqlRows<{ version_id: number }>(
        manager,
        'SELECT version_id FROM dataset_publications WHERE lower(nft_address) = $1',
        [sale.nftAddress.toLowerCase()],
      );
      const [row] = await sqlRows<{ id: number }>(
        manager,
        `INSERT INTO sales (chain_id, tx_hash, log_index, block_number, sold_at, nft_address, datatoken_address, did, service_index,
                            consumer, payer, base_token_amount, base_token_address, version_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          sale.chainId,
          txHash,
          sale.logIndex,
          sale.blockNumber,
          sale.timestamp,
          sale.nftAddress.toLowerCase(),
          sale.datatokenAddress.toLowerCase(),
          sale.did,
          sale.serviceIndex,
          sale.consumer.toLowerCase(),
          sale.payer.toLowerCase(),
          sale.baseTokenAmount,
          sale.baseTokenAddress?.toLowerCase() ?? null,
          publication?.version_id ?? null,
        ],
      );
      const id = row!.id;
      await this.grantBuyer(manager, [sale.consumer, sale.payer]);
      if (!publication) return { id, recorded: true, entries: [] };
      const bps = await shareBps();
      const { type, labels } = await this.versionLabels(manager, publication.version_id);
      const entries = decide({ versionId: publication.version_id, shareBps: bps, type, labels });
      if (entries.length > 0) {
        const ledger = await sqlRows<{ id: string; annotator_id: number }>(
          manager,
          `INSERT INTO ledger_entries (annotator_id, project_id, annotation_id, kind, amount, note)
           SELECT a, NULL, NULL, $1, amt, $2 FROM unnest($3::int[], $4::numeric[]) AS t(a, amt)
           RETURNING id::text, annotator_id`,
          [SALE_SHARE_KIND, note.slice(0, 200), entries.map((e) => e.annotatorId), entries.map((e) => e.amount.toString())],
        );
        const entryOf = new Map(ledger.map((l) => [l.annotator_id, l.id]));
        await sqlRows(
          manager,
          `INSERT INTO sale_shares (sale_id, annotator_id, labels, amount, ledger_entry_id)
           SELECT $1, a, n, amt, l FROM unnest($2::int[], $3::int[], $4::numeric[], $5::bigint[]) AS t(a, n, amt, l)`,
          [
            id,
            entries.map((e) => e.annotatorId),
            entries.map((e) => e.labels),
            entries.map((e) => e.amount.toString()),
            entries.map((e) => entryOf.get(e.annotatorId)!),
          ],
        );
      }
      const total = entries.reduce((sum, e) => sum + e.amount, 0n);
      await sqlRows(manager, 'UPDATE sales SET share_bps = $2, share_amount = $3 WHERE id = $1', [id, bps, total.toString()]);
      return { id, recorded: true, entries };
    });
  }

  /**
   * The labels a version was built from, each with the answer its item carries (a synthetic
   * version's come from the curated version it was made from). Labels deleted since are left out:
   * their rewards were reversed too; so are labels withdrawn since (suspension, failed qualification).
   */
  private async versionLabels(manager: EntityManager, versionId: number): Promise<{ type: ProjectType; labels: VersionLabel[] }> {
    const [project] = await sqlRows<{ type: ProjectType }>(
      manager,
      'SELECT p.type FROM dataset_versions v JOIN projects p ON p.id = v.project_id WHERE v.id = $1',
      [versionId],
    );
    if (!project) return { type: 'classification', labels: [] };
    const labels = await sqlRows<VersionLabel>(
      manager,
      `WITH v AS (SELECT CASE WHEN kind = 'synthetic' THEN source_version_id ELSE id END AS id FROM dataset_versions WHERE id = $1)
       SELECT a.annotator_id AS "annotatorId", a.result, i.answer, CASE WHEN $2 = 'spans' THEN it.data ELSE '{}'::jsonb END AS data
         FROM dataset_version_items i JOIN v ON i.version_id = v.id
         CROSS JOIN LATERAL unnest(i.annotation_ids) AS x(annotation_id)
         JOIN annotations a ON a.id = x.annotation_id AND a.discarded_at IS NULL
         LEFT JOIN items it ON it.id = i.item_id AND $2 = 'spans'`,
      [versionId, project.type],
    );
    return { type: project.type, labels };
  }

  /**
   * Buyers get the buyer role with their first purchase: here when they have signed in before it,
   * else when they first look at their purchases.
   */
  private async grantBuyer(manager: EntityManager | DataSource, addresses: string[]): Promise<void> {
    await sqlRows(
      manager,
      `UPDATE users SET roles = ARRAY(SELECT DISTINCT unnest(roles || ARRAY['buyer']) ORDER BY 1)
        WHERE address = ANY($1::text[]) AND NOT 'buyer' = ANY(roles)`,
      [addresses.map((a) => a.toLowerCase())],
    );
  }

  async shareBps(): Promise<number | undefined> {
    const [row] = await sqlRows<{ share_bps: number }>(this.db, 'SELECT share_bps FROM sales_settings WHERE id = 1');
    return row?.share_bps;
  }

  async setShareBps(shareBps: number, updatedBy: number | null): Promise<void> {
    await sqlRows(
      this.db,
      `INSERT INTO sales_settings (id, share_bps, updated_by, updated_at) VALUES (1, $1, $2, now())
       ON CONFLICT (id) DO UPDATE SET share_bps = EXCLUDED.share_bps, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [shareBps, updatedBy],
    );
  }

  async list(query: ListQuery<(typeof SALE_FILTERS)[number]>): Promise<ListPage<SaleRow>> {
    const ids = idList(query.filter.id, 'id') ?? null;
    const versions = idList(query.filter.versionId, 'versionId') ?? null;
    const consumer = addressFilter(query.filter.consumer, 'consumer');
    const payer = addressFilter(query.filter.payer, 'payer');
    const where = `WHERE ($1::int[] IS NULL OR s.id = ANY($1)) AND ($2::int[] IS NULL OR s.version_id = ANY($2))
                     AND ($3::text IS NULL OR s.consumer = $3) AND ($4::text IS NULL OR s.payer = $4)`;
    const sort = SORT_COLUMNS[query.sortField as (typeof SALE_SORTS)[number]] ?? 's.id';
    const order = query.sortOrder === 'ASC' ? 'ASC' : 'DESC';
    const [rows, count] = await Promise.all([
      sqlRows<SaleRow>(
        this.db,
        `SELECT ${SALE_COLUMNS} FROM sales s LEFT JOIN dataset_versions v ON v.id = s.version_id
           ${where} ORDER BY ${sort} ${order}, s.id ${order} LIMIT $5 OFFSET $6`,
        [ids, versions, consumer, payer, query.limit, query.offset],
      ),
      sqlRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM sales s ${where}`, [ids, versions, consumer, payer]),
    ]);
    return { rows, total: count[0]!.n };
  }

  async get(id: number): Promise<SaleRow | undefined> {
    const [row] = await sqlRows<SaleRow>(
      this.db,
      `SELECT ${SALE_COLUMNS} FROM sales s LEFT JOIN dataset_versions v ON v.id = s.version_id WHERE s.id = $1`,
      [id],
    );
    return row;
  }

  /** Sales and revenue of every published version (and of versions sold), newest first. */
  async revenueByDataset(): Promise<DatasetRevenueRow[]> {
    return sqlRows<DatasetRevenueRow>(
      this.db,
      `SELECT v.id AS "versionId", v.name, p.nft_address AS "nftAddress", p.did,
              count(s.id)::int AS sales, coalesce(sum(s.base_token_amount), 0)::text AS revenue,
              coalesce(sum(s.share_amount), 0)::text AS shared, max(s.sold_at) AS "lastSaleAt",
              coalesce((SELECT c.listed FROM dataset_listing_changes c WHERE c.version_id = v.id ORDER BY c.id DESC LIMIT 1), true) AS listed
         FROM dataset_versions v
         LEFT JOIN dataset_publications p ON p.version_id = v.id
         LEFT JOIN sales s ON s.version_id = v.id
        WHERE p.status = 'published' OR s.id IS NOT NULL
        GROUP BY v.id, v.name, p.nft_address, p.did
        ORDER BY v.id DESC`,
    );
  }

  /** What every annotator got from sales, most first. */
  async revenueByAnnotator(): Promise<AnnotatorRevenueRow[]> {
    return sqlRows<AnnotatorRevenueRow>(
      this.db,
      `SELECT x.annotator_id AS "annotatorId", u.address, count(*)::int AS sales, count(DISTINCT s.version_id)::int AS datasets,
              sum(x.labels)::int AS labels, sum(x.amount)::text AS amount
         FROM sale_shares x JOIN sales s ON s.id = x.sale_id JOIN users u ON u.id = x.annotator_id
        GROUP BY x.annotator_id, u.address
        ORDER BY sum(x.amount) DESC, x.annotator_id`,
    );
  }

  /** One annotator's sale shares per dataset version. */
  async annotatorSales(annotatorId: number): Promise<AnnotatorDatasetSalesRow[]> {
    return sqlRows<AnnotatorDatasetSalesRow>(
      this.db,
      `SELECT s.version_id AS "versionId", v.name, count(*)::int AS sales, max(x.labels)::int AS labels, sum(x.amount)::text AS amount
         FROM sale_shares x JOIN sales s ON s.id = x.sale_id LEFT JOIN dataset_versions v ON v.id = s.version_id
        WHERE x.annotator_id = $1
        GROUP BY s.version_id, v.name
        ORDER BY s.version_id DESC`,
      [annotatorId],
    );
  }

  /** The sales the address ordered or paid for, newest first, with the sold service's timeout. */
  async purchases(address: string): Promise<PurchaseRow[]> {
    return sqlRows<PurchaseRow>(
      this.db,
      `SELECT ${SALE_COLUMNS},
              (p.ddo -> 'services' -> s.service_index ->> 'timeout')::float8 AS timeout
         FROM sales s LEFT JOIN dataset_versions v ON v.id = s.version_id
         LEFT JOIN dataset_publications p ON p.version_id = s.version_id
        WHERE s.consumer = $1 OR s.payer = $1
        ORDER BY s.sold_at DESC, s.id DESC
        LIMIT 500`,
      [address.toLowerCase()],
    );
  }

  async publication(versionId: number): Promise<PublicationRow | undefined> {
    const [row] = await sqlRows<PublicationRow>(
      this.db,
      `SELECT v.id AS "versionId", p.status, p.nft_address AS "nftAddress"
         FROM dataset_versions v LEFT JOIN dataset_publications p ON p.version_id = v.id WHERE v.id = $1`,
      [versionId],
    );
    return row;
  }

  /**
   * Records a listing change and its transaction (`enqueue`), one change of a version at a time (a
   * lock per version): 'unchanged' when the version is already in (or on its way to) that state, and
   * 'in-flight' when a change to the other state is still being sent; then nothing is recorded.
   */
  async addListingChange(
    versionId: number,
    listed: boolean,
    requestedBy: number | null,
    enqueue: (manager: EntityManager, changeId: number) => Promise<void>,
  ): Promise<number | 'unchanged' | 'in-flight'> {
    return this.db.transaction(async (manager) => {
      await sqlRows(manager, 'SELECT pg_advisory_xact_lock($1, $2)', [LISTING_LOCK, versionId]);
      const [last] = await sqlRows<{ listed: boolean; status: string | null }>(
        manager,
        `SELECT c.listed, t.status FROM dataset_listing_changes c LEFT JOIN chain_txs t ON t.purpose = 'listing:' || c.id
          WHERE c.version_id = $1 ORDER BY c.id DESC LIMIT 1`,
        [versionId],
      );
      // No change yet: the NFT is in the state it was minted with, listed.
      const failed = last?.status === 'failed' || last?.status === 'cancelled';
      if (!failed && (last?.listed ?? true) === listed) return 'unchanged';
      if (last && !failed && last.status !== 'confirmed') return 'in-flight';
      const [row] = await sqlRows<{ id: number }>(
        manager,
        'INSERT INTO dataset_listing_changes (version_id, listed, requested_by) VALUES ($1, $2, $3) RETURNING id',
        [versionId, listed, requestedBy],
      );
      await enqueue(manager, row!.id);
      return row!.id;
    });
  }

  /** The version's last listing change and where its transaction stands. */
  async lastListingChange(versionId: number): Promise<ListingRow | undefined> {
    const [row] = await sqlRows<ListingRow>(
      this.db,
      `SELECT c.id, c.listed, c.created_at AS "createdAt", t.status AS "txStatus", t.hash AS "txHash"
         FROM dataset_listing_changes c LEFT JOIN chain_txs t ON t.purpose = 'listing:' || c.id
        WHERE c.version_id = $1 ORDER BY c.id DESC LIMIT 1`,
      [versionId],
    );
    return row;
  }
}
