import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { idList } from '../http/list-query.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import type { LabelResult } from '../projects/domain/label-schema.js';
import type { DatasetRecord, Split } from './domain/dataset-record.js';
import type { DatasetFilters } from './domain/datasheet.js';
import { DatasetFileEntity } from './dataset-file.entity.js';
import type { DATASET_FILTERS, DATASET_SORTS } from './datasets.dto.js';
import { DatasetVersionEntity } from './dataset-version.entity.js';
import { curatedRecordPages, RECORD_PAGE, syntheticRecordPages, type RowsQuery } from './record-pages.js';

export { RECORD_PAGE };

const SORT_COLUMNS: Record<(typeof DATASET_SORTS)[number], string> = {
  id: 'id',
  name: 'name',
  projectId: 'project_id',
  status: 'status',
  kind: 'kind',
  itemCount: 'item_count',
  createdAt: 'created_at',
};

export type NewVersion = Pick<
  DatasetVersionEntity,
  | 'projectId'
  | 'kind'
  | 'sourceVersionId'
  | 'name'
  | 'description'
  | 'license'
  | 'intendedUse'
  | 'filters'
  | 'splits'
  | 'seed'
  | 'createdBy'
  | 'provenance'
>;

export interface BuildProgress {
  step: string;
  done: number;
  total: number;
}

/** The split code `assignSplits` answers, in SPLITS order. */
const SPLIT_NAMES: readonly Split[] = ['train', 'validation', 'test'];

/** Advisory lock spaces (the first key of pg_advisory_lock's pair) of a version's jobs. */
const VERSION_LOCKS = { build: 0x7d5e7, publish: 0x7d5e8 } as const;

/** Every SQL statement of the datasets module. */
@Injectable()
export class DatasetsRepository {
  private readonly rows: RowsQuery = (text, params) => sqlRows(this.db, text, params);

  constructor(
    private readonly db: DataSource,
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
  ) {}

  /**
   * Writes the version and its build job in one transaction (a version never exists without the job
   * that builds it). `wrap` turns the version's id into its wrapped key (the id is bound into it).
   */
  async create(
    fields: NewVersion,
    wrap: (id: number) => Buffer,
    job: { queue: string; jobTimeoutSeconds: number },
  ): Promise<DatasetVersionEntity> {
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(DatasetVersionEntity);
      // A curated version starts by selecting items; a synthetic one by making its rows.
      const step = fields.kind === 'synthetic' ? 'synthesize' : 'select';
      const inserted = await repo.save(repo.create({ ...fields, status: 'building', step, wrappedKey: Buffer.alloc(0) }));
      await repo.update(inserted.id, { wrappedKey: wrap(inserted.id) });
      await this.queue.send(
        job.queue,
        { versionId: inserted.id },
        { manager, singletonKey: String(inserted.id), jobTimeoutSeconds: job.jobTimeoutSeconds },
      );
      return await repo.findOneByOrFail({ id: inserted.id });
    });
  }

  findById(id: number): Promise<DatasetVersionEntity | null> {
    return this.db.getRepository(DatasetVersionEntity).findOneBy({ id });
  }

  async list(query: ListQuery<(typeof DATASET_FILTERS)[number]>): Promise<ListPage<DatasetVersionEntity>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const ids = idList(query.filter.id, 'id');
    if (ids) where.push(`id = ANY($${params.push(ids)}::int[])`);
    const projectIds = idList(query.filter.projectId, 'projectId');
    if (projectIds) where.push(`project_id = ANY($${params.push(projectIds)}::int[])`);
    for (const field of ['status', 'kind'] as const) {
      const value = query.filter[field];
      if (value !== undefined) where.push(`${field} = ANY($${params.push((Array.isArray(value) ? value : [value]).map(String))}::text[])`);
    }
    if (typeof query.filter.q === 'string' && query.filter.q !== '') {
      where.push(`name ILIKE $${params.push(`%${query.filter.q.replace(/[\\%_]/g, '\\$&')}%`)}`);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const column = SORT_COLUMNS[query.sortField as (typeof DATASET_SORTS)[number]] ?? 'id';
    const idRows = await sqlRows<{ id: number }>(
      this.db,
      `SELECT id FROM dataset_versions ${clause} ORDER BY ${column} ${query.sortOrder} NULLS LAST, id ${query.sortOrder}
        OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, query.offset, query.limit],
    );
    const total = await sqlRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM dataset_versions ${clause}`, params);
    const rows = await this.db.getRepository(DatasetVersionEntity).findBy({ id: In(idRows.map((r) => r.id)) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { rows: idRows.map((r) => byId.get(r.id)!), total: total[0]?.n ?? 0 };
  }

  /** The version's stored files, in their order. */
  files(versionId: number): Promise<DatasetFileEntity[]> {
    return this.db.getRepository(DatasetFileEntity).find({ where: { versionId }, order: { position: 'ASC' } });
  }

  async filesOf(versionIds: readonly number[]): Promise<Map<number, DatasetFileEntity[]>> {
    const out = new Map<number, DatasetFileEntity[]>();
    if (versionIds.length === 0) return out;
    const rows = await this.db
      .getRepository(DatasetFileEntity)
      .createQueryBuilder('f')
      .where('f.version_id = ANY(:ids)', { ids: versionIds })
      .orderBy('f.position', 'ASC')
      .getMany();
    for (const row of rows) out.set(row.versionId, [...(out.get(row.versionId) ?? []), row]);
    return out;
  }

  async saveProgress(id: number, progress: BuildProgress): Promise<void> {
    await sqlRows(
      this.db,
      'UPDATE dataset_versions SET step = $2, progress_done = $3, progress_total = $4, updated_at = now() WHERE id = $1',
      [id, progress.step, progress.done, progress.total],
    );
  }

  async saveDescription(id: number, fields: { schema: object; datasheet: object }): Promise<void> {
    await sqlRows(
      this.db,
      `UPDATE dataset_versions SET schema = $2::jsonb, datasheet = $3::jsonb, step = 'export', progress_done = 0, progress_total = 0,
              updated_at = now() WHERE id = $1 AND status = 'building'`,
      [id, JSON.stringify(fields.schema), JSON.stringify(fields.datasheet)],
    );
  }

  async saveFile(file: Omit<DatasetFileEntity, 'createdAt' | 'version'>): Promise<void> {
    await this.db.getRepository(DatasetFileEntity).insert(file);
  }

  async markReady(id: number): Promise<void> {
    await sqlRows(
      this.db,
      `UPDATE dataset_versions SET status = 'ready', step = 'ready', error = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'building'`,
      [id],
    );
  }

  /** A failed version lists no files: those stored are forgotten with the failure. */
  async markFailed(id: number, error: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await sqlRows(manager, 'DELETE FROM dataset_files WHERE version_id = $1', [id]);
      await sqlRows(
        manager,
        `UPDATE dataset_versions SET status = 'failed', error = $2, finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'building'`,
        [id, error.slice(0, 2000)],
      );
    });
  }

  /** Versions a build job should be running for (a restart re-enqueues them). */
  async building(): Promise<number[]> {
    return (await sqlRows<{ id: number }>(this.db, "SELECT id FROM dataset_versions WHERE status = 'building' ORDER BY id")).map(
      (r) => r.id,
    );
  }

  /**
   * Runs `work` holding the version's build lock (a session advisory lock on its own connection), so
   * two job runs never build one version at once; answers false at once when another holds it. The
   * lock dies with the process that holds it.
   */
  withBuildLock(id: number, work: () => Promise<void>): Promise<boolean> {
    return this.withLock(VERSION_LOCKS.build, id, work);
  }

  /** The same for publishing a version: one publish job runs at a time. */
  withPublishLock(id: number, work: () => Promise<void>): Promise<boolean> {
    return this.withLock(VERSION_LOCKS.publish, id, work);
  }

  private async withLock(space: number, id: number, work: () => Promise<void>): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [row] = (await runner.query('SELECT pg_try_advisory_lock($1::int, $2::int) AS locked', [space, id])) as Array<{
        locked: boolean;
      }>;
      if (!row?.locked) return false;
      try {
        await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1::int, $2::int)', [space, id]);
      }
      return true;
    } finally {
      await runner.release();
    }
  }

  /**
   * Selects the version's items in one transaction: the project's settled items (quality status
   * `confident`, which a reviewer's accept or fix also sets), with their answer, its source and
   * method, the time it was given and the live annotations behind it; gold items only with
   * `includeGold`; then the split of each (computed by `assign` from the ids and strata). Answers
   * how many items were selected. A rerun after a crash starts from nothing (the transaction rolled back).
   */
  async selectItems(
    versionId: number,
    projectId: number,
    filters: DatasetFilters,
    stratumOf: (answer: LabelResult) => string,
    assign: (ids: Int32Array, strata: Int32Array) => Uint8Array,
    provenance: (items: number, sources: Record<string, number>) => object,
  ): Promise<{ items: number; sources: Record<string, number> }> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await sqlRows(manager, 'DELETE FROM dataset_version_items WHERE version_id = $1', [versionId]);
      await sqlRows(
        manager,
        `WITH candidates AS (
           SELECT i.id AS item_id, coalesce(i.external_id, 'item-' || i.id) AS record_id, i.gold, i.created_at AS item_created,
                  r.result, r.confidence, r.method, rv.outcome, rv.created_at AS reviewed_at, a.ids, a.last_at
             FROM item_results r
             JOIN items i ON i.id = r.item_id AND i.project_id = $2
             LEFT JOIN LATERAL (SELECT outcome, created_at FROM reviews WHERE item_id = i.id ORDER BY id DESC LIMIT 1) rv ON true
             LEFT JOIN LATERAL (
               SELECT array_agg(id ORDER BY id) AS ids, max(created_at) AS last_at
                 FROM annotations WHERE item_id = i.id AND discarded_at IS NULL
             ) a ON true
            WHERE r.project_id = $2 AND r.status = 'confident'
         ), answers AS (
           SELECT item_id, record_id, ids,
                  CASE WHEN gold IS NOT NULL THEN gold ELSE result END AS answer,
                  CASE WHEN gold IS NOT NULL THEN 'gold' WHEN outcome IN ('accepted', 'fixed_and_accepted') THEN 'review' ELSE 'inferred' END AS source,
                  CASE WHEN gold IS NOT NULL OR outcome IN ('accepted', 'fixed_and_accepted') THEN 1 ELSE confidence END AS confidence,
                  CASE WHEN gold IS NOT NULL THEN 'gold' WHEN outcome IN ('accepted', 'fixed_and_accepted') THEN 'review' ELSE method END AS method,
                  CASE WHEN outcome IN ('accepted', 'fixed_and_accepted') THEN reviewed_at ELSE coalesce(last_at, item_created) END AS answered_at
             FROM candidates
         )
         INSERT INTO dataset_version_items (version_id, item_id, record_id, split, answer, confidence, source, method, answered_at, annotation_ids)
         SELECT $1, item_id, record_id, 'train', answer, confidence, source, method, answered_at, coalesce(ids, '{}')
           FROM answers
          WHERE ($3::boolean OR source <> 'gold')
            AND ($4::float8 IS NULL OR confidence >= $4)
            AND (NOT $5::boolean OR source = 'review')
            AND ($6::timestamptz IS NULL OR answered_at >= $6)
            AND ($7::timestamptz IS NULL OR answered_at <= $7)`,
        [
          versionId,
          projectId,
          filters.includeGold ?? false,
          filters.minConfidence ?? null,
          filters.reviewedOnly ?? false,
          filters.from ?? null,
          filters.to ?? null,
        ],
      );
      // Statistics for the rows just written: without them the planner takes a version for a few rows
      // and reads each keyset page by sorting every remaining row (quadratic over a version), here
      // and in every later pass over the records.
      await sqlRows(manager, 'ANALYZE dataset_version_items');
      // The split: strata read back in keyset pages, typed arrays for the whole version (8 bytes an item).
      const [count] = await sqlRows<{ n: number }>(manager, 'SELECT count(*)::int AS n FROM dataset_version_items WHERE version_id = $1', [
        versionId,
      ]);
      const n = count!.n;
      const ids = new Int32Array(n);
      const strata = new Int32Array(n);
      const strataIndex = new Map<string, number>();
      let filled = 0;
      let after = 0;
      for (;;) {
        const page = await sqlRows<{ item_id: number; answer: LabelResult }>(
          manager,
          'SELECT item_id, answer FROM dataset_version_items WHERE version_id = $1 AND item_id > $2 ORDER BY item_id LIMIT $3',
          [versionId, after, RECORD_PAGE * 10],
        );
        if (page.length === 0) break;
        for (const row of page) {
          const key = stratumOf(row.answer);
          let index = strataIndex.get(key);
          if (index === undefined) strataIndex.set(key, (index = strataIndex.size));
          ids[filled] = row.item_id;
          strata[filled++] = index;
        }
        after = page[page.length - 1]!.item_id;
      }
      const splits = assign(ids, strata);
      for (let code = 1; code < SPLIT_NAMES.length; code++) {
        const chosen: number[] = [];
        for (let i = 0; i < n; i++) if (splits[i] === code) chosen.push(ids[i]!);
        for (let from = 0; from < chosen.length; from += 50_000) {
          await sqlRows(manager, `UPDATE dataset_version_items SET split = $3 WHERE version_id = $1 AND item_id = ANY($2::int[])`, [
            versionId,
            chosen.slice(from, from + 50_000),
            SPLIT_NAMES[code],
          ]);
        }
      }
      const sources = await sqlRows<{ source: string; n: number }>(
        manager,
        'SELECT source, count(*)::int AS n FROM dataset_version_items WHERE version_id = $1 GROUP BY source',
        [versionId],
      );
      const bySource = Object.fromEntries(sources.map((s) => [s.source, s.n]));
      await this.markSelected(manager, versionId, n, provenance(n, bySource));
      return { items: n, sources: bySource };
    });
  }

  private async markSelected(manager: EntityManager, versionId: number, items: number, provenance: object): Promise<void> {
    await sqlRows(
      manager,
      `UPDATE dataset_versions SET item_count = $2, provenance = $3::jsonb, step = 'describe', progress_done = 0, progress_total = 0,
              updated_at = now() WHERE id = $1`,
      [versionId, items, JSON.stringify(provenance)],
    );
  }

  /** Forgets a synthetic version's rows: its synthesize step starts over (same seed, same rows). */
  async clearSyntheticRows(versionId: number): Promise<void> {
    await sqlRows(this.db, 'DELETE FROM dataset_synthetic_rows WHERE version_id = $1', [versionId]);
  }

  /** Appends synthetic rows at `position`, `position + 1`, … in one statement. */
  async saveSyntheticRows(versionId: number, position: number, records: readonly DatasetRecord[]): Promise<void> {
    if (records.length === 0) return;
    await sqlRows(
      this.db,
      `INSERT INTO dataset_synthetic_rows (version_id, position, record)
       SELECT $1, $2 + ord - 1, r FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(r, ord)`,
      [versionId, position, JSON.stringify(records)],
    );
  }

  /** A synthetic version's rows are all written: its report and provenance, and the describe step next. */
  async markSynthesized(versionId: number, fields: { rows: number; report: object; provenance: object }): Promise<void> {
    await sqlRows(
      this.db,
      `UPDATE dataset_versions SET item_count = $2, report = $3::jsonb, provenance = $4::jsonb, step = 'describe', progress_done = 0,
              progress_total = 0, updated_at = now() WHERE id = $1 AND status = 'building'`,
      [versionId, fields.rows, JSON.stringify(fields.report), JSON.stringify(fields.provenance)],
    );
  }

  /** A synthetic version's records in order (of one split when given), read in keyset pages by position. */
  async *syntheticRecords(versionId: number, pageSize = RECORD_PAGE, split: string | null = null): AsyncGenerator<DatasetRecord> {
    for await (const page of this.syntheticRecordPages(versionId, pageSize, split)) yield* page;
  }

  /** The same, a page at a time. */
  syntheticRecordPages(versionId: number, pageSize = RECORD_PAGE, split: string | null = null): AsyncGenerator<DatasetRecord[]> {
    return syntheticRecordPages(this.rows, versionId, pageSize, split);
  }

  /**
   * The version's records in item order, read in keyset pages over its membership (never OFFSET),
   * each page with the annotations it lists: memory is bounded by the page, whatever the version's size.
   */
  async *records(versionId: number, pageSize = RECORD_PAGE, split: string | null = null): AsyncGenerator<DatasetRecord> {
    for await (const page of this.recordPages(versionId, pageSize, split)) yield* page;
  }

  /** The same, a page at a time. */
  recordPages(versionId: number, pageSize = RECORD_PAGE, split: string | null = null): AsyncGenerator<DatasetRecord[]> {
    return curatedRecordPages(this.rows, versionId, pageSize, split);
  }

  /** Where the build thread connects to read records on a connection of its own. */
  connectionUrl(): string {
    const url = (this.db.options as { url?: string }).url;
    if (!url) throw new Error('the database has no connection URL for the build thread');
    return url;
  }
}
