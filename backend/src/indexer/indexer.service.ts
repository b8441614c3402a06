import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChainStateService } from '../chain/chain-state.service.js';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { APP_CONFIG, runsBackgroundWork, type AppConfig } from '../config/app-config.js';
import { SALE_SINK, type Sale, type SaleSink } from '../market/sale.port.js';
import { didFor } from '../ocean/domain/ddo.js';
import { eciesDecrypt } from '../ocean/domain/provider-encryption.js';
import { OCEAN_CONTRACTS, type OceanAddresses, type OceanContractsRef } from '../ocean/ocean-contracts.port.js';
import { readDdo, searchText } from './domain/ddo-decoding.js';
import { buildIndexedAsset, type IndexedAsset } from './domain/indexed-asset.js';
import { compareLocation, type LocatedEvent } from './domain/ocean-events.js';
import { IndexerRepository, type AssetRow } from './indexer.repository.js';
import { decodeOceanLog, OCEAN_TOPICS, type EmitterRole } from './ocean-log-decoder.js';

/** chain_state cursor of the indexer: the last block whose events are recorded. */
export const INDEXER_CURSOR = 'ocean';
/** Sales handed to the sink per query. */
const SALES_PAGE = 100;
/** Most assets the query endpoints look through. */
export const MAX_LISTED_ASSETS = 10_000;

/**
 * Follows the Ocean events that matter on the deployed contracts into PostgreSQL (ocean_events and the
 * tables derived from them): data NFTs created by the factory (by anyone), their datatokens, DDOs and
 * metadata state, fixed-rate exchanges and dispensers, and orders.
 *
 * - Idempotent: an event is recorded once by (chain, tx hash, log index); what derives from it is
 *   applied only when it is first recorded.
 * - Resumable: the cursor (chain_state `cursor:ocean`) moves in the transaction that records a block
 *   range's events, under a transaction-level advisory lock, so one writer at a time moves it and a
 *   crash resumes at the first range not committed.
 * - Confirmations: ranges end INDEXER_CONFIRMATIONS blocks under the head; sales go to the SALE_SINK
 *   only once that deep. Reorgs deeper than that are not handled.
 * - Read-your-writes: `indexReceipts` records the events of given transactions at once (Tessera's own
 *   publish transactions), without waiting for the loop.
 */
@Injectable()
export class IndexerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IndexerService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private delivering: Promise<void> | undefined;
  private catalogueRead: Promise<IndexedAsset[]> | undefined;
  private closing = false;

  constructor(
    private readonly repository: IndexerRepository,
    private readonly state: ChainStateService,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(OCEAN_CONTRACTS) private readonly ocean: OceanContractsRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(SALE_SINK) private readonly sink?: SaleSink,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsBackgroundWork(this.config)) return;
    if (!this.ocean.contracts) {
      this.logger.warn('Ocean is off on this chain: the indexer does not run');
      return;
    }
    this.timer = setInterval(() => void this.sync(), this.config.indexer.pollMs);
    this.timer.unref();
    void this.sync();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    await this.running;
    await this.delivering;
  }

  /** Indexes up to the confirmed head, then hands confirmed sales to the sink; concurrent calls share one pass. */
  sync(): Promise<void> {
    this.running ??= this.pass()
      .then(() => this.deliverSales())
      .catch((error: unknown) => this.logger.warn(`ocean indexer: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** The last block indexed by the loop (undefined before its first range). */
  cursor(): Promise<number | undefined> {
    return this.state.cursor(INDEXER_CURSOR);
  }

  /**
   * Records the Ocean events of these (mined) transactions now, whatever the cursor: what a publish
   * job calls with its mint and metadata transactions so the asset is in the catalogue when it ends.
   */
  async indexReceipts(txHashes: readonly string[]): Promise<void> {
    const addresses = this.addresses();
    const events: Array<LocatedEvent & { role: EmitterRole }> = [];
    for (const hash of txHashes) {
      const receipt = await this.chain.receipt(hash);
      if (!receipt) throw new Error(`transaction ${hash} has no receipt: it is not mined`);
      if (receipt.status !== 'success') continue;
      for (const log of receipt.logs) {
        const located = this.locate(log, { txHash: hash, blockNumber: receipt.blockNumber });
        if (located) events.push(located);
      }
    }
    events.sort(compareLocation);
    await this.repository.transaction(async (manager) => {
      for (const event of events) await this.applyOrSkip(manager, addresses, event);
    });
    await this.deliverSales();
  }

  /** The indexed asset with this DID, with a DDO; null when unknown (or its DDO was not taken). */
  async asset(did: string): Promise<IndexedAsset | null> {
    const row = await this.repository.assetByDid(did);
    if (!row?.ddo) return null;
    return (await this.assemble([row]))[0] ?? null;
  }

  /**
   * Every indexed asset with a DDO (newest first), up to MAX_LISTED_ASSETS. Callers that ask while a
   * read is under way share it (each query of the metadata role reads the whole catalogue): a burst
   * of anonymous queries costs one read, whose data is at most as old as the read under way when
   * each asked.
   */
  assets(): Promise<IndexedAsset[]> {
    this.catalogueRead ??= this.assemble(this.repository.listedAssets(MAX_LISTED_ASSETS)).finally(() => {
      this.catalogueRead = undefined;
    });
    return this.catalogueRead;
  }

  private async assemble(read: Promise<AssetRow[]> | AssetRow[]): Promise<IndexedAsset[]> {
    const listed = (await read).filter((row): row is AssetRow & { ddo: Record<string, unknown> } => row.ddo !== null);
    if (listed.length === 0) return [];
    const datatokens = await this.repository.datatokensOf(listed.map((r) => r.nftAddress));
    const addresses = datatokens.map((d) => d.address);
    const [prices, orders] = await Promise.all([this.repository.pricesOf(addresses), this.repository.orderCounts(addresses)]);
    // Grouped once: filtering the whole lists per asset made a large catalogue quadratic.
    const tokensOf = groupBy(datatokens, (d) => d.nftAddress);
    const pricesOf = groupBy(prices, (p) => p.datatoken);
    return listed.map((row) => {
      const tokens = tokensOf.get(row.nftAddress) ?? [];
      return buildIndexedAsset(
        row,
        tokens,
        tokens.flatMap((t) => pricesOf.get(t.address) ?? []),
        orders,
      );
    });
  }

  private addresses(): OceanAddresses {
    if (!this.ocean.contracts) throw new Error('Ocean is not configured on this chain');
    return this.ocean.contracts.addresses;
  }

  private locate(
    log: { address: string; topics: readonly string[]; data: string; logIndex: number },
    at: { txHash: string; blockNumber: number },
  ): (LocatedEvent & { role: EmitterRole }) | null {
    const decoded = decodeOceanLog(log);
    if (!decoded) return null;
    return {
      event: decoded.event,
      role: decoded.role,
      contract: this.ocean.contracts!.checksum(log.address),
      txHash: at.txHash.toLowerCase(),
      logIndex: log.logIndex,
      blockNumber: at.blockNumber,
    };
  }

  private async pass(): Promise<void> {
    const addresses = this.addresses();
    const head = (await this.chain.blockNumber()) - this.config.indexer.confirmations;
    let from = ((await this.cursor()) ?? addresses.startBlock - 1) + 1;
    while (from <= head && !this.closing) {
      const to = Math.min(head, from + this.config.indexer.logWindow - 1);
      const logs = await this.chain.logs({ address: null, topics: [OCEAN_TOPICS], fromBlock: from, toBlock: to });
      const events = logs
        .map((log) => this.locate(log, { txHash: log.transactionHash, blockNumber: log.blockNumber }))
        .filter((event) => event !== null)
        .sort(compareLocation);
      const moved = await this.repository.transaction(async (manager) => {
        if (!(await this.repository.tryLock(manager))) return false;
        // Read after taking the lock: another process may have recorded this range meanwhile.
        const cursor = await this.cursor();
        if (cursor !== undefined && cursor >= to) return true;
        for (const event of events) await this.applyOrSkip(manager, addresses, event);
        await this.state.moveCursor(manager, INDEXER_CURSOR, to);
        return true;
      });
      if (!moved) return; // another process is indexing: it will get there
      if (events.length > 0) this.logger.log(`${events.length} Ocean events indexed (blocks ${from}-${to})`);
      from = to + 1;
    }
  }

  /** Whether `contract` may emit an event of `role`: the deployment's own contracts, or an NFT / datatoken of the factory. */
  private async emitterKnown(manager: EntityManager, addresses: OceanAddresses, role: EmitterRole, contract: string): Promise<boolean> {
    switch (role) {
      case 'factory':
        return contract === addresses.nftFactory;
      case 'exchange':
        return contract === addresses.fixedRateExchange;
      case 'dispenser':
        return contract === addresses.dispenser;
      case 'nft':
        return this.repository.isAsset(manager, contract);
      case 'datatoken':
        return (await this.repository.datatoken(manager, contract)) !== undefined;
    }
  }

  /**
   * Applies one event in a savepoint of the range's transaction. Values the database refuses as data
   * (SQLSTATE class 22: out of range, text it cannot store; 54: past a limit) are an event anyone
   * could emit: it is skipped with a warning, instead of failing its block range at every poll and
   * stopping the index there. Any other failure (a lost connection) fails the range, to be retried.
   */
  private async applyOrSkip(manager: EntityManager, addresses: OceanAddresses, located: LocatedEvent & { role: EmitterRole }) {
    await manager.query('SAVEPOINT ocean_event');
    try {
      await this.apply(manager, addresses, located);
    } catch (error) {
      const code = (error as { driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !/^(22|54)/.test(code)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT ocean_event');
      await manager.query('RELEASE SAVEPOINT ocean_event');
      this.logger.warn(
        `${located.contract}: ${located.event.name} in ${located.txHash} (log ${located.logIndex}) is skipped: ` +
          `the database refused its values (${code}: ${(error as Error).message})`,
      );
      return;
    }
    await manager.query('RELEASE SAVEPOINT ocean_event');
  }

  private async apply(manager: EntityManager, addresses: OceanAddresses, located: LocatedEvent & { role: EmitterRole }): Promise<void> {
    const { event, contract, txHash, logIndex, blockNumber, role } = located;
    if (!(await this.emitterKnown(manager, addresses, role, contract))) return;
    const chainId = this.chain.info.chainId;
    if (!(await this.repository.insertEvent(manager, chainId, { event, contract, txHash, logIndex, blockNumber }))) return;
    switch (event.name) {
      case 'NFTCreated':
        await this.repository.insertAsset(manager, {
          nftAddress: event.nft,
          chainId,
          did: didFor(event.nft, chainId),
          name: event.tokenName,
          symbol: event.symbol,
          tokenUri: event.tokenURI,
          owner: event.owner,
          creator: event.creator,
          createdTx: txHash,
          createdBlock: blockNumber,
        });
        return;
      case 'TokenCreated':
        if (!(await this.repository.isAsset(manager, event.creator))) return;
        await this.repository.insertDatatoken(manager, {
          address: event.datatoken,
          nftAddress: event.creator,
          name: event.tokenName,
          symbol: event.symbol,
          template: event.template,
          cap: event.cap,
          createdTx: txHash,
          createdBlock: blockNumber,
        });
        return;
      case 'MetadataCreated':
      case 'MetadataUpdated': {
        const key = this.config.ocean.providerKey;
        const reading = readDdo(event, { nftAddress: contract, chainId }, key ? (data) => eciesDecrypt(key, data) : null);
        if (!reading.ok) this.logger.warn(`${contract}: the DDO of ${event.name} in ${txHash} is skipped: ${reading.reason}`);
        await this.repository.applyMetadata(manager, contract, {
          state: event.state,
          txHash,
          from: event.by,
          blockNumber,
          logIndex,
          at: new Date(event.timestamp * 1000),
          created: event.name === 'MetadataCreated',
          decryptorUrl: event.decryptorUrl,
          ddo: reading.ok ? reading.ddo : null,
          ddoError: reading.ok ? null : reading.reason,
          ...(reading.ok ? { search: searchText(reading.ddo) } : {}),
        });
        return;
      }
      case 'MetadataState':
        await this.repository.applyMetadata(manager, contract, {
          state: event.state,
          txHash,
          from: event.by,
          blockNumber,
          logIndex,
          at: new Date(event.timestamp * 1000),
          created: false,
        });
        return;
      case 'ExchangeCreated':
        if (!(await this.repository.datatoken(manager, event.datatoken))) return;
        await this.repository.insertPrice(manager, {
          contract,
          priceId: event.exchangeId,
          kind: 'fixedrate',
          datatoken: event.datatoken,
          baseToken: event.baseToken,
          rate: event.rate,
          active: true,
          createdTx: txHash,
        });
        return;
      case 'ExchangeRateChanged':
        await this.repository.updatePrice(manager, contract, event.exchangeId, { rate: event.rate });
        return;
      case 'ExchangeActivated':
      case 'ExchangeDeactivated':
        await this.repository.updatePrice(manager, contract, event.exchangeId, { active: event.name === 'ExchangeActivated' });
        return;
      case 'DispenserCreated':
        if (!(await this.repository.datatoken(manager, event.datatoken))) return;
        await this.repository.insertPrice(manager, {
          contract,
          priceId: event.datatoken,
          kind: 'dispenser',
          datatoken: event.datatoken,
          baseToken: null,
          rate: '0',
          active: true,
          createdTx: txHash,
        });
        return;
      case 'DispenserActivated':
      case 'DispenserDeactivated':
        await this.repository.updatePrice(manager, contract, event.datatoken, { active: event.name === 'DispenserActivated' });
        return;
      case 'OrderStarted': {
        const datatoken = (await this.repository.datatoken(manager, contract))!;
        // buyFromFreAndOrder swaps on the exchange first, in the same transaction (a lower log index).
        const swap = await this.repository.swapIn(manager, chainId, txHash, logIndex, addresses.fixedRateExchange, contract);
        await this.repository.insertOrder(manager, {
          chainId,
          txHash,
          logIndex,
          blockNumber,
          datatoken: contract,
          nftAddress: datatoken.nftAddress,
          consumer: event.consumer,
          payer: event.payer,
          serviceIndex: event.serviceIndex,
          amount: event.amount,
          baseTokenAmount: swap?.amount ?? '0',
          baseToken: swap?.baseToken ?? null,
          orderedAt: new Date(event.timestamp * 1000),
        });
        return;
      }
      case 'OrderReused':
      case 'Swapped':
      case 'TokensDispensed':
        // Recorded as events only: a reuse is not a new sale; swaps are read by the order of their transaction.
        return;
    }
  }

  /** Hands each confirmed order the sink has not taken yet to it, oldest first (at least once: the sink is idempotent). */
  private deliverSales(): Promise<void> {
    if (!this.sink) return Promise.resolve();
    this.delivering ??= this.deliver()
      .catch((error: unknown) => this.logger.warn(`ocean indexer: sales not handed over yet: ${String(error)}`))
      .finally(() => {
        this.delivering = undefined;
      });
    return this.delivering;
  }

  private async deliver(): Promise<void> {
    const sink = this.sink!;
    const chainId = this.chain.info.chainId;
    const confirmed = (await this.chain.blockNumber()) - this.config.indexer.confirmations;
    for (;;) {
      const orders = await this.repository.unrecordedSales(chainId, confirmed, SALES_PAGE);
      for (const order of orders) {
        const sale: Sale = {
          chainId,
          txHash: order.txHash,
          logIndex: order.logIndex,
          blockNumber: order.blockNumber,
          timestamp: order.orderedAt.toISOString(),
          nftAddress: order.nftAddress,
          datatokenAddress: order.datatoken,
          did: order.did,
          serviceIndex: order.serviceIndex,
          consumer: order.consumer,
          payer: order.payer,
          baseTokenAmount: order.baseTokenAmount,
          baseTokenAddress: order.baseToken,
        };
        await sink.recordSale(sale);
        await this.repository.markSaleRecorded(chainId, order.txHash, order.logIndex);
      }
      if (orders.length < SALES_PAGE) return;
    }
  }
}

/** The values by key, in their order (Map.groupBy arrives with Node 21). */
function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}
