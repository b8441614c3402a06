import type { LabelResult } from '../projects/domain/label-schema.js';
import type { DatasetRecord, RecordAnnotation, Split } from './domain/dataset-record.js';

/**
 * The statements that read a version's records, for any connection: DatasetsRepository runs them on
 * the app's pool, the build thread (dataset-build.thread.ts) on a connection of its own. Kept here,
 * beside nothing that loads Nest or TypeORM, so that the thread stays small.
 */

/** Runs one statement and answers its rows. */
export type RowsQuery = <T>(text: string, params: unknown[]) => Promise<T[]>;

/** Records read per page: bounded memory whatever the version's size. */
export const RECORD_PAGE = 1000;

interface MemberRow {
  item_id: number;
  record_id: string;
  split: Split;
  answer: LabelResult;
  confidence: number;
  source: DatasetRecord['source'];
  method: string;
  annotations: RecordAnnotation[];
  data: Record<string, unknown>;
  media: { cid?: string; mime?: string; width?: number; height?: number } | null;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/webp': '.webp' };

/**
 * A curated version's records in item order, a page at a time, read in keyset pages over its
 * membership (never OFFSET), each page with the annotations it lists: memory is bounded by the page,
 * whatever the version's size.
 */
export async function* curatedRecordPages(
  query: RowsQuery,
  versionId: number,
  pageSize = RECORD_PAGE,
  split: string | null = null,
): AsyncGenerator<DatasetRecord[]> {
  // One statement a page: PostgreSQL builds each record's annotations as one JSON array (times
  // formatted as JavaScript's toISOString does), so the driver parses one value per row. The page
  // is cut before the join and items are looked up by key (LATERAL): a plan that walked items from
  // the start would make every later page slower.
  const read = (after: number) =>
    query<MemberRow>(
      `SELECT m.item_id, m.record_id, m.split, m.answer, m.confidence, m.source, m.method, i.data, i.media,
              (SELECT coalesce(json_agg(json_build_object('id', a.id, 'annotatorId', a.annotator_id, 'result', a.result,
                                                          'leadTimeMs', a.lead_time_ms,
                                                          'createdAt', to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                        ORDER BY a.id), '[]')
                 FROM annotations a WHERE a.id = ANY(m.annotation_ids)) AS annotations
         FROM (SELECT * FROM dataset_version_items
                WHERE version_id = $1 AND item_id > $2 AND ($4::text IS NULL OR split = $4) ORDER BY item_id LIMIT $3) m
        CROSS JOIN LATERAL (SELECT data, media FROM items WHERE id = m.item_id) i
        ORDER BY m.item_id`,
      [versionId, after, pageSize, split],
    );
  for await (const page of keysetPages(read, 0, (row) => row.item_id, pageSize)) {
    yield page.map((row) => ({
      id: row.record_id,
      itemId: row.item_id,
      split: row.split,
      data: row.data,
      media: mediaOf(row.media),
      answer: row.answer,
      confidence: row.confidence,
      source: row.source,
      method: row.method,
      annotations: row.annotations,
    }));
  }
}

/** A synthetic version's records in order (of one split when given), read in keyset pages by position. */
export async function* syntheticRecordPages(
  query: RowsQuery,
  versionId: number,
  pageSize = RECORD_PAGE,
  split: string | null = null,
): AsyncGenerator<DatasetRecord[]> {
  const read = (after: number) =>
    query<{ position: number; record: DatasetRecord }>(
      `SELECT position, record FROM dataset_synthetic_rows
        WHERE version_id = $1 AND position > $2 AND ($4::text IS NULL OR record->>'split' = $4)
        ORDER BY position LIMIT $3`,
      [versionId, after, pageSize, split],
    );
  for await (const page of keysetPages(read, -1, (row) => row.position, pageSize)) yield page.map((row) => row.record);
}

/**
 * Rows in keyset pages: `read(after)` answers at most `pageSize` rows whose key is above `after`, in
 * key order. The next page is read while the caller uses this one (two pages in memory at most); a
 * short page is the last.
 */
async function* keysetPages<R>(
  read: (after: number) => Promise<R[]>,
  first: number,
  keyOf: (row: R) => number,
  pageSize: number,
): AsyncGenerator<R[]> {
  let next = read(first);
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    next = page.length < pageSize ? Promise.resolve([]) : read(keyOf(page[page.length - 1]!));
    next.catch(() => undefined); // a consumer that stops early leaves it unread
    yield page;
  }
}

function mediaOf(media: MemberRow['media']): DatasetRecord['media'] {
  if (!media?.cid || media.width === undefined || media.height === undefined) return null;
  const mime = media.mime ?? 'application/octet-stream';
  return { cid: media.cid, fileName: `${media.cid}${EXTENSIONS[mime] ?? ''}`, width: media.width, height: media.height, mime };
}
