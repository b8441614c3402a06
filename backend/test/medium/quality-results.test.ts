import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../src/database/sql.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { QualityRepository, type ItemResultRow } from '../../src/quality/quality.repository.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

describe('aggregation results in PostgreSQL', () => {
  it('a rerun writes only the items whose decision changed, and drops items that lost their labels', async () => {
    const app = platform.tessera.app;
    const db = platform.tessera.dataSource;
    const project = await app.get(ProjectsService).create({
      name: 'Incremental results',
      type: 'classification',
      labels: ['cat', 'dog'],
      overlap: 3,
      rewardPerLabel: '1',
      status: 'active',
    });
    const records = Array.from({ length: 4 }, (_, i) => ({ externalId: `r${i}`, data: { text: `item ${i}` } }));
    await app
      .get(ItemsImportService)
      .import(
        project.id,
        Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]),
      );
    const ids = (await sqlRows<{ id: number }>(db, 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [project.id])).map(
      (r) => r.id,
    );
    const quality = app.get(QualityRepository);
    const results: ItemResultRow[] = ids.map((itemId, i) => ({
      itemId,
      result: { label: i % 2 === 0 ? 'cat' : 'dog' },
      confidence: 0.9,
      status: 'confident',
      labels: 3,
    }));
    const annotator = await app.get(UsersRepository).signIn(`0x${'cd'.repeat(20)}`, []);
    const workers = [{ annotatorId: annotator.id, labels: 12, accuracy: 0.9, goldSeen: 0, goldCorrect: 0 }];
    // xmin is the transaction that last wrote a row: it tells rewritten rows from untouched ones.
    const versions = async () =>
      new Map(
        (
          await sqlRows<{ item_id: number; xmin: string; confidence: number }>(
            db,
            'SELECT item_id, xmin::text, confidence FROM item_results WHERE project_id = $1',
            [project.id],
          )
        ).map((r) => [r.item_id, r]),
      );

    await quality.saveResults(project.id, 'ds', results, workers);
    const first = await versions();
    expect([...first.keys()].sort((a, b) => a - b)).toEqual(ids);

    // The same decisions again: nothing is rewritten.
    await quality.saveResults(project.id, 'ds', results, workers);
    const same = await versions();
    for (const id of ids) expect(same.get(id)!.xmin).toBe(first.get(id)!.xmin);

    // Item 0 got a label, item 1's confidence barely moved, item 2's moved, item 3 lost its labels.
    await quality.saveResults(
      project.id,
      'ds',
      [
        { ...results[0]!, labels: 4 },
        { ...results[1]!, confidence: 0.9004 },
        { ...results[2]!, confidence: 0.95 },
      ],
      workers,
    );
    const after = await versions();
    expect(after.get(ids[0]!)!.xmin).not.toBe(first.get(ids[0]!)!.xmin);
    expect(after.get(ids[1]!)!.xmin).toBe(first.get(ids[1]!)!.xmin);
    expect(after.get(ids[1]!)!.confidence).toBe(0.9);
    expect(after.get(ids[2]!)!.confidence).toBe(0.95);
    expect(after.has(ids[3]!)).toBe(false);
    const stored = await sqlRows<{ labels: number }>(db, 'SELECT labels FROM item_results WHERE item_id = $1', [ids[0]]);
    expect(stored[0]!.labels).toBe(4);
  });
});
