import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  getAddress,
  getBytes,
  hexlify,
  isAddress,
  keccak256,
  Signature,
  solidityPackedKeccak256,
  toBeArray,
  toUtf8Bytes,
  verifyMessage,
  Wallet,
} from 'ethers';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { IndexerService } from '../indexer/indexer.service.js';
import { isDid } from '../ocean/domain/ddo.js';
import { digestMessages } from '../provider/domain/signed-messages.js';
import { mapResolvedAsset, type DdoValidationDto, type ValidateDdoDto } from './aquarius.dto.js';
import { AquariusException } from './aquarius.exception.js';
import { ddoProblem } from './domain/ddo-validation.js';
import { QueryError, search, type SearchHits } from './domain/es-query.js';

/** Ocean's metadata role (Aquarius / Ocean Node's `/api/aquarius`) over the assets the indexer knows. */
@Injectable()
export class AquariusService {
  constructor(
    private readonly indexer: IndexerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async resolve(did: string): Promise<Record<string, unknown>> {
    const asset = isDid(did) ? await this.indexer.asset(did) : null;
    if (!asset) throw new AquariusException(ErrorCode.ASSET_NOT_FOUND, `No asset ${did} is indexed`, 'did');
    return mapResolvedAsset(asset);
  }

  /**
   * The asset for `GET /assets/metadata/:did`: Ocean Node 3.2 answers it with the whole DDO, the
   * older Aquarius with the DDO's `metadata`; both at once (no key of a DDO 4.1's metadata is a
   * top-level key of the DDO), so that scripts written against either read what they expect.
   */
  async metadata(did: string): Promise<Record<string, unknown>> {
    const resolved = await this.resolve(did);
    // The resolved DDO's own fields win: a publisher's metadata cannot stand in for what was indexed.
    return { ...((resolved['metadata'] ?? {}) as Record<string, unknown>), ...resolved };
  }

  async query(body: unknown): Promise<SearchHits> {
    const docs = (await this.indexer.assets()).map(mapResolvedAsset);
    try {
      return search(docs, body, (doc) => String(doc['id']));
    } catch (error) {
      if (error instanceof QueryError) throw new AquariusException(ErrorCode.VALIDATION_FAILED, error.message, error.field);
      throw error;
    }
  }

  /**
   * Checks the DDO's required fields, then signs its hash with the provider key as Ocean Node's
   * validateDDO does (getValidationSignature): hash = '0x' + sha256(JSON.stringify(ddo)), signed as
   * EIP-191 over keccak256(utf8 bytes of the hash). When a publisher signature is given it must
   * recover the publisher (message publisherAddress + nonce [+ "validateDDO"]); nonces are not tracked here.
   */
  async validate(body: ValidateDdoDto): Promise<DdoValidationDto> {
    const problem = ddoProblem(body.ddo);
    if (problem) throw new AquariusException(ErrorCode.VALIDATION_FAILED, problem.message, problem.field);
    if (body.signature !== undefined || body.publisherAddress !== undefined) this.checkPublisher(body);
    const key = this.config.ocean.providerKey;
    if (!key) throw new AquariusException(ErrorCode.OCEAN_NOT_CONFIGURED, 'PROVIDER_PRIVATE_KEY is not set: nothing can be signed');
    const hash = `0x${createHash('sha256').update(JSON.stringify(body.ddo)).digest('hex')}`;
    const wallet = new Wallet(key);
    const messageHash = solidityPackedKeccak256(['bytes'], [hexlify(toUtf8Bytes(hash))]);
    const signature = Signature.from(await wallet.signMessage(toBeArray(messageHash)));
    return { hash, publicKey: wallet.address, r: [signature.r], s: [signature.s], v: signature.v };
  }

  private checkPublisher(body: ValidateDdoDto): void {
    const { publisherAddress, nonce, signature } = body;
    if (!publisherAddress || !isAddress(publisherAddress)) {
      throw new AquariusException(
        ErrorCode.VALIDATION_FAILED,
        'publisherAddress must be an address when a signature is given',
        'publisherAddress',
      );
    }
    if (!nonce || !signature) {
      throw new AquariusException(
        ErrorCode.VALIDATION_FAILED,
        'publisherAddress, nonce and signature go together',
        nonce ? 'signature' : 'nonce',
      );
    }
    const publisher = getAddress(publisherAddress);
    const recovers = [`${publisherAddress}${nonce}validateDDO`, `${publisherAddress}${nonce}`]
      .flatMap((text) => digestMessages(getBytes(keccak256(toUtf8Bytes(text)))))
      .some((message) => {
        try {
          return getAddress(verifyMessage(message, signature)) === publisher;
        } catch {
          return false;
        }
      });
    if (!recovers) throw new AquariusException(ErrorCode.SIGNATURE_INVALID, 'the signature does not recover publisherAddress', 'signature');
  }
}
