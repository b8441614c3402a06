import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../src/database/sql.js';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import { DatasetException } from '../../src/datasets/datasets.exception.js';
import { DatasetsService } from '../../src/datasets/datasets.service.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { AggregationService } from '../../src/quality/aggregation.service.js';
import { seededRandom } from '../../src/quality/domain/seeded-random.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { LABELS, waitFor, writeLabels } from '../support/datasets.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;
let projectId: number;
let curated: DatasetDto;
const sourceTexts = new Set<string>();

const app = () => platform.tessera.app;
const db = () => platform.tessera.dataSource;
const datasets = () => app().get(DatasetsService);

const WORDS: Record<string, string[]> = {
  cat: ['purrs', 'whiskers', 'naps', 'sunlit', 'windowsill', 'yarn', 'meows', 'softly', 'curious', 'tabby', 'kitten', 'paws'],
  dog: ['barks', 'fetches', 'leash', 'park', 'wags', 'tail', 'loyal', 'puppy', 'walks', 'bone', 'happily', 'runs'],
  bird: ['sings', 'feathers', 'nest', 'branch', 'chirps', 'wings', 'flies', 'morning', 'seeds', 'beak', 'sky', 'perches'],
};

/** Item i: a label by i, a text of that label's words, a score that grows with the label, a channel. */
function item(i: number, random: () => number) {
  const label = LABELS[i % 3]!;
  const words = Array.from({ length: 10 + Math.floor(random() * 6) }, () => WORDS[label]![Math.floor(random() * 12)]!);
  const text = `${words.join(' ')} ${i}`;
  sourceTexts.add(text);
  return {
    externalId: `pet-${i}`,
    data: { text, score: (i % 3) * 10 + random() * 5, channel: ['web', 'app'][i % 2], verified: i % 5 === 0 },
  };
}

async function settled(id: number): Promise<DatasetDto> {
  return waitFor(`version ${id}`, async () => {
    const version = await datasets().get(id);
    return version.status === 'building' ? undefined : version;
  });
}

async function jsonl(version: DatasetDto): Promise<Array<Record<string, unknown>>> {
  const parts: Uint8Array[] = [];
  for await (const part of (await datasets().openFile(version.id, 'data.jsonl')).body) parts.push(part);
  return Buffer.concat(parts)
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  platform = await startTestPlatform({ AUTO_SUSPEND: 'false' });
  const project = await app().get(ProjectsService).create({
    name: 'Synthetic source',
    type: 'classification',
    labels: LABELS,
    overlap: 3,
    rewardPerLabel: '1',
    status: 'active',
  });
  projectId = project.id;
  const random = seededRandom(11);
  const records = Array.from({ length: 240 }, (_, i) => item(i, random));
  await app()
    .get(ItemsImportService)
    .import(projectId, Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]));
  const itemIds = (await sqlRows<{ id: number }>(db(), 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [projectId])).map(
    (r) => r.id,
  );
  const users = app().get(UsersRepository);
  const annotators: number[] = [];
  for (let n = 0; n < 3; n++) annotators.push((await users.signIn(`0x${String(n + 5).repeat(40)}`, [])).id);
  await writeLabels(db(), projectId, itemIds, annotators, (i) => [LABELS[i % 3]!, LABELS[i % 3]!, LABELS[i % 3]!]);
  await app().get(AggregationService).aggregate(projectId);
  curated = await settled((await datasets().create({ projectId, name: 'Pets', license: 'CC0-1.0', seed: 3 }, null)).id);
  expect(curated.status, curated.error ?? '').toBe('ready');
});

afterAll(async () => {
  await platform?.close();
});

describe('synthetic versions', () => {
  it('makes a ready version of synthetic rows with its report and files, copying no source text', async () => {
    const created = await datasets().createSynthetic(curated.id, { rows: 500, seed: 7 }, null);
    const version = await settled(created.id);
    expect(version.status, version.error ?? '').toBe('ready');
    expect(version).toMatchObject({ kind: 'synthetic', sourceVersionId: curated.id, itemCount: 500, license: 'CC0-1.0', seed: 7 });
    expect(version.provenance).toMatchObject({ kind: 'synthetic', source: { versionId: curated.id }, rows: 500, seed: 7 });
    expect(version.files.map((f) => f.name)).toEqual(curated.files.map((f) => f.name));

    const report = version.report as { rows: number; scores: Record<string, number | null>; privacy: { exactCopies: number } };
    expect(report.rows).toBe(500);
    expect(report.privacy.exactCopies).toBe(0);
    // The score column follows the label in the source: the synthesizer keeps that trend.
    expect(report.scores.columnShapes).toBeGreaterThan(0.5);
    expect(report.scores.utility).not.toBeNull();

    const rows = await jsonl(version);
    expect(rows).toHaveLength(500);
    expect(rows[0]).toMatchObject({ id: 'syn-1', item_id: null, source: 'synthetic' });
    expect(version.datasheet).toMatchObject({ composition: { bySource: { synthetic: 500, inferred: 0 } } });
    for (const row of rows) expect(sourceTexts.has(String(row.text))).toBe(false);
    const bySplit = { train: 0, validation: 0, test: 0 } as Record<string, number>;
    for (const row of rows) bySplit[String(row.split)]!++;
    expect(Math.abs(bySplit.train! - 400)).toBeLessThanOrEqual(1);
    expect(new Set(rows.map((row) => row.label))).toEqual(new Set(LABELS));

    // The same seed makes the same rows, byte for byte.
    const again = await settled((await datasets().createSynthetic(curated.id, { rows: 500, seed: 7 }, null)).id);
    expect(again.files.find((f) => f.name === 'data.jsonl')!.sha256).toBe(version.files.find((f) => f.name === 'data.jsonl')!.sha256);
  });

  it('refuses synthetic data from a synthetic version, from a version not ready, and for project types without a synthesizer', async () => {
    const [synthetic] = await sqlRows<{ id: number }>(db(), "SELECT id FROM dataset_versions WHERE kind = 'synthetic' LIMIT 1");
    await expect(datasets().createSynthetic(synthetic!.id, { rows: 10 }, null)).rejects.toMatchObject({ code: 'SYNTHETIC_UNSUPPORTED' });
    await expect(datasets().createSynthetic(999_999, { rows: 10 }, null)).rejects.toMatchObject({ code: 'DATASET_NOT_FOUND' });
    const spans = await app()
      .get(ProjectsService)
      .create({ name: 'Spans', type: 'spans', labels: ['PER'], overlap: 1, rewardPerLabel: '1' });
    const building = await datasets().create({ projectId: spans.id, name: 'Spans', license: 'MIT' }, null);
    const failedOrReady = await settled(building.id);
    await expect(datasets().createSynthetic(failedOrReady.id, { rows: 10 }, null)).rejects.toBeInstanceOf(DatasetException);
    await expect(datasets().createSynthetic(failedOrReady.id, { rows: 10 }, null)).rejects.toMatchObject({
      code: failedOrReady.status === 'ready' ? 'SYNTHETIC_UNSUPPORTED' : 'DATASET_NOT_READY',
    });
  });
});
