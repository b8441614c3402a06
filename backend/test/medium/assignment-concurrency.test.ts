import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { sqlRows } from '../../src/database/sql.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { AssignmentsService } from '../../src/assignments/assignments.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ DB_POOL_SIZE: '60' });
});
afterAll(async () => {
  await platform?.close();
});

function jsonSource(items: unknown[]) {
  return Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(items))]) }]);
}

async function setup(items: number, overlap: number, annotators: number): Promise<{ projectId: number; callers: Caller[] }> {
  const app = platform.tessera.app;
  const project = await app.get(ProjectsService).create({
    name: `race ${items}x${overlap}`,
    type: 'classification',
    labels: ['yes', 'no'],
    overlap,
    rewardPerLabel: '1',
    status: 'active',
  });
  const imported = await app
    .get(ItemsImportService)
    .import(project.id, jsonSource(Array.from({ length: items }, (_, i) => ({ externalId: `i${i}`, data: { text: `item ${i}` } }))));
  expect(imported.imported).toBe(items);
  const users = app.get(UsersRepository);
  const callers: Caller[] = [];
  for (let i = 0; i < annotators; i++) {
    const user = await users.signIn(`0x${(i + 1).toString(16).padStart(40, '0')}`.replace(/^0x0/, `0x${project.id % 10}`), []);
    callers.push({ id: user.id, address: user.address, roles: ['annotator'] });
  }
  return { projectId: project.id, callers };
}

describe('assignment under concurrency (real PostgreSQL)', () => {
  it('50 annotators racing over 200 items with overlap 3: every item gets exactly 3 labels, nobody labels an item twice', async () => {
    const { projectId, callers } = await setup(200, 3, 50);
    const assignments = platform.tessera.app.get(AssignmentsService);
    let maxLive = 0;
    await Promise.all(
      callers.map(async (caller) => {
        for (;;) {
          const assignment = await assignments.next(caller, projectId);
          if (!assignment) return;
          await assignments.submit(caller, assignment.assignmentId, { label: 'yes' }, 2000);
        }
      }),
    );
    const db = platform.tessera.dataSource;
    const perItem = await sqlRows<{ n: number; annotators: number; taken: number; overlap: number }>(
      db,
      `SELECT count(a.id)::int AS n, count(DISTINCT a.annotator_id)::int AS annotators, i.taken, i.overlap
         FROM items i LEFT JOIN annotations a ON a.item_id = i.id WHERE i.project_id = $1 GROUP BY i.id`,
      [projectId],
    );
    expect(perItem).toHaveLength(200);
    for (const row of perItem) {
      expect(row.n).toBe(3);
      expect(row.annotators).toBe(3);
      expect(row.taken).toBe(3);
      maxLive = Math.max(maxLive, row.n);
    }
    expect(maxLive).toBeLessThanOrEqual(3);
    const dupes = await sqlRows(
      db,
      'SELECT item_id, annotator_id FROM annotations WHERE project_id = $1 GROUP BY 1, 2 HAVING count(*) > 1',
      [projectId],
    );
    expect(dupes).toEqual([]);
  });

  it('never exceeds overlap while annotators also skip, expire and retry concurrently', async () => {
    const { projectId, callers } = await setup(60, 2, 30);
    const app = platform.tessera.app;
    const assignments = app.get(AssignmentsService);
    const db = platform.tessera.dataSource;
    let violations = 0;
    const watcher = (async () => {
      for (let i = 0; i < 40; i++) {
        const over = await sqlRows(
          db,
          `SELECT i.id FROM items i
            WHERE i.project_id = $1
              AND (SELECT count(*) FROM assignments a WHERE a.item_id = i.id
                     AND (a.status = 'submitted' OR (a.status = 'leased' AND a.expires_at > now()))) > i.overlap`,
          [projectId],
        );
        violations += over.length;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    // Annotators keep coming back, as they would: a lease that expired after everyone else had
    // stopped is picked up in a later pass. Skips and expiries happen in the first pass only.
    for (let pass = 0, labeled = -1; labeled !== 0; pass++) {
      let count = 0;
      await Promise.all(
        callers.map(async (caller, index) => {
          for (let round = 0; ; round++) {
            const assignment = await assignments.next(caller, projectId);
            if (!assignment) return;
            if (pass === 0 && (index + round) % 5 === 0) {
              await assignments.skip(caller, assignment.assignmentId);
            } else if (pass === 0 && (index + round) % 7 === 0) {
              await sqlRows(db, `UPDATE assignments SET expires_at = now() - interval '1 second' WHERE id = $1`, [assignment.assignmentId]);
            } else {
              const [a, b] = await Promise.all([
                assignments.submit(caller, assignment.assignmentId, { label: 'no' }, 2000),
                assignments.submit(caller, assignment.assignmentId, { label: 'no' }, 2000),
              ]);
              expect(a.annotationId).toBe(b.annotationId);
              count++;
            }
          }
        }),
      );
      labeled = count;
    }
    await watcher;
    expect(violations).toBe(0);
    const consistency = await sqlRows<{ id: number; taken: number; counted: number; submitted: number; overlap: number }>(
      db,
      `SELECT i.id, i.taken, i.overlap,
              (SELECT count(*)::int FROM assignments a WHERE a.item_id = i.id AND a.status IN ('submitted', 'leased')) AS counted,
              (SELECT count(*)::int FROM annotations a WHERE a.item_id = i.id) AS submitted
         FROM items i WHERE i.project_id = $1`,
      [projectId],
    );
    for (const row of consistency) {
      expect(row.taken, `item ${row.id}`).toBe(row.counted);
      expect(row.submitted).toBeLessThanOrEqual(row.overlap);
    }
    // With 30 annotators for overlap 2, every item ends fully labeled despite skips and expiries.
    expect(consistency.every((row) => row.submitted === row.overlap)).toBe(true);
  });

  it('with gold mixed in, annotators racing get each gold item at most once and regular items exactly their overlap', async () => {
    const app = platform.tessera.app;
    const project = await app.get(ProjectsService).create({
      name: 'race with gold',
      type: 'classification',
      labels: ['yes', 'no'],
      overlap: 2,
      goldRate: 0.5,
      qualificationSize: 0,
      rewardPerLabel: '1',
      status: 'active',
    });
    const records = [
      ...Array.from({ length: 120 }, (_, i) => ({ externalId: `r${i}`, data: { text: `item ${i}` } })),
      ...Array.from({ length: 10 }, (_, i) => ({ externalId: `g${i}`, data: { text: `check ${i}` }, gold: { label: 'yes' } })),
    ];
    expect((await app.get(ItemsImportService).import(project.id, jsonSource(records))).imported).toBe(130);
    const users = app.get(UsersRepository);
    const callers: Caller[] = [];
    for (let i = 0; i < 20; i++) {
      const user = await users.signIn(`0x${(0xa000 + i).toString(16).padStart(40, '0')}`, []);
      callers.push({ id: user.id, address: user.address, roles: ['annotator'] });
    }
    const assignments = app.get(AssignmentsService);
    await Promise.all(
      callers.map(async (caller) => {
        for (
          let assignment = await assignments.next(caller, project.id);
          assignment;
          assignment = await assignments.next(caller, project.id)
        ) {
          await assignments.submit(caller, assignment.assignmentId, { label: 'yes' }, 2000);
        }
      }),
    );
    const db = platform.tessera.dataSource;
    const perItem = await sqlRows<{ gold: boolean; n: number; annotators: number; taken: number; counted: number }>(
      db,
      `SELECT i.gold IS NOT NULL AS gold, i.taken,
              (SELECT count(*)::int FROM annotations a WHERE a.item_id = i.id) AS n,
              (SELECT count(DISTINCT a.annotator_id)::int FROM annotations a WHERE a.item_id = i.id) AS annotators,
              (SELECT count(*)::int FROM assignments a WHERE a.item_id = i.id AND a.status IN ('submitted', 'leased')) AS counted
         FROM items i WHERE i.project_id = $1`,
      [project.id],
    );
    for (const row of perItem) {
      expect(row.taken).toBe(row.counted);
      expect(row.annotators).toBe(row.n);
      if (!row.gold) expect(row.n).toBe(2);
    }
    // Gold was handed out (each to an annotator at most once: \`annotators\` equals \`n\` above).
    expect(perItem.filter((row) => row.gold).reduce((sum, row) => sum + row.n, 0)).toBeGreaterThan(0);
  });

  it('concurrent submits share a batch yet are answered each on its own: a refused one fails alone', async () => {
    const { projectId, callers } = await setup(40, 1, 10);
    const assignments = platform.tessera.app.get(AssignmentsService);
    const db = platform.tessera.dataSource;
    const leases = (await Promise.all(callers.map((caller) => assignments.next(caller, projectId)))).map(
      (assignment) => assignment!.assignmentId,
    );
    expect(new Set(leases).size).toBe(callers.length);
    // Two of the leases run out; every annotator submits at once.
    const expired = leases.slice(0, 2);
    await sqlRows(db, `UPDATE assignments SET expires_at = now() - interval '1 second' WHERE id = ANY($1::int[])`, [expired]);
    const outcomes = await Promise.allSettled(callers.map((caller, i) => assignments.submit(caller, leases[i]!, { label: 'yes' }, 2000)));
    expect(outcomes.slice(0, 2).map((o) => o.status === 'rejected' && (o.reason as { code?: string }).code)).toEqual([
      'LEASE_EXPIRED',
      'LEASE_EXPIRED',
    ]);
    expect(outcomes.slice(2).every((o) => o.status === 'fulfilled')).toBe(true);
    const stored = await sqlRows<{ assignment_id: number }>(db, 'SELECT assignment_id FROM annotations WHERE project_id = $1 ORDER BY 1', [
      projectId,
    ]);
    expect(stored.map((row) => row.assignment_id)).toEqual(leases.slice(2).sort((a, b) => a - b));
  });
});
