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
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const LABELS = ['cat', 'dog', 'bird'];

describe('quality: labels in PostgreSQL -> background aggregation -> item status and annotator quality', () => {
  it('infers answers, keeps gold answers, scores annotators, and runs on its own after submits', async () => {
    const app = platform.tessera.app;
    const project = await app.get(ProjectsService).create({
      name: 'Quality',
      type: 'classification',
      labels: LABELS,
      overlap: 4,
      rewardPerLabel: '1',
      status: 'active',
      // This test is about aggregation: the careless annotator must stay in (see the qualification tests).
      qualificationSize: 0,
      // Every annotator gets every gold item first (the service takes what the API would refuse).
      goldRate: 1,
    });
    // 24 items; the truth of item i is LABELS[i % 3]; items 0-3 are gold, item 0's gold disagrees
    // with what every annotator will say.
    const truth = (i: number) => LABELS[i % 3]!;
    const records = Array.from({ length: 24 }, (_, i) => ({
      externalId: `q${i}`,
      data: { text: `item ${i}` },
      ...(i < 4 ? { gold: { label: i === 0 ? 'bird' : truth(i) } } : {}),
    }));
    const imported = await app
      .get(ItemsImportService)
      .import(
        project.id,
        Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]),
      );
    expect(imported.imported).toBe(24);
    const users = app.get(UsersRepository);
    const callers: Caller[] = [];
    for (let i = 0; i < 4; i++) {
      const user = await users.signIn(`0x${'ab'.repeat(19)}${(i + 16).toString(16)}`, []);
      callers.push({ id: user.id, address: user.address, roles: ['annotator'] });
    }
    const assignments = app.get(AssignmentsService);
    const itemIndex = new Map<number, number>();
    const rows = await sqlRows<{ id: number; external_id: string }>(
      platform.tessera.dataSource,
      'SELECT id, external_id FROM items WHERE project_id = $1',
      [project.id],
    );
    for (const row of rows) itemIndex.set(row.id, Number(row.external_id.slice(1)));
    // Three careful annotators always answer the truth (item 0: "cat"); the fourth is always wrong,
    // though not with one answer for everything (that would be straight-lining, and suspended).
    for (const [n, caller] of callers.entries()) {
      for (;;) {
        const assignment = await assignments.next(caller, project.id);
        if (!assignment) break;
        const i = Number(String(assignment.item.data['text']).slice('item '.length));
        await assignments.submit(caller, assignment.assignmentId, { label: n === 3 ? truth(i + 1) : truth(i) }, 1000);
      }
    }
    // The submits scheduled a background run; wait for it to land.
    const quality = app.get(QualityService);
    let report = await quality.projectQuality(project.id);
    for (let waited = 0; report.computedAt === null && waited < 20_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      report = await quality.projectQuality(project.id);
    }
    expect(report.computedAt).not.toBeNull();
    report = await quality.aggregateNow(project.id);
    const results = await sqlRows<{ item_id: number; result: { label: string }; confidence: number; status: string }>(
      platform.tessera.dataSource,
      'SELECT item_id, result, confidence, status FROM item_results WHERE project_id = $1',
      [project.id],
    );
    expect(results).toHaveLength(24);
    for (const r of results) {
      const i = itemIndex.get(r.item_id)!;
      if (i === 0) {
        expect(r.result).toEqual({ label: 'bird' });
        expect(r.confidence).toBe(1);
      } else {
        expect(r.result, `item ${i}`).toEqual({ label: truth(i) });
      }
    }
    expect(report.statuses['confident']).toBe(24);
    // The run stores how auto chose its method: gold items exist, so accuracy on held-out gold decided.
    expect(report.selection?.criterion).toBe('gold');
    expect(report.selection?.scores.map((s) => s.candidate)).toContain(report.selection?.winner);
    expect(report.selection?.scores.find((s) => s.candidate === report.selection?.winner)?.method).toBe(report.method);
    const careless = report.workers.find((w) => w.annotatorId === callers[3]!.id)!;
    const careful = report.workers.find((w) => w.annotatorId === callers[0]!.id)!;
    expect(careful.accuracy).toBeGreaterThan(careless.accuracy);
    expect(careful).toMatchObject({ goldSeen: 4, goldCorrect: 3 });
    expect(careless).toMatchObject({ goldSeen: 4, goldCorrect: 0 });
    expect(report.krippendorffAlpha).toBeGreaterThan(0);
    expect(report.krippendorffAlpha).toBeLessThan(1);
    expect(report.confidenceHistogram.reduce((n, b) => n + b.items, 0)).toBe(24);
  });

  it('dynamic overlap: an unsure item gets more labels up to maxOverlap, a confident one stops', async () => {
    const app = platform.tessera.app;
    const project = await app.get(ProjectsService).create({
      name: 'Dynamic',
      type: 'classification',
      labels: ['yes', 'no'],
      overlap: 2,
      maxOverlap: 4,
      targetConfidence: 0.9,
      rewardPerLabel: '1',
      status: 'active',
    });
    await app.get(ItemsImportService).import(
      project.id,
      Readable.from([
        {
          mimeType: 'application/json',
          content: Readable.from([
            Buffer.from(
              JSON.stringify([
                { externalId: 'agree', data: { text: 'a' } },
                { externalId: 'split', data: { text: 'b' } },
              ]),
            ),
          ]),
        },
      ]),
    );
    const users = app.get(UsersRepository);
    const callers: Caller[] = [];
    for (let i = 0; i < 5; i++) {
      const user = await users.signIn(`0x${'cd'.repeat(19)}${(i + 16).toString(16)}`, []);
      callers.push({ id: user.id, address: user.address, roles: ['annotator'] });
    }
    const assignments = app.get(AssignmentsService);
    const labelAll = async (caller: Caller, answer: (text: string) => string): Promise<number> => {
      let n = 0;
      for (;;) {
        const assignment = await assignments.next(caller, project.id);
        if (!assignment) return n;
        await assignments.submit(caller, assignment.assignmentId, { label: answer(String(assignment.item.data['text'])) }, 1000);
        n++;
      }
    };
    // Two annotators agree on "a" and split on "b".
    await labelAll(callers[0]!, () => 'yes');
    await labelAll(callers[1]!, (text) => (text === 'a' ? 'yes' : 'no'));
    expect(await labelAll(callers[2]!, () => 'yes')).toBe(0);
    await app.get(QualityService).aggregateNow(project.id);
    const overlaps = await sqlRows<{ external_id: string; overlap: number }>(
      platform.tessera.dataSource,
      'SELECT external_id, overlap FROM items WHERE project_id = $1 ORDER BY external_id',
      [project.id],
    );
    expect(overlaps).toEqual([
      { external_id: 'agree', overlap: 2 },
      { external_id: 'split', overlap: 4 },
    ]);
    // The unsure item goes back to the pool for new annotators; the settled one does not.
    expect(await labelAll(callers[2]!, () => 'yes')).toBe(1);
    expect(await labelAll(callers[3]!, () => 'yes')).toBe(1);
    expect(await labelAll(callers[4]!, () => 'yes')).toBe(0);
    const report = await app.get(QualityService).aggregateNow(project.id);
    // 3 against 1 is still under 0.9 at the maximum overlap: a reviewer decides.
    expect(report.statuses).toEqual({ confident: 1, needs_review: 1 });
  });
});
