import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { ItemMedia } from '../items/domain/item-media.js';
import type { ConsensusStatus } from './domain/consensus-status.js';

export interface ReviewQueueRow {
  itemId: number;
  projectId: number;
  data: Record<string, unknown>;
  result: unknown;
  confidence: number;
  labels: Array<{ annotationId: number; annotatorId: number; address: string; result: unknown }>;
}

export type ReviewOutcome = 'accepted' | 'rejected' | 'fixed_and_accepted';

export interface ReviewItemContext {
  projectId: number;
  type: string;
  labels: string[];
  data: Record<string, unknown>;
  media: ItemMedia | null;
}

/** What became of a decision: recorded, or why not (checked under the item's lock, so two reviewers cannot both land). */
export type DecisionAnswer =
  | { outcome: 'decided' }
  | { outcome: 'not_found' }
  | { outcome: 'own_label' }
  | { outcome: 'not_pending'; status: ConsensusStatus | null; lastDecision: ReviewOutcome | null };

@Injectable()
export class ReviewsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Items the engine could not settle, least confident first, with every counted label; without the
   * items `reviewerId` labelled (they may not decide those).
   */
  async queue(
    reviewerId: number,
    projectIds: number[] | undefined,
    offset: number,
    limit: number,
  ): Promise<{ rows: ReviewQueueRow[]; total: number }> {
    const where = `r.status = 'needs_review' AND ($1::int[] IS NULL OR r.project_id = ANY($1))
      AND NOT EXISTS (SELECT 1 FROM annotations mine WHERE mine.item_id = r.item_id AND mine.annotator_id = $2)`;
    const [rows, total] = await Promise.all([
      sqlRows<ReviewQueueRow>(
        this.db,
        `SELECT r.item_id AS "itemId", r.project_id AS "projectId", i.data, r.result, r.confidence,
                coalesce((SELECT json_agg(json_build_object('annotationId', a.id, 'annotatorId', a.annotator_id, 'address', u.address, 'result', a.result) ORDER BY a.id)
                   FROM annotations a JOIN users u ON u.id = a.annotator_id
                  WHERE a.item_id = r.item_id AND a.discarded_at IS NULL), '[]') AS labels
           FROM item_results r JOIN items i ON i.id = r.item_id
          WHERE ${where}
          ORDER BY r.confidence, r.item_id
          OFFSET $3 LIMIT $4`,
        [projectIds ?? null, reviewerId, offset, limit],
      ),
      sqlRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM item_results r WHERE ${where}`, [projectIds ?? null, reviewerId]),
    ]);
    return { rows, total: total[0]?.n ?? 0 };
  }

  /** What a reviewer's fixed answer is checked against: the project's schema and the item's shape. */
  async itemContext(itemId: number): Promise<ReviewItemContext | undefined> {
    const rows = await sqlRows<ReviewItemContext>(
      this.db,
      `SELECT i.project_id AS "projectId", p.type, p.labels, i.data, i.media
         FROM items i JOIN projects p ON p.id = i.project_id WHERE i.id = $1`,
      [itemId],
    );
    return rows[0];
  }

  /**
   * Records the decision if the item is waiting for review and the reviewer did not label it, checked
   * and written in one transaction under the item's lock: of two reviewers deciding at once, the
   * second finds the item decided. Accepted: the engine's answer, read under the lock, is final and
   * counts as ground truth; fixed: the reviewer's answer (`fixed`) does. Rejected: the item's labels
   * stop counting and the item goes back to the pool for new annotators.
   */
  async decide(itemId: number, reviewerId: number, outcome: ReviewOutcome, fixed: unknown): Promise<DecisionAnswer> {
    return this.db.transaction(async (manager) => {
      const [item] = await sqlRows<{ project_id: number }>(manager, 'SELECT project_id FROM items WHERE id = $1 FOR UPDATE', [itemId]);
      if (!item) return { outcome: 'not_found' };
      // A statement after the lock: it sees what a reviewer who held the lock before committed.
      const [state] = await sqlRows<{ own: boolean; status: ConsensusStatus | null; result: unknown; last: ReviewOutcome | null }>(
        manager,
        `SELECT EXISTS (SELECT 1 FROM annotations WHERE item_id = $1 AND annotator_id = $2) AS own,
                (SELECT status FROM item_results WHERE item_id = $1) AS status,
                (SELECT result FROM item_results WHERE item_id = $1) AS result,
                (SELECT outcome FROM reviews WHERE item_id = $1 ORDER BY id DESC LIMIT 1) AS last`,
        [itemId, reviewerId],
      );
      if (state!.own) return { outcome: 'own_label' };
      if (state!.status !== 'needs_review') return { outcome: 'not_pending', status: state!.status, lastDecision: state!.last };
      const result = outcome === 'accepted' ? state!.result : outcome === 'fixed_and_accepted' ? fixed : null;
      const projectId = item.project_id;
      await sqlRows(manager, 'INSERT INTO reviews (item_id, project_id, reviewer_id, outcome, result) VALUES ($1, $2, $3, $4, $5::jsonb)', [
        itemId,
        projectId,
        reviewerId,
        outcome,
        result === null ? null : JSON.stringify(result),
      ]);
      if (outcome === 'rejected') {
        await sqlRows(
          manager,
          `WITH discarded AS (
             UPDATE annotations SET discarded_at = now() WHERE item_id = $1 AND discarded_at IS NULL RETURNING id
           )
           UPDATE items SET taken = items.taken - (SELECT count(*) FROM discarded)::int WHERE id = $1`,
          [itemId],
        );
        await sqlRows(manager, 'DELETE FROM item_results WHERE item_id = $1', [itemId]);
      } else {
        await sqlRows(
          manager,
          `UPDATE item_results SET result = $2::jsonb, confidence = 1, status = 'confident', method = 'review', computed_at = now() WHERE item_id = $1`,
          [itemId, JSON.stringify(result)],
        );
      }
      return { outcome: 'decided' };
    });
  }

  /** The accepted answer of every reviewed item of the project (the latest review counts). */
  async acceptedAnswers(projectId: number): Promise<Map<number, Record<string, unknown>>> {
    const rows = await sqlRows<{ item_id: number; outcome: string; result: Record<string, unknown> | null }>(
      this.db,
      `SELECT DISTINCT ON (item_id) item_id, outcome, result FROM reviews WHERE project_id = $1 ORDER BY item_id, id DESC`,
      [projectId],
    );
    return new Map(rows.filter((r) => r.outcome !== 'rejected' && r.result).map((r) => [r.item_id, r.result!]));
  }
}
