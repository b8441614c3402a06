import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config.js';
import { sqlRows } from '../../src/database/sql.js';
import { DatasetsRepository } from '../../src/datasets/datasets.repository.js';
import { DatasetsService } from '../../src/datasets/datasets.service.js';
import type { DatasetMeta, DatasetSchema } from '../../src/datasets/domain/dataset-record.js';
import { exportWriters } from '../../src/datasets/export/formats.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { waitFor } from '../support/datasets.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

/** More than two pages of records (1,000 a page), so that the shared read and COCO's own second read cross pages. */
const ITEMS = 2_345;

let platform: TestPlatform;
let projectId: number;

const app = () => platform.tessera.app;
const db = () => platform.tessera.dataSource;

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

beforeAll(async () => {
  platform = await startTestPlatform({ AUTO_SUSPEND: 'false' });
  const project = await app()
    .get(ProjectsService)
    .create({
      name: 'Boxes source',
      type: 'boxes',
      labels: ['car', 'person'],
      overlap: 1,
      rewardPerLabel: '1',
      status: 'active',
    });
  projectId = project.id;
  // Settled items as aggregation leaves them, written straight in: every seventh image without a size
  // (COCO leaves it out), a varying number of boxes each.
  await sqlRows(db(), `INSERT INTO users (address) VALUES ('0x${'7'.repeat(40)}')`);
  await sqlRows(
    db(),
    `INSERT INTO items (project_id, external_id, data, overlap, taken)
     SELECT $1, 'img-' || g,
            CASE WHEN g % 7 = 0 THEN jsonb_build_object('image', 'img-' || g || '.jpg')
                 ELSE jsonb_build_object('image', 'img-' || g || '.jpg', 'width', 640, 'height', 480) END, 1, 1
       FROM generate_series(1, $2) g`,
    [projectId, ITEMS],
  );
  await sqlRows(
    db(),
    `WITH answers AS (
       SELECT i.id, i.project_id,
              jsonb_build_object('boxes', coalesce((SELECT jsonb_agg(jsonb_build_object('x', 10 * b, 'y', 5 * b, 'w', 20 + b, 'h', 30,
                                                                        'label', (ARRAY['car', 'person'])[1 + (i.id + b) % 2]))
                                                      FROM generate_series(1, i.id % 4) b), '[]'::jsonb)) AS result
         FROM items i WHERE i.project_id = $1
     ), labels AS (
       INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms)
       SELECT row_number() OVER (), a.project_id, a.id, u.id, a.result, 2000
         FROM answers a CROSS JOIN (SELECT id FROM users WHERE address = $2) u
     )
     INSERT INTO item_results (item_id, project_id, result, confidence, status, labels, method)
     SELECT id, project_id, result, 0.9, 'confident', 1, 'mv' FROM answers`,
    [projectId, `0x${'7'.repeat(40)}`],
  );
});

afterAll(async () => {
  await platform?.close();
});

describe('a boxes version', () => {
  it('stores every format, COCO too, as exactly what each writer makes of the version records', async () => {
    const datasets = app().get(DatasetsService);
    const created = await datasets.create({ projectId, name: 'Streets', license: 'cc-by-4.0', seed: 3 }, null);
    const version = await waitFor(`version ${created.id}`, async () => {
      const current = await datasets.get(created.id);
      return current.status === 'building' ? undefined : current;
    });
    expect(version.status, version.error ?? '').toBe('ready');
    expect(version.itemCount).toBe(ITEMS);
    expect(version.files.map((f) => f.name)).toEqual([
      'data.jsonl',
      'data.csv',
      'data.parquet',
      'coco.json',
      'label-studio.json',
      'croissant.json',
    ]);

    const [row] = await sqlRows<{ schema: DatasetSchema; description: string; created_at: Date }>(
      db(),
      'SELECT schema, description, created_at FROM dataset_versions WHERE id = $1',
      [version.id],
    );
    const config = app().get<AppConfig>(APP_CONFIG);
    const meta: DatasetMeta = {
      versionId: version.id,
      name: version.name,
      description: row!.description,
      license: version.license,
      createdAt: row!.created_at.toISOString(),
      url: new URL(`/admin/datasets/${version.id}/show`, config.publicUrl).toString(),
      creator: 'Tessera',
    };
    const repository = app().get(DatasetsRepository);
    for (const writer of exportWriters(row!.schema)) {
      const expected = await collect(writer.write(() => repository.records(version.id), row!.schema, meta));
      const stored = await collect((await datasets.openFile(version.id, writer.file.name)).body);
      expect(stored.equals(expected), writer.file.name).toBe(true);
    }
    const coco = JSON.parse((await collect((await datasets.openFile(version.id, 'coco.json')).body)).toString('utf8')) as {
      images: unknown[];
      annotations: unknown[];
    };
    expect(coco.images).toHaveLength(ITEMS - Math.floor(ITEMS / 7));
  });
});
