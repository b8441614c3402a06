import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { TransactionHook } from '../database/transaction-hook.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import type { ItemMedia } from '../items/domain/item-media.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { ANNOTATION_ID_FILTERS, ANNOTATION_STATUSES, type ANNOTATION_FILTERS } from './annotation.dto.js';
import { AnnotationEntity } from './annotation.entity.js';
import type { RemovedAnnotation } from './domain/removed-annotation.js';

export interface AnnotationRow {
  annotation: AnnotationEntity;
  annotatorAddress: string;
}

export interface AnnotationContext {
  data: Record<string, unknown>;
  media: ItemMedia | null;
  type: string;
  labels: string[];
}

@Injectable()
export class AnnotationsRepository {
  constructor(private readonly db: DataSource) {}

  /** `onlyAnnotatorId` scopes the list to one annotator's own labels. */
  async list(query: ListQuery<(typeof ANNOTATION_FILTERS)[number]>, onlyAnnotatorId?: number): Promise<ListPage<AnnotationRow>> {
    const qb = this.db.getRepository(AnnotationEntity).createQueryBuilder('a').innerJoin('a.annotator', 'u').addSelect('u.address');
    for (const key of ANNOTATION_ID_FILTERS) {
      const ids = idList(query.filter[key], key);
      if (ids) qb.andWhere(`a.${key} = ANY(:${key})`, { [key]: ids });
    }
    const status = query.filter.status;
    if (status === 'counted') qb.andWhere('a.discardedAt IS NULL');
    else if (status === 'discarded') qb.andWhere('a.discardedAt IS NOT NULL');
    else if (status !== undefined) {
      throw new AppException(ErrorCode.VALIDATION_FAILED, `status must be one of ${ANNOTATION_STATUSES.join(', ')}`, 'filter.status');
    }
    if (onlyAnnotatorId !== undefined) qb.andWhere('a.annotatorId = :me', { me: onlyAnnotatorId });
    qb.orderBy(`a.${query.sortField}`, query.sortOrder).addOrderBy('a.id', 'ASC').skip(query.offset).take(query.limit);
    const [entities, total] = await qb.getManyAndCount();
    return { rows: entities.map((a) => ({ annotation: a, annotatorAddress: a.annotator!.address })), total };
  }

  async findById(id: number): Promise<AnnotationRow | undefined> {
    const annotation = await this.db.getRepository(AnnotationEntity).findOne({ where: { id }, relations: { annotator: true } });
    return annotation ? { annotation, annotatorAddress: annotation.annotator!.address } : undefined;
  }

  /** What checking a result for the item needs: the item's content and its project's label schema. */
  async context(itemId: number): Promise<AnnotationContext | undefined> {
    const rows = await sqlRows<AnnotationContext>(
      this.db,
      `SELECT i.data, i.media, p.type, p.labels FROM items i JOIN projects p ON p.id = i.project_id WHERE i.id = $1`,
      [itemId],
    );
    return rows[0];
  }

  async updateResult(id: number, result: unknown): Promise<void> {
    await sqlRows(this.db, 'UPDATE annotations SET result = $2::jsonb WHERE id = $1', [id, JSON.stringify(result)]);
  }

  /**
   * An admin labels an item directly: a submitted assignment and its annotation in one statement,
   * counted against the item's overlap like any other label. Undefined if they labeled it already.
   */
  async createDirect(itemId: number, annotatorId: number, result: unknown, leadTimeMs: number): Promise<number | undefined> {
    try {
      const rows: Array<{ id: number }> = await sqlRows(
        this.db,
        `WITH bumped AS (
           UPDATE items SET taken = taken + 1 WHERE id = $1 RETURNING id, project_id
         ), assigned AS (
           INSERT INTO assignments (project_id, item_id, annotator_id, status, expires_at, closed_at)
           SELECT project_id, id, $2, 'submitted', now(), now() FROM bumped
           RETURNING id, project_id, item_id, annotator_id
         )
         INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms)
         SELECT id, project_id, item_id, annotator_id, $3::jsonb, $4 FROM assigned
         RETURNING id`,
        [itemId, annotatorId, JSON.stringify(result), leadTimeMs],
      );
      return rows[0]?.id;
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') return undefined;
      throw error;
    }
  }

  /**
   * Removes the label and frees its slot: the assignment is kept as cancelled, for the record.
   * `removed` runs in the same transaction with the annotation deleted.
   */
  async delete(id: number, removed?: TransactionHook<readonly RemovedAnnotation[]>): Promise<void> {
    await this.db.transaction(async (manager) => {
      const annotations = await sqlRows<RemovedAnnotation>(
        manager,
        `WITH removed AS (
           DELETE FROM annotations WHERE id = $1 RETURNING id, project_id, assignment_id, item_id
         ), cancelled AS (
           UPDATE assignments SET status = 'cancelled', closed_at = now() FROM removed WHERE assignments.id = removed.assignment_id
         ), freed AS (
           UPDATE items SET taken = items.taken - 1 FROM removed WHERE items.id = removed.item_id
         )
         SELECT id AS "annotationId", project_id AS "projectId" FROM removed`,
        [id],
      );
      await removed?.(manager, annotations);
    });
  }
}
