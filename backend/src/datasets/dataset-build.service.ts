import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, runsBackgroundWork, type AppConfig } from '../config/app-config.js';
import { ProjectsService } from '../projects/projects.service.js';
import type { ProjectType } from '../projects/domain/label-schema.js';
import { QualityService } from '../quality/quality.service.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import { STORAGE_PORT, type StoragePort } from '../storage/storage.port.js';
import type { DatasetVersionEntity } from './dataset-version.entity.js';
import { outOfHeap, ROOMY_THREAD_HEAP, runBuildThread, stopBuildThreads, THREAD_HEAP, type ThreadHeap } from './build-thread.js';
import { DatasetsRepository } from './datasets.repository.js';
import type { DatasetMeta, DatasetRecord, DatasetSchema } from './domain/dataset-record.js';
import type { Datasheet } from './domain/datasheet.js';
import { assignSplits, stratumOf, type SplitFractions } from './domain/split.js';
import { encryptStream, encryptedSize } from './encryption/chunked-cipher.js';
import { unwrapKey } from './encryption/key-wrap.js';
import type { ExportFileSpec, ExportWriter, RecordSource } from './export/export-writer.js';
import { sharedPass } from './export/shared-pass.js';
import { croissantFile, croissantMetadata } from './export/croissant.js';
import { exportWriters } from './export/formats.js';
import { configuredTextGenerator } from './synthetic/chat-completions.text-generator.js';
import { synthesizeStream } from './synthetic/synthesize.js';

export const DATASET_BUILD_QUEUE = 'dataset-build';
/** Records between two progress writes while the datasheet and export passes run. */
const PROGRESS_EVERY = 20_000;

/**
 * A build of millions of items runs for many minutes, far past JOB_TIMEOUT_SECONDS, and its job must
 * not be taken for abandoned meanwhile (a retry would only find the build lock held). A build whose
 * process died is resumed at the next start (onApplicationBootstrap) or, at the latest, when this
 * expires; the build lock keeps the two from running at once.
 */
export const BUILD_JOB_TIMEOUT_SECONDS = 6 * 3600;

/** Synthetic rows written per statement. */
const SYNTHETIC_PAGE = 2_000;

/** Which items a curated version takes, in words: recorded in its provenance. */
const SELECTION_RULE =
  "items of the project whose quality result is settled (consensus status 'confident', which a reviewer's accept or fix also sets); " +
  'the answer is the gold answer for gold items, the reviewed answer for reviewed items, else the inferred one; ' +
  'gold items (the test questions) only when filters.includeGold is true';

/**
 * Builds dataset versions in the background, one pg-boss job per version, step by step:
 *   select     (curated) the items, their answers and splits, written in one transaction;
 *   synthesize (synthetic) the rows, made from the source version's records and written in order,
 *              with the report; a rerun starts the rows over from the same seed;
 *   describe one pass over the records: the datasheet and the fields' types;
 *   export   one paged read of the records feeds every format's page encoder, each file streamed
 *            through sha256 and AES-256-GCM into the StoragePort (no plaintext on disk, memory
 *            bounded by a page of records per format); a file's row is written once it is stored,
 *            so a rerun after a crash continues with the next file;
 *   ready.
 * A step records its end in the version's row; a job that runs again (a crash, a restart) starts at
 * the first unfinished step. An error fails the version and forgets its files.
 */
@Injectable()
export class DatasetBuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DatasetBuildService.name);
  private readonly masterKey: Buffer;
  /** Set when the application stops: an error then is the shutdown's, not the build's, and fails nothing. */
  private closing = false;

  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly projects: ProjectsService,
    private readonly quality: QualityService,
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
    @Inject(STORAGE_PORT) private readonly storage: StoragePort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.masterKey = Buffer.from(config.datasetMasterKey, 'hex');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.declare(DATASET_BUILD_QUEUE, { onePerKey: true });
    await this.queue.work<{ versionId: number }>(
      DATASET_BUILD_QUEUE,
      async (jobs) => {
        for (const job of jobs) await this.build(job.data.versionId);
      },
      { pollingIntervalSeconds: 1 },
    );
    if (!runsBackgroundWork(this.config)) return;
    // A build a crashed process left behind resumes now: its job is still "active" in the queue
    // until it times out, and the queue runs one job per version at a time. The build lock keeps
    // this run and that job's retry from building at once.
    for (const id of await this.datasets.building()) {
      this.build(id).catch((error: unknown) => this.logger.warn(`dataset version ${id}: not resumed here: ${String(error)}`));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await stopBuildThreads();
  }

  /** Runs the version's remaining steps. Safe to call again at any time: done steps are skipped. */
  async build(versionId: number): Promise<void> {
    const ran = await this.datasets.withBuildLock(versionId, async () => {
      const version = await this.datasets.findById(versionId);
      if (!version || version.status !== 'building') return;
      try {
        await this.runSteps(version);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (this.closing) {
          this.logger.warn(`dataset version ${versionId}: build stopped by shutdown (${message}); it resumes at the next start`);
          return;
        }
        this.logger.error(`dataset version ${versionId}: build failed: ${message}`);
        await this.datasets.markFailed(versionId, message);
      }
    });
    // Another run holds the version: the job is retried later and finds it done (or resumes it).
    if (!ran) throw new Error(`dataset version ${versionId} is being built by another run`);
  }

  private async runSteps(initial: DatasetVersionEntity): Promise<void> {
    const id = initial.id;
    const project = await this.projects.find(initial.projectId);
    if (!project) throw new Error(`project ${initial.projectId} no longer exists`);
    const type = project.type as ProjectType;
    const fractions = initial.splits as unknown as SplitFractions;
    if (initial.step === 'synthesize') await this.synthesizeRows(initial, type);
    if (initial.step === 'select') {
      const selected = await this.datasets.selectItems(
        id,
        project.id,
        initial.filters,
        (answer) => stratumOf(type, answer),
        (ids, strata) => assignSplits(ids, strata, fractions, initial.seed),
        (items, sources) => ({
          project: { id: project.id, name: project.name, type, labels: project.labels },
          selectedAt: new Date().toISOString(),
          rule: SELECTION_RULE,
          filters: initial.filters,
          split: { fractions, seed: initial.seed, method: 'seeded stratified split (datasets/domain/split.ts)' },
          items,
          sources,
        }),
      );
      this.logger.log(`dataset version ${id}: ${selected.items} items selected`);
    }
    let version = (await this.datasets.findById(id))!;
    if (version.step === 'describe') {
      const total = version.itemCount ?? 0;
      const context = {
        projectType: type,
        intendedUse: version.intendedUse,
        description: version.description,
        license: version.license,
        filters: version.filters,
        fractions,
        seed: version.seed,
        trust: [...(await this.quality.workerTrust(project.id))],
      };
      let described: { fields: DatasetSchema['fields']; datasheet: Datasheet } | undefined;
      await this.withThreadHeap(id, async (heap) => {
        let done = 0;
        await this.datasets.saveProgress(id, { step: 'describe', done, total });
        await runBuildThread({ kind: 'describe', ...this.threadSource(version), projectType: type, context }, heap, async (message) => {
          if (message.type === 'described') described = message;
          if (message.type !== 'progress') return;
          const before = done;
          done += message.records;
          if (Math.floor(done / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) {
            await this.datasets.saveProgress(id, { step: 'describe', done, total });
          }
        });
      });
      if (!described) throw new Error('the build thread ended without a datasheet');
      const schema: DatasetSchema = { projectType: type, labels: project.labels, fields: described.fields };
      await this.datasets.saveDescription(id, { schema, datasheet: described.datasheet });
      version = (await this.datasets.findById(id))!;
    }
    if (version.step === 'export') {
      const exported = version;
      await this.withThreadHeap(id, (heap) => this.exportFiles(exported, heap));
    }
    await this.datasets.markReady(id);
    this.logger.log(`dataset version ${id}: ready`);
  }

  /** A version's records in order: its items' (curated), or its stored rows (synthetic). */
  private recordsOf(version: DatasetVersionEntity): AsyncIterable<DatasetRecord> {
    return version.kind === 'synthetic' ? this.datasets.syntheticRecords(version.id) : this.datasets.records(version.id);
  }

  /**
   * Runs a step whose record pass is on a build thread, with the thread's usual heap; a step whose
   * records did not fit in it runs again without caps (export keeps the files already stored).
   */
  private async withThreadHeap(id: number, step: (heap: ThreadHeap) => Promise<void>): Promise<void> {
    try {
      await step(THREAD_HEAP);
    } catch (error) {
      if (!outOfHeap(error)) throw error;
      this.logger.warn(`dataset version ${id}: the build thread ran out of its heap; the step runs again without its caps`);
      await step(ROOMY_THREAD_HEAP);
    }
  }

  /** Where the build thread reads the version's records. */
  private threadSource(version: DatasetVersionEntity): { connectionUrl: string; versionId: number; synthetic: boolean } {
    return { connectionUrl: this.datasets.connectionUrl(), versionId: version.id, synthetic: version.kind === 'synthetic' };
  }

  /**
   * Makes a synthetic version's rows from its source version's records (read once, bounded memory),
   * in pages, with progress; then its report. Deterministic by the version's seed, so a rerun after a
   * crash starts over and makes the same rows.
   */
  private async synthesizeRows(version: DatasetVersionEntity, type: ProjectType): Promise<void> {
    const sourceId = version.sourceVersionId;
    const source = sourceId === null ? null : await this.datasets.findById(sourceId);
    if (!source || source.status !== 'ready' || !source.schema) throw new Error(`source version ${sourceId} is not a ready version`);
    const schema = source.schema as unknown as DatasetSchema;
    const rows = (version.provenance as { rows?: number } | null)?.rows;
    if (!rows) throw new Error('the synthetic version does not say how many rows to make');
    await this.datasets.clearSyntheticRows(version.id);
    await this.datasets.saveProgress(version.id, { step: 'synthesize', done: 0, total: rows });
    const synthesis = await synthesizeStream(this.datasets.records(source.id), schema, {
      rows,
      seed: version.seed,
      generator: configuredTextGenerator(this.config.synthLlm),
    });
    let page: DatasetRecord[] = [];
    let written = 0;
    for await (const record of synthesis.records) {
      page.push(record);
      if (page.length === SYNTHETIC_PAGE) {
        await this.datasets.saveSyntheticRows(version.id, written, page);
        written += page.length;
        page = [];
        await this.datasets.saveProgress(version.id, { step: 'synthesize', done: written, total: rows });
      }
    }
    await this.datasets.saveSyntheticRows(version.id, written, page);
    written += page.length;
    const report = await synthesis.report;
    await this.datasets.markSynthesized(version.id, {
      rows: written,
      report,
      provenance: {
        kind: 'synthetic',
        projectType: type,
        source: { versionId: source.id, name: source.name, itemCount: source.itemCount, seed: source.seed },
        rows: written,
        seed: version.seed,
        synthesizer: report.synthesizer,
        madeAt: new Date().toISOString(),
      },
    });
    this.logger.log(`dataset version ${version.id}: ${written} synthetic rows from version ${source.id}`);
  }

  private async exportFiles(version: DatasetVersionEntity, heap: ThreadHeap): Promise<void> {
    const schema = version.schema as unknown as DatasetSchema;
    const writers = exportWriters(schema);
    const stored = new Set((await this.datasets.files(version.id)).map((f) => f.name));
    const meta: DatasetMeta = {
      versionId: version.id,
      name: version.name,
      description: version.description,
      license: version.license,
      createdAt: version.createdAt.toISOString(),
      url: new URL(`/admin/datasets/${version.id}/show`, this.config.publicUrl).toString(),
      creator: 'Tessera',
    };
    const key = unwrapKey(this.masterKey, version.id, version.wrappedKey);
    const saved = async (position: number, file: StoredExportFile) => {
      await this.datasets.saveFile({ versionId: version.id, position, ...file });
      stored.add(file.name);
      if (this.config.crashAfterDatasetFiles !== undefined && stored.size >= this.config.crashAfterDatasetFiles) {
        process.kill(process.pid, 'SIGKILL');
      }
    };
    // The formats not stored yet are written at the same time from one read of the records (the
    // export's cost is reading them): the build thread reads the pages and encodes every paged
    // format, and each page's bytes go into that format's own hash -> cipher -> store stream here,
    // each file saved as soon as it is stored; a format that fails leaves the others to finish and
    // be kept. A format that reads the records twice (COCO) reads them here, on its own.
    const pending = [...writers.entries()].filter(([, writer]) => !stored.has(writer.file.name));
    if (pending.length > 0) {
      const total = version.itemCount ?? 0;
      let done = 0;
      await this.datasets.saveProgress(version.id, { step: 'export', done, total });
      const paged = pending.filter(([, writer]) => writer.encoder !== undefined);
      const streamed = pending.filter(([, writer]) => !writer.encoder);
      const sources = sharedPass(
        () => this.recordsOf(version),
        streamed.length,
        () => this.recordsOf(version),
      );
      const feeds = new Map(paged.map(([position, writer]) => [position, new StoredFeed(writer.file, this.storage, key)]));
      // Settled from the start: a file that fails while the others are still being read is not an unhandled rejection.
      const outcomes = Promise.allSettled([
        ...streamed.map(async ([position, writer], i) => saved(position, await this.storeFile(writer, sources[i]!, schema, meta, key))),
        ...[...feeds].map(async ([position, feed]) => saved(position, await feed.stored)),
      ]);
      let threadError: { error: unknown } | undefined;
      if (feeds.size > 0) {
        const task = { kind: 'export' as const, ...this.threadSource(version), schema, meta, positions: [...feeds.keys()] };
        try {
          await runBuildThread(task, heap, async (message, thread) => {
            if (message.type !== 'page') return;
            const writes: Promise<void>[] = [];
            for (const file of message.files) {
              const feed = feeds.get(file.position);
              if ('error' in file) feed?.fail(new Error(file.error));
              else if (feed) writes.push(feed.write(file.pieces, (piece) => thread.giveBack(piece)));
            }
            await Promise.all(writes);
            if (message.records === 0) {
              for (const feed of feeds.values()) feed.end();
              return;
            }
            const before = done;
            done += message.records;
            if (Math.floor(done / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) {
              await this.datasets.saveProgress(version.id, { step: 'export', done, total });
            }
          });
        } catch (error) {
          threadError = { error };
          for (const feed of feeds.values()) feed.fail(error);
        }
      }
      const failed = (await outcomes).find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      // The thread's own failure first: its files failed because of it (and running out of heap is retried).
      if (threadError) throw threadError.error;
      if (failed) throw failed.reason;
      await this.datasets.saveProgress(version.id, { step: 'export', done: total, total });
    }
    if (!stored.has(croissantFile.name)) {
      const built = (await this.datasets.files(version.id)).map((file) => ({
        name: file.name,
        format: file.format,
        mediaType: file.mediaType,
        bytes: file.bytes,
        sha256: file.sha256.trim(),
        contentUrl: new URL(`/api/datasets/${version.id}/files/${encodeURIComponent(file.name)}`, this.config.publicUrl).toString(),
      }));
      const document = JSON.stringify(croissantMetadata(meta, schema, built), null, 2) + '\n';
      const croissant: ExportWriter = { file: croissantFile, write: () => Readable.from([Buffer.from(document, 'utf8')]) };
      await saved(writers.length, await this.storeFile(croissant, () => Readable.from([]), schema, meta, key));
    }
  }

  /** records -> writer -> (sha256, byte count) -> encrypt -> store, as one stream. */
  private async storeFile(
    writer: ExportWriter,
    records: RecordSource,
    schema: DatasetSchema,
    meta: DatasetMeta,
    key: Buffer,
  ): Promise<StoredExportFile> {
    const hash = createHash('sha256');
    let bytes = 0;
    async function* tapped(): AsyncGenerator<Uint8Array> {
      for await (const piece of writer.write(records, schema, meta)) {
        hash.update(piece);
        bytes += piece.length;
        yield piece;
      }
    }
    const { cid, size } = await this.storage.add(encryptStream(tapped(), key));
    if (size !== encryptedSize(bytes)) throw new Error(`${writer.file.name}: stored ${size} bytes, expected ${encryptedSize(bytes)}`);
    await this.storage.pin(cid);
    return { ...writer.file, bytes, sha256: hash.digest('hex'), cid, encryptedBytes: size };
  }
}

/** A stored file of a version, as its row lists it. */
type StoredExportFile = ExportFileSpec & { bytes: number; sha256: string; cid: string; encryptedBytes: number };

/** A piece of a fed file, and who gets it back once its bytes are taken. */
interface FeedPiece {
  bytes: Uint8Array;
  done: (piece: Uint8Array) => void;
}

/**
 * The pieces' bytes, each handed back to its `done` when the consumer asks for the next one: a
 * consumer of an async iterable is through with a value when it asks for the next (encryptStream
 * copies each piece into its chunk before it does).
 */
async function* taken(pieces: AsyncIterable<FeedPiece>): AsyncGenerator<Uint8Array> {
  for await (const piece of pieces) {
    yield piece.bytes;
    piece.done(piece.bytes);
  }
}

/** Pages of encoded bytes a format's file may have waiting for its store before the read waits for it. */
const FEED_PAGES = 1;

/**
 * One paged format's file, stored while the records are read: each page's bytes (encoded by the
 * build thread) are hashed on the spot and handed to the store's stream (encrypt -> store), which
 * holds at most FEED_PAGES pages before `write` makes the read wait. A failure (the encoder's or the
 * store's) ends this file only.
 */
class StoredFeed {
  readonly stored: Promise<StoredExportFile>;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly plain = new PassThrough({ objectMode: true, highWaterMark: FEED_PAGES });
  private failed = false;

  constructor(file: ExportFileSpec, storage: StoragePort, key: Buffer) {
    this.plain.on('error', () => undefined); // the store's read of the stream fails with it
    this.stored = (async () => {
      const { cid, size } = await storage.add(encryptStream(taken(this.plain as AsyncIterable<FeedPiece>), key));
      if (size !== encryptedSize(this.bytes)) throw new Error(`${file.name}: stored ${size} bytes, expected ${encryptedSize(this.bytes)}`);
      await storage.pin(cid);
      return { ...file, bytes: this.bytes, sha256: this.hash.digest('hex'), cid, encryptedBytes: size };
    })();
    this.stored.catch(() => this.fail(new Error(`${file.name}: its store failed`)));
  }

  /**
   * Hands a page's bytes on; resolves once the store has room for more. `done` gets each piece back
   * once the cipher has taken its bytes (nothing holds it then).
   */
  write(pieces: readonly Uint8Array[], done: (piece: Uint8Array) => void): Promise<void> {
    if (this.failed) return Promise.resolve();
    let room = true;
    for (const bytes of pieces) {
      this.hash.update(bytes);
      this.bytes += bytes.length;
      room = this.plain.write({ bytes, done } satisfies FeedPiece);
    }
    return room || this.failed ? Promise.resolve() : this.drained();
  }

  /** The end of the file (its last bytes were the last `write`). */
  end(): void {
    if (!this.failed) this.plain.end();
  }

  /** Ends the file with `error`: its store rejects with it (unless it failed first). */
  fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.plain.destroy(error instanceof Error ? error : new Error(String(error)));
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.plain.off('drain', done);
        this.plain.off('close', done);
        resolve();
      };
      this.plain.on('drain', done);
      this.plain.on('close', done);
    });
  }
}
