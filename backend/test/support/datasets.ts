import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { sqlRows } from '../../src/database/sql.js';

export const LABELS = ['cat', 'dog', 'bird'];

let nextAssignment = 1_000_000;

/**
 * Labels written as the submit path leaves them (one annotation per assignment), without the lease
 * round-trips: the dataset tests are about what happens after aggregation. `votes[i]` are the labels
 * of `items[i]`, one per annotator in order.
 */
export async function writeLabels(
  db: DataSource,
  projectId: number,
  items: readonly number[],
  annotators: readonly number[],
  votes: (itemIndex: number) => ReadonlyArray<string | null>,
  at: Date = new Date(),
): Promise<void> {
  const rows: Array<[number, number, number, string, Date]> = [];
  items.forEach((itemId, i) => {
    votes(i).forEach((label, w) => {
      if (label !== null)
        rows.push([nextAssignment++, itemId, annotators[w]!, JSON.stringify({ label }), new Date(at.getTime() + i * 1000 + w)]);
    });
  });
  await sqlRows(
    db,
    `INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms, created_at)
     SELECT a, $1, i, w, r::jsonb, 1500, t FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::timestamptz[]) AS x(a, i, w, r, t)`,
    [projectId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4])],
  );
  await sqlRows(
    db,
    `UPDATE items SET taken = (SELECT count(*) FROM annotations a WHERE a.item_id = items.id AND a.discarded_at IS NULL)::int
      WHERE id = ANY($1::int[])`,
    [items],
  );
}

export function jsonItems(count: number, from = 0): Readable {
  const records = Array.from({ length: count }, (_, i) => ({
    externalId: `doc-${from + i}`,
    data: { text: `document ${from + i}`, n: from + i },
  }));
  return Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]);
}

/** Polls until `probe` answers something; the deadline only turns a hang into a failure. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
