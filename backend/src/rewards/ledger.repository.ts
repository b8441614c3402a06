import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { idList, type ListPage, type ListQuery } from '../http/list-query.js';
import type { CreditEntry, CreditLabel } from './domain/crediting.js';
import { parseTokens } from './domain/reward-math.js';
import type { LEDGER_FILTERS } from './rewards.dto.js';

export interface CreditContext {
  type: string;
  rate: string;
  budget: string | null;
  spent: bigint;
  labels: CreditLabel[];
  settled: Map<number, { result: unknown; data: Record<string, unknown> }>;
  eligible: Set<number>;
  workers: Array<{ annotatorId: number; labels: number; accuracy: number; goldSeen: number; goldCorrect: number }>;
}

export interface LedgerRow {
  id: string;
  annotatorId: number;
  address: string;
  projectId: number | null;
  projectName: string | null;
  annotationId: number | null;
  kind: string;
  amount: string;
  multiplierBps: number | null;
  createdAt: Date;
}

/** A project's budget, what it credited and what it has committed (see `LedgerRepository.commitments`). */
export interface ProjectCommitment {
  projectId: number;
  name: string;
  budget: string | null;
  credited: string;
  committed: bigint;
}

/** What a project has committed against its budget (see `LedgerRepository.budgetCommitment`). */
export interface BudgetCommitment {
  /** Tokens credited, plus the rate for each label not yet decided and each lease outliving the horizon. */
  base: bigint;
  rate: bigint;
  /** When each live lease that ends within the horizon ends (ms since the epoch), soonest first. */
  expiring: number[];
}

/** Labels of project `p` that may still earn: live, not credited, on an item not settled yet. */
const UNDECIDED_LABELS = `SELECT count(*) FROM annotations a WHERE a.project_id = p.id AND a.discarded_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.annotation_id = a.id)
    AND NOT EXISTS (SELECT 1 FROM item_results r WHERE r.item_id = a.item_id AND r.status = 'confident')`;

/** Serialises crediting per project across instances: two runs never credit the same label twice. */
const CREDIT_LOCK = 7243553;

/** An annotation removed by a delete (of itself, its item or its project). */
export interface RemovedAnnotation {
  annotationId: number;
  projectId: number;
}

/** Runs in the transaction that deletes annotations, with those it deleted. */
export type AnnotationsRemovedHook = (manager: EntityManager, removed: readonly RemovedAnnotation[]) => Promise<unknown>;

@Injectable()
export class LedgerRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Runs `decide` on everything crediting needs to know of the project, inside one transaction that
   * holds the project's credit lock, and appends what it answers. Answers the entries appended.
   */
  async credit(projectId: number, decide: (context: CreditContext) => CreditEntry[]): Promise<CreditEntry[]> {
    return this.db.transaction(async (manager) => {
      await sqlRows(manager, 'SELECT pg_advisory_xact_lock($1, $2)', [CREDIT_LOCK, projectId]);
      const [project] = await sqlRows<{ type: string; rate: string; budget: string | null; gold: number; qualification_size: number }>(
        manager,
        `SELECT type, reward_per_label::text AS rate, reward_budget::text AS budget, qualification_size,
                (SELECT count(*)::int FROM items WHERE project_id = $1 AND gold IS NOT NULL) AS gold
           FROM projects WHERE id = $1`,
        [projectId],
      );
      if (!project) return [];
      // One connection in a transaction: the reads go one after the other.
      // Only labels with something to decide: withdrawn ones still credited, uncredited ones on settled
      // items, and credited ones whose settled answer is no longer exactly theirs. A credited label equal
      // to its item's answer stays accepted whatever the type, so the steady state loads next to nothing.
      const rows = await sqlRows<{
        id: number;
        annotator_id: number;
        item_id: number;
        result: unknown;
        discarded: boolean;
        credited: string;
        settled: unknown;
        data: Record<string, unknown> | null;
      }>(
        manager,
        `SELECT a.id, a.annotator_id, a.item_id, a.result, a.discarded_at IS NOT NULL AS discarded, coalesce(l.credited, 0)::text AS credited,
                r.result AS settled, CASE WHEN r.item_id IS NOT NULL AND $2 = 'spans' THEN i.data END AS data
           FROM annotations a
           LEFT JOIN (SELECT annotation_id, sum(amount) AS credited FROM ledger_entries WHERE project_id = $1 GROUP BY annotation_id) l
             ON l.annotation_id = a.id
           LEFT JOIN item_results r ON r.item_id = a.item_id AND r.status = 'confident'
           LEFT JOIN items i ON i.id = a.item_id AND $2 = 'spans'
          WHERE a.project_id = $1
            AND CASE WHEN a.discarded_at IS NOT NULL THEN coalesce(l.credited, 0) <> 0
                     WHEN coalesce(l.credited, 0) = 0 THEN r.item_id IS NOT NULL
                     ELSE r.item_id IS NOT NULL AND r.result <> a.result END`,
        [projectId, project.type],
      );
      const labels = rows;
      const settled = rows.filter((r) => r.settled !== null).map((r) => ({ item_id: r.item_id, result: r.settled, data: r.data ?? {} }));
      const eligible = await sqlRows<{ annotator_id: number }>(
        manager,
        `SELECT DISTINCT a.annotator_id FROM annotations a
            WHERE a.project_id = $1 AND a.discarded_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM suspensions s WHERE s.annotator_id = a.annotator_id AND s.lifted_at IS NULL)
              AND ($2 OR EXISTS (SELECT 1 FROM qualifications q WHERE q.project_id = $1 AND q.annotator_id = a.annotator_id AND q.status = 'passed'))`,
        [projectId, project.gold === 0 || project.qualification_size === 0],
      );
      const workers = await sqlRows<{ annotatorId: number; labels: number; accuracy: number; goldSeen: number; goldCorrect: number }>(
        manager,
        `SELECT annotator_id AS "annotatorId", labels, accuracy, gold_seen AS "goldSeen", gold_correct AS "goldCorrect"
             FROM worker_quality WHERE project_id = $1`,
        [projectId],
      );
      const spent = await sqlRows<{ spent: string }>(
        manager,
        'SELECT coalesce(sum(amount), 0)::text AS spent FROM ledger_entries WHERE project_id = $1',
        [projectId],
      );
      const entries = decide({
        type: project.type,
        rate: project.rate,
        budget: project.budget,
        spent: BigInt(spent[0]!.spent),
        labels: labels.map((l) => ({
          annotationId: l.id,
          annotatorId: l.annotator_id,
          itemId: l.item_id,
          result: l.result,
          discarded: l.discarded,
          credited: BigInt(l.credited),
        })),
        settled: new Map(settled.map((s) => [s.item_id, { result: s.result, data: s.data }])),
        eligible: new Set(eligible.map((e) => e.annotator_id)),
        workers,
      });
      if (entries.length > 0) {
        await sqlRows(
          manager,
          `INSERT INTO ledger_entries (annotator_id, project_id, annotation_id, kind, amount, multiplier_bps)
           SELECT a, $1, n, k, amt, m FROM unnest($2::int[], $3::int[], $4::text[], $5::numeric[], $6::int[]) AS t(a, n, k, amt, m)`,
          [
            projectId,
            entries.map((e) => e.annotatorId),
            entries.map((e) => e.annotationId),
            entries.map((e) => e.kind),
            entries.map((e) => e.amount.toString()),
            entries.map((e) => e.multiplierBps ?? null),
          ],
        );
      }
      return entries;
    });
  }

  /**
   * Appends, in the deleting transaction, a reversal of whatever the removed annotations earned
   * (their rewards net of earlier reversals): crediting only looks at annotations that exist, so
   * without this the rewards of a deleted label would stay in the ledger for good. Holds the
   * projects' credit locks first, so a crediting run cannot add a reward for them afterwards.
   */
  async reverseRewardsOf(manager: EntityManager, removed: readonly RemovedAnnotation[], note: string): Promise<number> {
    if (removed.length === 0) return 0;
    for (const projectId of [...new Set(removed.map((r) => r.projectId))].sort((a, b) => a - b)) {
      await sqlRows(manager, 'SELECT pg_advisory_xact_lock($1, $2)', [CREDIT_LOCK, projectId]);
    }
    const rows = await sqlRows(
      manager,
      `INSERT INTO ledger_entries (annotator_id, project_id, annotation_id, kind, amount, note)
       SELECT annotator_id, project_id, annotation_id, 'reversal', -sum(amount), $2
         FROM ledger_entries WHERE annotation_id = ANY($1::int[])
        GROUP BY annotator_id, project_id, annotation_id HAVING sum(amount) <> 0
       RETURNING id`,
      [removed.map((r) => r.annotationId), note.slice(0, 200)],
    );
    return rows.length;
  }

  /**
   * What the project has committed against its budget, for BudgetService: what it credited, plus its
   * rate for each label not yet decided and each live lease. Leases running out within `horizonMs` are
   * listed by expiry instead of counted, so that each stops counting when it ends, between reads.
   */
  async budgetCommitment(projectId: number, horizonMs: number): Promise<BudgetCommitment> {
    const [row] = await sqlRows<{ rate: string; credited: string; undecided: string; lasting: string; expiring: number[] }>(
      this.db,
      `SELECT p.reward_per_label::text AS rate,
              (SELECT coalesce(sum(amount), 0)::text FROM ledger_entries WHERE project_id = p.id) AS credited,
              (${UNDECIDED_LABELS}) AS undecided,
              (SELECT count(*) FROM assignments s WHERE s.project_id = p.id AND s.status = 'leased'
                  AND s.expires_at > now() + make_interval(secs => $2::float8 / 1000)) AS lasting,
              (SELECT coalesce(array_agg(floor(extract(epoch FROM s.expires_at) * 1000)::float8 ORDER BY s.expires_at), '{}') FROM assignments s
                WHERE s.project_id = p.id AND s.status = 'leased'
                  AND s.expires_at > now() AND s.expires_at <= now() + make_interval(secs => $2::float8 / 1000)) AS expiring
         FROM projects p WHERE p.id = $1`,
      [projectId, horizonMs],
      'rewards.budget-commitment',
    );
    if (!row) return { base: 0n, rate: 0n, expiring: [] };
    const rate = parseTokens(row.rate);
    return { base: BigInt(row.credited) + (BigInt(row.undecided) + BigInt(row.lasting)) * rate, rate, expiring: row.expiring };
  }

  /** Per project (all, or those listed): its budget, what it credited, and what it has committed (see `budgetCommitment`). */
  async commitments(projectIds: number[] | null = null): Promise<ProjectCommitment[]> {
    const rows = await sqlRows<{ id: number; name: string; budget: string | null; rate: string; credited: string; open: string }>(
      this.db,
      `SELECT p.id, p.name, p.reward_budget::text AS budget, p.reward_per_label::text AS rate,
              (SELECT coalesce(sum(amount), 0)::text FROM ledger_entries WHERE project_id = p.id) AS credited,
              (${UNDECIDED_LABELS})
               + (SELECT count(*) FROM assignments s WHERE s.project_id = p.id AND s.status = 'leased' AND s.expires_at > now()) AS open
         FROM projects p WHERE $1::int[] IS NULL OR p.id = ANY($1) ORDER BY p.id`,
      [projectIds],
      'rewards.committed',
    );
    return rows.map((r) => ({
      projectId: r.id,
      name: r.name,
      budget: r.budget,
      credited: r.credited,
      committed: BigInt(r.credited) + BigInt(r.open) * parseTokens(r.rate),
    }));
  }

  async list(query: ListQuery<(typeof LEDGER_FILTERS)[number]>, annotatorId?: number): Promise<ListPage<LedgerRow>> {
    const annotators = annotatorId !== undefined ? [annotatorId] : (idList(query.filter.annotatorId, 'annotatorId') ?? null);
    const projects = idList(query.filter.projectId, 'projectId') ?? null;
    const kind = typeof query.filter.kind === 'string' ? query.filter.kind : null;
    const ids = idList(query.filter.id, 'id') ?? null;
    const where = `WHERE ($1::int[] IS NULL OR l.annotator_id = ANY($1)) AND ($2::int[] IS NULL OR l.project_id = ANY($2))
                     AND ($3::text IS NULL OR l.kind = $3) AND ($4::bigint[] IS NULL OR l.id = ANY($4))`;
    const order = query.sortOrder === 'ASC' ? 'ASC' : 'DESC';
    const [rows, count] = await Promise.all([
      sqlRows<LedgerRow>(
        this.db,
        `SELECT l.id::text AS id, l.annotator_id AS "annotatorId", u.address, l.project_id AS "projectId", p.name AS "projectName",
                l.annotation_id AS "annotationId", l.kind, l.amount::text AS amount, l.multiplier_bps AS "multiplierBps", l.created_at AS "createdAt"
           FROM ledger_entries l JOIN users u ON u.id = l.annotator_id LEFT JOIN projects p ON p.id = l.project_id
           ${where} ORDER BY l.id ${order} LIMIT $5 OFFSET $6`,
        [annotators, projects, kind, ids, query.limit, query.offset],
      ),
      sqlRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ledger_entries l ${where}`, [annotators, projects, kind, ids]),
    ]);
    return { rows, total: count[0]!.n };
  }
}
