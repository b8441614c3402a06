import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { ErrorCode } from '../errors/app.exception.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import { QualityException } from './quality.exception.js';
import { SuspensionEntity } from './suspension.entity.js';
import type { SUSPENSION_FILTERS } from './suspensions.dto.js';

export interface SuspensionRow {
  suspension: SuspensionEntity;
  address: string;
}

/** An annotator's active suspension, with the name of the project that gave it away. */
export interface ActiveSuspensionRow {
  suspension: SuspensionEntity;
  projectName: string | null;
}

/**
 * Stops an annotator's work from counting, in the caller's transaction: cancels their live leases and
 * discards their labels (in one project, or everywhere), and every item they held or labeled goes
 * back to the pool.
 */
export async function withdrawWork(manager: EntityManager, annotatorId: number, projectId: number | null): Promise<void> {
  await sqlRows(
    manager,
    `WITH cancelled AS (
       UPDATE assignments SET status = 'cancelled', closed_at = now(), draft = NULL
        WHERE annotator_id = $1 AND status = 'leased' AND ($2::int IS NULL OR project_id = $2) RETURNING item_id
     ), discarded AS (
       UPDATE annotations SET discarded_at = now()
        WHERE annotator_id = $1 AND discarded_at IS NULL AND ($2::int IS NULL OR project_id = $2) RETURNING item_id
     ), freed AS (
       SELECT item_id, count(*)::int AS n FROM (SELECT item_id FROM cancelled UNION ALL SELECT item_id FROM discarded) f GROUP BY item_id
     )
     UPDATE items SET taken = items.taken - freed.n FROM freed WHERE items.id = freed.item_id`,
    [annotatorId, projectId],
  );
}

@Injectable()
export class SuspensionsRepository {
  constructor(private readonly db: DataSource) {}

  async isSuspended(annotatorId: number): Promise<boolean> {
    const rows = await sqlRows(
      this.db,
      'SELECT 1 FROM suspensions WHERE annotator_id = $1 AND lifted_at IS NULL LIMIT 1',
      [annotatorId],
      'quality.suspended',
    );
    return rows.length > 0;
  }

  async activeAnnotators(): Promise<Set<number>> {
    const rows = await sqlRows<{ annotator_id: number }>(this.db, 'SELECT DISTINCT annotator_id FROM suspensions WHERE lifted_at IS NULL');
    return new Set(rows.map((r) => r.annotator_id));
  }

  /**
   * Suspends the annotator in one transaction: records why, cancels their live leases, and stops
   * their labels from counting; every item they held or labeled goes back to the pool.
   * False when they were suspended already.
   */
  async suspend(annotatorId: number, projectId: number | null, reasons: unknown): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      await sqlRows(manager, 'SELECT pg_advisory_xact_lock(7243552, $1)', [annotatorId]);
      const user = await sqlRows(manager, 'SELECT 1 FROM users WHERE id = $1', [annotatorId]);
      if (user.length === 0) return false;
      const active = await sqlRows(manager, 'SELECT 1 FROM suspensions WHERE annotator_id = $1 AND lifted_at IS NULL', [annotatorId]);
      if (active.length > 0) return false;
      await sqlRows(manager, 'INSERT INTO suspensions (annotator_id, project_id, reasons) VALUES ($1, $2, $3::jsonb)', [
        annotatorId,
        projectId,
        JSON.stringify(reasons),
      ]);
      await withdrawWork(manager, annotatorId, null);
      return true;
    });
  }

  async lift(id: number, liftedBy: number): Promise<SuspensionEntity | null> {
    await sqlRows(this.db, 'UPDATE suspensions SET lifted_at = now(), lifted_by = $2 WHERE id = $1 AND lifted_at IS NULL', [id, liftedBy]);
    return this.db.getRepository(SuspensionEntity).findOneBy({ id });
  }

  async findById(id: number): Promise<SuspensionRow | undefined> {
    const suspension = await this.db.getRepository(SuspensionEntity).findOne({ where: { id }, relations: { annotator: true } });
    return suspension ? { suspension, address: suspension.annotator!.address } : undefined;
  }

  async list(query: ListQuery<(typeof SUSPENSION_FILTERS)[number]>): Promise<ListPage<SuspensionRow>> {
    const qb = this.db.getRepository(SuspensionEntity).createQueryBuilder('s').innerJoinAndSelect('s.annotator', 'u');
    for (const key of ['id', 'annotatorId', 'projectId'] as const) {
      const ids = idList(query.filter[key], key);
      if (ids) qb.andWhere(`s.${key} = ANY(:${key})`, { [key]: ids });
    }
    if (query.filter.reviewRequested === true) qb.andWhere('s.reviewRequestedAt IS NOT NULL');
    else if (query.filter.reviewRequested === false) qb.andWhere('s.reviewRequestedAt IS NULL');
    else if (query.filter.reviewRequested !== undefined)
      throw new QualityException(ErrorCode.VALIDATION_FAILED, 'reviewRequested must be true or false', 'filter.reviewRequested');
    if (query.filter.active === true) qb.andWhere('s.liftedAt IS NULL');
    else if (query.filter.active === false) qb.andWhere('s.liftedAt IS NOT NULL');
    else if (query.filter.active !== undefined)
      throw new QualityException(ErrorCode.VALIDATION_FAILED, 'active must be true or false', 'filter.active');
    qb.orderBy(`s.${query.sortField}`, query.sortOrder).addOrderBy('s.id', 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map((s) => ({ suspension: s, address: s.annotator!.address })), total };
  }

  async activeOf(annotatorId: number): Promise<ActiveSuspensionRow | undefined> {
    const suspension = await this.db
      .getRepository(SuspensionEntity)
      .findOne({ where: { annotatorId, liftedAt: IsNull() }, order: { id: 'DESC' } });
    if (!suspension) return undefined;
    const project =
      suspension.projectId === null
        ? []
        : await sqlRows<{ name: string }>(this.db, 'SELECT name FROM projects WHERE id = $1', [suspension.projectId]);
    return { suspension, projectName: project[0]?.name ?? null };
  }

  /** Records the annotator's request for a review on their active suspension; false when they have none. */
  async requestReview(annotatorId: number, message: string): Promise<boolean> {
    const rows = await sqlRows(
      this.db,
      `UPDATE suspensions SET review_requested_at = now(), review_message = $2
        WHERE annotator_id = $1 AND lifted_at IS NULL RETURNING id`,
      [annotatorId, message],
    );
    return rows.length > 0;
  }
}
