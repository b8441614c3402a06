import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { itemCompletedSql } from '../items/domain/item-status.js';
import type { ActiveAnnotatorsDto, LabelsPerDayDto, ProjectProgressDto, TotalsDto } from './stats.dto.js';

/** Per item in a GROUP BY of its live labels: the item is completed (items/domain/item-status.ts). */
const COMPLETED = itemCompletedSql({ annotations: 'count(*)', overlap: 'i.overlap' });

@Injectable()
export class StatsRepository {
  constructor(private readonly db: DataSource) {}

  async labelsPerDay(days: number): Promise<LabelsPerDayDto[]> {
    const rows = await sqlRows<{ day: string; labels: number }>(
      this.db,
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(a.id)::int AS labels
         FROM generate_series((now() AT TIME ZONE 'UTC')::date - ($1::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d(day)
         LEFT JOIN annotations a ON a.created_at >= d.day AT TIME ZONE 'UTC' AND a.created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC'
        GROUP BY d.day ORDER BY d.day`,
      [days],
    );
    return rows;
  }

  async activeAnnotators(): Promise<ActiveAnnotatorsDto> {
    const rows = await sqlRows<ActiveAnnotatorsDto>(
      this.db,
      `SELECT count(DISTINCT annotator_id) FILTER (WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')::int AS "today",
              count(DISTINCT annotator_id) FILTER (WHERE created_at >= now() - interval '7 days')::int AS "last7Days",
              count(DISTINCT annotator_id)::int AS "last30Days"
         FROM annotations WHERE created_at >= now() - interval '30 days'`,
    );
    return rows[0]!;
  }

  async totals(): Promise<TotalsDto> {
    const rows = await sqlRows<TotalsDto>(
      this.db,
      `SELECT (SELECT count(*)::int FROM projects) AS projects,
              (SELECT count(*)::int FROM items) AS items,
              (SELECT count(*)::int FROM annotations) AS annotations,
              (SELECT count(*)::int FROM annotations WHERE discarded_at IS NOT NULL) AS "discardedAnnotations",
              (SELECT count(DISTINCT annotator_id)::int FROM annotations) AS annotators,
              (SELECT count(*)::int FROM item_results WHERE status = 'needs_review') AS "pendingReviews",
              (SELECT count(*)::int FROM suspensions WHERE lifted_at IS NULL) AS "activeSuspensions"`,
    );
    return rows[0]!;
  }

  async projectProgress(limit: number): Promise<ProjectProgressDto[]> {
    return sqlRows<ProjectProgressDto>(
      this.db,
      `SELECT p.id, p.name, p.status,
              (SELECT count(*)::int FROM items i WHERE i.project_id = p.id) AS items,
              (SELECT count(*)::int FROM (
                 SELECT a.item_id FROM annotations a JOIN items i ON i.id = a.item_id
                  WHERE a.project_id = p.id AND a.discarded_at IS NULL GROUP BY a.item_id, i.overlap HAVING ${COMPLETED}) done) AS "completedItems",
              a.annotations, a."discardedAnnotations"
         FROM projects p,
              LATERAL (SELECT count(*)::int AS annotations, count(*) FILTER (WHERE discarded_at IS NOT NULL)::int AS "discardedAnnotations"
                         FROM annotations WHERE project_id = p.id) a
        ORDER BY (p.status = 'active') DESC, p.updated_at DESC
        LIMIT $1`,
      [limit],
    );
  }
}
