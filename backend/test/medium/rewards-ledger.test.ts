import { Readable } from 'node:stream';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { AnnotationsService } from '../../src/annotations/annotations.service.js';
import { sqlRows } from '../../src/database/sql.js';
import { ItemsService } from '../../src/items/items.service.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { QualityService } from '../../src/quality/quality.service.js';
import { ReviewsRepository } from '../../src/quality/reviews.repository.js';
import { SuspensionsRepository } from '../../src/quality/suspensions.repository.js';
import { CreditService } from '../../src/rewards/credit.service.js';
import { parseTokens } from '../../src/rewards/domain/reward-math.js';
import { AssignmentsService } from '../../src/assignments/assignments.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ AUTO_SUSPEND: 'false' });
});
afterAll(async () => {
  await platform?.close();
});

const LABELS = ['cat', 'dog', 'bird'];

async function setUp(name: string, items: number, budget?: string) {
  const app = platform.tessera.app;
  const project = await app.get(ProjectsService).create({
    name,
    type: 'classification',
    labels: LABELS,
    overlap: 4,
    rewardPerLabel: '2',
    status: 'active',
    ...(budget ? { rewardBudget: budget } : {}),
  });
  const records = Array.from({ length: items }, (_, i) => ({ externalId: `${name}${i}`, data: { text: `${name} ${i}` } }));
  await app
    .get(ItemsImportService)
    .import(project.id, Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]));
  const callers: Caller[] = [];
  for (let i = 0; i < 4; i++) {
    const user = await app
      .get(UsersRepository)
      .signIn(`0x${name.length.toString(16).padStart(2, '0')}${'cd'.repeat(18)}${(i + 16).toString(16)}`, []);
    callers.push({ id: user.id, address: user.address, roles: ['annotator'] });
  }
  return { project, callers };
}

/** Everyone labels everything; annotator 3 disagrees on every fourth item (outvoted 3 to 1). */
async function labelAll(projectId: number, callers: Caller[]): Promise<number> {
  const assignments = platform.tessera.app.get(AssignmentsService);
  let submitted = 0;
  for (const [n, caller] of callers.entries()) {
    for (;;) {
      const assignment = await assignments.next(caller, projectId).catch(() => undefined);
      if (!assignment) break;
      const i = Number(String(assignment.item.data['text']).split(' ')[1]);
      const truth = LABELS[i % 3]!;
      const answer = n === 3 && i % 4 === 0 ? LABELS[(i + 1) % 3]! : truth;
      await assignments.submit(caller, assignment.assignmentId, { label: answer }, 2000 + i * 10);
      submitted++;
    }
  }
  return submitted;
}

async function balances(projectId: number): Promise<Map<number, bigint>> {
  const rows = await sqlRows<{ annotator_id: number; total: string }>(
    platform.tessera.dataSource,
    'SELECT annotator_id, sum(amount)::text AS total FROM ledger_entries WHERE project_id = $1 GROUP BY annotator_id',
    [projectId],
  );
  return new Map(rows.map((r) => [r.annotator_id, BigInt(r.total)]));
}

describe('rewards ledger: labels -> quality -> ledger', () => {
  it('credits accepted labels once at rate x trust multiplier, reverses withdrawn ones, and never changes a row', async () => {
    const app = platform.tessera.app;
    const { project, callers } = await setUp('led', 12);
    await labelAll(project.id, callers);
    await app.get(QualityService).aggregateNow(project.id);
    const credit = app.get(CreditService);
    const first = await credit.credit(project.id);
    // 12 items settled; annotators 0-2 right on all 12, annotator 3 wrong on 3: 45 accepted labels.
    expect(first.filter((e) => e.kind === 'reward')).toHaveLength(45);
    expect(await credit.credit(project.id)).toEqual([]);
    const workers = (await app.get(QualityService).projectQuality(project.id)).workers;
    const after = await balances(project.id);
    for (const [n, caller] of callers.entries()) {
      const w = workers.find((x) => x.annotatorId === caller.id)!;
      const accepted = n === 3 ? 9 : 12;
      const bps = BigInt(Math.min(12_500, Math.max(5_000, Math.round((w.trust / 0.8) * 10_000))));
      expect(after.get(caller.id), `annotator ${n}`).toBe(BigInt(accepted) * ((parseTokens('2') * bps) / 10_000n));
    }

    // Suspending annotator 1 withdraws their labels: every credited one is reversed, by new rows.
    await app.get(SuspensionsRepository).suspend(callers[1]!.id, project.id, [{ rule: 'admin' }]);
    await app.get(QualityService).aggregateNow(project.id);
    const reversals = (await credit.credit(project.id)).filter((e) => e.kind === 'reversal');
    expect(reversals).toHaveLength(12);
    expect((await balances(project.id)).get(callers[1]!.id)).toBe(0n);
    const entries = await sqlRows<{ n: number }>(
      platform.tessera.dataSource,
      'SELECT count(*)::int AS n FROM ledger_entries WHERE project_id = $1',
      [project.id],
    );
    expect(entries[0]!.n).toBe(45 + 12);

    await expect(
      sqlRows(platform.tessera.dataSource, 'UPDATE ledger_entries SET amount = 0 WHERE project_id = $1', [project.id]),
    ).rejects.toThrow(/immutable/);
    await expect(sqlRows(platform.tessera.dataSource, 'DELETE FROM ledger_entries WHERE project_id = $1', [project.id])).rejects.toThrow(
      /immutable/,
    );
  });

  it('stops handing out work once the budget is spent, and credits nothing beyond it', async () => {
    const app = platform.tessera.app;
    // Budget for 5 labels at rate 2 (multipliers aside): work stops after the 5th label is in.
    const { project, callers } = await setUp('bud', 10, '10');
    const submitted = await labelAll(project.id, callers);
    expect(submitted).toBe(5);
    await expect(app.get(AssignmentsService).next(callers[2]!, project.id)).rejects.toMatchObject({ code: 'PROJECT_BUDGET_SPENT' });
    await app.get(QualityService).aggregateNow(project.id);
    await app.get(CreditService).credit(project.id);
    const total = [...(await balances(project.id)).values()].reduce((a, b) => a + b, 0n);
    expect(total).toBeLessThanOrEqual(parseTokens('10'));
  });

  it('reverses the rewards of a deleted annotation, or of an item deleted with its withdrawn labels, in the same transaction', async () => {
    const app = platform.tessera.app;
    const db = platform.tessera.dataSource;
    const { project, callers } = await setUp('delete', 8);
    await labelAll(project.id, callers);
    await app.get(QualityService).aggregateNow(project.id);
    const credit = app.get(CreditService);
    await credit.credit(project.id);
    const admin: Caller = { id: callers[0]!.id, address: callers[0]!.address, roles: ['admin'] };
    const earnedBy = async (annotationId: number) =>
      BigInt(
        (
          await sqlRows<{ total: string }>(
            db,
            'SELECT coalesce(sum(amount), 0)::text AS total FROM ledger_entries WHERE annotation_id = $1',
            [annotationId],
          )
        )[0]!.total,
      );

    // An admin deletes a credited label: its reward is reversed, and the annotator's total drops by it.
    const [rewarded] = await sqlRows<{ annotation_id: number; amount: string }>(
      db,
      `SELECT annotation_id, amount::text FROM ledger_entries WHERE project_id = $1 AND annotator_id = $2 AND kind = 'reward' ORDER BY id LIMIT 1`,
      [project.id, callers[1]!.id],
    );
    const before = (await balances(project.id)).get(callers[1]!.id)!;
    await app.get(AnnotationsService).delete(admin, rewarded!.annotation_id);
    expect(await earnedBy(rewarded!.annotation_id)).toBe(0n);
    expect((await balances(project.id)).get(callers[1]!.id)).toBe(before - BigInt(rewarded!.amount));
    const [reversal] = await sqlRows<{ kind: string; note: string }>(
      db,
      `SELECT kind, note FROM ledger_entries WHERE annotation_id = $1 ORDER BY id DESC LIMIT 1`,
      [rewarded!.annotation_id],
    );
    expect(reversal).toEqual({ kind: 'reversal', note: `annotation ${rewarded!.annotation_id} deleted by user ${admin.id}` });
    // Crediting has nothing left to say about it.
    expect((await credit.credit(project.id)).filter((e) => e.annotationId === rewarded!.annotation_id)).toEqual([]);

    // A reviewer rejects an item (its labels are withdrawn, not yet reversed), then an admin deletes it.
    const [item] = await sqlRows<{ item_id: number }>(
      db,
      `SELECT a.item_id FROM annotations a JOIN ledger_entries l ON l.annotation_id = a.id
        WHERE a.project_id = $1 AND a.id <> $2 ORDER BY a.item_id LIMIT 1`,
      [project.id, rewarded!.annotation_id],
    );
    const labels = await sqlRows<{ id: number }>(db, 'SELECT id FROM annotations WHERE item_id = $1', [item!.item_id]);
    expect(labels.length).toBeGreaterThan(1);
    // (A reviewer who labelled nothing here, deciding an item the engine left for review.)
    const [reviewer] = await sqlRows<{ id: number }>(db, `INSERT INTO users (address, roles) VALUES ($1, '{reviewer}') RETURNING id`, [
      Wallet.createRandom().address.toLowerCase(),
    ]);
    await sqlRows(db, `UPDATE item_results SET status = 'needs_review' WHERE item_id = $1`, [item!.item_id]);
    expect(await app.get(ReviewsRepository).decide(item!.item_id, reviewer!.id, 'rejected', null)).toEqual({ outcome: 'decided' });
    const total = [...(await balances(project.id)).values()].reduce((a, b) => a + b, 0n);
    let credited = 0n;
    for (const label of labels) credited += await earnedBy(label.id);
    expect(credited).toBeGreaterThan(0n);
    await app.get(ItemsService).delete(item!.item_id, admin.id);
    for (const label of labels) expect(await earnedBy(label.id)).toBe(0n);
    expect([...(await balances(project.id)).values()].reduce((a, b) => a + b, 0n)).toBe(total - credited);
  });

  it('refuses TRUNCATE of the ledger, as it refuses UPDATE and DELETE', async () => {
    const db = platform.tessera.dataSource;
    const [{ n }] = (await sqlRows<{ n: number }>(db, 'SELECT count(*)::int AS n FROM ledger_entries')) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    await expect(sqlRows(db, 'TRUNCATE ledger_entries')).rejects.toThrow(/immutable/);
    await expect(sqlRows(db, 'TRUNCATE ledger_entries CASCADE')).rejects.toThrow(/immutable/);
    expect((await sqlRows<{ n: number }>(db, 'SELECT count(*)::int AS n FROM ledger_entries'))[0]!.n).toBe(n);
  });
});
