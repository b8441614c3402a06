import { Inject, Injectable } from '@nestjs/common';
import { ChainTxsService } from '../chain/chain-txs.service.js';
import { CHAIN_PORT, type ChainPort, type TxReceipt } from '../chain/chain.port.js';
import type { ChainTxIntent } from '../chain/domain/tx-intent.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { formatTokens, parseTokens } from '../rewards/domain/reward-math.js';
import { buildDatasetDdo, type DatasetDdoInput, type Ddo } from './domain/ddo.js';
import { decodePlainMetadata, encodePlainMetadata, metadataHash } from './domain/metadata-encoding.js';
import {
  decryptFilesObject,
  encryptFilesObject,
  providerAddress,
  providerPublicKey,
  type FilesObject,
} from './domain/provider-encryption.js';
import {
  OCEAN_CONTRACTS,
  type MetadataEvent,
  type MintedAsset,
  type OceanContractsPort,
  type OceanContractsRef,
} from './ocean-contracts.port.js';
import { OceanException } from './ocean.exception.js';

/** ocean.js createAsset's datatoken cap: 100000 datatokens (each sale mints one, up to the cap). */
export const DEFAULT_DATATOKEN_CAP = '100000';
/** ocean.js createAsset's dispenser: one datatoken per request, a holder may hold up to 100000000. */
const DISPENSER_MAX_TOKENS = parseTokens('1');
const DISPENSER_MAX_BALANCE = parseTokens('100000000');
/** The datatoken template that sells and orders in one transaction (buyFromFreAndOrder / buyFromDispenserAndOrder). */
export const ENTERPRISE_TEMPLATE_INDEX = 2;
/** setMetaData state: 0 active (1 end-of-life, 2 deprecated, 3 revoked, 4 ordering disabled, 5 unlisted). */
const STATE_ACTIVE = 0;

export interface MintRequest {
  /** The outbox purpose, unique per asset: asking twice with the same purpose mints once (e.g. `dataset:12:mint`). */
  purpose: string;
  /** The data NFT's name and symbol. */
  name: string;
  symbol: string;
  /** Default: `<name> Datatoken` and `<symbol>-DT`. */
  datatokenName?: string;
  datatokenSymbol?: string;
  /** Receives the sales (the datatoken's payment collector); default the operator. */
  paymentCollector?: string;
  /** Default ''. */
  tokenURI?: string;
  /** Decimal datatokens; default DEFAULT_DATATOKEN_CAP. */
  cap?: string;
  /** A decimal amount of the base token (OCEAN) per datatoken, e.g. `"2.5"`: a fixed-rate exchange. */
  price?: string;
  /** A dispenser instead of an exchange: the datatoken is free. */
  free?: boolean;
}

/** The DDO found on a data NFT, decoded from its last MetadataCreated/MetadataUpdated event. */
export interface PublishedDdo {
  ddo: Ddo;
  /** The hash set on chain, and whether it is sha256 of the data as Ocean's indexer checks it. */
  hash: string;
  hashValid: boolean;
  state: number;
  decryptorUrl: string;
  event: MetadataEvent['event'];
  txHash: string;
  blockNumber: number;
}

/** Where a transaction recorded in the outbox stands, with its receipt once mined. */
export type TxOutcome =
  | { status: 'unknown' }
  | { status: 'pending'; txHash: string | null }
  | { status: 'failed'; txHash: string | null; error: string }
  | { status: 'confirmed'; txHash: string; gasUsed: number; blockNumber: number; receipt: TxReceipt };

/**
 * Publishing on Ocean for whichever module owns the asset: intents for the outbox (mint a data NFT with
 * its datatoken and sale in one transaction; set its DDO), the reading of their results, and the
 * provider-side encryption of files. Every chain step is an outbox intent with a caller-chosen purpose,
 * so a job that records the purpose with its own state resumes after a crash without a second mint:
 *
 *   1. `outbox.enqueue(manager, [publisher.mintIntent({purpose: 'dataset:7:mint', ...})])` in the job's transaction;
 *   2. `publisher.outcome('dataset:7:mint')` until confirmed, then `publisher.readMint(outcome.receipt)`;
 *   3. `publisher.datasetDdo({...minted, files, metadata})`, then enqueue `publisher.metadataIntent({purpose: 'dataset:7:metadata', ...})`;
 *   4. `publisher.outcome('dataset:7:metadata')` until confirmed; `publisher.readDdo(nftAddress)` shows what Ocean sees.
 */
/**
 * The lowest rate (base-token wei per datatoken, 18 decimals) Ocean's FixedRateExchange takes:
 * `createWithDecimals` reverts below its MIN_RATE, 10^10, so a price under 0.00000001 base tokens
 * would only burn gas.
 */
export const MIN_FIXED_RATE = 10n ** 10n;

@Injectable()
export class OceanPublisherService {
  constructor(
    @Inject(OCEAN_CONTRACTS) private readonly ref: OceanContractsRef,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    private readonly txs: ChainTxsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether Ocean's contracts are known on this chain (else every chain method throws OCEAN_NOT_CONFIGURED). */
  get available(): boolean {
    return this.ref.contracts !== null;
  }

  /** The provider's URL: Tessera's public URL, where buyers initialize orders and download (the DDO's serviceEndpoint). */
  get providerUrl(): string {
    return this.config.publicUrl.toString().replace(/\/$/, '');
  }

  get providerAddress(): string {
    return providerAddress(this.providerKey());
  }

  /** Uncompressed secp256k1 public key (`0x04…`), what files are encrypted for. */
  get providerPublicKey(): string {
    return providerPublicKey(this.providerKey());
  }

  /** The files object encrypted for the provider (ECIES as Ocean Node does it): the access service's `files`. */
  encryptFiles(files: FilesObject): string {
    return encryptFilesObject(this.providerPublicKey, files);
  }

  /** What a download needs: the files object back, with the provider key. */
  decryptFiles(encrypted: string): FilesObject {
    return decryptFilesObject(this.providerKey(), encrypted);
  }

  /** The DDO 4.1 of a minted dataset: `files` encrypted for the provider, served from the provider URL. */
  datasetDdo(input: {
    nftAddress: string;
    datatokenAddress: string;
    files: FilesObject['files'];
    metadata: DatasetDdoInput['metadata'];
    timeout?: number;
  }): Ddo {
    const contracts = this.contracts();
    const nftAddress = contracts.checksum(input.nftAddress);
    const datatokenAddress = contracts.checksum(input.datatokenAddress);
    return buildDatasetDdo({
      chainId: this.chain.info.chainId,
      nftAddress,
      datatokenAddress,
      encryptedFiles: this.encryptFiles({ nftAddress, datatokenAddress, files: input.files }),
      serviceEndpoint: this.providerUrl,
      metadata: input.metadata,
      ...(input.timeout !== undefined ? { timeout: input.timeout } : {}),
    });
  }

  /**
   * The transaction minting a data NFT (owned by the operator, which sets its metadata) with a datatoken
   * of the enterprise template and, in the same transaction, a fixed-rate exchange at `price` base tokens
   * (minting on sale) or a dispenser when `free`. Enqueue it with OutboxService.enqueue.
   */
  mintIntent(request: MintRequest): ChainTxIntent {
    const contracts = this.contracts();
    if (request.free === true && request.price !== undefined) {
      throw new OceanException(ErrorCode.VALIDATION_FAILED, 'Give a price or free, not both', 'price');
    }
    if (request.free !== true && request.price === undefined) {
      throw new OceanException(ErrorCode.VALIDATION_FAILED, 'A price (decimal base tokens) or free: true is required', 'price');
    }
    const operator = this.chain.address('operator');
    const rate = request.price === undefined ? undefined : this.amount(request.price, 'price');
    if (rate !== undefined && rate < MIN_FIXED_RATE) {
      throw new OceanException(
        ErrorCode.VALIDATION_FAILED,
        `The price must be at least ${formatTokens(MIN_FIXED_RATE)} (the exchange's lowest rate), or free: true`,
        'price',
      );
    }
    const cap = this.amount(request.cap ?? DEFAULT_DATATOKEN_CAP, 'cap');
    if (cap === 0n) throw new OceanException(ErrorCode.VALIDATION_FAILED, 'The cap must be above 0', 'cap');
    for (const field of ['purpose', 'name', 'symbol'] as const) {
      if (request[field].trim() === '') throw new OceanException(ErrorCode.VALIDATION_FAILED, `${field} must not be empty`, field);
    }
    const paymentCollector = request.paymentCollector === undefined ? operator : this.address(request.paymentCollector, 'paymentCollector');
    const call = contracts.createNftWithDatatoken({
      nft: { name: request.name, symbol: request.symbol, tokenURI: request.tokenURI ?? '', owner: operator },
      datatoken: {
        templateIndex: ENTERPRISE_TEMPLATE_INDEX,
        name: request.datatokenName ?? `${request.name} Datatoken`,
        symbol: request.datatokenSymbol ?? `${request.symbol}-DT`,
        minter: operator,
        paymentCollector,
        cap,
      },
      sale:
        rate === undefined
          ? { kind: 'dispenser', maxTokens: DISPENSER_MAX_TOKENS, maxBalance: DISPENSER_MAX_BALANCE }
          : { kind: 'fixed-rate', owner: operator, baseToken: contracts.addresses.oceanToken, baseTokenDecimals: 18, rate },
    });
    return { purpose: request.purpose, ...call };
  }

  /** The NFT, datatoken and exchange (or dispenser) a confirmed mint created. */
  readMint(receipt: TxReceipt): MintedAsset {
    const minted = this.contracts().mintedBy(receipt.logs);
    if (!minted) throw new Error('the receipt holds no NFTCreated, TokenCreated and NewFixedRate/DispenserCreated events of the factory');
    return minted;
  }

  /**
   * The transaction setting `ddo` on the NFT as plain metadata (flags 0x00, state active, decryptor URL
   * the provider's), which Ocean's indexers read and check by hash.
   */
  metadataIntent(request: { purpose: string; nftAddress: string; ddo: Ddo }): ChainTxIntent {
    const contracts = this.contracts();
    const nft = this.address(request.nftAddress, 'nftAddress');
    if (contracts.checksum(request.ddo.nftAddress) !== nft) {
      throw new OceanException(ErrorCode.VALIDATION_FAILED, `The DDO describes ${request.ddo.nftAddress}, not ${nft}`, 'ddo.nftAddress');
    }
    const encoded = encodePlainMetadata(request.ddo);
    const call = contracts.setMetadata(nft, { state: STATE_ACTIVE, decryptorUrl: this.providerUrl, decryptorAddress: '', ...encoded });
    return { purpose: request.purpose, ...call };
  }

  /** The DDO the NFT's metadata events hold now (the last one wins, as for Ocean's indexers); null when none. */
  async readDdo(nftAddress: string): Promise<PublishedDdo | null> {
    const contracts = this.contracts();
    const events = await contracts.metadataEvents(this.address(nftAddress, 'nftAddress'), contracts.addresses.startBlock);
    const last = events.at(-1);
    if (!last) return null;
    return {
      ddo: decodePlainMetadata(last.flags, last.data) as Ddo,
      hash: last.hash,
      hashValid: metadataHash(last.data) === last.hash.toLowerCase(),
      state: last.state,
      decryptorUrl: last.decryptorUrl,
      event: last.event,
      txHash: last.txHash,
      blockNumber: last.blockNumber,
    };
  }

  /** Where the outbox's transaction of `purpose` stands; once confirmed, with its receipt (for readMint). */
  async outcome(purpose: string): Promise<TxOutcome> {
    const tx = await this.txs.byPurpose(purpose);
    if (!tx) return { status: 'unknown' };
    if (tx.status === 'failed' || tx.status === 'cancelled') {
      return { status: 'failed', txHash: tx.hash, error: tx.error ?? tx.status };
    }
    if (tx.status !== 'confirmed' || !tx.hash) return { status: 'pending', txHash: tx.hash };
    const receipt = await this.chain.receipt(tx.hash);
    if (!receipt) return { status: 'pending', txHash: tx.hash };
    return { status: 'confirmed', txHash: tx.hash, gasUsed: receipt.gasUsed, blockNumber: receipt.blockNumber, receipt };
  }

  private contracts(): OceanContractsPort {
    if (!this.ref.contracts) {
      throw new OceanException(
        ErrorCode.OCEAN_NOT_CONFIGURED,
        'Ocean is not configured on this chain: set OCEAN_ADDRESS_FILE (or OCEAN_*_ADDRESS, or DEPLOY_CONTRACTS=true)',
      );
    }
    return this.ref.contracts;
  }

  private providerKey(): string {
    const key = this.config.ocean.providerKey;
    if (!key)
      throw new OceanException(
        ErrorCode.OCEAN_NOT_CONFIGURED,
        'PROVIDER_PRIVATE_KEY is not set: nothing can be encrypted for the provider',
      );
    return key;
  }

  private amount(decimal: string, field: string): bigint {
    try {
      return parseTokens(decimal);
    } catch {
      throw new OceanException(ErrorCode.VALIDATION_FAILED, `"${decimal}" is not a decimal amount with at most 18 decimals`, field);
    }
  }

  private address(address: string, field: string): string {
    try {
      return this.contracts().checksum(address);
    } catch {
      throw new OceanException(ErrorCode.VALIDATION_FAILED, `"${address}" is not an address`, field);
    }
  }
}
