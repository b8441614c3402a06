import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { MethodSelection } from './domain/method-selection.js';

export interface LabelRow {
  itemId: number;
  annotatorId: number;
  result: Record<string, unknown>;
  /** The answer first submitted (the label's result unless corrected since): what gold judges. */
  submitted: Record<string, unknown>;
  /** Lease to submit, as the server measured it; null for labels made without a lease. */
  serverTimeMs: number | null;
}

/** A gold item given to an annotator who did not answer it (skipped it, or let the lease run out). */
export interface UnansweredGoldRow {
  itemId: number;
  annotatorId: number;
}

export interface ItemRow {
  id: number;
  overlap: number;
  data: Record<string, unknown>;
  gold: Record<string, unknown> | null;
}

export interface ItemResultRow {
  itemId: number;
  result: unknown;
  confidence: number;
  status: string;
  labels: number;
}

export interface WorkerRow {
  annotatorId: number;
  labels: number;
  accuracy: number;
  goldSeen: number;
  goldCorrect: number;
}

/** Confidence moves smaller than this do not rewrite an item's stored result (shown to 0.1 %). */
export const CONFIDENCE_EPSILON = 0.001;

@Injectable()
export class QualityRepository {
  constructor(private readonly db: DataSource) {}

  async projectLabels(projectId: number): Promise<{ items: ItemRow[]; labels: LabelRow[]; unansweredGold: UnansweredGoldRow[] }> {
    const [items, labels, unansweredGold] = await Promise.all([
      // Only items with labels or a gold answer matter; their data only for spans (the text).
      sqlRows<ItemRow>(
        this.db,
        `SELECT i.id, i.overlap, CASE WHEN p.type = 'spans' THEN i.data ELSE '{}'::jsonb END AS data, i.gold
           FROM items i JOIN projects p ON p.id = i.project_id
          WHERE i.project_id = $1
            AND (i.gold IS NOT NULL OR EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = i.id AND a.discarded_at IS NULL))
          ORDER BY i.id`,
        [projectId],
      ),
      sqlRows<LabelRow>(
        this.db,
        `SELECT item_id AS "itemId", annotator_id AS "annotatorId", result, coalesce(submitted_result, result) AS submitted,
                server_time_ms AS "serverTimeMs"
           FROM annotations WHERE project_id = $1 AND discarded_at IS NULL ORDER BY id`,
        [projectId],
      ),
      // As with labels, nothing of an annotator whose work was withdrawn (suspended, or failed here).
      sqlRows<UnansweredGoldRow>(
        this.db,
        `SELECT a.item_id AS "itemId", a.annotator_id AS "annotatorId"
           FROM items i JOIN assignments a ON a.item_id = i.id
          WHERE i.project_id = $1 AND i.gold IS NOT NULL AND a.status IN ('skipped', 'expired')
            AND NOT EXISTS (SELECT 1 FROM suspensions s WHERE s.annotator_id = a.annotator_id AND s.lifted_at IS NULL)
            AND NOT EXISTS (SELECT 1 FROM qualifications q WHERE q.project_id = i.project_id AND q.annotator_id = a.annotator_id
                              AND q.status = 'failed')
          ORDER BY a.id`,
        [projectId],
      ),
    ]);
    return { items, labels, unansweredGold };
  }

  /**
   * Replaces the project's results in one transaction, so a rerun (or a crashed one) leaves no mix.
   * Only rows whose decision changed are written (a confidence that moved by less than
   * CONFIDENCE_EPSILON is left as stored): a run over a big project then writes what the new labels
   * changed, not every item again, and labeling next to it keeps its pace.
   */
  async saveResults(
    projectId: number,
    method: string,
    items: readonly ItemResultRow[],
    workers: readonly WorkerRow[],
    grow: ReadonlyArray<{ itemId: number; overlap: number }> = [],
    selection: MethodSelection | null = null,
  ): Promise<void> {
    const itemIds = items.map((i) => i.itemId);
    await this.db.transaction(async (manager) => {
      await sqlRows(
        manager,
        `DELETE FROM item_results r
          WHERE r.project_id = $1 AND NOT EXISTS (SELECT 1 FROM unnest($2::int[]) AS k(i) WHERE k.i = r.item_id)`,
        [projectId, itemIds],
      );
      await sqlRows(
        manager,
        `INSERT INTO item_results AS r (item_id, project_id, result, confidence, status, labels, method, computed_at)
         SELECT i, $1, res, c, s, l, $2, now()
           FROM unnest($3::int[], $4::jsonb[], $5::float8[], $6::text[], $7::int[]) AS t(i, res, c, s, l)
         ON CONFLICT (item_id) DO UPDATE
            SET project_id = excluded.project_id, result = excluded.result, confidence = excluded.confidence,
                status = excluded.status, labels = excluded.labels, method = excluded.method, computed_at = excluded.computed_at
          WHERE r.result IS DISTINCT FROM excluded.result OR r.status <> excluded.status OR r.labels <> excluded.labels
             OR r.method <> excluded.method OR r.project_id <> excluded.project_id
             OR abs(r.confidence - excluded.confidence) >= ${CONFIDENCE_EPSILON}`,
        [
          projectId,
          method,
          itemIds,
          items.map((i) => JSON.stringify(i.result)),
          items.map((i) => i.confidence),
          items.map((i) => i.status),
          items.map((i) => i.labels),
        ],
      );
      // Only ever raises an item's overlap, so a stale run cannot take slots back.
      await sqlRows(
        manager,
        `UPDATE items SET overlap = g.o FROM unnest($1::int[], $2::int[]) AS g(i, o) WHERE items.id = g.i AND items.overlap < g.o`,
        [grow.map((g) => g.itemId), grow.map((g) => g.overlap)],
      );
      await sqlRows(
        manager,
        `INSERT INTO aggregation_runs (project_id, method, selection, computed_at) VALUES ($1, $2, $3::jsonb, now())
         ON CONFLICT (project_id) DO UPDATE SET method = excluded.method, selection = excluded.selection, computed_at = excluded.computed_at`,
        [projectId, method, selection === null ? null : JSON.stringify(selection)],
      );
      await sqlRows(manager, 'DELETE FROM worker_quality WHERE project_id = $1', [projectId]);
      await sqlRows(
        manager,
        `INSERT INTO worker_quality (project_id, annotator_id, labels, accuracy, gold_seen, gold_correct, computed_at)
         SELECT $1, a, l, acc, gs, gc, now() FROM unnest($2::int[], $3::int[], $4::float8[], $5::int[], $6::int[]) AS t(a, l, acc, gs, gc)`,
        [
          projectId,
          workers.map((w) => w.annotatorId),
          workers.map((w) => w.labels),
          workers.map((w) => w.accuracy),
          workers.map((w) => w.goldSeen),
          workers.map((w) => w.goldCorrect),
        ],
      );
    });
  }

  /**
   * Projects whose labels changed after their last aggregation (or that were never aggregated): what
   * a run that crashed, or never got to run, left behind.
   */
  async staleProjects(): Promise<number[]> {
    const rows = await sqlRows<{ id: number }>(
      this.db,
      `SELECT a.project_id AS id
         FROM (SELECT project_id, max(created_at) AS latest FROM annotations GROUP BY project_id) a
         LEFT JOIN (SELECT project_id, max(computed_at) AS computed FROM item_results GROUP BY project_id) r ON r.project_id = a.project_id
        WHERE r.computed IS NULL OR r.computed < a.latest
        ORDER BY a.project_id`,
    );
    return rows.map((r) => r.id);
  }

  async statusCounts(projectId: number): Promise<Array<{ status: string; n: number }>> {
    return sqlRows(this.db, 'SELECT status, count(*)::int AS n FROM item_results WHERE project_id = $1 GROUP BY status', [projectId]);
  }

  async confidences(projectId: number): Promise<number[]> {
    const rows = await sqlRows<{ confidence: number }>(this.db, 'SELECT confidence FROM item_results WHERE project_id = $1', [projectId]);
    return rows.map((r) => r.confidence);
  }

  async workers(projectId: number): Promise<Array<WorkerRow & { address: string; computedAt: Date }>> {
    return sqlRows(
      this.db,
      `SELECT w.annotator_id AS "annotatorId", u.address, w.labels, w.accuracy, w.gold_seen AS "goldSeen",
              w.gold_correct AS "goldCorrect", w.computed_at AS "computedAt"
         FROM worker_quality w JOIN users u ON u.id = w.annotator_id
        WHERE w.project_id = $1 ORDER BY w.accuracy, w.annotator_id`,
      [projectId],
    );
  }

  /** The project's last aggregation run: when, with which method, and how `auto` chose it. */
  async lastRun(projectId: number): Promise<{ computedAt: Date; method: string; selection: MethodSelection | null } | undefined> {
    const rows = await sqlRows<{ computedAt: Date; method: string; selection: MethodSelection | null }>(
      this.db,
      'SELECT computed_at AS "computedAt", method, selection FROM aggregation_runs WHERE project_id = $1',
      [projectId],
    );
    return rows[0];
  }

  async lastComputed(projectId: number): Promise<{ computedAt: Date; method: string } | undefined> {
    const rows = await sqlRows<{ computedAt: Date; method: string }>(
      this.db,
      'SELECT computed_at AS "computedAt", method FROM item_results WHERE project_id = $1 ORDER BY computed_at DESC LIMIT 1',
      [projectId],
    );
    return rows[0];
  }
}
