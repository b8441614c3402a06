import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { sqlRows } from '../../src/database/sql.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { ItemsRepository } from '../../src/items/items.repository.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
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

/** The hot tables (assignments, annotations) have no foreign keys: deletes must take their rows along. */
describe('deletes leave no orphan assignments or annotations', () => {
  it('deleting an item, a project or a user removes their assignments and annotations', async () => {
    const app = platform.tessera.app;
    const db = platform.tessera.dataSource;
    const projects = app.get(ProjectsService);
    const project = await projects.create({
      name: 'Deletes',
      type: 'classification',
      labels: ['a', 'b'],
      overlap: 1,
      rewardPerLabel: '1',
      status: 'active',
    });
    const records = [0, 1, 2].map((i) => ({ externalId: `d${i}`, data: { text: `item ${i}` } }));
    await app
      .get(ItemsImportService)
      .import(
        project.id,
        Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]),
      );
    const users = app.get(UsersRepository);
    const user = await users.signIn(`0x${'de'.repeat(20)}`, []);
    const caller: Caller = { id: user.id, address: user.address, roles: ['annotator'] };
    const assignments = app.get(AssignmentsService);
    const count = async (table: string, column: string, id: number) =>
      (await sqlRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [id]))[0]!.n;

    // A skipped lease stays as a row of the item's history; deleting the item takes it along.
    const skipped = await assignments.next(caller, project.id);
    await assignments.skip(caller, skipped!.assignmentId);
    const skippedItem = (
      await sqlRows<{ item_id: number }>(db, 'SELECT item_id FROM assignments WHERE id = $1', [skipped!.assignmentId])
    )[0]!.item_id;
    await app.get(ItemsRepository).delete(skippedItem);
    expect(await count('assignments', 'item_id', skippedItem)).toBe(0);

    // A user with only a live lease; then the project with another live lease.
    const other = await users.signIn(`0x${'df'.repeat(20)}`, []);
    await assignments.next({ id: other.id, address: other.address, roles: ['annotator'] }, project.id);
    expect(await count('assignments', 'annotator_id', other.id)).toBe(1);
    await users.delete(other.id);
    expect(await count('assignments', 'annotator_id', other.id)).toBe(0);

    await assignments.next(caller, project.id);
    expect(await count('assignments', 'project_id', project.id)).toBe(1);
    await projects.delete(project.id);
    expect(await count('assignments', 'project_id', project.id)).toBe(0);
    expect(await count('items', 'project_id', project.id)).toBe(0);
  });
});
