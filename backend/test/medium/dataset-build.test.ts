import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config.js';
import { sqlRows } from '../../src/database/sql.js';
import { DatasetsRepository } from '../../src/datasets/datasets.repository.js';
import { DatasetsService } from '../../src/datasets/datasets.service.js';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import type { DatasetRecord, DatasetSchema } from '../../src/datasets/domain/dataset-record.js';
import { splitCounts } from '../../src/datasets/domain/split.js';
import { decryptRange } from '../../src/datasets/encryption/chunked-cipher.js';
import { unwrapKey } from '../../src/datasets/encryption/key-wrap.js';
import { exportWriters } from '../../src/datasets/export/formats.js';
import { jsonlWriter } from '../../src/datasets/export/jsonl.writer.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { AggregationService } from '../../src/quality/aggregation.service.js';
import { ReviewsService } from '../../src/quality/reviews.service.js';
import { STORAGE_PORT, type StoragePort } from '../../src/storage/storage.port.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { jsonItems, LABELS, waitFor, writeLabels } from '../support/datasets.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;
let projectId: number;
let itemIds: number[];
let annotators: number[];
let goldItem: number;

const app = () => platform.tessera.app;
const db = () => platform.tessera.dataSource;
const datasets = () => app().get(DatasetsService);

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

async function built(body: Partial<Parameters<DatasetsService['create']>[0]> = {}): Promise<DatasetDto> {
  const created = await datasets().create({ projectId, name: 'Pets', license: 'cc-by-4.0', seed: 42, ...body }, null);
  expect(created.status).toBe('building');
  return waitFor(`version ${created.id}`, async () => {
    const version = await datasets().get(created.id);
    return version.status === 'building' ? undefined : version;
  });
}

/** The version's records as the exports read them (the first test checks the files are made of exactly these). */
async function recordsOf(version: DatasetDto): Promise<DatasetRecord[]> {
  const records: DatasetRecord[] = [];
  for await (const record of app().get(DatasetsRepository).records(version.id)) records.push(record);
  return records;
}

/**
 * The truth of item i, and the annotators' votes: every fourth item split 2-1, every tenth with two
 * labels only (short of the overlap: never settled), the rest unanimous.
 */
const truth = (i: number) => LABELS[i % 3]!;
const votes = (i: number) =>
  i % 10 === 9 ? [truth(i), truth(i), null] : i % 4 === 0 ? [truth(i), truth(i), LABELS[(i + 1) % 3]!] : [truth(i), truth(i), truth(i)];

beforeAll(async () => {
  platform = await startTestPlatform({ AUTO_SUSPEND: 'false' });
  const project = await app().get(ProjectsService).create({
    name: 'Dataset source',
    type: 'classification',
    labels: LABELS,
    overlap: 3,
    rewardPerLabel: '1',
    status: 'active',
  });
  projectId = project.id;
  await app().get(ItemsImportService).import(projectId, jsonItems(90));
  itemIds = (await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [projectId])).map((r) => r.id);
  const users = app().get(UsersRepository);
  annotators = [];
  for (let n = 0; n < 4; n++) annotators.push((await users.signIn(`0x${String(n + 1).repeat(40)}`, [])).id);
  // One gold item: the platform's test question, excluded from datasets unless asked for.
  goldItem = itemIds[1]!;
  await sqlRows(db(), 'UPDATE items SET gold = $2::jsonb WHERE id = $1', [goldItem, JSON.stringify({ label: truth(1) })]);
  await writeLabels(db(), projectId, itemIds, annotators, votes, new Date('2026-06-01T00:00:00Z'));
  await app().get(AggregationService).aggregate(projectId);
});

afterAll(async () => {
  await platform?.close();
});

describe('dataset versions on PostgreSQL and the embedded blockstore', () => {
  let first: DatasetDto;
  let firstRecords: DatasetRecord[];

  it('builds a version of the settled items whose stored files decrypt to the exported bytes, under the CIDs the store gives', async () => {
    first = await built({ intendedUse: 'pet classifiers' });
    expect(first.status, first.error ?? '').toBe('ready');
    const settled = await sqlRows<{ item_id: number }>(
      db(),
      "SELECT item_id FROM item_results WHERE project_id = $1 AND status = 'confident' AND item_id <> $2",
      [projectId, goldItem],
    );
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.length).toBeLessThan(itemIds.length - 1);
    expect(first.itemCount).toBe(settled.length);
    expect(first.progress).toEqual({ step: 'ready', done: first.itemCount, total: first.itemCount });
    // Every format of a classification project, and Croissant's metadata last, naming each by its checksum.
    expect(first.files.map((f) => f.name)).toEqual(['data.jsonl', 'data.csv', 'data.parquet', 'label-studio.json', 'croissant.json']);
    const croissant = JSON.parse((await collect((await datasets().openFile(first.id, 'croissant.json')).body)).toString('utf8')) as {
      conformsTo: string;
      distribution: Array<{ name: string; sha256: string; contentUrl: string }>;
    };
    expect(croissant.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
    expect(croissant.distribution.map((d) => [d.name, d.sha256])).toEqual(
      first.files.filter((f) => f.name !== 'croissant.json').map((f) => [f.name, f.sha256]),
    );

    const storage = app().get<StoragePort>(STORAGE_PORT);
    const config = app().get<AppConfig>(APP_CONFIG);
    const [row] = await sqlRows<{ wrapped_key: Buffer }>(db(), 'SELECT wrapped_key FROM dataset_versions WHERE id = $1', [first.id]);
    const key = unwrapKey(Buffer.from(config.datasetMasterKey, 'hex'), first.id, row!.wrapped_key);
    for (const file of first.files) {
      const encrypted = await collect(storage.cat(file.cid));
      expect(encrypted.length).toBe(file.encryptedBytes);
      // Not plaintext: the stored bytes carry the cipher's header, and the plaintext does not appear.
      expect(encrypted.subarray(0, 4).toString('ascii')).toBe('TSDC');
      expect((await storage.add(encrypted)).cid).toBe(file.cid);
      const plain = await collect(decryptRange((offset, target) => storage.readInto(file.cid, offset, target), encrypted.length, key));
      expect(plain.length).toBe(file.bytes);
      expect(createHash('sha256').update(plain).digest('hex')).toBe(file.sha256);
      expect(encrypted.includes(plain.subarray(0, 32))).toBe(false);
    }

    // The JSONL file is exactly what the writer makes of the version's records.
    const [version] = await sqlRows<{ schema: DatasetSchema }>(db(), 'SELECT schema FROM dataset_versions WHERE id = $1', [first.id]);
    const repository = app().get(DatasetsRepository);
    const meta = {
      versionId: first.id,
      name: first.name,
      description: '',
      license: 'CC-BY-4.0',
      createdAt: first.createdAt,
      url: '',
      creator: '',
    };
    const again = await collect(jsonlWriter.write(() => repository.records(first.id), version!.schema, meta));
    const served = await collect((await datasets().openFile(first.id, 'data.jsonl')).body);
    expect(served.equals(again)).toBe(true);

    firstRecords = await recordsOf(first);
    expect(firstRecords.map((r) => r.itemId)).toEqual(settled.map((s) => s.item_id).sort((a, b) => a - b));
    expect(firstRecords.every((r) => r.source === 'inferred' && r.annotations.length === 3 && r.method !== null)).toBe(true);
    expect(first.license).toBe('CC-BY-4.0');
    expect(first.datasheet?.['composition']).toMatchObject({ instances: settled.length });
    expect((first.datasheet?.['motivation'] as { intendedUse: string }).intendedUse).toBe('pet classifiers');
  });

  it('stores, over pages whose buffers the build thread uses again, every paged file as its writer writes it', async () => {
    // 2,600 items: three pages of records, so that each format's later pages reuse the buffers its
    // earlier ones came back in; every stored file must still be exactly its writer's bytes.
    const project = await app().get(ProjectsService).create({
      name: 'Pages',
      type: 'classification',
      labels: LABELS,
      overlap: 3,
      rewardPerLabel: '1',
      status: 'active',
    });
    await app().get(ItemsImportService).import(project.id, jsonItems(2600));
    const items = (await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [project.id])).map(
      (r) => r.id,
    );
    await writeLabels(db(), project.id, items, annotators, (i) => [truth(i), truth(i), truth(i)]);
    await app().get(AggregationService).aggregate(project.id);
    const version = await built({ projectId: project.id, name: 'Pages' });
    expect(version.status, version.error ?? '').toBe('ready');
    expect(version.itemCount).toBe(2600);
    const [row] = await sqlRows<{ schema: DatasetSchema }>(db(), 'SELECT schema FROM dataset_versions WHERE id = $1', [version.id]);
    const meta = {
      versionId: version.id,
      name: 'Pages',
      description: '',
      license: 'CC-BY-4.0',
      createdAt: version.createdAt,
      url: '',
      creator: '',
    };
    const repository = app().get(DatasetsRepository);
    const paged = exportWriters(row!.schema).filter((writer) => writer.encoder !== undefined);
    expect(paged.map((writer) => writer.file.name)).toEqual(['data.jsonl', 'data.csv', 'data.parquet', 'label-studio.json']);
    for (const writer of paged) {
      const written = await collect(writer.write(() => repository.records(version.id), row!.schema, meta));
      const stored = await collect((await datasets().openFile(version.id, writer.file.name)).body);
      expect(stored.length, writer.file.name).toBe(written.length);
      expect(stored.equals(written), writer.file.name).toBe(true);
    }
  });

  it('serves any byte range of a file, decrypting only what covers it', async () => {
    const whole = await collect((await datasets().openFile(first.id, 'data.jsonl')).body);
    for (const [start, end] of [
      [0, 0],
      [10, 99],
      [whole.length - 5, whole.length - 1],
      [1000, 70_000],
    ] as const) {
      const opened = await datasets().openFile(first.id, 'data.jsonl', { start, end });
      expect(await collect(opened.body)).toEqual(whole.subarray(start, Math.min(end, whole.length - 1) + 1));
    }
    await expect(datasets().openFile(first.id, 'data.jsonl', { start: whole.length })).rejects.toMatchObject({
      code: 'RANGE_NOT_SATISFIABLE',
    });
    await expect(datasets().openFile(first.id, 'nothing.csv')).rejects.toMatchObject({ code: 'DATASET_FILE_NOT_FOUND' });
  });

  it('splits each class in the requested proportions, the same way for the same seed', async () => {
    const byClass = new Map<string, Record<string, number>>();
    for (const r of firstRecords) {
      const label = (r.answer as { label: string }).label;
      const counts = byClass.get(label) ?? { train: 0, validation: 0, test: 0 };
      counts[r.split]!++;
      byClass.set(label, counts);
    }
    expect(byClass.size).toBe(3);
    for (const counts of byClass.values()) {
      const n = counts['train']! + counts['validation']! + counts['test']!;
      expect(counts).toEqual(splitCounts(n, { train: 0.8, validation: 0.1, test: 0.1 }));
    }
    const same = await built();
    expect((await recordsOf(same)).map((r) => [r.id, r.split])).toEqual(firstRecords.map((r) => [r.id, r.split]));
    const other = await built({ seed: 43, splits: { train: 0.5, validation: 0.25, test: 0.25 } });
    expect((await recordsOf(other)).map((r) => r.split)).not.toEqual(firstRecords.map((r) => r.split));
  });

  it('applies the filters: confidence, reviewed only, answer time, and gold only when asked', async () => {
    // A threshold between the least and the most confident answers.
    const confidences = firstRecords.map((r) => r.confidence).sort((a, b) => a - b);
    const threshold = (confidences[0]! + confidences.at(-1)!) / 2;
    expect(confidences[0]!).toBeLessThan(threshold);
    const records = await recordsOf(await built({ filters: { minConfidence: threshold } }));
    expect(records.map((r) => r.itemId)).toEqual(firstRecords.filter((r) => r.confidence >= threshold).map((r) => r.itemId));
    expect(records.length).toBeLessThan(firstRecords.length);

    const before = await built({ filters: { to: '2026-05-01T00:00:00Z' } });
    expect(before.status).toBe('ready');
    expect(before.itemCount).toBe(0);
    const cutoff = new Date(Date.parse('2026-06-01T00:00:00Z') + 45 * 1000).toISOString();
    const late = await recordsOf(await built({ filters: { from: cutoff } }));
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((r) => r.itemId! >= itemIds[45]!)).toBe(true);

    const withGold = await recordsOf(await built({ filters: { includeGold: true } }));
    expect(withGold.find((r) => r.itemId === goldItem)).toMatchObject({
      source: 'gold',
      method: 'gold',
      confidence: 1,
      answer: { label: truth(1) },
    });
    expect(firstRecords.find((r) => r.itemId === goldItem)).toBeUndefined();

    // A reviewer fixes one item waiting for review (put there as the engine does for an item it
    // cannot settle at its maximum overlap): only it is in a reviewed-only version.
    const [pending] = await sqlRows<{ item_id: number }>(
      db(),
      "UPDATE item_results SET status = 'needs_review' WHERE item_id = $1 RETURNING item_id",
      [firstRecords[5]!.itemId],
    );
    const reviewer = await app()
      .get(UsersRepository)
      .signIn(`0x${'ab'.repeat(20)}`, []);
    await app()
      .get(ReviewsService)
      .decide({ id: reviewer.id, address: reviewer.address, roles: ['admin'] }, pending!.item_id, 'fixed_and_accepted', { label: 'bird' });
    const reviewed = await recordsOf(await built({ filters: { reviewedOnly: true } }));
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]).toMatchObject({
      itemId: pending!.item_id,
      source: 'review',
      method: 'review',
      confidence: 1,
      answer: { label: 'bird' },
    });
  });

  it('never changes once ready: later labels and new items leave the version and its files as they were', async () => {
    const newItems = await app().get(ItemsImportService).import(projectId, jsonItems(6, 1000));
    expect(newItems.imported).toBe(6);
    const added = (
      await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1 AND id > $2 ORDER BY id', [
        projectId,
        itemIds.at(-1)!,
      ])
    ).map((r) => r.id);
    await writeLabels(db(), projectId, added, annotators, () => ['dog', 'dog', 'dog']);
    // A fourth annotator disagrees with everything, and the project is aggregated again.
    await writeLabels(db(), projectId, itemIds, [annotators[3]!], (i) => [LABELS[(i + 2) % 3]!]);
    await app().get(AggregationService).aggregate(projectId);

    const again = await datasets().get(first.id);
    expect(again.itemCount).toBe(first.itemCount);
    expect(again.files).toEqual(first.files);
    expect(again.datasheet).toEqual(first.datasheet);
    expect(await recordsOf(again)).toEqual(firstRecords);
    const rebuilt = await built();
    expect(rebuilt.itemCount).not.toBe(first.itemCount);
  });

  it('refuses an unknown licence and fractions that do not sum to 1, naming the field', async () => {
    await expect(datasets().create({ projectId, name: 'x', license: 'WTFPL-2' }, null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'license',
    });
    await expect(
      datasets().create({ projectId, name: 'x', license: 'MIT', splits: { train: 0.5, validation: 0.5, test: 0.5 } }, null),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'splits' });
    await expect(datasets().create({ projectId: 2_000_000_000, name: 'x', license: 'MIT' }, null)).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
  });
});

describe("records too large for the build thread's usual heap", () => {
  it('builds the version all the same: the step runs again without the caps, and the files hold every record', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn');
    try {
      const project = await app().get(ProjectsService).create({
        name: 'Long documents',
        type: 'classification',
        labels: LABELS,
        overlap: 3,
        rewardPerLabel: '1',
        status: 'active',
      });
      // 200 items of ~200,000 characters: a page of records (and their parsed copies) is far over
      // the thread's usual 32 MB old generation, and each item is under MAX_ITEM_BYTES.
      const text = (i: number) => `${i} `.padEnd(200_000, `long document ${i} `);
      const records = Array.from({ length: 200 }, (_, i) => ({ externalId: `long-${i}`, data: { text: text(i) } }));
      await app()
        .get(ItemsImportService)
        .import(
          project.id,
          Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]),
        );
      const items = (await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [project.id])).map(
        (r) => r.id,
      );
      await writeLabels(db(), project.id, items, annotators, (i) => [truth(i), truth(i), truth(i)]);
      await app().get(AggregationService).aggregate(project.id);

      const created = await datasets().create({ projectId: project.id, name: 'Long', license: 'cc-by-4.0', seed: 1 }, null);
      const version = await waitFor(`version ${created.id}`, async () => {
        const v = await datasets().get(created.id);
        return v.status === 'building' ? undefined : v;
      });
      expect(version.status, version.error ?? '').toBe('ready');
      expect(version.itemCount).toBe(200);
      expect(warn.mock.calls.some(([message]) => String(message).includes('ran out of its heap'))).toBe(true);
      const jsonl = (await collect((await datasets().openFile(version.id, 'data.jsonl')).body)).toString('utf8').trimEnd().split('\n');
      expect(jsonl).toHaveLength(200);
      expect(new Set(jsonl.map((line) => (JSON.parse(line) as { text: string }).text))).toEqual(
        new Set(Array.from({ length: 200 }, (_, i) => text(i))),
      );
    } finally {
      warn.mockRestore();
    }
  });
});
