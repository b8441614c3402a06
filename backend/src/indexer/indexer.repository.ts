import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { LocatedEvent } from './domain/ocean-events.js';
import type { OceanAssetEntity } from './ocean-asset.entity.js';
import type { OceanDatatokenEntity } from './ocean-datatoken.entity.js';
import type { OceanOrderEntity } from './ocean-order.entity.js';
import type { OceanPriceEntity } from './ocean-price.entity.js';

/** Transaction-level advisory lock key of the indexer's writes: one writer of the cursor at a time, across processes. */
const LOCK_KEY = 'tessera:ocean-indexer';

export interface AssetRow {
  nftAddress: string;
  chainId: number;
  did: string;
  name: string;
  symbol: string;
  tokenUri: string;
  owner: string;
  creator: string;
  createdTx: string;
  createdBlock: number;
  state: number;
  ddo: Record<string, unknown> | null;
  ddoError: string | null;
  metadataTx: string | null;
  metadataFrom: string | null;
  metadataBlock: number | null;
  metadataAt: Date | null;
  listedAt: Date | null;
}

const ASSET_COLUMNS = `a.nft_address AS "nftAddress", a.chain_id AS "chainId", a.did, a.name, a.symbol, a.token_uri AS "tokenUri",
  a.owner, a.creator, a.created_tx AS "createdTx", a.created_block AS "createdBlock", a.state, a.ddo, a.ddo_error AS "ddoError",
  a.metadata_tx AS "metadataTx", a.metadata_from AS "metadataFrom", a.metadata_block AS "metadataBlock",
  a.metadata_at AS "metadataAt", a.listed_at AS "listedAt"`;

export type DatatokenRow = Pick<OceanDatatokenEntity, 'address' | 'nftAddress' | 'name' | 'symbol'>;
export type PriceRow = Pick<OceanPriceEntity, 'contract' | 'priceId' | 'kind' | 'datatoken' | 'baseToken' | 'rate' | 'active'>;
export type OrderRow = Omit<OceanOrderEntity, 'saleRecordedAt'> & { did: string };

/** Every SQL statement of the Ocean indexer. */
@Injectable()
export class IndexerRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Whether this transaction now holds the indexer's lock (released at commit or rollback). */
  async tryLock(manager: EntityManager): Promise<boolean> {
    const [row] = await sqlRows<{ locked: boolean }>(manager, 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [LOCK_KEY]);
    return row!.locked;
  }

  /** Records a decoded event; false when it was recorded before (nothing derived from it is applied twice). */
  async insertEvent(manager: EntityManager, chainId: number, located: LocatedEvent): Promise<boolean> {
    const { event, contract, txHash, logIndex, blockNumber } = located;
    const { name, ...args } = event;
    const rows = await sqlRows(
      manager,
      `INSERT INTO ocean_events (chain_id, tx_hash, log_index, block_number, contract, name, args)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING 1`,
      [chainId, txHash.toLowerCase(), logIndex, blockNumber, contract, name, JSON.stringify(args)],
    );
    return rows.length === 1;
  }

  async isAsset(manager: EntityManager, nftAddress: string): Promise<boolean> {
    return (await sqlRows(manager, 'SELECT 1 FROM ocean_assets WHERE nft_address = $1', [nftAddress])).length === 1;
  }

  async datatoken(manager: EntityManager, address: string): Promise<DatatokenRow | undefined> {
    const [row] = await sqlRows<DatatokenRow>(
      manager,
      'SELECT address, nft_address AS "nftAddress", name, symbol FROM ocean_datatokens WHERE address = $1',
      [address],
    );
    return row;
  }

  async price(manager: EntityManager, contract: string, priceId: string): Promise<PriceRow | undefined> {
    const [row] = await sqlRows<PriceRow>(
      manager,
      `SELECT contract, price_id AS "priceId", kind, datatoken, base_token AS "baseToken", rate::text AS rate, active
         FROM ocean_prices WHERE contract = $1 AND price_id = $2`,
      [contract, priceId],
    );
    return row;
  }

  async insertAsset(
    manager: EntityManager,
    asset: Pick<
      OceanAssetEntity,
      'nftAddress' | 'chainId' | 'did' | 'name' | 'symbol' | 'tokenUri' | 'owner' | 'creator' | 'createdTx' | 'createdBlock'
    >,
  ): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO ocean_assets (nft_address, chain_id, did, name, symbol, token_uri, owner, creator, created_tx, created_block)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [
        asset.nftAddress,
        asset.chainId,
        asset.did,
        asset.name,
        asset.symbol,
        asset.tokenUri,
        asset.owner,
        asset.creator,
        asset.createdTx,
        asset.createdBlock,
      ],
    );
  }

  async insertDatatoken(manager: EntityManager, token: OceanDatatokenEntity): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO ocean_datatokens (address, nft_address, name, symbol, template, cap, created_tx, created_block)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [token.address, token.nftAddress, token.name, token.symbol, token.template, token.cap, token.createdTx, token.createdBlock],
    );
  }

  /**
   * Applies a metadata event to its asset unless a later one (by block and log index) is applied
   * already: events indexed out of order (a receipt first, the block range later) end in chain order.
   * `ddo` undefined: a state change only (MetadataState); null: the event's DDO was not taken (`ddoError`).
   */
  async applyMetadata(
    manager: EntityManager,
    nftAddress: string,
    change: {
      state: number;
      txHash: string;
      from: string;
      blockNumber: number;
      logIndex: number;
      at: Date;
      created: boolean;
      decryptorUrl?: string;
      ddo?: Record<string, unknown> | null;
      ddoError?: string | null;
      search?: { name: string; description: string; tags: string; labels: string };
    },
  ): Promise<void> {
    const withDdo = change.ddo !== undefined;
    const s = change.search ?? { name: '', description: '', tags: '', labels: '' };
    await sqlRows(
      manager,
      `UPDATE ocean_assets SET
          state = $2, metadata_tx = $3, metadata_from = $4, metadata_block = $5, metadata_log_index = $6, metadata_at = $7,
          listed_at = CASE WHEN $8 THEN coalesce(least(listed_at, $7), $7) ELSE listed_at END,
          decryptor_url = CASE WHEN $9 THEN $10 ELSE decryptor_url END,
          ddo = CASE WHEN $9 THEN $11::jsonb ELSE ddo END,
          ddo_error = CASE WHEN $9 THEN $12 ELSE ddo_error END,
          search = CASE WHEN $9 AND $11::jsonb IS NOT NULL THEN
                     setweight(to_tsvector('english', $13), 'A') || setweight(to_tsvector('english', $14), 'B') ||
                     setweight(to_tsvector('english', $15), 'B') || setweight(to_tsvector('english', $16), 'C')
                   WHEN $9 THEN NULL ELSE search END,
          updated_at = now()
        WHERE nft_address = $1
          AND (metadata_block IS NULL OR (metadata_block, metadata_log_index) < ($5::int, $6::int))`,
      [
        nftAddress,
        change.state,
        change.txHash.toLowerCase(),
        change.from,
        change.blockNumber,
        change.logIndex,
        change.at,
        change.created,
        withDdo,
        change.decryptorUrl ?? null,
        change.ddo === undefined || change.ddo === null ? null : JSON.stringify(change.ddo),
        change.ddoError ?? null,
        s.name,
        s.description,
        s.tags,
        s.labels,
      ],
    );
  }

  async insertPrice(manager: EntityManager, price: OceanPriceEntity): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO ocean_prices (contract, price_id, kind, datatoken, base_token, rate, active, created_tx)
       VALUES ($1, $2, $3, $4, $5, $6, true, $7) ON CONFLICT DO NOTHING`,
      [price.contract, price.priceId, price.kind, price.datatoken, price.baseToken, price.rate, price.createdTx],
    );
  }

  async updatePrice(manager: EntityManager, contract: string, priceId: string, change: { rate?: string; active?: boolean }): Promise<void> {
    await sqlRows(
      manager,
      `UPDATE ocean_prices SET rate = coalesce($3::numeric, rate), active = coalesce($4::boolean, active)
        WHERE contract = $1 AND price_id = $2`,
      [contract, priceId, change.rate ?? null, change.active ?? null],
    );
  }

  /**
   * What the buyer paid for the order at `logIndex` of `datatoken`: the n-th buy of `datatoken` on
   * the fixed-rate exchange in the same transaction before the order, for the n-th order of
   * `datatoken` in it (buyFromFreAndOrder swaps, then orders), less the fees the swap carried (they
   * go to markets and Ocean, not to the publisher). Undefined without such a swap. Sells, swaps of
   * other datatokens and buys another order took do not count, so swapping back and forth before an
   * order makes no revenue.
   */
  async swapIn(
    manager: EntityManager,
    chainId: number,
    txHash: string,
    logIndex: number,
    exchange: string,
    datatoken: string,
  ): Promise<{ amount: string; baseToken: string | null } | undefined> {
    const [row] = await sqlRows<{ amount: string; baseToken: string | null }>(
      manager,
      `SELECT greatest((e.args->>'baseTokenSwappedAmount')::numeric
                       - coalesce((e.args->>'marketFeeAmount')::numeric, 0)
                       - coalesce((e.args->>'oceanFeeAmount')::numeric, 0)
                       - coalesce((e.args->>'consumeMarketFeeAmount')::numeric, 0), 0)::text AS amount,
              p.base_token AS "baseToken"
         FROM ocean_events e
         JOIN ocean_prices p ON p.contract = e.contract AND p.price_id = e.args->>'exchangeId'
        WHERE e.chain_id = $1 AND e.tx_hash = $2 AND e.name = 'Swapped' AND e.contract = $3 AND p.datatoken = $4
          AND lower(e.args->>'tokenOutAddress') = lower($4) AND e.log_index < $5
        ORDER BY e.log_index
       OFFSET (SELECT count(*) FROM ocean_orders o
                WHERE o.chain_id = $1 AND o.tx_hash = $2 AND o.datatoken = $4 AND o.log_index < $5)
        LIMIT 1`,
      [chainId, txHash.toLowerCase(), exchange, datatoken, logIndex],
    );
    return row;
  }

  async insertOrder(manager: EntityManager, order: Omit<OceanOrderEntity, 'saleRecordedAt'>): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO ocean_orders (chain_id, tx_hash, log_index, block_number, datatoken, nft_address, consumer, payer, service_index,
                                 amount, base_token_amount, base_token, ordered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
      [
        order.chainId,
        order.txHash.toLowerCase(),
        order.logIndex,
        order.blockNumber,
        order.datatoken,
        order.nftAddress,
        order.consumer,
        order.payer,
        order.serviceIndex,
        order.amount,
        order.baseTokenAmount,
        order.baseToken,
        order.orderedAt,
      ],
    );
  }

  /** Orders not yet handed to the sale sink, at or under `maxBlock`, oldest first. */
  unrecordedSales(chainId: number, maxBlock: number, limit: number): Promise<OrderRow[]> {
    return sqlRows<OrderRow>(
      this.db,
      `SELECT o.chain_id AS "chainId", o.tx_hash AS "txHash", o.log_index AS "logIndex", o.block_number AS "blockNumber",
              o.datatoken, o.nft_address AS "nftAddress", o.consumer, o.payer, o.service_index AS "serviceIndex",
              o.amount::text AS amount, o.base_token_amount::text AS "baseTokenAmount", o.base_token AS "baseToken",
              o.ordered_at AS "orderedAt", a.did
         FROM ocean_orders o JOIN ocean_assets a ON a.nft_address = o.nft_address
        WHERE o.sale_recorded_at IS NULL AND o.chain_id = $1 AND o.block_number <= $2
        ORDER BY o.block_number, o.log_index
        LIMIT $3`,
      [chainId, maxBlock, limit],
    );
  }

  async markSaleRecorded(chainId: number, txHash: string, logIndex: number): Promise<void> {
    await sqlRows(this.db, 'UPDATE ocean_orders SET sale_recorded_at = now() WHERE chain_id = $1 AND tx_hash = $2 AND log_index = $3', [
      chainId,
      txHash,
      logIndex,
    ]);
  }

  async assetByDid(did: string): Promise<AssetRow | undefined> {
    const [row] = await sqlRows<AssetRow>(this.db, `SELECT ${ASSET_COLUMNS} FROM ocean_assets a WHERE a.did = $1`, [did]);
    return row;
  }

  async assetByNft(nftAddress: string): Promise<AssetRow | undefined> {
    const [row] = await sqlRows<AssetRow>(this.db, `SELECT ${ASSET_COLUMNS} FROM ocean_assets a WHERE a.nft_address = $1`, [nftAddress]);
    return row;
  }

  /** Assets with a DDO, newest listing first, at most `limit`. */
  listedAssets(limit: number): Promise<AssetRow[]> {
    return sqlRows<AssetRow>(
      this.db,
      `SELECT ${ASSET_COLUMNS} FROM ocean_assets a WHERE a.ddo IS NOT NULL ORDER BY a.listed_at DESC NULLS LAST, a.nft_address LIMIT $1`,
      [limit],
    );
  }

  datatokensOf(nftAddresses: readonly string[]): Promise<DatatokenRow[]> {
    return sqlRows<DatatokenRow>(
      this.db,
      'SELECT address, nft_address AS "nftAddress", name, symbol FROM ocean_datatokens WHERE nft_address = ANY($1) ORDER BY created_block, address',
      [nftAddresses],
    );
  }

  pricesOf(datatokens: readonly string[]): Promise<PriceRow[]> {
    return sqlRows<PriceRow>(
      this.db,
      `SELECT contract, price_id AS "priceId", kind, datatoken, base_token AS "baseToken", rate::text AS rate, active
         FROM ocean_prices WHERE datatoken = ANY($1) ORDER BY kind, contract, price_id`,
      [datatokens],
    );
  }

  async orderCounts(datatokens: readonly string[]): Promise<Map<string, number>> {
    const rows = await sqlRows<{ datatoken: string; orders: number }>(
      this.db,
      'SELECT datatoken, count(*)::int AS orders FROM ocean_orders WHERE datatoken = ANY($1) GROUP BY datatoken',
      [datatokens],
    );
    return new Map(rows.map((r) => [r.datatoken, r.orders]));
  }
}
