import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { RemovedAnnotation } from '../annotations/domain/removed-annotation.js';
import { sqlRows } from '../database/sql.js';
import type { TransactionHook } from '../database/transaction-hook.js';
import { ErrorCode } from '../errors/app.exception.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import type { ItemMedia } from './domain/item-media.js';
import { isItemStatus, itemStatusSql, type ItemProgressSql } from './domain/item-status.js';
import type { ITEM_FILTERS } from './item.dto.js';
import { ItemEntity } from './item.entity.js';
import { ItemException } from './items.exception.js';

export interface NewItem {
  externalId: string | null;
  data: Record<string, unknown>;
  media: ItemMedia | null;
  gold?: unknown;
}

/** An item's progress inputs in list queries (alias `i`), for the status filter. */
const ITEM_PROGRESS_SQL: ItemProgressSql = {
  overlap: 'i.overlap',
  taken: 'i.taken',
  annotations: '(SELECT count(*) FROM annotations a WHERE a.item_id = i.id AND a.discarded_at IS NULL)',
};

@Injectable()
export class ItemsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Refreshes the planner's statistics after a bulk import: with a table it believes tiny, the lease
   * query's generic plan sorts every open item instead of walking the index (found by the API bench).
   */
  async analyze(): Promise<void> {
    await this.db.query('ANALYZE items');
  }

  /** Inserts a batch; items whose externalId exists in the project are left as they are. */
  async insertBatch(manager: EntityManager, projectId: number, overlap: number, items: readonly NewItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const rows: unknown[] = await sqlRows(
      manager,
      `INSERT INTO items (project_id, overlap, external_id, data, media, gold)
       SELECT $1, $2, e, d, m, g FROM unnest($3::text[], $4::jsonb[], $5::jsonb[], $6::jsonb[]) AS t(e, d, m, g)
       ON CONFLICT (project_id, external_id) DO NOTHING
       RETURNING id`,
      [
        projectId,
        overlap,
        items.map((i) => i.externalId),
        items.map((i) => JSON.stringify(i.data)),
        items.map((i) => (i.media ? JSON.stringify(i.media) : null)),
        items.map((i) => (i.gold === undefined || i.gold === null ? null : JSON.stringify(i.gold))),
      ],
    );
    return rows.length;
  }

  /** Inserts one item; false when its externalId exists in the project. */
  async insert(projectId: number, overlap: number, item: NewItem): Promise<boolean> {
    return (await this.insertBatch(this.db.manager, projectId, overlap, [item])) === 1;
  }

  findById(id: number): Promise<ItemEntity | null> {
    return this.db.getRepository(ItemEntity).findOneBy({ id });
  }

  async annotationCounts(ids: number[]): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    if (ids.length === 0) return counts;
    const rows: Array<{ item_id: number; n: string }> = await sqlRows(
      this.db,
      'SELECT item_id, count(*) AS n FROM annotations WHERE item_id = ANY($1) AND discarded_at IS NULL GROUP BY item_id',
      [ids],
    );
    for (const row of rows) counts.set(row.item_id, Number(row.n));
    return counts;
  }

  /** Labels of each item that stopped counting (suspension, rejected review): kept on record, listed with the rest. */
  async discardedCounts(ids: number[]): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    if (ids.length === 0) return counts;
    const rows: Array<{ item_id: number; n: string }> = await sqlRows(
      this.db,
      'SELECT item_id, count(*) AS n FROM annotations WHERE item_id = ANY($1) AND discarded_at IS NOT NULL GROUP BY item_id',
      [ids],
    );
    for (const row of rows) counts.set(row.item_id, Number(row.n));
    return counts;
  }

  async list(query: ListQuery<(typeof ITEM_FILTERS)[number]>): Promise<ListPage<ItemEntity>> {
    const qb = this.db.getRepository(ItemEntity).createQueryBuilder('i');
    const ids = idList(query.filter.id, 'id');
    if (ids) qb.andWhere('i.id = ANY(:ids)', { ids });
    const projectIds = idList(query.filter.projectId, 'projectId');
    if (projectIds) qb.andWhere('i.projectId = ANY(:projectIds)', { projectIds });
    if (typeof query.filter.externalId === 'string') qb.andWhere('i.externalId = :externalId', { externalId: query.filter.externalId });
    const status = query.filter.status;
    if (status !== undefined) {
      if (!isItemStatus(status)) {
        throw new ItemException(ErrorCode.VALIDATION_FAILED, 'status must be open, in_progress or completed', 'filter.status');
      }
      qb.andWhere(itemStatusSql(status, ITEM_PROGRESS_SQL));
    }
    qb.orderBy(`i.${query.sortField}`, query.sortOrder).addOrderBy('i.id', 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  async update(id: number, changes: { data?: Record<string, unknown>; overlap?: number; media?: ItemMedia | null }): Promise<void> {
    await this.db.getRepository(ItemEntity).update({ id }, changes as QueryDeepPartialEntity<ItemEntity>);
  }

  /**
   * The item with its assignments and annotations (the hot tables have no foreign keys to cascade);
   * `removed` runs in the same transaction with the annotations deleted.
   */
  async delete(id: number, removed?: TransactionHook<readonly RemovedAnnotation[]>): Promise<void> {
    await this.db.transaction(async (manager) => {
      const annotations = await sqlRows<RemovedAnnotation>(
        manager,
        'DELETE FROM annotations WHERE item_id = $1 RETURNING id AS "annotationId", project_id AS "projectId"',
        [id],
      );
      await sqlRows(manager, 'DELETE FROM assignments WHERE item_id = $1', [id]);
      await manager.getRepository(ItemEntity).delete({ id });
      await removed?.(manager, annotations);
    });
  }
}
