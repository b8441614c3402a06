import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxService } from '../chain/outbox.service.js';
import { APP_CONFIG, runsBackgroundWork, type AppConfig } from '../config/app-config.js';
import { IndexerService } from '../indexer/indexer.service.js';
import { ErrorCode } from '../errors/app.exception.js';
import { OceanException } from '../ocean/ocean.exception.js';
import { OceanPublisherService } from '../ocean/ocean-publisher.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import { STORAGE_PORT, type StoragePort } from '../storage/storage.port.js';
import type { DatasetFileEntity } from './dataset-file.entity.js';
import type { DatasetPublicationEntity } from './dataset-publication.entity.js';
import { DatasetPublicationsRepository } from './dataset-publications.repository.js';
import type { DatasetVersionEntity } from './dataset-version.entity.js';
import type { PUBLICATION_STEPS } from './datasets.dto.js';
import { DatasetsRepository } from './datasets.repository.js';
import { decryptRange } from './encryption/chunked-cipher.js';
import { unwrapKey } from './encryption/key-wrap.js';

export const DATASET_PUBLISH_QUEUE = 'dataset-publish';

/**
 * A publication that cannot succeed as asked (the version is not ready or has no files, a file is not
 * in the store, a transaction was refused by the chain, the DDO read back differs): it fails at once.
 * Anything else (the chain's RPC or the store unreachable, the database restarting) is an outage the
 * publication waits out, retrying, for PUBLISH_RETRY_SECONDS.
 */
export class PublishRefusedError extends Error {
  override readonly name = 'PublishRefusedError';
}

/** Waits between tries while an outage lasts: 1 s, doubling, at most 30 s. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

type PublishStep = (typeof PUBLICATION_STEPS)[number];

/** How often a step waiting on the chain looks at its transaction (the outbox sends and confirms it). */
const CHAIN_POLL_MS = 250;

/**
 * Makes a chain transaction's intent; the publisher refusing what it was given (a name, a price) is
 * a refusal, not an outage to wait out: the job fails at once, saying why.
 */
function refusedIfInvalid<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof OceanException && error.code === ErrorCode.VALIDATION_FAILED) throw new PublishRefusedError(error.message);
    throw error;
  }
}

/** Purposes of a version's chain transactions in the outbox: one of each, ever. */
export const publishPurpose = (versionId: number, step: 'mint' | 'metadata') => `dataset:${versionId}:${step}`;

/** The DDO's datatoken name and symbol: short, unique per version. */
function symbolOf(version: DatasetVersionEntity): string {
  return `TSR-${version.id}`;
}

/**
 * Publishes a ready version on Ocean, one pg-boss job per version, step by step:
 *   export    the version is ready and its files are listed;
 *   encrypt   each stored file opens with the version's key (its first chunk authenticates);
 *   store     each file's CID is in the store and pinned;
 *   mint      one transaction (through the outbox, purpose `dataset:<id>:mint`): a data NFT, a
 *             datatoken of the template that buys and orders in one transaction, and a fixed-rate
 *             exchange at the price (or a dispenser when free); the addresses are read from its receipt;
 *   metadata  the DDO 4.1 (files encrypted for the provider key) is recorded, then set on the NFT
 *             (purpose `dataset:<id>:metadata`) and read back from the chain;
 *   done.
 * Each step records its result before the next starts. The outbox sends a purpose once, so a job that
 * runs again after a crash (even one between a mined mint and its record) finds the same transaction
 * and never mints twice.
 */
@Injectable()
export class DatasetPublishService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DatasetPublishService.name);
  private readonly masterKey: Buffer;
  private closing = false;

  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly publications: DatasetPublicationsRepository,
    private readonly projects: ProjectsService,
    private readonly publisher: OceanPublisherService,
    private readonly outbox: OutboxService,
    private readonly indexer: IndexerService,
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
    @Inject(STORAGE_PORT) private readonly storage: StoragePort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.masterKey = Buffer.from(config.datasetMasterKey, 'hex');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.declare(DATASET_PUBLISH_QUEUE, { onePerKey: true });
    await this.queue.work<{ versionId: number }>(
      DATASET_PUBLISH_QUEUE,
      async (jobs) => {
        for (const job of jobs) await this.publish(job.data.versionId);
      },
      { pollingIntervalSeconds: 1 },
    );
    if (!runsBackgroundWork(this.config)) return;
    // A publication a crashed process left behind resumes now (its job stays active until it times out).
    for (const id of await this.publications.publishing()) {
      this.publish(id).catch((error: unknown) => this.logger.warn(`dataset version ${id}: publishing not resumed here: ${String(error)}`));
    }
  }

  onApplicationShutdown(): void {
    this.closing = true;
  }

  /** Runs the publication's remaining steps; safe to call again at any time. */
  async publish(versionId: number): Promise<void> {
    const ran = await this.datasets.withPublishLock(versionId, async () => {
      const publication = await this.publications.find(versionId);
      if (publication?.status !== 'publishing') return;
      const deadline = Date.now() + this.config.publishRetrySeconds * 1000;
      for (let wait = RETRY_FIRST_MS; ; wait = Math.min(RETRY_MAX_MS, wait * 2)) {
        try {
          await this.runSteps((await this.publications.find(versionId)) ?? publication);
          return;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (this.closing) {
            this.logger.warn(`dataset version ${versionId}: publishing stopped by shutdown (${message}); it resumes at the next start`);
            return;
          }
          if (!(error instanceof PublishRefusedError) && Date.now() + wait < deadline) {
            // An outage: the steps done stay done, and the next try starts at the first one not done.
            this.logger.warn(`dataset version ${versionId}: publishing waits (${message}); trying again in ${wait / 1000} s`);
            await this.publications.noteRetry(versionId, `waiting to retry: ${message}`).catch(() => undefined);
            await new Promise((resolve) => setTimeout(resolve, wait));
            continue;
          }
          this.logger.error(`dataset version ${versionId}: publishing failed: ${message}`);
          await this.publications.markFailed(versionId, message);
          return;
        }
      }
    });
    if (!ran) throw new Error(`dataset version ${versionId} is being published by another run`);
  }

  private async runSteps(initial: DatasetPublicationEntity): Promise<void> {
    const id = initial.versionId;
    const version = await this.datasets.findById(id);
    if (version?.status !== 'ready') throw new PublishRefusedError(`dataset version ${id} is not ready`);
    const files = await this.datasets.files(id);
    let publication = initial;
    const next = async (step: PublishStep, change: Parameters<DatasetPublicationsRepository['advance']>[1] = {}) => {
      await this.publications.advance(id, { ...change, step });
      publication = (await this.publications.find(id))!;
    };
    if (publication.step === 'export') {
      if (files.length === 0) throw new PublishRefusedError(`dataset version ${id} has no files`);
      await next('encrypt');
    }
    if (publication.step === 'encrypt') {
      await this.checkEncrypted(version, files);
      await next('store');
    }
    if (publication.step === 'store') {
      for (const file of files) {
        if (!(await this.storage.has(file.cid))) throw new PublishRefusedError(`${file.name}: ${file.cid} is not in the store`);
        await this.storage.pin(file.cid);
      }
      await next('mint');
    }
    if (publication.step === 'mint') {
      const purpose = publishPurpose(id, 'mint');
      const intent = refusedIfInvalid(() =>
        this.publisher.mintIntent({
          purpose,
          name: version.name.slice(0, 100),
          symbol: symbolOf(version),
          ...(publication.free ? { free: true } : { price: publication.price! }),
        }),
      );
      const receipt = await this.confirmed(purpose, () =>
        this.publications.transaction((manager) => this.outbox.enqueue(manager, [intent])),
      );
      if (this.config.crashDuringPublish === 'mint') process.kill(process.pid, 'SIGKILL');
      const minted = this.publisher.readMint(receipt.receipt);
      await next('metadata', {
        nftAddress: minted.nftAddress,
        datatokenAddress: minted.datatokenAddress,
        mintTx: receipt.txHash,
        ...(minted.sale.kind === 'fixed-rate'
          ? { exchangeAddress: minted.sale.exchangeContract, exchangeId: minted.sale.exchangeId }
          : { dispenserAddress: minted.sale.dispenser }),
      });
    }
    if (publication.step === 'metadata') {
      const nftAddress = publication.nftAddress!;
      // The DDO is recorded before it is sent: a rerun sends the same bytes (its files' encryption is randomized).
      if (!publication.ddo) {
        await this.publications.saveDdo(id, await this.ddoOf(version, files, publication));
        publication = (await this.publications.find(id))!;
      }
      const ddo = publication.ddo as unknown as Parameters<OceanPublisherService['metadataIntent']>[0]['ddo'];
      const purpose = publishPurpose(id, 'metadata');
      const intent = refusedIfInvalid(() => this.publisher.metadataIntent({ purpose, nftAddress, ddo }));
      const receipt = await this.confirmed(purpose, () =>
        this.publications.transaction((manager) => this.outbox.enqueue(manager, [intent])),
      );
      const onChain = await this.publisher.readDdo(nftAddress);
      if (!onChain?.hashValid || onChain.ddo.id !== ddo.id)
        throw new PublishRefusedError(`the DDO read back from ${nftAddress} is not the one set`);
      // Read-your-writes: the asset is in the catalogue when the publication says published (else the indexer's loop brings it).
      await this.indexer
        .indexReceipts([publication.mintTx!, receipt.txHash])
        .catch((error: unknown) => this.logger.warn(`dataset version ${id}: not in the catalogue yet: ${String(error)}`));
      await this.publications.markPublished(id, { did: ddo.id, metadataTx: receipt.txHash });
      this.logger.log(`dataset version ${id}: published as ${ddo.id}`);
    }
  }

  /** Every file's first chunk decrypts and authenticates with the version's key. */
  private async checkEncrypted(version: DatasetVersionEntity, files: readonly DatasetFileEntity[]): Promise<void> {
    const key = unwrapKey(this.masterKey, version.id, version.wrappedKey);
    for (const file of files) {
      if (file.bytes === 0) continue;
      const body = decryptRange((offset, target) => this.storage.readInto(file.cid, offset, target), file.encryptedBytes, key, {
        start: 0,
        length: 1,
      });
      for await (const piece of body) void piece;
    }
  }

  private async ddoOf(version: DatasetVersionEntity, files: readonly DatasetFileEntity[], publication: DatasetPublicationEntity) {
    const project = await this.projects.find(version.projectId);
    const datasheet = (version.datasheet ?? {}) as {
      composition?: { instances?: number; bySplit?: unknown; classBalance?: unknown };
      labeling?: { agreement?: { krippendorffAlpha?: number | null }; methods?: unknown };
      collection?: { annotations?: number; timeSpan?: unknown };
    };
    const ddo = this.publisher.datasetDdo({
      nftAddress: publication.nftAddress!,
      datatokenAddress: publication.datatokenAddress!,
      // The provider finds a file by its CID; the bytes stored there are encrypted with the version's key.
      files: files.map((file) => ({ type: 'ipfs' as const, hash: file.cid })),
      metadata: {
        name: version.name,
        description: version.description || `${version.name}: a Tessera dataset version`,
        author: 'Tessera',
        license: version.license,
        tags: ['tessera', version.kind, ...(project ? [project.type] : [])],
        created: version.createdAt,
        additionalInformation: {
          tessera: { versionId: version.id, kind: version.kind, sourceVersionId: version.sourceVersionId, itemCount: version.itemCount },
          files: files.map((file) => ({
            name: file.name,
            format: file.format,
            mediaType: file.mediaType,
            bytes: file.bytes,
            sha256: file.sha256.trim(),
          })),
          datasheet: {
            instances: datasheet.composition?.instances ?? version.itemCount,
            bySplit: datasheet.composition?.bySplit ?? null,
            classBalance: datasheet.composition?.classBalance ?? null,
            krippendorffAlpha: datasheet.labeling?.agreement?.krippendorffAlpha ?? null,
            methods: datasheet.labeling?.methods ?? null,
            annotations: datasheet.collection?.annotations ?? null,
            timeSpan: datasheet.collection?.timeSpan ?? null,
            intendedUse: version.intendedUse,
          },
          croissant: {
            conformsTo: 'http://mlcommons.org/croissant/1.0',
            file: 'croissant.json',
            sha256: files.find((file) => file.name === 'croissant.json')?.sha256.trim() ?? null,
          },
          ...(version.report ? { syntheticReport: (version.report as { scores?: unknown }).scores ?? null } : {}),
        },
      },
    });
    return ddo as unknown as Record<string, unknown>;
  }

  /**
   * Records the transaction (idempotent by purpose), then waits until the outbox has it confirmed.
   * A transaction the chain refused for good fails the step.
   */
  private async confirmed(purpose: string, enqueue: () => Promise<void>) {
    await enqueue();
    await this.outbox.kick();
    for (;;) {
      if (this.closing) throw new Error('shutting down');
      const outcome = await this.publisher.outcome(purpose);
      if (outcome.status === 'confirmed') return outcome;
      if (outcome.status === 'failed') throw new PublishRefusedError(`${purpose}: ${outcome.error}`);
      await new Promise((resolve) => setTimeout(resolve, CHAIN_POLL_MS));
    }
  }
}
