import { createRequire } from 'node:module';
import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { MIN_FIXED_RATE, OceanPublisherService } from '../ocean/ocean-publisher.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { formatTokens, parseTokens } from '../rewards/domain/reward-math.js';
import { STORAGE_PORT, type StoragePort } from '../storage/storage.port.js';
import { BUILD_JOB_TIMEOUT_SECONDS, DATASET_BUILD_QUEUE } from './dataset-build.service.js';
import { parseByteRange } from './byte-range.util.js';
import { DatasetPublicationsRepository } from './dataset-publications.repository.js';
import { DATASET_PUBLISH_QUEUE, publishPurpose } from './dataset-publish.service.js';
import { DatasetsRepository } from './datasets.repository.js';
import {
  mapDataset,
  mapDatasetFile,
  mapPublication,
  type CreateDatasetDto,
  type CreateSyntheticDto,
  type DATASET_FILTERS,
  type DatasetCreatedDto,
  type DatasetDto,
  type DatasetFileDto,
  type PublishDatasetDto,
  type PublishQueuedDto,
} from './datasets.dto.js';
import { DatasetException } from './datasets.exception.js';
import type { DatasetSchema, Split } from './domain/dataset-record.js';
import { checkFractions, DEFAULT_SPLITS } from './domain/split.js';
import { jsonlObject } from './export/jsonl.writer.js';
import { DecryptedBatchCache, decryptRange, newDataKey } from './encryption/chunked-cipher.js';
import { unwrapKey, wrapKey } from './encryption/key-wrap.js';

/** SPDX licence identifiers (spdx-license-ids, the list spdx.org/licenses publishes), case as SPDX writes them. */
const SPDX_IDS: ReadonlyMap<string, string> = (() => {
  const require = createRequire(import.meta.url);
  const ids = [...(require('spdx-license-ids') as string[]), ...(require('spdx-license-ids/deprecated.json') as string[])];
  return new Map(ids.map((id) => [id.toLowerCase(), id]));
})();

/** A file opened for an HTTP request's Range header: the whole file, one range of it (partial), or a range outside it. */
export type RangedDatasetFile = { kind: 'unsatisfiable'; bytes: number } | { kind: 'file'; opened: OpenDatasetFile; partial: boolean };

/** A version published on Ocean, as the provider role serves it: its DDO and the files its CIDs name. */
export interface PublishedDatasetAsset {
  versionId: number;
  did: string;
  nftAddress: string;
  datatokenAddress: string;
  /** The DDO set on the NFT (its services' `files` encrypted for the provider key). */
  ddo: Record<string, unknown>;
  files: DatasetFileDto[];
}

/**
 * Decrypted plaintext kept for downloads of the same file running at once: 64 MiB, about twenty
 * 3 MiB batches, so that twenty buyers a batch or so apart each find the batch they need; a reader
 * further behind decrypts for itself. A bound on memory, not a figure for speed: the downloads are
 * correct at any size, 0 included.
 */
const SHARED_PLAINTEXT_BYTES = 64 * 1024 * 1024;

/** Project types whose versions have a synthesizer (records of fields and texts with a label). */
const SYNTHESIZABLE: readonly string[] = ['classification', 'multilabel'];

/** An open file of a version: its listing, the plaintext byte range served, and the decrypted bytes. */
export interface OpenDatasetFile {
  file: DatasetFileDto;
  /** First and last plaintext byte served (inclusive); `end` is start - 1 for an empty file. */
  start: number;
  end: number;
  body: AsyncIterable<Uint8Array>;
}

@Injectable()
export class DatasetsService {
  private readonly masterKey: Buffer;
  /** Plaintext shared by concurrent downloads of one file (see DecryptedBatchCache). */
  private readonly decrypted = new DecryptedBatchCache(SHARED_PLAINTEXT_BYTES);
  private readonly explorerTxUrl: string | null;
  /** A publish job may wait out an outage for PUBLISH_RETRY_SECONDS: its timeout leaves room for that. */
  private readonly publishJobSeconds: number;

  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly publications: DatasetPublicationsRepository,
    private readonly projects: ProjectsService,
    private readonly publisher: OceanPublisherService,
    @Inject(STORAGE_PORT) private readonly storage: StoragePort,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.masterKey = Buffer.from(config.datasetMasterKey, 'hex');
    this.explorerTxUrl = config.chain.explorerTxUrl ?? null;
    this.publishJobSeconds = config.publishRetrySeconds + 600;
  }

  /**
   * Asks for the version's publication on Ocean (a background job; GET shows its steps): a ready
   * version, a price or free, Ocean configured. A failed publication can be asked for again.
   */
  async publish(id: number, body: PublishDatasetDto, requestedBy: number | null): Promise<PublishQueuedDto> {
    const free = body.free === true;
    // null is no price (the validation lets it through as absent).
    const price = body.price ?? undefined;
    if (free && price !== undefined)
      throw new DatasetException(ErrorCode.VALIDATION_FAILED, 'give a price or free: true, not both', 'price');
    if (!free && price === undefined) {
      throw new DatasetException(
        ErrorCode.VALIDATION_FAILED,
        'a price (decimal base tokens per datatoken) or free: true is required',
        'price',
      );
    }
    if (!free && /^0*(\.0*)?$/.test(price!)) {
      throw new DatasetException(ErrorCode.VALIDATION_FAILED, 'price must be above 0 (or free: true)', 'price');
    }
    if (!free && parseTokens(price!) < MIN_FIXED_RATE) {
      throw new DatasetException(
        ErrorCode.VALIDATION_FAILED,
        `price must be at least ${formatTokens(MIN_FIXED_RATE)}, the lowest rate Ocean's fixed-rate exchange takes (or free: true)`,
        'price',
      );
    }
    const version = await this.datasets.findById(id);
    if (!version) throw new DatasetException(ErrorCode.DATASET_NOT_FOUND, `Dataset version ${id} not found`);
    if (version.status !== 'ready') {
      throw new DatasetException(
        ErrorCode.DATASET_NOT_READY,
        `Dataset version ${id} is ${version.status}: only a ready version is published`,
      );
    }
    if (!version.itemCount) {
      throw new DatasetException(
        ErrorCode.DATASET_NOT_READY,
        `Dataset version ${id} has no items (its filters matched none): an empty dataset is not published`,
      );
    }
    if (!this.publisher.available) {
      throw new DatasetException(
        ErrorCode.OCEAN_NOT_CONFIGURED,
        'Ocean is not configured on this chain: set OCEAN_ADDRESS_FILE (or OCEAN_*_ADDRESS, or DEPLOY_CONTRACTS=true)',
      );
    }
    // Throws OCEAN_NOT_CONFIGURED without PROVIDER_PRIVATE_KEY: no file could be encrypted for the provider.
    void this.publisher.providerAddress;
    const publication = await this.publications.request(
      id,
      { price: free ? null : price!, free, requestedBy },
      // A chain transaction of an earlier try that failed for good (reverted or refused: nothing
      // happened on chain) gives its purpose back, so that this try sends its own.
      [publishPurpose(id, 'mint'), publishPurpose(id, 'metadata')],
      DATASET_PUBLISH_QUEUE,
      this.publishJobSeconds,
    );
    if (!publication)
      throw new DatasetException(ErrorCode.DATASET_ALREADY_PUBLISHED, `Dataset version ${id} is already published or publishing`);
    return { id, status: 'publishing' };
  }

  /** Records the version and enqueues its build (one transaction); the build runs in the background. */
  async create(body: CreateDatasetDto, createdBy: number | null): Promise<DatasetCreatedDto> {
    const license = SPDX_IDS.get(body.license.trim().toLowerCase());
    if (!license) {
      throw new DatasetException(
        ErrorCode.VALIDATION_FAILED,
        `license must be an SPDX identifier (spdx.org/licenses), got "${body.license}"`,
        'license',
      );
    }
    const splits = body.splits ? { train: body.splits.train, validation: body.splits.validation, test: body.splits.test } : DEFAULT_SPLITS;
    const problem = checkFractions(splits);
    if (problem) throw new DatasetException(ErrorCode.VALIDATION_FAILED, `${problem.field} ${problem.message}`, problem.field);
    const filters = { ...(body.filters ?? {}) };
    for (const field of ['from', 'to'] as const) {
      if (filters[field] === undefined) continue;
      // Stored as the instant it names, which PostgreSQL reads as JavaScript does (no time zone left to guess).
      // A time without offset is UTC, as a date alone is (JavaScript would read it as the server's local time).
      const value = filters[field];
      const instant = new Date(Date.parse(/T[^Z+-]*$/.test(value) ? `${value}Z` : value));
      const year = instant.getUTCFullYear();
      if (!(year >= 1 && year <= 9999))
        throw new DatasetException(
          ErrorCode.VALIDATION_FAILED,
          `filters.${field} must be a date of the years 1 to 9999`,
          `filters.${field}`,
        );
      filters[field] = instant.toISOString();
    }
    if (filters.from && filters.to && Date.parse(filters.from) > Date.parse(filters.to)) {
      throw new DatasetException(ErrorCode.VALIDATION_FAILED, 'filters.from must not be after filters.to', 'filters.from');
    }
    if (!(await this.projects.find(body.projectId))) {
      throw new DatasetException(ErrorCode.PROJECT_NOT_FOUND, `Project ${body.projectId} not found`, 'projectId');
    }
    const key = newDataKey();
    const version = await this.datasets.create(
      {
        projectId: body.projectId,
        kind: 'curated',
        sourceVersionId: null,
        name: body.name.trim(),
        description: body.description ?? '',
        license,
        intendedUse: body.intendedUse ?? null,
        filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
        splits: { ...splits },
        seed: body.seed ?? randomInt(0, 2_147_483_647),
        createdBy,
        provenance: null,
      },
      (id) => wrapKey(this.masterKey, id, key),
      { queue: DATASET_BUILD_QUEUE, jobTimeoutSeconds: BUILD_JOB_TIMEOUT_SECONDS },
    );
    key.fill(0);
    return { id: version.id, status: 'building' };
  }

  /**
   * Records a synthetic version made from a ready curated one, and enqueues its build: the same
   * project, licence and split fractions, its own seed. Refused before anything is written when the
   * source cannot be synthesized (its project type has no synthesizer, or it has no records).
   */
  async createSynthetic(sourceId: number, body: CreateSyntheticDto, createdBy: number | null): Promise<DatasetCreatedDto> {
    const source = await this.datasets.findById(sourceId);
    if (!source) throw new DatasetException(ErrorCode.DATASET_NOT_FOUND, `Dataset version ${sourceId} not found`);
    if (source.status !== 'ready') {
      throw new DatasetException(
        ErrorCode.DATASET_NOT_READY,
        `Dataset version ${sourceId} is ${source.status}: synthetic data needs a ready version`,
      );
    }
    if (source.kind !== 'curated') {
      throw new DatasetException(
        ErrorCode.SYNTHETIC_UNSUPPORTED,
        `Dataset version ${sourceId} is synthetic itself: make synthetic data from a curated version`,
      );
    }
    const project = await this.projects.find(source.projectId);
    if (!project) throw new DatasetException(ErrorCode.PROJECT_NOT_FOUND, `Project ${source.projectId} not found`);
    if (!SYNTHESIZABLE.includes(project.type)) {
      throw new DatasetException(
        ErrorCode.SYNTHETIC_UNSUPPORTED,
        `Synthetic data is made for classification and multi-label projects (records of fields and texts with their labels); project ${project.id} is ${project.type}`,
      );
    }
    if (!source.itemCount)
      throw new DatasetException(ErrorCode.SYNTHETIC_UNSUPPORTED, `Dataset version ${sourceId} has no records to learn from`);
    const key = newDataKey();
    const seed = body.seed ?? randomInt(0, 2_147_483_647);
    const version = await this.datasets.create(
      {
        projectId: source.projectId,
        kind: 'synthetic',
        sourceVersionId: source.id,
        name: `${source.name} (synthetic)`.slice(0, 200),
        description: `Synthetic rows made from dataset version ${source.id} ("${source.name}"). ${source.description}`.trim(),
        license: source.license,
        intendedUse: source.intendedUse,
        filters: {},
        splits: source.splits,
        seed,
        createdBy,
        provenance: { kind: 'synthetic', source: { versionId: source.id }, rows: body.rows, seed },
      },
      (id) => wrapKey(this.masterKey, id, key),
      { queue: DATASET_BUILD_QUEUE, jobTimeoutSeconds: BUILD_JOB_TIMEOUT_SECONDS },
    );
    key.fill(0);
    return { id: version.id, status: 'building' };
  }

  /** The published version behind an Ocean DID; null when no version of ours is published under it. */
  async publishedAsset(did: string): Promise<PublishedDatasetAsset | null> {
    const publication = await this.publications.findPublishedByDid(did);
    if (!publication?.ddo || !publication.nftAddress || !publication.datatokenAddress) return null;
    const files = await this.datasets.files(publication.versionId);
    return {
      versionId: publication.versionId,
      did,
      nftAddress: publication.nftAddress,
      datatokenAddress: publication.datatokenAddress,
      ddo: publication.ddo,
      files: files.map(mapDatasetFile),
    };
  }

  /** The listing of one file of a ready version. */
  async describeFile(id: number, name: string): Promise<DatasetFileDto> {
    return mapDatasetFile((await this.readyFile(id, name)).stored);
  }

  private async readyFile(id: number, name: string) {
    const version = await this.datasets.findById(id);
    if (!version) throw new DatasetException(ErrorCode.DATASET_NOT_FOUND, `Dataset version ${id} not found`);
    if (version.status !== 'ready') {
      throw new DatasetException(ErrorCode.DATASET_NOT_READY, `Dataset version ${id} is ${version.status}: it has no files to download`);
    }
    const stored = (await this.datasets.files(id)).find((f) => f.name === name);
    if (!stored) throw new DatasetException(ErrorCode.DATASET_FILE_NOT_FOUND, `Dataset version ${id} has no file "${name}"`, 'name');
    return { version, stored };
  }

  /**
   * The first `limit` records of one split of a ready version, as flat rows like the JSONL's but
   * without the annotators' individual labels (who labelled what stays with the buyers): what a
   * catalogue shows before anyone buys.
   */
  async sample(id: number, split: Split, limit: number): Promise<Array<Record<string, unknown>>> {
    const version = await this.datasets.findById(id);
    if (!version || version.status !== 'ready' || !version.schema) {
      throw new DatasetException(ErrorCode.DATASET_NOT_READY, `Dataset version ${id} has no records to show`);
    }
    const toRow = jsonlObject(version.schema as unknown as DatasetSchema);
    const records =
      version.kind === 'synthetic' ? this.datasets.syntheticRecords(id, limit, split) : this.datasets.records(id, limit, split);
    const rows: Array<Record<string, unknown>> = [];
    for await (const record of records) {
      const { annotations: _annotations, ...row } = toRow(record);
      rows.push(row);
      if (rows.length >= limit) break;
    }
    return rows;
  }

  async get(id: number): Promise<DatasetDto> {
    const version = await this.datasets.findById(id);
    if (!version) throw new DatasetException(ErrorCode.DATASET_NOT_FOUND, `Dataset version ${id} not found`);
    const publication = await this.publications.find(id);
    return mapDataset(version, await this.datasets.files(id), publication && mapPublication(publication, this.explorerTxUrl));
  }

  async list(query: ListQuery<(typeof DATASET_FILTERS)[number]>): Promise<ListPage<DatasetDto>> {
    const page = await this.datasets.list(query);
    const ids = page.rows.map((v) => v.id);
    const files = await this.datasets.filesOf(ids);
    const publications = await this.publications.findMany(ids);
    return {
      rows: page.rows.map((v) => {
        const publication = publications.get(v.id);
        return mapDataset(v, files.get(v.id) ?? [], publication ? mapPublication(publication, this.explorerTxUrl) : null);
      }),
      total: page.total,
    };
  }

  /** One file of a ready version for a request with `rangeHeader` (RFC 9110: one range; malformed or several: the whole file). */
  async openFileForRange(id: number, name: string, rangeHeader: string | undefined): Promise<RangedDatasetFile> {
    const { stored } = await this.readyFile(id, name);
    const range = parseByteRange(rangeHeader, stored.bytes);
    if (range.kind === 'unsatisfiable') return { kind: 'unsatisfiable', bytes: stored.bytes };
    const opened = await this.openFile(id, name, range.kind === 'range' ? { start: range.start, end: range.end } : undefined);
    return { kind: 'file', opened, partial: range.kind === 'range' };
  }

  /**
   * One file of a ready version, decrypted as it streams; `range` (plaintext bytes) reads only the
   * encrypted chunks that cover it. What the download route and the publishing job serve.
   */
  async openFile(id: number, name: string, range?: { start: number; end?: number }): Promise<OpenDatasetFile> {
    const { version, stored } = await this.readyFile(id, name);
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? stored.bytes - 1, stored.bytes - 1);
    if (range && (start < 0 || start >= stored.bytes || end < start)) {
      throw new DatasetException(
        ErrorCode.RANGE_NOT_SATISFIABLE,
        `bytes ${start}-${range.end ?? ''} are outside the file (${stored.bytes} bytes)`,
        'range',
      );
    }
    const key = unwrapKey(this.masterKey, id, version.wrappedKey);
    const cid = stored.cid;
    const body = decryptRange(
      (offset, target) => this.storage.readInto(cid, offset, target),
      stored.encryptedBytes,
      key,
      { start, length: end - start + 1 },
      { cache: this.decrypted, file: cid },
    );
    return { file: mapDatasetFile(stored), start, end, body };
  }
}
