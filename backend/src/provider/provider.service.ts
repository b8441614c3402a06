import { Inject, Injectable } from '@nestjs/common';
import { Signature, SigningKey, verifyMessage, Wallet, ZeroAddress } from 'ethers';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { DatasetFileDto } from '../datasets/datasets.dto.js';
import { DatasetsService, type PublishedDatasetAsset, type RangedDatasetFile } from '../datasets/datasets.service.js';
import { ErrorCode } from '../errors/app.exception.js';
import { isDid } from '../ocean/domain/ddo.js';
import { decryptFilesObject, eciesEncrypt, providerPublicKey } from '../ocean/domain/provider-encryption.js';
import { orderRefusal, stateAllowsOrdering } from './domain/order-check.js';
import { providerDataHex, providerFeeDigest, requestMessages, type SignedCommand } from './domain/signed-messages.js';
import { OrderReader } from './order-reader.js';
import { ProviderNoncesRepository } from './provider-nonces.repository.js';
import { ProviderException } from './provider.exception.js';
import type {
  DownloadQueryDto,
  EncryptQueryDto,
  FileInfoDto,
  FileInfoRequestDto,
  InitializeQueryDto,
  InitializeResultDto,
  NodeRootDto,
} from './provider.dto.js';

/** The provider's software version in its root answer (Ocean Node answers its own). */
export const PROVIDER_VERSION = '0.1.0';

/** Ocean Node's paths for the services Tessera provides (ocean.js reads them from the root). */
const SERVICE_ENDPOINTS: NodeRootDto['serviceEndpoints'] = {
  nonce: ['GET', '/api/services/nonce'],
  encrypt: ['POST', '/api/services/encrypt'],
  fileInfo: ['POST', '/api/services/fileInfo'],
  initialize: ['GET', '/api/services/initialize'],
  download: ['GET', '/api/services/download'],
};

interface AccessService {
  id: string;
  type: string;
  files: string;
  datatokenAddress: string;
  timeout: number;
}

/**
 * Tessera in the Provider role of an Ocean Node, for the assets it published: nonces, provider fees
 * signed with PROVIDER_PRIVATE_KEY, encryption for that key, file information, and downloads checked
 * as Ocean Node checks them (order on chain, nonce, signature, NFT state) then streamed decrypted.
 */
/**
 * The largest nonce taken: ocean.js asks for the last nonce and signs `(last + 1).toString()` with
 * JavaScript numbers, exact up to 2^53 - 1; past that its next nonce is not larger (or not digits),
 * and the consumer could never sign a request again.
 */
const MAX_NONCE = BigInt(Number.MAX_SAFE_INTEGER) - 1n;

@Injectable()
export class ProviderService {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly nonces: ProviderNoncesRepository,
    private readonly orders: OrderReader,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What an Ocean Node answers at its root: ocean.js reads `serviceEndpoints` and `providerAddress` from it. */
  root(): NodeRootDto {
    const wallet = this.wallet();
    return {
      nodeId: wallet.address.toLowerCase(),
      chainIds: [this.chain.info.chainId],
      providerAddress: wallet.address,
      nodePublicKey: SigningKey.computePublicKey(wallet.signingKey.publicKey, true),
      serviceEndpoints: SERVICE_ENDPOINTS,
      software: 'Tessera',
      version: PROVIDER_VERSION,
    };
  }

  async nonce(userAddress: string): Promise<{ nonce: string }> {
    return { nonce: (await this.nonces.last(this.address(userAddress, 'userAddress'))) ?? '0' };
  }

  /**
   * A provider fee for ordering the service (free: amount 0, token the zero address), signed as
   * startOrder recovers it; valid for the service's timeout from now (0: no limit).
   */
  async initialize(query: InitializeQueryDto): Promise<InitializeResultDto> {
    const consumer = this.address(query.consumerAddress, 'consumerAddress');
    const asset = await this.asset(query.documentId);
    const { service } = this.service(asset, query.serviceId);
    await this.checkOrderable(asset);
    const wallet = this.wallet();
    const validUntil = service.timeout > 0 ? BigInt(Math.floor(Date.now() / 1000) + service.timeout) : 0n;
    const providerData = providerDataHex(service.datatokenAddress, service.id);
    const digest = providerFeeDigest({
      providerData,
      providerFeeAddress: wallet.address,
      providerFeeToken: ZeroAddress,
      providerFeeAmount: 0n,
      validUntil,
    });
    const signature = Signature.from(await wallet.signMessage(digest));
    return {
      datatoken: service.datatokenAddress,
      nonce: (await this.nonces.last(consumer)) ?? '0',
      computeAddress: wallet.address,
      providerFee: {
        providerFeeAddress: wallet.address,
        providerFeeToken: ZeroAddress,
        providerFeeAmount: '0',
        providerData,
        v: signature.v,
        r: signature.r,
        s: signature.s,
        validUntil: validUntil.toString(),
      },
    };
  }

  /**
   * Every check of Ocean Node's download, each refusal a 4xx before a byte is read: the signature and
   * a fresh nonce, the asset and service, the NFT state, the order on chain; then the file (or the
   * asked byte range of it), decrypted as it streams.
   */
  async download(query: DownloadQueryDto, rangeHeader: string | undefined): Promise<RangedDatasetFile> {
    const consumer = this.address(query.consumerAddress, 'consumerAddress');
    await this.checkSigned(query.consumerAddress, query.nonce, query.signature, 'download');
    const asset = await this.asset(query.documentId);
    const { service, index } = this.service(asset, query.serviceId);
    await this.checkOrderable(asset);
    if (!/^0x[0-9a-fA-F]{64}$/.test(query.transferTxId)) {
      throw new ProviderException(ErrorCode.VALIDATION_FAILED, 'transferTxId must be a transaction hash', 'transferTxId');
    }
    const refusal = orderRefusal(await this.orders.orderFacts(query.transferTxId, asset.nftAddress), {
      datatoken: service.datatokenAddress,
      nftAddress: asset.nftAddress,
      serviceId: service.id,
      serviceIndex: index,
      consumer,
      providerAddress: this.wallet().address,
      timeout: service.timeout,
      now: await this.orders.now(),
    });
    if (refusal) throw new ProviderException(ErrorCode.PROVIDER_ORDER_INVALID, refusal);
    const file = this.fileOf(asset, service, query.fileIndex);
    return this.datasets.openFileForRange(asset.versionId, file.name, rangeHeader);
  }

  /** ECIES-encrypts `data` for the provider key (what a DDO's `files` holds), for a signed request. */
  async encrypt(query: EncryptQueryDto, data: Uint8Array): Promise<string> {
    if (query.chainId !== undefined && Number(query.chainId) !== this.chain.info.chainId) {
      throw new ProviderException(ErrorCode.VALIDATION_FAILED, `chainId ${query.chainId} is not served here`, 'chainId');
    }
    await this.checkSigned(query.consumerAddress, query.nonce, query.signature, 'encrypt');
    if (data.length === 0) throw new ProviderException(ErrorCode.VALIDATION_FAILED, 'Nothing to encrypt', 'body');
    return eciesEncrypt(providerPublicKey(this.key()), data);
  }

  /** The files of a service of one of Tessera's assets, as Ocean Node's fileInfo lists them (no URL or CID revealed). */
  async fileInfo(body: FileInfoRequestDto): Promise<FileInfoDto[]> {
    // A storage object (ocean.js getFileInfo: a URL, a CID...) is not fetched for anyone: answered as
    // Ocean Node answers a file it cannot reach, so that the script reads a result, not a refusal.
    if (!body.did && body.type) return [{ type: body.type, valid: false, contentLength: '0', contentType: '', name: '' }];
    if (!body.did || !body.serviceId) {
      throw new ProviderException(
        ErrorCode.VALIDATION_FAILED,
        'did and serviceId are required: only the files of assets published here are described',
        'did',
      );
    }
    const asset = await this.asset(body.did);
    const { service } = this.service(asset, body.serviceId);
    return this.decryptedFiles(asset, service).map((entry) => {
      const file = asset.files.find((candidate) => candidate.cid === entry.hash);
      return file
        ? {
            type: 'ipfs',
            valid: true,
            contentLength: String(file.bytes),
            contentType: file.mediaType,
            name: file.name,
            checksum: file.sha256,
          }
        : { type: entry.type, valid: false, contentLength: '0', contentType: '', name: '' };
    });
  }

  private async checkSigned(consumerAddress: string, nonce: string, signature: string, command: SignedCommand): Promise<void> {
    const consumer = this.address(consumerAddress, 'consumerAddress');
    if (!/^\d{1,70}$/.test(nonce))
      throw new ProviderException(ErrorCode.VALIDATION_FAILED, 'nonce must be a non-negative integer', 'nonce');
    if (BigInt(nonce) > MAX_NONCE) {
      // Stored, it would lock the consumer out: ocean.js signs the last nonce + 1 in JavaScript numbers.
      throw new ProviderException(ErrorCode.VALIDATION_FAILED, `nonce must be at most ${MAX_NONCE}`, 'nonce');
    }
    const signedBy = (message: Uint8Array) => {
      try {
        return verifyMessage(message, signature).toLowerCase() === consumer.toLowerCase();
      } catch {
        return false;
      }
    };
    if (!requestMessages(consumerAddress, nonce, command).some(signedBy)) {
      throw new ProviderException(ErrorCode.PROVIDER_SIGNATURE_INVALID, 'consumer address and nonce signature mismatch');
    }
    // Stored only once the signature holds: nobody can use up another address's nonces.
    if (!(await this.nonces.advance(consumer, BigInt(nonce)))) {
      throw new ProviderException(ErrorCode.PROVIDER_NONCE_INVALID, `nonce: ${nonce} is not a valid nonce`);
    }
  }

  private async asset(did: string): Promise<PublishedDatasetAsset> {
    const asset = isDid(did) ? await this.datasets.publishedAsset(did) : null;
    if (!asset) throw new ProviderException(ErrorCode.PROVIDER_ASSET_NOT_FOUND, `No asset ${did} is provided here`);
    return asset;
  }

  private service(asset: PublishedDatasetAsset, serviceId: string): { service: AccessService; index: number } {
    const services = (asset.ddo['services'] ?? []) as AccessService[];
    const index = services.findIndex((service) => service.id === serviceId);
    if (index < 0) throw new ProviderException(ErrorCode.PROVIDER_ASSET_NOT_FOUND, `Asset ${asset.did} has no service ${serviceId}`);
    return { service: services[index]!, index };
  }

  private async checkOrderable(asset: PublishedDatasetAsset): Promise<void> {
    const state = await this.orders.nftState(asset.nftAddress);
    if (!stateAllowsOrdering(state)) {
      throw new ProviderException(ErrorCode.PROVIDER_ASSET_NOT_ORDERABLE, `Asset ${asset.did} is not orderable: its NFT state is ${state}`);
    }
  }

  private decryptedFiles(asset: PublishedDatasetAsset, service: AccessService): Array<{ type: string; hash?: string }> {
    const files = decryptFilesObject(this.key(), service.files);
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    if (!same(files.nftAddress, asset.nftAddress) || !same(files.datatokenAddress, service.datatokenAddress)) {
      throw new ProviderException(ErrorCode.PROVIDER_ORDER_INVALID, 'The files of this service belong to another asset');
    }
    return files.files.map((file) => ({ type: file.type, ...(typeof file['hash'] === 'string' ? { hash: file['hash'] } : {}) }));
  }

  private fileOf(asset: PublishedDatasetAsset, service: AccessService, fileIndex: string): DatasetFileDto {
    if (!/^\d{1,6}$/.test(fileIndex)) throw new ProviderException(ErrorCode.VALIDATION_FAILED, 'fileIndex must be an index', 'fileIndex');
    const entry = this.decryptedFiles(asset, service)[Number(fileIndex)];
    if (!entry) throw new ProviderException(ErrorCode.PROVIDER_ASSET_NOT_FOUND, `Service ${service.id} has no file ${fileIndex}`);
    const file = asset.files.find((candidate) => candidate.cid === entry.hash);
    if (!file)
      throw new ProviderException(ErrorCode.PROVIDER_ASSET_NOT_FOUND, `File ${fileIndex} of service ${service.id} is not stored here`);
    return file;
  }

  private address(value: string, field: string): string {
    if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new ProviderException(ErrorCode.VALIDATION_FAILED, `${field} must be an address`, field);
    return value;
  }

  private key(): string {
    const key = this.config.ocean.providerKey;
    if (!key)
      throw new ProviderException(ErrorCode.OCEAN_NOT_CONFIGURED, 'PROVIDER_PRIVATE_KEY is not set: this server provides no assets');
    return key;
  }

  private wallet(): Wallet {
    return new Wallet(this.key());
  }
}
