import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import type { ProjectType } from '../projects/domain/label-schema.js';
import { ProjectsService } from '../projects/projects.service.js';
import { CreditService } from '../rewards/credit.service.js';
import { toItemRecord } from './domain/import-record.js';
import { FileUrls } from './domain/file-urls.js';
import type { ItemEntity } from './item.entity.js';
import { mapItem, type CreateItemDto, type ITEM_FILTERS, type ItemDto, type UpdateItemDto } from './item.dto.js';
import { ItemException } from './items.exception.js';
import { ItemsRepository } from './items.repository.js';

/** Items as managers see them; `viewerId` is who the signed file URLs in the answer are for. */
@Injectable()
export class ItemsService {
  private readonly fileUrls: FileUrls;

  constructor(
    private readonly items: ItemsRepository,
    private readonly projects: ProjectsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credit: CreditService,
  ) {
    this.fileUrls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  }

  private map(item: ItemEntity, annotationCount: number, viewerId: number, discarded = 0): ItemDto {
    return mapItem(item, annotationCount, this.fileUrls.forItem(item.data, item.media, viewerId), discarded);
  }

  async list(query: ListQuery<(typeof ITEM_FILTERS)[number]>, viewerId: number): Promise<ListPage<ItemDto>> {
    const page = await this.items.list(query);
    const ids = page.rows.map((i) => i.id);
    const [counts, discarded] = await Promise.all([this.items.annotationCounts(ids), this.items.discardedCounts(ids)]);
    return { rows: page.rows.map((i) => this.map(i, counts.get(i.id) ?? 0, viewerId, discarded.get(i.id) ?? 0)), total: page.total };
  }

  async get(id: number, viewerId: number): Promise<ItemDto> {
    const item = await this.items.findById(id);
    if (!item) throw new ItemException(ErrorCode.ITEM_NOT_FOUND, `Item ${id} not found`);
    const [counts, discarded] = await Promise.all([this.items.annotationCounts([id]), this.items.discardedCounts([id])]);
    return this.map(item, counts.get(id) ?? 0, viewerId, discarded.get(id) ?? 0);
  }

  async create(body: CreateItemDto, viewerId: number): Promise<ItemDto> {
    const project = await this.projects.find(body.projectId);
    if (!project) throw new ItemException(ErrorCode.PROJECT_NOT_FOUND, `Project ${body.projectId} not found`, 'projectId');
    const record = toItemRecord(
      { type: project.type as ProjectType, labels: project.labels },
      { externalId: body.externalId, data: body.data, gold: body.gold },
      this.config.maxItemBytes,
    );
    if ('message' in record) throw new ItemException(ErrorCode.ITEM_INVALID, record.message, 'data');
    const inserted = await this.items.insert(project.id, project.overlap, {
      externalId: record.externalId,
      data: record.data,
      media: null,
      gold: record.gold,
    });
    if (!inserted) {
      throw new ItemException(ErrorCode.ITEM_EXTERNAL_ID_TAKEN, `An item with externalId "${body.externalId}" exists`, 'externalId');
    }
    const page = await this.items.list({
      filter: { projectId: project.id, externalId: record.externalId ?? undefined },
      offset: 0,
      limit: 1,
      sortField: 'id',
      sortOrder: 'DESC',
    });
    return this.map(page.rows[0]!, 0, viewerId);
  }

  async update(id: number, body: UpdateItemDto, viewerId: number): Promise<ItemDto> {
    const item = await this.items.findById(id);
    if (!item) throw new ItemException(ErrorCode.ITEM_NOT_FOUND, `Item ${id} not found`);
    const count = (await this.items.annotationCounts([id])).get(id) ?? 0;
    const changes: { data?: Record<string, unknown>; overlap?: number } = {};
    if (body.data !== undefined && JSON.stringify(body.data) !== JSON.stringify(item.data)) {
      if (count > 0) throw new ItemException(ErrorCode.ITEM_HAS_ANNOTATIONS, 'A labeled item cannot change its data', 'data');
      const project = (await this.projects.find(item.projectId))!;
      const record = toItemRecord(project.type as ProjectType, { data: body.data }, this.config.maxItemBytes);
      if ('message' in record) throw new ItemException(ErrorCode.ITEM_INVALID, record.message, 'data');
      changes.data = record.data;
    }
    if (body.overlap !== undefined) changes.overlap = body.overlap;
    if (Object.keys(changes).length > 0) await this.items.update(id, changes);
    return this.get(id, viewerId);
  }

  async delete(id: number, viewerId: number): Promise<ItemDto> {
    const dto = await this.get(id, viewerId);
    if (dto.annotationCount > 0) throw new ItemException(ErrorCode.ITEM_HAS_ANNOTATIONS, 'A labeled item cannot be deleted');
    // Its withdrawn labels go with it: whatever they still hold in the ledger is reversed.
    await this.items.delete(id, (manager, removed) => this.credit.reverseRewardsOf(manager, removed, `item ${id} deleted`));
    return dto;
  }
}
