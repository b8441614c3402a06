import { sqlRows } from '../database/sql.js';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ItemMedia } from '../items/domain/item-media.js';
import { Batcher } from '../database/batcher.js';

export interface LeasedAssignment {
  assignmentId: number;
  itemId: number;
  data: Record<string, unknown>;
  expiresAt: Date;
  draft: unknown;
}

/**
 * What a lease request got: a new lease, the live one it already held in the project (a reload),
 * nothing because a new annotator holds all the leases they may (`capped`), or nothing open.
 */
export type LeaseAnswer = { outcome: 'leased' | 'resumed'; assignment: LeasedAssignment } | { outcome: 'capped' } | { outcome: 'none' };

/** A lease that was closed early (skipped): what the budget needs to stop counting it. */
export interface ClosedLease {
  projectId: number;
  itemId: number;
  assignmentId: number;
  leasedAt: Date;
  expiresAt: Date;
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

/** One annotator's request for an assignment: see `lease_assignments` (lease-assignments.sql). */
export interface LeaseRequest {
  projectId: number;
  annotatorId: number;
  leaseSeconds: number;
  /** Scan the regular pool from this item id on: the lowest that may still be open, as last seen (0 scans it all). */
  scanFrom: number;
  /** Try the gold pool first. */
  gold: boolean;
}

export interface SubmitRequest {
  assignmentId: number;
  annotatorId: number;
  result: unknown;
  leadTimeMs: number;
}

/**
 * Concurrent requests share statements and commits (see `Batcher`). A batch of a few dozen keeps
 * each statement short; two running at once keep the database busy while the next one gathers.
 */
const BATCHING = { maxBatch: 64, maxInFlight: 2 };

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
  private readonly leases = new Batcher<LeaseRequest, LeaseAnswer>((requests) => this.leaseMany(requests), BATCHING);
  private readonly submits = new Batcher<SubmitRequest, number | undefined>((requests) => this.submitMany(requests), BATCHING);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The annotator's unexpired lease in the project (a reload resumes it, with its draft), else a new
   * lease on the first item of the pool from `scanFrom` on that they never had; undefined when none is
   * open. FOR UPDATE SKIP LOCKED spreads concurrent annotators over different rows; the lock
   * re-checks the pool's condition on the newest row version, so an item never gets more than its
   * overlap. Concurrent requests share one call of `lease_assignments` (one round trip, one commit).
   *
   * Pools: `regular` items are open while `taken < overlap`. A `gold` item is open to every annotator
   * once (its answer is known: it checks them, it needs no more labels), and only while the annotator
   * still has regular work, so that a request arriving after the regular ones ran out cannot give gold
   * away. With `gold`, the gold pool is tried first, then the regular one.
   *
   * A new annotator (NEW_ANNOTATOR_MIN_LABELS) holding NEW_ANNOTATOR_MAX_LEASES live leases across
   * all projects gets no new one (`capped`); their live lease in this project still resumes.
   */
  async nextAssignment(request: LeaseRequest): Promise<LeaseAnswer> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.leases.run(request);
      } catch (error) {
        // The same annotator racing themselves onto one item: the unique key refused the second
        // lease and the whole call (with its `taken` bump) rolled back. Pick again.
        if (isUniqueViolation(error) && attempt < 5) continue;
        throw error;
      }
    }
  }

  private async leaseMany(requests: readonly LeaseRequest[]): Promise<LeaseAnswer[]> {
    const rows = await sqlRows<{
      t_ord: number;
      t_assignment: number;
      t_item: number;
      t_data: Record<string, unknown>;
      t_expires: Date;
      t_draft: unknown;
      t_outcome: 'leased' | 'resumed' | 'capped';
    }>(
      this.db,
      'SELECT * FROM lease_assignments($1::int[], $2::int[], $3::bool[], $4::int[], $5::int[], $6::int, $7::int)',
      [
        requests.map((r) => r.projectId),
        requests.map((r) => r.annotatorId),
        requests.map((r) => r.gold),
        requests.map((r) => r.leaseSeconds),
        requests.map((r) => r.scanFrom),
        this.config.newAnnotators.maxLeases,
        this.config.newAnnotators.minAcceptedLabels,
      ],
      'assignments.lease',
    );
    const answers = new Array<LeaseAnswer>(requests.length).fill({ outcome: 'none' });
    for (const row of rows) {
      answers[row.t_ord - 1] =
        row.t_outcome === 'capped'
          ? { outcome: 'capped' }
          : {
              outcome: row.t_outcome,
              assignment: {
                assignmentId: row.t_assignment,
                itemId: row.t_item,
                data: row.t_data,
                expiresAt: row.t_expires,
                draft: row.t_draft,
              },
            };
    }
    return answers;
  }

  /** The annotator's live lease in the project, as a reload resumes it; undefined when they hold none. */
  async liveAssignment(projectId: number, annotatorId: number): Promise<LeasedAssignment | undefined> {
    const rows = await sqlRows<{ id: number; item_id: number; data: Record<string, unknown>; expires_at: Date; draft: unknown }>(
      this.db,
      `SELECT a.id, a.item_id, i.data, a.expires_at, a.draft FROM assignments a JOIN items i ON i.id = a.item_id
        WHERE a.annotator_id = $2 AND a.project_id = $1 AND a.status = 'leased' AND a.expires_at > now()
        ORDER BY a.id LIMIT 1`,
      [projectId, annotatorId],
    );
    const row = rows[0];
    return row && { assignmentId: row.id, itemId: row.item_id, data: row.data, expiresAt: row.expires_at, draft: row.draft };
  }

  /** The lowest open item id of the project (0 when none is open): where lease scans start. */
  async lowestOpenItemId(projectId: number): Promise<number> {
    const rows = await sqlRows<{ id: number | null }>(
      this.db,
      'SELECT min(id) AS id FROM items WHERE project_id = $1 AND taken < overlap',
      [projectId],
      'assignments.lowest-open-item',
    );
    return rows[0]?.id ?? 0;
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

  /** Closes a live lease as skipped: the lease and the item it freed, or undefined when it was not live. */
  async skip(assignmentId: number, annotatorId: number): Promise<ClosedLease | undefined> {
    const rows = await sqlRows<{ project_id: number; id: number; leased_at: Date; expires_at: Date }>(
      this.db,
      `WITH skipped AS (
         UPDATE assignments SET status = 'skipped', closed_at = now(), draft = NULL
          WHERE id = $1 AND annotator_id = $2 AND status = 'leased'
         RETURNING item_id, created_at, expires_at
       )
       UPDATE items SET taken = items.taken - 1 FROM skipped WHERE items.id = skipped.item_id
       RETURNING items.project_id, items.id, skipped.created_at AS leased_at, skipped.expires_at`,
      [assignmentId, annotatorId],
    );
    const row = rows[0];
    return row && { projectId: row.project_id, itemId: row.id, assignmentId, leasedAt: row.leased_at, expiresAt: row.expires_at };
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
      'assignments.find-for-submit',
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
   * Closes a live lease and records its annotation, with the time since the lease was handed out as
   * the server saw it (`server_time_ms`: what speed rules read; the client's `leadTimeMs` is only
   * kept); concurrent submits share one statement and one commit. Returns undefined when the lease
   * was no longer live (expired, skipped, or submitted by a concurrent retry).
   */
  submit(request: SubmitRequest): Promise<number | undefined> {
    return this.submits.run(request);
  }

  /** A retry of an assignment already in the batch is left to find the first one's annotation. */
  private async submitMany(requests: readonly SubmitRequest[]): Promise<Array<number | undefined>> {
    const rows = await sqlRows<{ id: number; ord: string }>(
      this.db,
      `WITH input AS (
         SELECT DISTINCT ON (t.assignment_id) t.*
           FROM unnest($1::int[], $2::int[], $3::jsonb[], $4::int[]) WITH ORDINALITY AS t(assignment_id, annotator_id, result, lead_time_ms, ord)
          ORDER BY t.assignment_id, t.ord
       ), closed AS (
         UPDATE assignments a SET status = 'submitted', closed_at = now(), draft = NULL
           FROM input
          WHERE a.id = input.assignment_id AND a.annotator_id = input.annotator_id AND a.status = 'leased' AND a.expires_at > now()
         RETURNING a.id, a.project_id, a.item_id, a.annotator_id, a.created_at, input.result, input.lead_time_ms, input.ord
       ), inserted AS (
         INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms, server_time_ms)
         SELECT id, project_id, item_id, annotator_id, result, lead_time_ms,
                least(greatest(round(extract(epoch FROM now() - created_at) * 1000), 0), 2147483647)::int
           FROM closed
         RETURNING id, assignment_id
       )
       SELECT inserted.id, closed.ord FROM inserted JOIN closed ON closed.id = inserted.assignment_id`,
      [
        requests.map((r) => r.assignmentId),
        requests.map((r) => r.annotatorId),
        requests.map((r) => JSON.stringify(r.result)),
        requests.map((r) => r.leadTimeMs),
      ],
      'assignments.submit',
    );
    const ids = new Array<number | undefined>(requests.length).fill(undefined);
    for (const row of rows) ids[Number(row.ord) - 1] = row.id;
    return ids;
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

  /**
   * The annotator's progress in the project. Remaining: regular items open to them, plus their live
   * lease, plus, while either of those is non-zero, the gold items they have not been given. Leasing
   * moves an item from the first or the last term into the second, and submitting takes it out,
   * whichever kind it is, so the counts never tell a gold item apart (see ProgressDto).
   */
  async countOpen(projectId: number, annotatorId: number): Promise<{ remaining: number; done: number }> {
    const rows: Array<{ remaining: string; done: string }> = await sqlRows(
      this.db,
      `WITH regular AS (
         SELECT count(*) AS n FROM items i WHERE i.project_id = $1 AND i.taken < i.overlap AND i.gold IS NULL
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = $2)
       ), live AS (
         SELECT count(*) AS n FROM assignments a WHERE a.project_id = $1 AND a.annotator_id = $2
            AND a.status = 'leased' AND a.expires_at > now()
       ), gold AS (
         SELECT count(*) AS n FROM items i WHERE i.project_id = $1 AND i.gold IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = $2)
       )
       SELECT regular.n + live.n + CASE WHEN regular.n + live.n > 0 THEN gold.n ELSE 0 END AS remaining,
              (SELECT count(*) FROM annotations WHERE project_id = $1 AND annotator_id = $2) AS done
         FROM regular, live, gold`,
      [projectId, annotatorId],
    );
    return { remaining: Number(rows[0]?.remaining ?? 0), done: Number(rows[0]?.done ?? 0) };
  }
}
