import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { ConfusionCount } from './domain/confusion.js';

export interface AnnotatorRow {
  id: number;
  address: string;
}

/** A project the annotator labeled in, with their measured quality from its last aggregation (null fields until one ran). */
export interface AnnotatorProjectRow {
  projectId: number;
  projectName: string;
  projectType: string;
  projectLabels: string[];
  submitted: number;
  discarded: number;
  labels: number | null;
  accuracy: number | null;
  goldSeen: number | null;
  goldCorrect: number | null;
  computedAt: Date | null;
}

export interface AnnotatorDayRow {
  day: string;
  labels: number;
  discarded: number;
  compared: number;
  agreed: number;
  goldSeen: number;
  goldCorrect: number;
}

export interface AnnotatorConfusionRow extends ConfusionCount {
  projectId: number;
}

export interface AnnotatorSuspensionRow {
  id: number;
  projectId: number | null;
  projectName: string | null;
  reasons: unknown;
  createdAt: Date;
  liftedAt: Date | null;
  liftedBy: number | null;
  liftedByAddress: string | null;
}

/**
 * One annotator's labels measured against the answers the quality engine settled on. Discarded
 * labels (their annotator was suspended) are counted per day but measured nowhere, as in aggregation.
 */
@Injectable()
export class AnnotatorQualityRepository {
  constructor(private readonly db: DataSource) {}

  async findAnnotator(id: number): Promise<AnnotatorRow | undefined> {
    const rows = await sqlRows<AnnotatorRow>(this.db, 'SELECT id, address FROM users WHERE id = $1', [id]);
    return rows[0];
  }

  async projects(annotatorId: number): Promise<AnnotatorProjectRow[]> {
    return sqlRows(
      this.db,
      `WITH mine AS (
         SELECT project_id, count(*) FILTER (WHERE discarded_at IS NULL)::int AS submitted,
                count(*) FILTER (WHERE discarded_at IS NOT NULL)::int AS discarded
           FROM annotations WHERE annotator_id = $1 GROUP BY project_id
       ), scored AS (
         SELECT * FROM worker_quality WHERE annotator_id = $1
       )
       SELECT p.id AS "projectId", p.name AS "projectName", p.type AS "projectType", p.labels AS "projectLabels",
              coalesce(m.submitted, 0) AS submitted, coalesce(m.discarded, 0) AS discarded,
              w.labels, w.accuracy, w.gold_seen AS "goldSeen", w.gold_correct AS "goldCorrect", w.computed_at AS "computedAt"
         FROM (SELECT project_id FROM mine UNION SELECT project_id FROM scored) ids
         JOIN projects p ON p.id = ids.project_id
         LEFT JOIN mine m ON m.project_id = p.id
         LEFT JOIN scored w ON w.project_id = p.id
        ORDER BY p.id`,
      [annotatorId],
    );
  }

  /** Per UTC day: live labels, discarded ones, and how the live ones compare with item results and gold answers. */
  async days(annotatorId: number, projectId: number | null): Promise<AnnotatorDayRow[]> {
    return sqlRows(
      this.db,
      `SELECT to_char((a.created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
              count(*) FILTER (WHERE a.discarded_at IS NULL)::int AS labels,
              count(*) FILTER (WHERE a.discarded_at IS NOT NULL)::int AS discarded,
              count(r.item_id) FILTER (WHERE a.discarded_at IS NULL)::int AS compared,
              count(*) FILTER (WHERE a.discarded_at IS NULL AND a.result = r.result)::int AS agreed,
              count(*) FILTER (WHERE a.discarded_at IS NULL AND i.gold IS NOT NULL)::int AS "goldSeen",
              count(*) FILTER (WHERE a.discarded_at IS NULL AND a.result = i.gold)::int AS "goldCorrect"
         FROM annotations a
         JOIN items i ON i.id = a.item_id
         LEFT JOIN item_results r ON r.item_id = a.item_id
        WHERE a.annotator_id = $1 AND ($2::int IS NULL OR a.project_id = $2)
        GROUP BY 1 ORDER BY 1`,
      [annotatorId, projectId],
    );
  }

  /** Live classification labels against the true answer: the gold one where the item has it, else the inferred one. */
  async confusion(annotatorId: number, projectId: number | null): Promise<AnnotatorConfusionRow[]> {
    return sqlRows(
      this.db,
      `SELECT a.project_id AS "projectId", coalesce(i.gold, r.result) ->> 'label' AS truth, a.result ->> 'label' AS label, count(*)::int AS count
         FROM annotations a
         JOIN projects p ON p.id = a.project_id AND p.type = 'classification'
         JOIN items i ON i.id = a.item_id
         LEFT JOIN item_results r ON r.item_id = a.item_id
        WHERE a.annotator_id = $1 AND a.discarded_at IS NULL AND ($2::int IS NULL OR a.project_id = $2)
          AND coalesce(i.gold, r.result) ->> 'label' IS NOT NULL AND a.result ->> 'label' IS NOT NULL
        GROUP BY 1, 2, 3`,
      [annotatorId, projectId],
    );
  }

  async suspensions(annotatorId: number): Promise<AnnotatorSuspensionRow[]> {
    return sqlRows(
      this.db,
      `SELECT s.id, s.project_id AS "projectId", p.name AS "projectName", s.reasons, s.created_at AS "createdAt",
              s.lifted_at AS "liftedAt", s.lifted_by AS "liftedBy", l.address AS "liftedByAddress"
         FROM suspensions s
         LEFT JOIN projects p ON p.id = s.project_id
         LEFT JOIN users l ON l.id = s.lifted_by
        WHERE s.annotator_id = $1
        ORDER BY s.created_at DESC, s.id DESC`,
      [annotatorId],
    );
  }
}
