import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../src/database/sql.js';
import { DEMO_PROJECTS } from '../../src/demo/demo-data.js';
import { DemoSeeder } from '../../src/demo/demo-seeder.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ DEMO_DATA: 'true' });
});
afterAll(async () => {
  await platform?.close();
});

describe('demo data', () => {
  it('seeds one active project of each type with its items, images stored by CID, once', async () => {
    const db = platform.tessera.dataSource;
    const projects = await sqlRows<{ type: string; status: string; items: number }>(
      db,
      'SELECT p.type, p.status, (SELECT count(*)::int FROM items i WHERE i.project_id = p.id) AS items FROM projects p ORDER BY p.id',
    );
    expect(projects.map((p) => p.type)).toEqual(['classification', 'multilabel', 'spans', 'boxes', 'text']);
    expect(projects.every((p) => p.status === 'active')).toBe(true);
    expect(projects.map((p) => p.items)).toEqual(DEMO_PROJECTS.map((d) => d.items.length + (d.images?.length ?? 0)));
    const images = await sqlRows<{ media: { cid: string; width: number } }>(db, `SELECT media FROM items WHERE media IS NOT NULL`);
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((i) => i.media.cid.startsWith('Qm') && i.media.width === 640)).toBe(true);
    await platform.tessera.app.get(DemoSeeder).onApplicationBootstrap();
    const again = await sqlRows<{ n: number }>(db, 'SELECT count(*)::int AS n FROM projects');
    expect(again[0]!.n).toBe(5);
  });
});
