/**
 * What the API answers when PostgreSQL is out of reach, read from the errors the real driver raises
 * (not hand-made ones): a connection the server terminates (what a restart or failover does to
 * every open connection), and a server that is not listening. Each is a 503 DATABASE_UNAVAILABLE
 * that a client may retry, not a 500; an ordinary failing query stays what it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource, openDatabase } from '../../src/database/data-source.js';
import { isDatabaseUnavailable, toErrorBody } from '../../src/errors/app-exception.filter.js';
import { freePort } from '../support/free-port.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await openDatabase({ url: database.url, poolSize: 2 });
});
afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the query to fail');
}

describe('database unavailable', () => {
  it('a connection terminated by the server (57P01, as in a restart) is a 503 DATABASE_UNAVAILABLE, and so is the dead connection reused', async () => {
    const error = await failure(() => dataSource.query('SELECT pg_terminate_backend(pg_backend_pid())'));
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toErrorBody(error)).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
    // The pool may hand out the dead connection once more (it fails as unavailable too, so a retry
    // is right); it then replaces it, and queries work again.
    let answer: unknown;
    for (let attempt = 0; attempt < 4 && answer === undefined; attempt++) {
      try {
        answer = await dataSource.query('SELECT 1 AS one');
      } catch (again) {
        expect(isDatabaseUnavailable(again)).toBe(true);
      }
    }
    expect(answer).toEqual([{ one: 1 }]);
  });

  it('a server that is not listening (ECONNREFUSED) is a 503 DATABASE_UNAVAILABLE', async () => {
    const port = await freePort();
    const nowhere = createDataSource({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, poolSize: 1 });
    const error = await failure(() => nowhere.initialize());
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toErrorBody(error)).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it('a query that fails on its own (syntax, undefined table) is not taken for an outage', async () => {
    for (const sql of ['SELEC 1', 'SELECT * FROM no_such_table']) {
      const error = await failure(() => dataSource.query(sql));
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(toErrorBody(error).statusCode).toBe(500);
    }
  });
});
