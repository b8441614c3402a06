import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { QualificationStatus } from './domain/qualification.js';
import { withdrawWork } from './suspensions.repository.js';

export interface QualificationRow {
  annotatorId: number;
  address: string;
  goldSeen: number;
  goldCorrect: number;
  status: QualificationStatus;
  updatedAt: Date;
}

@Injectable()
export class QualificationsRepository {
  constructor(private readonly db: DataSource) {}

  async status(projectId: number, annotatorId: number): Promise<QualificationStatus | undefined> {
    const rows = await sqlRows<{ status: QualificationStatus }>(
      this.db,
      'SELECT status FROM qualifications WHERE project_id = $1 AND annotator_id = $2',
      [projectId, annotatorId],
      'quality.qualification',
    );
    return rows[0]?.status;
  }

  /** How many gold items the project has. */
  async goldCount(projectId: number): Promise<number> {
    const rows = await sqlRows<{ n: number }>(
      this.db,
      'SELECT count(*)::int AS n FROM items WHERE project_id = $1 AND gold IS NOT NULL',
      [projectId],
      'quality.gold-count',
    );
    return rows[0]?.n ?? 0;
  }

  /** Annotators of the project with a verdict already (they are not judged again). */
  async decided(projectId: number): Promise<Set<number>> {
    const rows = await sqlRows<{ annotator_id: number }>(
      this.db,
      "SELECT annotator_id FROM qualifications WHERE project_id = $1 AND status <> 'qualifying'",
      [projectId],
    );
    return new Set(rows.map((r) => r.annotator_id));
  }

  /**
   * Records the verdict with the gold answers it was based on. A failed annotator's labels in the
   * project stop counting and their items go back to the pool, in the same transaction. False when a
   * verdict was already recorded.
   */
  async decide(
    projectId: number,
    annotatorId: number,
    verdict: 'passed' | 'failed',
    answered: { goldSeen: number; goldCorrect: number },
  ): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const rows = await sqlRows(
        manager,
        `INSERT INTO qualifications AS q (project_id, annotator_id, gold_seen, gold_correct, status) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (project_id, annotator_id) DO UPDATE
           SET gold_seen = EXCLUDED.gold_seen, gold_correct = EXCLUDED.gold_correct, status = EXCLUDED.status, updated_at = now()
           WHERE q.status = 'qualifying'
         RETURNING 1`,
        [projectId, annotatorId, answered.goldSeen, answered.goldCorrect, verdict],
      );
      if (rows.length === 0) return false;
      if (verdict === 'failed') await withdrawWork(manager, annotatorId, projectId);
      return true;
    });
  }

  /** Lets an annotator take the qualification again (their withdrawn labels stay withdrawn). */
  async reset(projectId: number, annotatorId: number): Promise<boolean> {
    const rows = await sqlRows(this.db, 'DELETE FROM qualifications WHERE project_id = $1 AND annotator_id = $2 RETURNING 1', [
      projectId,
      annotatorId,
    ]);
    return rows.length > 0;
  }

  async list(projectId: number): Promise<QualificationRow[]> {
    return sqlRows<QualificationRow>(
      this.db,
      `SELECT q.annotator_id AS "annotatorId", u.address, q.gold_seen AS "goldSeen", q.gold_correct AS "goldCorrect",
              q.status, q.updated_at AS "updatedAt"
         FROM qualifications q JOIN users u ON u.id = q.annotator_id
        WHERE q.project_id = $1 ORDER BY q.updated_at DESC, q.annotator_id`,
      [projectId],
    );
  }
}
