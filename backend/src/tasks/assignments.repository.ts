import { sqlRows } from '../database/sql.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ItemMedia } from '../items/item.entity.js';

export interface LeasedTask {
  assignmentId: number;
  itemId: number;
  data: Record<string, unknown>;
  expiresAt: Date;
  draft: unknown;
}

/** Everything the submit path needs to judge an assignment, in one read. */
export interface AssignmentForSubmit {
  id: number;
  annotatorId: number;
  status: string;
  live: boolean;
  projectId: number;
  projectType: string;
  labels: string[];
  data: Record<string, unknown>;
  media: ItemMedia | null;
  annotationId: number | null;
}

const UNIQUE_VIOLATION = '23505';

/** An open regular item from $4 on that annotator $2 never had ($1 the project). */
const OPEN_REGULAR = `i.project_id = $1 AND i.id >= $4 AND i.taken < i.overlap AND i.gold IS NULL
  -- OFFSET 0 keeps this a per-row probe of the (item, annotator) key, not a scan of the annotator's whole history.
  AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = $2 OFFSET 0)`;

/** The lease statement, with the condition that picks the item. */
function nextTaskSql(pick: string): string {
  return `WITH live AS (
     SELECT a.id, a.item_id, a.expires_at, a.draft FROM assignments a
      WHERE a.annotator_id = $2 AND a.project_id = $1 AND a.status = 'leased' AND a.expires_at > now()
      ORDER BY a.id LIMIT 1
   ), picked AS (
     SELECT i.id FROM items i
      WHERE NOT EXISTS (SELECT 1 FROM live) AND ${pick}
      ORDER BY i.id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
   ), bumped AS (
     UPDATE items SET taken = items.taken + 1 FROM picked WHERE items.id = picked.id
     RETURNING items.id, items.data
   ), leased AS (
     INSERT INTO assignments (project_id, item_id, annotator_id, status, expires_at)
     SELECT $1, bumped.id, $2, 'leased', now() + make_interval(secs => $3) FROM bumped
     RETURNING id, item_id, expires_at
   )
   SELECT live.id, live.item_id, items.data, live.expires_at, live.draft
     FROM live JOIN items ON items.id = live.item_id
   UNION ALL
   SELECT leased.id, leased.item_id, bumped.data, leased.expires_at, NULL
     FROM leased JOIN bumped ON bumped.id = leased.item_id`;
}

const NEXT_REGULAR = nextTaskSql(OPEN_REGULAR);
const NEXT_GOLD = nextTaskSql(`i.project_id = $1 AND i.gold IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = $2 OFFSET 0)
  AND EXISTS (SELECT 1 FROM items i WHERE ${OPEN_REGULAR})`);

function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: string; driverError?: { code?: string } }).code === UNIQUE_VIOLATION ||
    (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION
  );
}

/**
 * Leases, skips, expiries and submits. `items.taken` (live leases + submissions) changes only here,
 * in the same statement as the assignment row it counts, so the two never disagree.
 */
@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The annotator's unexpired lease in the project (a reload resumes it, with its draft), else a new
   * lease on the first item of the pool from `floor` on that they never had. FOR UPDATE SKIP LOCKED
   * spreads concurrent annotators over different rows; the lock re-checks the pool's condition on the
   * newest row version, so an item never gets more than its overlap. One statement, one round trip.
   *
   * Pools: `regular` items are open while `taken < overlap`. A `gold` item is open to every annotator
   * once (its answer is known: it checks them, it needs no more labels), and only while the annotator
   * still has regular work, so that a task arriving after the regular ones ran out cannot give gold away.
   */
  async nextTask(
    projectId: number,
    annotatorId: number,
    leaseSeconds: number,
    floor: number,
    pool: 'regular' | 'gold' = 'regular',
  ): Promise<LeasedTask | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = await sqlRows<{ id: number; item_id: number; data: Record<string, unknown>; expires_at: Date; draft: unknown }>(
          this.db,
          pool === 'regular' ? NEXT_REGULAR : NEXT_GOLD,
          [projectId, annotatorId, leaseSeconds, floor],
          pool === 'regular' ? 'tasks.next' : 'tasks.next-gold',
        );
        const row = rows[0];
        return row && { assignmentId: row.id, itemId: row.item_id, data: row.data, expiresAt: row.expires_at, draft: row.draft };
      } catch (error) {
        // The same annotator racing themselves onto one item: the unique key refused the second
        // lease and the whole statement (with its `taken` bump) rolled back. Pick again.
        if (isUniqueViolation(error) && attempt < 5) continue;
        throw error;
      }
    }
  }

  /** The lowest open item id of the project: where lease scans start. */
  async openFloor(projectId: number): Promise<number> {
    const rows = await sqlRows<{ floor: number | null }>(
      this.db,
      'SELECT min(id) AS floor FROM items WHERE project_id = $1 AND taken < overlap',
      [projectId],
      'tasks.floor',
    );
    return rows[0]?.floor ?? 0;
  }

  /** Returns expired leases' items to the pool. Bounded per call; safe to run from many instances. */
  async expireLeases(projectId?: number, limit = 5000): Promise<Array<{ projectId: number; itemId: number }>> {
    const rows = await sqlRows<{ project_id: number; item_id: number }>(
      this.db,
      `WITH expired AS (
         UPDATE assignments SET status = 'expired', closed_at = now()
          WHERE id IN (
            SELECT id FROM assignments
             WHERE status = 'leased' AND expires_at <= now() AND ($1::int IS NULL OR project_id = $1)
             ORDER BY expires_at LIMIT $2
             FOR UPDATE SKIP LOCKED)
         RETURNING project_id, item_id
       ), per_item AS (
         SELECT item_id, count(*)::int AS n FROM expired GROUP BY item_id
       ), released AS (
         UPDATE items SET taken = items.taken - per_item.n FROM per_item WHERE items.id = per_item.item_id RETURNING items.id
       )
       SELECT project_id, item_id FROM expired`,
      [projectId ?? null, limit],
    );
    return rows.map((r) => ({ projectId: r.project_id, itemId: r.item_id }));
  }

  /** Closes a live lease as skipped: the item it freed, or undefined when it was not live. */
  async skip(assignmentId: number, annotatorId: number): Promise<{ projectId: number; itemId: number } | undefined> {
    const rows = await sqlRows<{ project_id: number; id: number }>(
      this.db,
      `WITH skipped AS (
         UPDATE assignments SET status = 'skipped', closed_at = now(), draft = NULL
          WHERE id = $1 AND annotator_id = $2 AND status = 'leased'
         RETURNING item_id
       )
       UPDATE items SET taken = items.taken - 1 FROM skipped WHERE items.id = skipped.item_id RETURNING items.project_id, items.id`,
      [assignmentId, annotatorId],
    );
    return rows[0] && { projectId: rows[0].project_id, itemId: rows[0].id };
  }

  async findForSubmit(assignmentId: number): Promise<AssignmentForSubmit | undefined> {
    const rows: Array<{
      id: number;
      annotator_id: number;
      status: string;
      live: boolean;
      project_id: number;
      type: string;
      labels: string[];
      data: Record<string, unknown>;
      media: ItemMedia | null;
      annotation_id: number | null;
    }> = await sqlRows(
      this.db,
      `SELECT a.id, a.annotator_id, a.status, a.expires_at > now() AS live, a.project_id, p.type, p.labels, i.data, i.media,
              an.id AS annotation_id
         FROM assignments a
         JOIN items i ON i.id = a.item_id
         JOIN projects p ON p.id = a.project_id
         LEFT JOIN annotations an ON an.assignment_id = a.id
        WHERE a.id = $1`,
      [assignmentId],
      'tasks.find-for-submit',
    );
    const row = rows[0];
    return (
      row && {
        id: row.id,
        annotatorId: row.annotator_id,
        status: row.status,
        live: row.live,
        projectId: row.project_id,
        projectType: row.type,
        labels: row.labels,
        data: row.data,
        media: row.media,
        annotationId: row.annotation_id,
      }
    );
  }

  /**
   * Closes a live lease and records its annotation in one statement. Returns undefined when the
   * lease was no longer live (expired, skipped, or submitted by a concurrent retry).
   */
  async submit(assignmentId: number, annotatorId: number, result: unknown, leadTimeMs: number): Promise<number | undefined> {
    const rows: Array<{ id: number }> = await sqlRows(
      this.db,
      `WITH closed AS (
         UPDATE assignments SET status = 'submitted', closed_at = now(), draft = NULL
          WHERE id = $1 AND annotator_id = $2 AND status = 'leased' AND expires_at > now()
         RETURNING id, project_id, item_id, annotator_id
       )
       INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms)
       SELECT id, project_id, item_id, annotator_id, $3::jsonb, $4 FROM closed
       RETURNING id`,
      [assignmentId, annotatorId, JSON.stringify(result), leadTimeMs],
      'tasks.submit',
    );
    return rows[0]?.id;
  }

  async saveDraft(assignmentId: number, annotatorId: number, draft: unknown): Promise<Date | undefined> {
    const rows: Array<{ expires_at: Date }> = await sqlRows(
      this.db,
      `UPDATE assignments SET draft = $3::jsonb
        WHERE id = $1 AND annotator_id = $2 AND status = 'leased' AND expires_at > now()
        RETURNING expires_at`,
      [assignmentId, annotatorId, JSON.stringify(draft)],
    );
    return rows[0]?.expires_at;
  }

  async countOpen(projectId: number, annotatorId: number): Promise<{ remaining: number; done: number }> {
    const rows: Array<{ remaining: string; done: string }> = await sqlRows(
      this.db,
      `SELECT
         (SELECT count(*) FROM items i WHERE i.project_id = $1 AND i.taken < i.overlap AND i.gold IS NULL
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = $2))
         + (SELECT count(*) FROM assignments a WHERE a.project_id = $1 AND a.annotator_id = $2
              AND a.status = 'leased' AND a.expires_at > now()) AS remaining,
         (SELECT count(*) FROM annotations WHERE project_id = $1 AND annotator_id = $2) AS done`,
      [projectId, annotatorId],
    );
    return { remaining: Number(rows[0]?.remaining ?? 0), done: Number(rows[0]?.done ?? 0) };
  }
}
