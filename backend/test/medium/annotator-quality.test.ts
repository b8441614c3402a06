import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../src/database/sql.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { AnnotatorQualityService } from '../../src/quality/annotator-quality.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

async function sql<T = unknown>(text: string, params: unknown[] = []): Promise<T[]> {
  return sqlRows<T>(platform.tessera.dataSource, text, params);
}

async function item(projectId: number, gold: unknown, result: unknown): Promise<number> {
  const [row] = await sql<{ id: number }>(
    'INSERT INTO items (project_id, data, gold, overlap) VALUES ($1, $2::jsonb, $3::jsonb, 3) RETURNING id',
    [projectId, JSON.stringify({ text: 'x' }), gold === null ? null : JSON.stringify(gold)],
  );
  if (result !== null) {
    await sql(
      `INSERT INTO item_results (item_id, project_id, result, confidence, status, labels, method)
       VALUES ($1, $2, $3::jsonb, 0.9, 'confident', 3, 'mv')`,
      [row!.id, projectId, JSON.stringify(result)],
    );
  }
  return row!.id;
}

async function label(annotatorId: number, itemId: number, result: unknown, at: string, discarded = false): Promise<void> {
  await sql(
    `WITH i AS (SELECT project_id FROM items WHERE id = $2),
          a AS (INSERT INTO assignments (project_id, item_id, annotator_id, status, expires_at, closed_at)
                SELECT project_id, $2, $1, 'submitted', $4, $4 FROM i RETURNING id, project_id)
     INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms, created_at, discarded_at)
     SELECT a.id, a.project_id, $2, $1, $3::jsonb, 3000, $4, CASE WHEN $5 THEN $4::timestamptz + interval '1 hour' END FROM a`,
    [annotatorId, itemId, JSON.stringify(result), at, discarded],
  );
}

describe('annotator quality: one annotator’s labels against item results, gold answers and suspensions', () => {
  it('answers per-project scores, per-day accuracy, a confusion matrix per classification project and the suspension history', async () => {
    const app = platform.tessera.app;
    const users = app.get(UsersRepository);
    const annotator = await users.signIn(`0x${'a1'.repeat(20)}`, []);
    const other = await users.signIn(`0x${'b2'.repeat(20)}`, []);
    const admin = await users.signIn(`0x${'c3'.repeat(20)}`, ['admin']);
    const projects = app.get(ProjectsService);
    const common = { overlap: 3, rewardPerLabel: '1', status: 'active' as const };
    const animals = await projects.create({ name: 'Animals', type: 'classification', labels: ['cat', 'dog', 'bird'], ...common });
    const tags = await projects.create({ name: 'Tags', type: 'multilabel', labels: ['x', 'y'], ...common });

    // Gold items keep their gold answer as their result; c6's result is stale and disagrees with its gold.
    const c1 = await item(animals.id, { label: 'cat' }, { label: 'cat' });
    const c2 = await item(animals.id, { label: 'dog' }, { label: 'dog' });
    const c3 = await item(animals.id, null, { label: 'cat' });
    const c4 = await item(animals.id, null, { label: 'bird' });
    const c5 = await item(animals.id, null, null);
    const c6 = await item(animals.id, { label: 'bird' }, { label: 'dog' });
    const c7 = await item(animals.id, null, { label: 'dog' });
    const m1 = await item(tags.id, null, { labels: ['x'] });

    // 2026-03-01 (UTC): c1 right (gold), c2 wrong (gold), c3 agrees.
    await label(annotator.id, c1, { label: 'cat' }, '2026-03-01T00:00:00Z');
    await label(annotator.id, c2, { label: 'cat' }, '2026-03-01T23:59:59Z');
    await label(annotator.id, c3, { label: 'cat' }, '2026-03-01T12:00:00Z');
    // 2026-03-02: c4 disagrees, c5 has no result, c6 is right by gold though not by its result,
    // c7 was discarded, m1 agrees.
    await label(annotator.id, c4, { label: 'dog' }, '2026-03-02T01:00:00Z');
    await label(annotator.id, c5, { label: 'dog' }, '2026-03-02T09:00:00Z');
    await label(annotator.id, c6, { label: 'bird' }, '2026-03-02T10:00:00Z');
    await label(annotator.id, c7, { label: 'dog' }, '2026-03-02T11:00:00Z', true);
    await label(annotator.id, m1, { labels: ['x'] }, '2026-03-02T12:00:00Z');
    // Another annotator's labels count nowhere here.
    await label(other.id, c1, { label: 'dog' }, '2026-03-01T10:00:00Z');
    await label(other.id, c4, { label: 'bird' }, '2026-02-27T10:00:00Z');

    await sql(
      `INSERT INTO worker_quality (project_id, annotator_id, labels, accuracy, gold_seen, gold_correct, computed_at)
       VALUES ($1, $2, 6, 0.5, 3, 2, '2026-03-03T00:00:00Z'), ($1, $3, 2, 1, 1, 0, '2026-03-03T00:00:00Z')`,
      [animals.id, annotator.id, other.id],
    );
    await sql(
      `INSERT INTO suspensions (annotator_id, project_id, reasons, created_at, lifted_at, lifted_by) VALUES
         ($1, $2, '[{"rule": "gold_failures", "goldSeen": 3, "goldCorrect": 1}]', '2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z', $3),
         ($1, NULL, '[{"rule": "admin", "note": "copied answers"}]', '2026-03-03T08:00:00Z', NULL, NULL),
         ($4, $2, '[{"rule": "too_fast"}]', '2026-03-03T09:00:00Z', NULL, NULL)`,
      [annotator.id, animals.id, admin.id, other.id],
    );

    const service = app.get(AnnotatorQualityService);
    const all = await service.annotatorQuality(annotator.id, null);
    expect(all.annotatorId).toBe(annotator.id);
    expect(all.address.toLowerCase()).toBe(`0x${'a1'.repeat(20)}`);
    expect(all.projectId).toBeNull();

    // (a) per project: live and discarded labels, and the last aggregation's score.
    expect(all.projects).toEqual([
      {
        projectId: animals.id,
        projectName: 'Animals',
        projectType: 'classification',
        submitted: 6,
        discarded: 1,
        score: { labels: 6, accuracy: 0.5, goldSeen: 3, goldCorrect: 2, goldAccuracy: 2 / 3, computedAt: '2026-03-03T00:00:00.000Z' },
      },
      { projectId: tags.id, projectName: 'Tags', projectType: 'multilabel', submitted: 1, discarded: 0, score: null },
    ]);

    // (b) per UTC day. 03-01: 3 labels, all with a result, 2 agree (c1, c3); gold 1 of 2 (c1).
    // 03-02: 4 live (c4, c5, c6, m1), 3 with a result, 1 agrees (m1); gold 1 of 1 (c6); c7 discarded.
    expect(all.days).toEqual([
      {
        day: '2026-03-01',
        labels: 3,
        discarded: 0,
        compared: 3,
        agreed: 2,
        agreement: 2 / 3,
        goldSeen: 2,
        goldCorrect: 1,
        goldAccuracy: 0.5,
      },
      {
        day: '2026-03-02',
        labels: 4,
        discarded: 1,
        compared: 3,
        agreed: 1,
        agreement: 1 / 3,
        goldSeen: 1,
        goldCorrect: 1,
        goldAccuracy: 1,
      },
    ]);

    // (c) rows: the true label (gold wins: c6 is a bird), columns: the annotator's. c5 has no answer yet, c7 was discarded.
    expect(all.confusion).toEqual([
      {
        projectId: animals.id,
        projectName: 'Animals',
        labels: ['cat', 'dog', 'bird'],
        counts: [
          [2, 0, 0],
          [1, 0, 0],
          [0, 1, 1],
        ],
        total: 5,
        correct: 3,
      },
    ]);

    // (d) every suspension of this annotator, newest first, with who lifted it.
    expect(all.suspensions).toEqual([
      {
        id: expect.any(Number),
        projectId: null,
        projectName: null,
        reasons: [{ rule: 'admin', note: 'copied answers' }],
        active: true,
        createdAt: '2026-03-03T08:00:00.000Z',
        liftedAt: null,
        liftedBy: null,
        liftedByAddress: null,
      },
      {
        id: expect.any(Number),
        projectId: animals.id,
        projectName: 'Animals',
        reasons: [{ rule: 'gold_failures', goldSeen: 3, goldCorrect: 1 }],
        active: false,
        createdAt: '2026-03-02T12:00:00.000Z',
        liftedAt: '2026-03-02T13:00:00.000Z',
        liftedBy: admin.id,
        liftedByAddress: expect.stringMatching(/^0x(c3|C3){20}$/),
      },
    ]);

    // The project filter narrows days and confusion; projects and suspensions stay whole.
    const animalsOnly = await service.annotatorQuality(annotator.id, animals.id);
    expect(animalsOnly.projectId).toBe(animals.id);
    expect(animalsOnly.days).toEqual([
      all.days[0],
      { day: '2026-03-02', labels: 3, discarded: 1, compared: 2, agreed: 0, agreement: 0, goldSeen: 1, goldCorrect: 1, goldAccuracy: 1 },
    ]);
    expect(animalsOnly.confusion).toEqual(all.confusion);
    expect(animalsOnly.projects).toEqual(all.projects);
    expect(animalsOnly.suspensions).toEqual(all.suspensions);

    const tagsOnly = await service.annotatorQuality(annotator.id, tags.id);
    expect(tagsOnly.days).toEqual([
      { day: '2026-03-02', labels: 1, discarded: 0, compared: 1, agreed: 1, agreement: 1, goldSeen: 0, goldCorrect: 0, goldAccuracy: null },
    ]);
    expect(tagsOnly.confusion).toEqual([]);
  });

  it('answers empty parts for a user without labels, and refuses unknown users and projects', async () => {
    const app = platform.tessera.app;
    const fresh = await app.get(UsersRepository).signIn(`0x${'d4'.repeat(20)}`, []);
    const service = app.get(AnnotatorQualityService);
    expect(await service.annotatorQuality(fresh.id, null)).toMatchObject({
      annotatorId: fresh.id,
      projects: [],
      days: [],
      confusion: [],
      suspensions: [],
    });
    await expect(service.annotatorQuality(987_654, null)).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(service.annotatorQuality(fresh.id, 987_654)).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND', field: 'projectId' });
  });
});
