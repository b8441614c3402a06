import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { ItemMedia } from '../items/domain/item-media.js';

/** One of the annotator's own labels, with what deciding its standing needs. */
export interface MyLabelRow {
  id: number;
  annotatorId: number;
  projectId: number;
  projectName: string;
  /** The project's label schema, and whether it takes work now. */
  projectLabels: string[];
  projectActive: boolean;
  projectType: string;
  itemId: number;
  result: unknown;
  createdAt: Date;
  discarded: boolean;
  /** The item's consensus status and label count; null while the quality engine has not decided it. */
  decisionStatus: string | null;
  decisionLabels: number | null;
  /** The settled answer; only read when the item is settled. */
  settled: unknown;
  /** The item's data, for spans (their text); {} otherwise. */
  data: Record<string, unknown>;
  minLabels: number;
  /** Net amount the ledger holds for the label, smallest unit. */
  earnedWei: string;
}

export interface StandingCounts {
  submitted: number;
  discarded: number;
  pending: number;
  /** Settled, live, with a net reward: accepted. */
  credited: number;
}

export interface UncreditedLabelRow {
  projectType: string;
  result: unknown;
  settled: unknown;
  data: Record<string, unknown>;
}

export interface MyLabelItem {
  data: Record<string, unknown>;
  media: ItemMedia | null;
}

export interface MyTrustRow {
  projectId: number;
  projectName: string;
  labels: number;
  accuracy: number;
  goldSeen: number;
  goldCorrect: number;
}

// The item counts as settled (for the annotator) as `visiblySettled` says: confident with enough labels.
const SETTLED = `r.status = 'confident' AND r.labels >= LEAST(p.overlap, p.max_overlap)`;

const LABEL_COLUMNS = `a.id, a.annotator_id AS "annotatorId", a.project_id AS "projectId", p.name AS "projectName",
       p.labels AS "projectLabels", p.status = 'active' AS "projectActive", p.type AS "projectType", a.item_id AS "itemId",
       a.result, a.created_at AS "createdAt", a.discarded_at IS NOT NULL AS discarded,
       r.status AS "decisionStatus", r.labels AS "decisionLabels", r.result AS settled,
       CASE WHEN p.type = 'spans' THEN i.data ELSE '{}'::jsonb END AS data,
       LEAST(p.overlap, p.max_overlap) AS "minLabels",
       COALESCE((SELECT sum(l.amount) FROM ledger_entries l WHERE l.annotation_id = a.id), 0)::text AS "earnedWei"
  FROM annotations a
  JOIN projects p ON p.id = a.project_id
  JOIN items i ON i.id = a.item_id
  LEFT JOIN item_results r ON r.item_id = a.item_id`;

/** An annotator's own labels and where they stand; the one correction an annotator may make to one. */
@Injectable()
export class MyLabelsRepository {
  constructor(private readonly db: DataSource) {}

  /** The annotator's latest labels, newest first. */
  recent(annotatorId: number, limit: number): Promise<MyLabelRow[]> {
    return sqlRows<MyLabelRow>(this.db, `SELECT ${LABEL_COLUMNS} WHERE a.annotator_id = $1 ORDER BY a.id DESC LIMIT $2`, [
      annotatorId,
      limit,
    ]);
  }

  async findOwn(annotatorId: number, id: number): Promise<MyLabelRow | undefined> {
    const rows = await sqlRows<MyLabelRow>(this.db, `SELECT ${LABEL_COLUMNS} WHERE a.id = $1 AND a.annotator_id = $2`, [id, annotatorId]);
    return rows[0];
  }

  /**
   * The annotator's labels counted by what SQL alone can tell: discarded, pending (item not settled)
   * and credited (a net reward: they matched). The rest, settled and not credited, are read by
   * `settledUncredited` to be matched against the settled answer.
   */
  async standingCounts(annotatorId: number): Promise<StandingCounts> {
    const rows = await sqlRows<StandingCounts>(
      this.db,
      `SELECT count(*)::int AS submitted,
              count(*) FILTER (WHERE a.discarded_at IS NOT NULL)::int AS discarded,
              count(*) FILTER (WHERE a.discarded_at IS NULL AND NOT COALESCE(${SETTLED}, false))::int AS pending,
              count(*) FILTER (WHERE a.discarded_at IS NULL AND COALESCE(${SETTLED}, false) AND c.earned > 0)::int AS credited
         FROM annotations a
         JOIN projects p ON p.id = a.project_id
         LEFT JOIN item_results r ON r.item_id = a.item_id
         CROSS JOIN LATERAL (SELECT COALESCE(sum(l.amount), 0) AS earned FROM ledger_entries l WHERE l.annotation_id = a.id) c
        WHERE a.annotator_id = $1`,
      [annotatorId],
    );
    return rows[0]!;
  }

  /** The annotator's live labels on settled items that earned nothing: accepted (not credited yet) or rejected. */
  settledUncredited(annotatorId: number): Promise<UncreditedLabelRow[]> {
    return sqlRows<UncreditedLabelRow>(
      this.db,
      `SELECT p.type AS "projectType", a.result, r.result AS settled,
              CASE WHEN p.type = 'spans' THEN i.data ELSE '{}'::jsonb END AS data
         FROM annotations a
         JOIN projects p ON p.id = a.project_id
         JOIN items i ON i.id = a.item_id
         JOIN item_results r ON r.item_id = a.item_id
        WHERE a.annotator_id = $1 AND a.discarded_at IS NULL AND ${SETTLED}
          AND COALESCE((SELECT sum(l.amount) FROM ledger_entries l WHERE l.annotation_id = a.id), 0) = 0`,
      [annotatorId],
    );
  }

  async item(itemId: number): Promise<MyLabelItem | undefined> {
    const rows = await sqlRows<MyLabelItem>(this.db, 'SELECT data, media FROM items WHERE id = $1', [itemId]);
    return rows[0];
  }

  trust(annotatorId: number): Promise<MyTrustRow[]> {
    return sqlRows<MyTrustRow>(
      this.db,
      `SELECT w.project_id AS "projectId", p.name AS "projectName", w.labels, w.accuracy, w.gold_seen AS "goldSeen",
              w.gold_correct AS "goldCorrect"
         FROM worker_quality w JOIN projects p ON p.id = w.project_id
        WHERE w.annotator_id = $1
        ORDER BY p.name, w.project_id`,
      [annotatorId],
    );
  }

  /**
   * Replaces the label's result if it may still be corrected: the caller's, live, its project active
   * and its item not settled (as `correctable` says) at the moment of the write, so a decision
   * committed meanwhile wins; the answer first submitted is kept for the gold score
   * (AnnotationEntity.submittedResult). Answers the project to aggregate again, or undefined when refused.
   */
  async correct(id: number, annotatorId: number, result: unknown): Promise<number | undefined> {
    const rows = await sqlRows<{ project_id: number }>(
      this.db,
      `UPDATE annotations a SET result = $3::jsonb, submitted_result = coalesce(a.submitted_result, a.result)
         FROM projects p
        WHERE a.id = $1 AND a.annotator_id = $2 AND a.discarded_at IS NULL AND p.id = a.project_id AND p.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM item_results r WHERE r.item_id = a.item_id AND ${SETTLED})
        RETURNING a.project_id`,
      [id, annotatorId, JSON.stringify(result)],
    );
    return rows[0]?.project_id;
  }
}
