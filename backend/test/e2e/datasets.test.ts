import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../src/database/sql.js';
import { LABELS, waitFor, writeLabels } from '../support/datasets.js';
import { importRecords } from '../support/projects.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call } from '../support/wallet.js';

let t: TestApp;
let projectId: number;

interface Dataset {
  id: number;
  status: string;
  itemCount: number | null;
  error: string | null;
  filters: Record<string, unknown>;
  files: Array<{ name: string; bytes: number; sha256: string; mediaType: string }>;
}

beforeAll(async () => {
  t = await startTestApp({ AUTO_SUSPEND: 'false' });
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: 'Datasets over HTTP',
    type: 'classification',
    labels: LABELS,
    overlap: 2,
    rewardPerLabel: '1',
    status: 'active',
  });
  projectId = created.body.id;
  await importRecords(
    t,
    projectId,
    Array.from({ length: 30 }, (_, n) => ({ data: { text: `a rather long item text to make the file span some bytes, number ${n}` } })),
  );
  const db = t.tessera.dataSource;
  const items = (await sqlRows<{ id: number }>(db, 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [projectId])).map((r) => r.id);
  const annotators = await sqlRows<{ id: number }>(
    db,
    `INSERT INTO users (address, roles, configured_roles) VALUES ($1, '{annotator}', '{}'), ($2, '{annotator}', '{}') RETURNING id`,
    [`0x${'3'.repeat(40)}`, `0x${'4'.repeat(40)}`],
  );
  await writeLabels(
    db,
    projectId,
    items,
    annotators.map((a) => a.id),
    (i) => [LABELS[i % 3]!, LABELS[i % 3]!],
  );
  expect((await call(t.baseUrl, t.admin, 'POST', `/api/projects/${projectId}/quality/aggregate`)).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

async function build(body: Record<string, unknown> = {}): Promise<Dataset> {
  const created = await call<{ id: number; status: string }>(t.baseUrl, t.admin, 'POST', '/api/datasets', {
    projectId,
    name: 'HTTP',
    license: 'Apache-2.0',
    ...body,
  });
  expect(created.status).toBe(202);
  expect(created.body.status).toBe('building');
  return waitFor(`dataset ${created.body.id}`, async () => {
    const got = await call<Dataset>(t.baseUrl, t.admin, 'GET', `/api/datasets/${created.body.id}`);
    expect(got.status).toBe(200);
    return got.body.status === 'building' ? undefined : got.body;
  });
}

describe('datasets over HTTP', () => {
  it('refuses bad input with 400 and the field that is wrong', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', license: 'MIT' }, 'projectId'],
      [{ projectId, license: 'MIT' }, 'name'],
      [{ projectId, name: 'x' }, 'license'],
      [{ projectId, name: 'x', license: 'Not-A-Licence' }, 'license'],
      [{ projectId, name: 'x', license: 'MIT', splits: { train: 0.9, validation: 0.2, test: 0.1 } }, 'splits'],
      [{ projectId, name: 'x', license: 'MIT', splits: { train: 2, validation: 0, test: 0 } }, 'splits.train'],
      [{ projectId, name: 'x', license: 'MIT', filters: { minConfidence: 1.5 } }, 'filters.minConfidence'],
      [{ projectId, name: 'x', license: 'MIT', filters: { from: 'yesterday' } }, 'filters.from'],
      [{ projectId, name: 'x', license: 'MIT', filters: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, 'filters.from'],
      [{ projectId, name: 'x', license: 'MIT', seed: -1 }, 'seed'],
      // Forms ISO 8601 allows and PostgreSQL cannot read: refused here, not by a failed build later.
      ...['2026-W01-1', '2026-001', '2026-01-01T10', '+2026-01-01', '0000-01-01', '2026-02-30'].map(
        (from): [Record<string, unknown>, string] => [{ projectId, name: 'x', license: 'MIT', filters: { from } }, 'filters.from'],
      ),
      [{ projectId, name: 'x', license: 'MIT', filters: { from: '2027-W01-1', to: '2020-01-01T00:00:00Z' } }, 'filters.from'],
      [{ projectId, name: 'x', license: 'MIT', filters: [{ minConfidence: 0.5 }] }, 'filters'],
      [{ projectId, name: 'x', license: 'MIT', splits: [0.8, 0.1, 0.1] }, 'splits'],
      [{ projectId, name: '   ', license: 'MIT' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const answer = await call<{ code: string; field: string }>(t.baseUrl, t.admin, 'POST', '/api/datasets', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body, JSON.stringify(body)).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    const unknown = await call<{ code: string }>(t.baseUrl, t.admin, 'POST', '/api/datasets', {
      projectId: 2_000_000_000,
      name: 'x',
      license: 'MIT',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PROJECT_NOT_FOUND');
    // A month, a time without offset (UTC): kept as the instants they name.
    const dated = await build({ name: 'Dated', filters: { from: '2026-01', to: '2100-12-31T10:00' } });
    expect(dated.status).toBe('ready');
    expect(dated.filters).toMatchObject({ from: '2026-01-01T00:00:00.000Z', to: '2100-12-31T10:00:00.000Z' });
    expect(dated.itemCount).toBeGreaterThan(0);
  });

  it('builds a version and serves its files whole and by byte range', async () => {
    const version = await build({ splits: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 5 });
    expect(version.status, version.error ?? '').toBe('ready');
    expect(version.itemCount).toBe(30);
    const file = version.files.find((f) => f.name === 'data.jsonl')!;
    const url = `${t.baseUrl}/api/datasets/${version.id}/files/data.jsonl`;
    const auth = { authorization: `Bearer ${t.admin.token}` };
    const whole = await fetch(url, { headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe(file.mediaType);
    expect(whole.headers.get('content-length')).toBe(String(file.bytes));
    expect(whole.headers.get('content-disposition')).toBe('attachment; filename="data.jsonl"');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);

    const part = await fetch(url, { headers: { ...auth, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${file.bytes}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    const tail = await fetch(url, { headers: { ...auth, range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 10));
    const outside = await fetch(url, { headers: { ...auth, range: `bytes=${file.bytes}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${file.bytes}`);
    expect(await outside.json()).toMatchObject({ statusCode: 416, code: 'RANGE_NOT_SATISFIABLE', field: 'range' });
  });

  it('answers 404 with a code for unknown versions and files', async () => {
    const missing = await call<{ code: string }>(t.baseUrl, t.admin, 'GET', '/api/datasets/2000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('DATASET_NOT_FOUND');
    const version = await build();
    const file = await call<{ code: string }>(t.baseUrl, t.admin, 'GET', `/api/datasets/${version.id}/files/nothing.csv`);
    expect(file.status).toBe(404);
    expect(file.body.code).toBe('DATASET_FILE_NOT_FOUND');
    const noFile = await call<{ code: string }>(t.baseUrl, t.admin, 'GET', `/api/datasets/2000000000/files/data.jsonl`);
    expect(noFile.status).toBe(404);
    expect(noFile.body.code).toBe('DATASET_NOT_FOUND');
  });

  it('lists versions the react-admin way: filters, sort, range and Content-Range', async () => {
    await build({ name: 'Listed A' });
    await build({ name: 'Listed B' });
    const all = await call<Dataset[]>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/datasets?filter=${encodeURIComponent(JSON.stringify({ projectId }))}`,
    );
    expect(all.status).toBe(200);
    const total = all.body.length;
    expect(total).toBeGreaterThanOrEqual(4);
    expect(all.headers.get('content-range')).toBe(`datasets 0-${total - 1}/${total}`);
    const page = await call<Array<{ id: number; name: string }>>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/datasets?filter=${encodeURIComponent(JSON.stringify({ projectId, status: 'ready' }))}&sort=${encodeURIComponent('["id","DESC"]')}&range=${encodeURIComponent('[1,2]')}`,
    );
    expect(page.body).toHaveLength(2);
    expect(page.headers.get('content-range')).toBe(`datasets 1-2/${total}`);
    expect(page.body[0]!.id).toBeGreaterThan(page.body[1]!.id);
    expect(page.body[0]!.name).toBe('Listed A');
    const none = await call(t.baseUrl, t.admin, 'GET', `/api/datasets?filter=${encodeURIComponent(JSON.stringify({ kind: 'synthetic' }))}`);
    expect(none.headers.get('content-range')).toBe('datasets */0');
    const bad = await call<{ code: string; field: string }>(
      t.baseUrl,
      t.admin,
      'GET',
      `/api/datasets?filter=${encodeURIComponent('{"colour":"red"}')}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('filter.colour');
  });
});
