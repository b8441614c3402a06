import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';

export interface ReviewQueueRow {
  itemId: number;
  projectId: number;
  data: Record<string, unknown>;
  result: unknown;
  confidence: number;
  labels: Array<{ annotationId: number; annotatorId: number; address: string; result: unknown }>;
}

export type ReviewOutcome = 'accepted' | 'rejected' | 'fixed_and_accepted';

@Injectable()
export class ReviewsRepository {
  constructor(private readonly db: DataSource) {}

  /** Items the engine could not settle, least confident first, with every counted label. */
  async queue(projectIds: number[] | undefined, offset: number, limit: number): Promise<{ rows: ReviewQueueRow[]; total: number }> {
    const where = `r.status = 'needs_review' AND ($1::int[] IS NULL OR r.project_id = ANY($1))`;
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
          OFFSET $2 LIMIT $3`,
        [projectIds ?? null, offset, limit],
      ),
      sqlRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM item_results r WHERE ${where}`, [projectIds ?? null]),
    ]);
    return { rows, total: total[0]?.n ?? 0 };
  }

  async itemContext(
    itemId: number,
  ): Promise<{ projectId: number; type: string; labels: string[]; data: Record<string, unknown> } | undefined> {
    const rows = await sqlRows<{ projectId: number; type: string; labels: string[]; data: Record<string, unknown> }>(
      this.db,
      'SELECT i.project_id AS "projectId", p.type, p.labels, i.data FROM items i JOIN projects p ON p.id = i.project_id WHERE i.id = $1',
      [itemId],
    );
    return rows[0];
  }

  /**
   * Records the decision. Accepted (or fixed): the answer is final and counts as ground truth.
   * Rejected: the item's labels stop counting and the item goes back to the pool for new annotators.
   */
  async decide(itemId: number, projectId: number, reviewerId: number, outcome: ReviewOutcome, result: unknown): Promise<void> {
    await this.db.transaction(async (manager) => {
      await sqlRows(manager, 'SELECT id FROM items WHERE id = $1 FOR UPDATE', [itemId]);
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
    });
  }

  async currentResult(itemId: number): Promise<{ result: unknown; status: string } | undefined> {
    const rows = await sqlRows<{ result: unknown; status: string }>(this.db, 'SELECT result, status FROM item_results WHERE item_id = $1', [
      itemId,
    ]);
    return rows[0];
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
