import { Wallet } from 'ethers';
import pg from 'pg';
import { expect } from 'vitest';
import { importRecords } from './projects.js';
import type { TestApp } from './test-app.js';
import { call, signIn, type Session } from './wallet.js';

/** An assignment as GET /api/projects/:id/next answers it. */
export interface Assignment {
  assignmentId: number;
  item: { id: number; data: Record<string, unknown> };
  expiresAt: string;
  draft?: unknown;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
}

/**
 * What the labeling suites do again and again, against the test app `app()` returns (their
 * beforeAll starts it): sign an annotator in, make a project with items, lease, submit, read the
 * database.
 */
export function labelingHelpers(app: () => TestApp) {
  /** A new annotator (a fresh wallet), signed in. */
  async function annotator(): Promise<Session> {
    return signIn(app().baseUrl, Wallet.createRandom() as unknown as Wallet);
  }

  /** An active project with these items, made by the admin: its id. */
  async function project(fields: Record<string, unknown>, items: unknown[]): Promise<number> {
    const t = app();
    const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
      name: 'Labeling',
      labels: ['PER', 'LOC'],
      overlap: 1,
      rewardPerLabel: '1',
      status: 'active',
      ...fields,
    });
    expect(created.status).toBe(201);
    await importRecords(t, created.body.id, items);
    return created.body.id;
  }

  async function next(session: Session, projectId: number) {
    return call<Assignment>(app().baseUrl, session, 'GET', `/api/projects/${projectId}/next`);
  }

  async function submit(session: Session, assignmentId: number, result: unknown, leadTimeMs: unknown = 1500) {
    return call<{ annotationId: number } & ErrorBody>(app().baseUrl, session, 'POST', `/api/assignments/${assignmentId}/submit`, {
      result,
      leadTimeMs,
    });
  }

  /** A statement on the app's database, on a connection of its own. */
  async function dbRows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: app().config.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  return { annotator, project, next, submit, dbRows };
}
