import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { LabelSchema, ProjectType } from '../projects/domain/label-schema.js';
import { ProjectsService } from '../projects/projects.service.js';
import { readImageInfo } from '../storage/domain/image-info.js';
import { STORAGE_PORT, type StoragePort } from '../storage/storage.port.js';
import { toItemRecord } from './domain/import-record.js';
import { ImportFormatError, readCsv, readJsonArray, readJsonLines } from './domain/record-readers.js';
import type { ImportRejectionDto, ImportResultDto } from './item.dto.js';
import { ItemException } from './items.exception.js';
import { ItemsRepository, type NewItem } from './items.repository.js';

/** Imports at least this large refresh the planner's statistics (autovacuum would, but only a minute later). */
const ANALYZE_AFTER = 1000;

export type ImportFormat = 'json' | 'jsonl' | 'csv';

/** One part of an upload: a whole body or a file of a multipart form. */
export interface ImportSource {
  fileName?: string;
  mimeType: string;
  content: AsyncIterable<Uint8Array>;
}

const BATCH_SIZE = 2000;
const MAX_LISTED_REJECTIONS = 1000;
const HEAD_BYTES = 64 * 1024;

const JSONL_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines'];

/** What the import route takes as a body; images come only as files of a multipart form. */
export const IMPORT_MEDIA_TYPES: readonly string[] = ['application/json', ...JSONL_TYPES, 'text/csv', 'multipart/form-data'];

export function formatFor(mimeType: string, fileName = ''): ImportFormat | 'image' | undefined {
  const type = mimeType.split(';')[0]!.trim().toLowerCase();
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (type === 'application/json' || extension === 'json') return 'json';
  if (JSONL_TYPES.includes(type)) return 'jsonl';
  if (['jsonl', 'ndjson'].includes(extension)) return 'jsonl';
  if (type === 'text/csv' || extension === 'csv') return 'csv';
  if (type.startsWith('image/') || ['png', 'jpg', 'jpeg', 'gif', 'webp'].includes(extension)) return 'image';
  return undefined;
}

/** Stops a stream past `limit` bytes with a 413 rather than letting it fill the disk or the database. */
export async function* limitBytes(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw new ItemException(ErrorCode.PAYLOAD_TOO_LARGE, `Import is larger than ${limit} bytes`);
    yield chunk;
  }
}

class ImportRun {
  imported = 0;
  duplicates = 0;
  rejectedCount = 0;
  readonly rejected: ImportRejectionDto[] = [];
  private batch: NewItem[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly items: ItemsRepository,
    readonly projectId: number,
    readonly schema: LabelSchema,
    private readonly overlap: number,
  ) {}

  reject(line: number, message: string, file?: string): void {
    this.rejectedCount++;
    if (this.rejected.length < MAX_LISTED_REJECTIONS) this.rejected.push(file === undefined ? { line, message } : { line, file, message });
  }

  async add(item: NewItem): Promise<void> {
    this.batch.push(item);
    if (this.batch.length >= BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const inserted = await this.items.insertBatch(this.manager, this.projectId, this.overlap, batch);
    this.imported += inserted;
    this.duplicates += batch.length - inserted;
  }

  result(): ImportResultDto {
    const result: ImportResultDto = {
      imported: this.imported,
      duplicates: this.duplicates,
      rejected: this.rejected,
      rejectedCount: this.rejectedCount,
    };
    if (this.rejectedCount > this.rejected.length) result.rejectedTruncated = true;
    return result;
  }
}

@Injectable()
export class ItemsImportService {
  private readonly logger = new Logger(ItemsImportService.name);

  constructor(
    private readonly db: DataSource,
    private readonly projects: ProjectsService,
    private readonly items: ItemsRepository,
    @Inject(STORAGE_PORT) private readonly storage: StoragePort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Imports every source in one transaction: a file that cannot be read as a whole imports nothing;
   * single bad records are listed in `rejected` and the rest go in.
   */
  async import(projectId: number, sources: AsyncIterable<ImportSource>): Promise<ImportResultDto> {
    const project = await this.projects.find(projectId);
    if (!project) throw new ItemException(ErrorCode.PROJECT_NOT_FOUND, `Project ${projectId} not found`);
    const started = Date.now();
    const result = await this.db.transaction(async (manager) => {
      const schema: LabelSchema = { type: project.type as ProjectType, labels: project.labels };
      const run = new ImportRun(manager, this.items, project.id, schema, project.overlap);
      let budget = this.config.maxImportBytes;
      let files = 0;
      for await (const source of sources) {
        files++;
        let used = 0;
        const counted = (async function* () {
          for await (const chunk of limitBytes(source.content, budget)) {
            used += chunk.length;
            yield chunk;
          }
        })();
        await this.importSource(run, { ...source, content: counted });
        budget -= used;
      }
      if (files === 0) throw new ItemException(ErrorCode.ITEM_INVALID, 'The form holds no file to import', 'body');
      await run.flush();
      return run.result();
    });
    if (result.imported >= ANALYZE_AFTER) await this.items.analyze();
    this.logger.log(
      `project ${projectId}: imported ${result.imported}, duplicates ${result.duplicates}, rejected ${result.rejectedCount} in ${Date.now() - started} ms`,
    );
    return result;
  }

  private async importSource(run: ImportRun, source: ImportSource): Promise<void> {
    const format = formatFor(source.mimeType, source.fileName);
    if (format === undefined) {
      throw new ItemException(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `Cannot import ${source.fileName ?? 'a body'} of type ${source.mimeType}: send JSON, JSONL, CSV or image files`,
      );
    }
    if (format === 'image') {
      await this.importImage(run, source);
      return;
    }
    const reader = format === 'json' ? readJsonArray : format === 'jsonl' ? readJsonLines : readCsv;
    const limits = { maxBytes: this.config.maxItemBytes, json: this.config.jsonLimits };
    try {
      for await (const record of reader(source.content, limits)) {
        if ('error' in record) {
          run.reject(record.line, record.error, source.fileName);
          continue;
        }
        const item = toItemRecord(run.schema, record.value, this.config.maxItemBytes);
        if ('message' in item) {
          run.reject(record.line, item.message, source.fileName);
          continue;
        }
        await run.add({ externalId: item.externalId, data: item.data, media: null, gold: item.gold });
      }
    } catch (error) {
      if (error instanceof ImportFormatError) {
        const where = source.fileName ? `${source.fileName}, ` : '';
        throw new ItemException(ErrorCode.ITEM_INVALID, `${where}record ${error.line}: ${error.message}; nothing was imported`, 'body');
      }
      throw error;
    }
  }

  /** An image file becomes one item: stored by CID, its size read from its header. */
  private async importImage(run: ImportRun, source: ImportSource): Promise<void> {
    const head: Uint8Array[] = [];
    let headLength = 0;
    const sniffed = (async function* () {
      for await (const chunk of source.content) {
        if (headLength < HEAD_BYTES) {
          head.push(chunk);
          headLength += chunk.length;
        }
        yield chunk;
      }
    })();
    const stored = await this.storage.add(sniffed);
    const info = readImageInfo(Buffer.concat(head));
    const name = source.fileName ?? stored.cid;
    if (!info) {
      run.reject(0, 'file is not a PNG, JPEG, GIF or WebP image', name);
      return;
    }
    const data = { image: `ipfs://${stored.cid}`, width: info.width, height: info.height, fileName: name };
    await run.add({
      externalId: name.slice(0, 200),
      data,
      media: { cid: stored.cid, mime: info.mime, width: info.width, height: info.height },
    });
  }
}
