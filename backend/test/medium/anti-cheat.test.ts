import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { sqlRows } from '../../src/database/sql.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { QualityService } from '../../src/quality/quality.service.js';
import { AssignmentsService } from '../../src/assignments/assignments.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  // The speed rule as shipped: a median under 800 ms per label, over 10 labels or more.
  platform = await startTestPlatform({ ANTI_CHEAT_MIN_MEDIAN_MS: '800' });
});
afterAll(async () => {
  await platform?.close();
});

/** The annotator had the item in front of them for `ms` before answering: the lease is dated back. */
async function heldFor(assignmentId: number, ms: number): Promise<void> {
  await sqlRows(
    platform.tessera.dataSource,
    `UPDATE assignments SET created_at = created_at - make_interval(secs => $2::float8 / 1000) WHERE id = $1`,
    [assignmentId, ms],
  );
}

describe('anti-cheat on the time the server measured', () => {
  it('suspends an annotator who answers faster than plausible: leases cancelled, labels discarded, items back to the pool', async () => {
    const app = platform.tessera.app;
    const project = await app.get(ProjectsService).create({
      name: 'Anti-cheat',
      type: 'classification',
      labels: ['yes', 'no'],
      overlap: 1,
      rewardPerLabel: '1',
      status: 'active',
    });
    const records = Array.from({ length: 14 }, (_, i) => ({ externalId: `c${i}`, data: { text: `text ${i}` } }));
    await app
      .get(ItemsImportService)
      .import(
        project.id,
        Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]),
      );
    const users = app.get(UsersRepository);
    const bot = await users.signIn(`0x${'ef'.repeat(19)}01`, []);
    const honest = await users.signIn(`0x${'ef'.repeat(19)}02`, []);
    const botCaller: Caller = { id: bot.id, address: bot.address, roles: ['annotator'] };
    const honestCaller: Caller = { id: honest.id, address: honest.address, roles: ['annotator'] };
    const assignments = app.get(AssignmentsService);
    for (let i = 0; i < 12; i++) {
      const assignment = await assignments.next(botCaller, project.id);
      // It claims five seconds a label; the server saw it answer at once.
      await assignments.submit(botCaller, assignment!.assignmentId, { label: i % 2 ? 'yes' : 'no' }, 5000);
    }
    const held = await assignments.next(botCaller, project.id);
    expect(held).toBeDefined();
    await app.get(QualityService).aggregateNow(project.id);
    const db = platform.tessera.dataSource;
    const [suspension] = await sqlRows<{ reasons: Array<{ rule: string; medianServerTimeMs?: number }>; lifted_at: Date | null }>(
      db,
      'SELECT reasons, lifted_at FROM suspensions WHERE annotator_id = $1',
      [bot.id],
    );
    expect(suspension!.reasons).toEqual([{ rule: 'too_fast', medianServerTimeMs: expect.any(Number) as number, labels: 12 }]);
    expect(suspension!.reasons[0]!.medianServerTimeMs).toBeLessThan(800);
    const [counts] = await sqlRows<{ discarded: number; live: number; taken: number }>(
      db,
      `SELECT (SELECT count(*)::int FROM annotations WHERE annotator_id = $1 AND discarded_at IS NOT NULL) AS discarded,
              (SELECT count(*)::int FROM assignments WHERE annotator_id = $1 AND status = 'leased') AS live,
              (SELECT coalesce(sum(taken), 0)::int FROM items WHERE project_id = $2) AS taken`,
      [bot.id, project.id],
    );
    expect(counts).toEqual({ discarded: 12, live: 0, taken: 0 });
    // Its results no longer count.
    expect((await app.get(QualityService).projectQuality(project.id)).statuses).toEqual({});
    // Suspended: no more work for the bot from the very next request, every item open for others.
    await expect(assignments.next(botCaller, project.id)).rejects.toMatchObject({ code: 'ANNOTATOR_SUSPENDED' });
    let honestLabels = 0;
    for (
      let assignment = await assignments.next(honestCaller, project.id);
      assignment;
      assignment = await assignments.next(honestCaller, project.id)
    ) {
      await heldFor(assignment.assignmentId, 4000);
      await assignments.submit(honestCaller, assignment.assignmentId, { label: 'yes' }, 4000);
      honestLabels++;
    }
    expect(honestLabels).toBe(14);
  });
});
