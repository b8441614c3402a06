import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RemovedAnnotation } from '../annotations/domain/removed-annotation.js';
import { sqlRows } from '../database/sql.js';
import type { TransactionHook } from '../database/transaction-hook.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import { itemCompletedSql } from '../items/domain/item-status.js';
import type { PROJECT_FILTERS, ProjectStatsDto } from './project.dto.js';
import { ProjectEntity } from './project.entity.js';

export type ProjectFields = Pick<
  ProjectEntity,
  | 'name'
  | 'type'
  | 'labels'
  | 'overlap'
  | 'maxOverlap'
  | 'targetConfidence'
  | 'goldRate'
  | 'qualificationSize'
  | 'qualificationMinAccuracy'
  | 'leaseSeconds'
  | 'rewardPerLabel'
  | 'rewardBudget'
  | 'instructions'
  | 'status'
>;

/** Per item in a GROUP BY of its live labels: the item is completed (items/domain/item-status.ts). */
const COMPLETED = itemCompletedSql({ annotations: 'count(*)', overlap: 'i.overlap' });

@Injectable()
export class ProjectsRepository {
  constructor(private readonly db: DataSource) {}

  findById(id: number, manager: EntityManager = this.db.manager): Promise<ProjectEntity | null> {
    return manager.findOneBy(ProjectEntity, { id });
  }

  async list(query: ListQuery<(typeof PROJECT_FILTERS)[number]>): Promise<ListPage<ProjectEntity>> {
    const qb = this.db.getRepository(ProjectEntity).createQueryBuilder('p');
    const ids = idList(query.filter.id, 'id');
    if (ids) qb.andWhere('p.id = ANY(:ids)', { ids });
    if (typeof query.filter.q === 'string' && query.filter.q !== '') {
      qb.andWhere('p.name ILIKE :q', { q: `%${query.filter.q.replace(/[%_\\]/g, '')}%` });
    }
    for (const key of ['status', 'type'] as const) {
      const value = query.filter[key];
      if (value === undefined) continue;
      const values: unknown[] = Array.isArray(value) ? value : [value];
      qb.andWhere(`p.${key} = ANY(:${key})`, { [key]: values.filter((v): v is string => typeof v === 'string') });
    }
    qb.orderBy(`p.${query.sortField}`, query.sortOrder).addOrderBy('p.id', 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  async stats(ids: number[]): Promise<Map<number, ProjectStatsDto>> {
    const result = new Map<number, ProjectStatsDto>();
    if (ids.length === 0) return result;
    const rows: Array<{ id: number; items: string; completed: string; annotations: string; discarded: string }> = await sqlRows(
      this.db,
      `SELECT p.id,
              (SELECT count(*) FROM items i WHERE i.project_id = p.id) AS items,
              (SELECT count(*) FROM (
                 SELECT a.item_id FROM annotations a JOIN items i ON i.id = a.item_id
                  WHERE a.project_id = p.id AND a.discarded_at IS NULL GROUP BY a.item_id, i.overlap HAVING ${COMPLETED}) done) AS completed,
              a.annotations, a.discarded
         FROM projects p,
              LATERAL (SELECT count(*) AS annotations, count(*) FILTER (WHERE discarded_at IS NOT NULL) AS discarded
                         FROM annotations WHERE project_id = p.id) a
        WHERE p.id = ANY($1)`,
      [ids],
    );
    for (const row of rows) {
      result.set(row.id, {
        items: Number(row.items),
        completedItems: Number(row.completed),
        annotations: Number(row.annotations),
        discardedAnnotations: Number(row.discarded),
      });
    }
    return result;
  }

  async create(fields: ProjectFields): Promise<ProjectEntity> {
    const repo = this.db.getRepository(ProjectEntity);
    return repo.save(repo.create(fields));
  }

  /** Applies the change; a new overlap becomes every item's target in the same transaction. */
  async update(id: number, fields: Partial<ProjectFields>): Promise<ProjectEntity | null> {
    return this.db.transaction(async (manager) => {
      await manager.update(ProjectEntity, { id }, fields);
      if (fields.overlap !== undefined) {
        await sqlRows(manager, 'UPDATE items SET overlap = $2 WHERE project_id = $1 AND overlap <> $2', [id, fields.overlap]);
      }
      return this.findById(id, manager);
    });
  }

  async countAnnotations(id: number): Promise<number> {
    const rows: Array<{ n: string }> = await sqlRows(this.db, 'SELECT count(*) AS n FROM annotations WHERE project_id = $1', [id]);
    return Number(rows[0]?.n ?? 0);
  }

  /** Labels the project's annotations use, so an edit cannot orphan them. */
  async usedLabels(id: number): Promise<Set<string>> {
    const rows: Array<{ label: string }> = await sqlRows(
      this.db,
      `SELECT DISTINCT l AS label FROM annotations a,
         LATERAL (
           SELECT a.result->>'label' AS l WHERE a.result ? 'label'
           UNION ALL SELECT jsonb_array_elements_text(a.result->'labels') WHERE a.result ? 'labels'
           UNION ALL SELECT s->>'label' FROM jsonb_array_elements(a.result->'spans') s WHERE a.result ? 'spans'
           UNION ALL SELECT b->>'label' FROM jsonb_array_elements(a.result->'boxes') b WHERE a.result ? 'boxes'
         ) used
        WHERE a.project_id = $1 AND l IS NOT NULL`,
      [id],
    );
    return new Set(rows.map((r) => r.label));
  }

  /**
   * The project, its items (by their key) and their assignments and annotations (no keys there);
   * `removed` runs in the same transaction with the annotations deleted.
   */
  async delete(id: number, removed?: TransactionHook<readonly RemovedAnnotation[]>): Promise<void> {
    await this.db.transaction(async (manager) => {
      const annotations = await sqlRows<RemovedAnnotation>(
        manager,
        'DELETE FROM annotations WHERE project_id = $1 RETURNING id AS "annotationId", project_id AS "projectId"',
        [id],
      );
      await sqlRows(manager, 'DELETE FROM assignments WHERE project_id = $1', [id]);
      await manager.getRepository(ProjectEntity).delete({ id });
      await removed?.(manager, annotations);
    });
  }
}
