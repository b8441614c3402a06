import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_STATUSES, itemStatus, itemStatusSql, type ItemProgress } from '../../src/items/domain/item-status.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

/** Every small item state, the impossible ones included (the two forms must agree on those too). */
function grid(): ItemProgress[] {
  const states: ItemProgress[] = [];
  for (let overlap = 1; overlap <= 3; overlap++) {
    for (let taken = 0; taken <= 4; taken++) {
      for (let annotations = 0; annotations <= 4; annotations++) states.push({ overlap, taken, annotations });
    }
  }
  return states;
}

describe('item status: the TypeScript rule and its SQL form', () => {
  it('put every state in the same status, PostgreSQL evaluating the SQL', async () => {
    const states = grid();
    const columns = { overlap: 's.overlap', taken: 's.taken', annotations: 's.annotations' };
    const { rows } = await client.query<{ n: number; status: string[] }>(
      `SELECT s.n, ARRAY[${ITEM_STATUSES.map((status) => `CASE WHEN ${itemStatusSql(status, columns)} THEN '${status}' END`).join(', ')}] AS status
         FROM unnest($1::int[], $2::int[], $3::int[]) WITH ORDINALITY AS s(overlap, taken, annotations, n)
        ORDER BY s.n`,
      [states.map((s) => s.overlap), states.map((s) => s.taken), states.map((s) => s.annotations)],
    );
    expect(rows).toHaveLength(states.length);
    for (const [index, state] of states.entries()) {
      // Exactly one status holds in SQL, and it is the one TypeScript gives.
      expect({ state, status: rows[index]!.status.filter((s) => s !== null) }).toEqual({ state, status: [itemStatus(state)] });
    }
  });
});
