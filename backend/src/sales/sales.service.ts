import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interface } from 'ethers';
import type { Caller } from '../access/access.js';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { ChainStateService } from '../chain/chain-state.service.js';
import { OutboxService } from '../chain/outbox.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import type { Sale, SaleSink } from '../market/sale.js';
import { acceptedLabelCounts } from './domain/accepted-labels.js';
import { convertAtPar, shareOf, splitShare, type ShareEntry } from './domain/revenue-share.js';
import {
  mapAnnotatorRevenue,
  mapDatasetRevenue,
  mapDatasetSalesShare,
  mapListing,
  mapPurchase,
  mapSale,
  type DatasetSalesShareDto,
  type ListingDto,
  type PurchaseDto,
  type RevenueDto,
  type SaleDto,
  type SalesSettingsDto,
} from './sales.dto.js';
import { UsersService } from '../users/users.service.js';
import { UserException } from '../users/users.exception.js';
import type { UserDto } from '../users/user.dto.js';
import { SalesException } from './sales.exception.js';
import { SalesRepository, type SALE_FILTERS } from './sales.repository.js';

const erc20 = new Interface(['function decimals() view returns (uint8)']);
/** ERC721Template (@oceanprotocol/contracts 2.6.0): needs the metadata-updater role, which the minting operator holds. */
const nftAbi = new Interface(['function setMetaDataState(uint8 _metaDataState)']);

/** ERC721Template metadata states (ocean-facts D). */
const STATE_ACTIVE = 0;
const STATE_UNLISTED = 5;

/**
 * Dataset sales: records each confirmed order the indexer hands over (SALE_SINK) with the sold
 * version's annotators' share as ledger entries, which the reward epochs then pay; and what the
 * console, the annotators and the buyers read of them.
 */
@Injectable()
export class SalesService implements SaleSink {
  private readonly logger = new Logger('Sales');
  /** Token decimals never change: read once per token. */
  private readonly decimals = new Map<string, Promise<number>>();

  constructor(
    private readonly sales: SalesRepository,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    private readonly chainState: ChainStateService,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Records the sale once (by chain, transaction and log index) and, for a Tessera version, writes
   * the annotators' share in the same transaction: `shareBps` of the price, converted at par into
   * the reward token (domain/revenue-share.ts), split by their accepted labels in the version
   * (domain/accepted-labels.ts).
   */
  async recordSale(sale: Sale): Promise<void> {
    const amount = BigInt(sale.baseTokenAmount);
    if (amount < 0n) throw new SalesException(ErrorCode.VALIDATION_FAILED, 'baseTokenAmount is negative', 'baseTokenAmount');
    // Read before the transaction: a chain call does not hold a database connection.
    const rewardUnits =
      amount > 0n && sale.baseTokenAddress && (await this.isPlatformBaseToken(sale.baseTokenAddress))
        ? convertAtPar(amount, await this.tokenDecimals(sale.baseTokenAddress), await this.tokenDecimals(this.chain.info.rewardToken))
        : 0n;
    const result = await this.sales.record(
      sale,
      () => this.shareBps(),
      ({ shareBps, type, labels }): ShareEntry[] => splitShare(shareOf(rewardUnits, shareBps), acceptedLabelCounts(type, labels)),
      `sale ${sale.txHash}:${sale.logIndex}`,
    );
    if (result.recorded && result.entries.length > 0) {
      this.logger.log(`sale ${result.id}: ${result.entries.length} annotators share ${result.entries.reduce((s, e) => s + e.amount, 0n)}`);
    }
  }

  async list(query: ListQuery<(typeof SALE_FILTERS)[number]>): Promise<ListPage<SaleDto>> {
    const page = await this.sales.list(query);
    return { rows: page.rows.map(mapSale), total: page.total };
  }

  async get(id: number): Promise<SaleDto> {
    const row = await this.sales.get(id);
    if (!row) throw new SalesException(ErrorCode.SALE_NOT_FOUND, `No sale ${id}`);
    return mapSale(row);
  }

  async revenue(): Promise<RevenueDto> {
    const [datasets, annotators] = await Promise.all([this.sales.revenueByDataset(), this.sales.revenueByAnnotator()]);
    return { datasets: datasets.map(mapDatasetRevenue), annotators: annotators.map(mapAnnotatorRevenue) };
  }

  /** An annotator's sale shares, per dataset (their `/label/earnings` "dataset sales"). */
  async annotatorSales(annotatorId: number): Promise<DatasetSalesShareDto[]> {
    return (await this.sales.annotatorSales(annotatorId)).map(mapDatasetSalesShare);
  }

  /** The caller's purchases; a caller who bought before ever signing in gets the buyer role now. */
  async purchases(caller: Caller): Promise<PurchaseDto[]> {
    const now = Date.now();
    const rows = await this.sales.purchases(caller.address);
    if (rows.length > 0 && !caller.roles.includes('buyer')) {
      // Bookkeeping only: the purchases are answered even when the role cannot be given (no account).
      await this.users.addRole(caller.id, 'buyer').catch((error: unknown) => {
        if (!(error instanceof UserException && error.code === ErrorCode.USER_NOT_FOUND)) throw error;
      });
    }
    return rows.map((row) => mapPurchase(row, now));
  }

  /** A wallet signed in on the market: it is a buyer from now on (the role is only ever added). */
  async becomeBuyer(caller: Caller): Promise<UserDto> {
    return this.users.addRole(caller.id, 'buyer');
  }

  async settings(): Promise<SalesSettingsDto> {
    const configured = await this.sales.shareBps();
    return { shareBps: configured ?? this.config.sales.defaultShareBps, configured: configured !== undefined };
  }

  async updateSettings(shareBps: number, updatedBy: number): Promise<SalesSettingsDto> {
    await this.sales.setShareBps(shareBps, updatedBy);
    return this.settings();
  }

  async listing(versionId: number): Promise<ListingDto> {
    await this.publishedNft(versionId);
    return mapListing(versionId, await this.sales.lastListingChange(versionId));
  }

  /**
   * Lists (NFT metadata state 0) or unlists (5) a published version: the operator, which minted the
   * NFT and may update its metadata, sends `setMetaDataState` through the outbox. Asking for the state
   * the version is in (or going to) sends nothing; asking for the other while a change is being sent
   * is a 409.
   */
  async setListing(versionId: number, listed: boolean, requestedBy: number): Promise<ListingDto> {
    const nft = await this.publishedNft(versionId);
    const data = nftAbi.encodeFunctionData('setMetaDataState', [listed ? STATE_ACTIVE : STATE_UNLISTED]);
    const change = await this.sales.addListingChange(versionId, listed, requestedBy, (manager, changeId) =>
      this.outbox.enqueue(manager, [{ purpose: `listing:${changeId}`, to: nft, data }]),
    );
    if (change === 'in-flight') {
      throw new SalesException(
        ErrorCode.CONFLICT,
        `Dataset version ${versionId} has a listing change still being sent: ask again once it is confirmed or failed`,
      );
    }
    if (change !== 'unchanged') void this.outbox.kick();
    return mapListing(versionId, await this.sales.lastListingChange(versionId));
  }

  private async publishedNft(versionId: number): Promise<string> {
    const publication = await this.sales.publication(versionId);
    if (!publication) throw new SalesException(ErrorCode.DATASET_NOT_FOUND, `No dataset version ${versionId}`);
    if (publication.status !== 'published' || !publication.nftAddress) {
      throw new SalesException(ErrorCode.DATASET_NOT_PUBLISHED, `Dataset version ${versionId} is not published on Ocean`);
    }
    return publication.nftAddress;
  }

  /**
   * Only the base token Tessera prices its versions in converts at par; a sale paid in another token
   * (an asset repriced by hand) is recorded without a share rather than converted at a made-up rate.
   */
  private async isPlatformBaseToken(token: string): Promise<boolean> {
    const ours = this.config.ocean.addresses?.oceanToken ?? (await this.chainState.recorded('ocean:oceanToken'));
    const same = ours !== undefined && ours.toLowerCase() === token.toLowerCase();
    if (!same) this.logger.warn(`a sale paid in ${token}, not in the platform's base token ${ours ?? '(none)'}: no share`);
    return same;
  }

  private async shareBps(): Promise<number> {
    return (await this.sales.shareBps()) ?? this.config.sales.defaultShareBps;
  }

  private tokenDecimals(token: string): Promise<number> {
    const key = token.toLowerCase();
    let decimals = this.decimals.get(key);
    if (!decimals) {
      decimals = this.chain.call(token, erc20.encodeFunctionData('decimals')).then(
        (answer) => Number(erc20.decodeFunctionResult('decimals', answer)[0]),
        (error: unknown) => {
          this.decimals.delete(key);
          throw new SalesException(ErrorCode.CHAIN_UNAVAILABLE, `Cannot read the decimals of ${token}: ${String(error)}`);
        },
      );
      this.decimals.set(key, decimals);
    }
    return decimals;
  }
}
