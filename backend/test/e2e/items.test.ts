import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../../src/demo/png.js';
import { FileUrls } from '../../src/items/domain/file-urls.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

let t: TestApp;
let annotator: Session;

interface ImportResult {
  imported: number;
  duplicates: number;
  rejected: Array<{ line: number; message: string; file?: string }>;
  rejectedCount: number;
}
interface Item {
  id: number;
  externalId: string | null;
  data: Record<string, unknown>;
  media: { cid: string; width: number; height: number; mime: string } | null;
  files: Record<string, string>;
  status: string;
}

async function project(type: string, labels = ['a', 'b']): Promise<number> {
  const response = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: `${type} project`,
    type,
    labels,
    overlap: 1,
    rewardPerLabel: '1',
    status: 'active',
  });
  return response.body.id;
}

async function importBody(projectId: number, body: string | FormData | Uint8Array, contentType?: string) {
  return call<ImportResult & { code: string; field?: string }>(
    t.baseUrl,
    t.admin,
    'POST',
    `/api/projects/${projectId}/items`,
    body,
    contentType ? { 'content-type': contentType } : {},
  );
}

async function items(projectId: number): Promise<Item[]> {
  const response = await call<Item[]>(
    t.baseUrl,
    t.admin,
    'GET',
    `/api/items?filter=${encodeURIComponent(JSON.stringify({ projectId }))}&range=[0,999]`,
  );
  return response.body;
}

beforeAll(async () => {
  t = await startTestApp({ MAX_IMPORT_BYTES: String(2 * 1024 * 1024) });
  annotator = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
});
afterAll(async () => {
  await t?.close();
});

describe('item import', () => {
  it('imports a JSON array, listing rejected elements by position', async () => {
    const id = await project('classification');
    const body = JSON.stringify([
      { externalId: 'a-1', data: { text: 'first, with "quotes" and [brackets]' } },
      { data: { text: 'no external id' } },
      { data: {} },
      'not an object',
      { externalId: 'a-2', data: { text: 'second' }, extra: 1 },
      { externalId: 'a-3', data: { text: 'third ✓ unicode' } },
    ]);
    const response = await importBody(id, body, 'application/json');
    expect(response.status).toBe(201);
    expect(response.body.imported).toBe(3);
    expect(response.body.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(response.body.rejected[0]!.message).toMatch(/data/);
    const stored = await items(id);
    expect(stored.map((i) => i.data['text'])).toEqual(['first, with "quotes" and [brackets]', 'no external id', 'third ✓ unicode']);
  });

  it('is idempotent by externalId: a re-import adds nothing', async () => {
    const id = await project('classification');
    const jsonl = ['{"externalId":"x1","data":{"text":"one"}}', '{"externalId":"x2","data":{"text":"two"}}', ''].join('\n');
    const first = await importBody(id, jsonl, 'application/x-ndjson');
    expect(first.body).toMatchObject({ imported: 2, duplicates: 0, rejectedCount: 0 });
    const again = await importBody(id, jsonl + '{"externalId":"x3","data":{"text":"three"}}\n', 'application/x-ndjson');
    expect(again.body).toMatchObject({ imported: 1, duplicates: 2 });
    expect(await items(id)).toHaveLength(3);
  });

  it('imports JSONL with line numbers for bad lines', async () => {
    const id = await project('spans');
    const jsonl = ['{"data":{"text":"Alice met Bob"}}', '{broken', '', '{"data":{"image":"x.png"}}', '{"data":{"text":"Paris"}}'].join(
      '\n',
    );
    const response = await importBody(id, jsonl, 'application/x-ndjson');
    expect(response.body.imported).toBe(2);
    expect(response.body.rejected).toEqual([
      { line: 2, message: 'line is not valid JSON' },
      { line: 4, message: expect.stringContaining('data.text') },
    ]);
  });

  it('imports CSV whose columns become data fields, with an externalId column', async () => {
    const id = await project('classification');
    const csv = 'externalId,text,source\nc1,"Hello, world",web\nc2,Second row,app\nc3,"broken row"\n';
    const response = await importBody(id, csv, 'text/csv');
    // The third row has too few columns: the CSV cannot be read as a whole, so nothing goes in.
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('ITEM_INVALID');
    expect(await items(id)).toHaveLength(0);
    const good = await importBody(id, 'externalId,text,source\nc1,"Hello, world",web\nc2,Second row,app\n', 'text/csv');
    expect(good.body.imported).toBe(2);
    const stored = await items(id);
    expect(stored[0]).toMatchObject({ externalId: 'c1', data: { text: 'Hello, world', source: 'web' } });
  });

  it('rejects a broken JSON array as a whole: nothing is imported', async () => {
    const id = await project('classification');
    const response = await importBody(id, '[{"data":{"text":"a"}}, {"data":', 'application/json');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('ITEM_INVALID');
    expect(await items(id)).toHaveLength(0);
  });

  it('stores uploaded images by CID, reads their size, and serves them back', async () => {
    const id = await project('boxes', ['car']);
    const png = makePng(64, 48);
    const form = new FormData();
    form.append('files', new Blob([png], { type: 'image/png' }), 'street.png');
    form.append('files', new Blob([Buffer.from('not an image')], { type: 'image/png' }), 'fake.png');
    const response = await importBody(id, form);
    expect(response.status).toBe(201);
    expect(response.body.imported).toBe(1);
    expect(response.body.rejected).toEqual([{ line: 0, file: 'fake.png', message: expect.stringContaining('not a PNG') }]);
    const [item] = await items(id);
    expect(item!.media).toMatchObject({ width: 64, height: 48, mime: 'image/png' });
    expect(item!.data).toMatchObject({ width: 64, height: 48, image: `ipfs://${item!.media!.cid}` });
    expect(item!.media!.cid).toMatch(/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/);
    // The item comes with a signed URL of its image for the admin who asked.
    const url = item!.files[item!.media!.cid]!;
    expect(url).toMatch(new RegExp(`^/api/files/${item!.media!.cid}\\?u=${t.admin.user.id}&exp=\\d+&sig=[\\w-]{43}$`));
    const file = await fetch(`${t.baseUrl}${url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${t.baseUrl}/api/files/${item!.media!.cid}`)).status).toBe(403);
    const absent = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';
    const missing = await call<{ code: string }>(
      t.baseUrl,
      undefined,
      'GET',
      new FileUrls(t.config.jwtSecret, t.config.fileUrlTtlSeconds).url(absent, t.admin.user.id),
    );
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('FILE_NOT_FOUND');
  });

  it('needs image sizes for a boxes project when importing JSON', async () => {
    const id = await project('boxes', ['car']);
    const response = await importBody(
      id,
      JSON.stringify([
        { data: { image: 'https://example.com/a.jpg', width: 640, height: 480 } },
        { data: { image: 'https://example.com/b.jpg' } },
      ]),
      'application/json',
    );
    expect(response.body.imported).toBe(1);
    expect(response.body.rejected[0]).toMatchObject({ line: 2, message: expect.stringContaining('width') });
  });

  it('refuses unsupported types (415), oversized imports (413), annotators (403) and unknown projects (404)', async () => {
    const id = await project('classification');
    expect((await importBody(id, '<items/>', 'application/xml')).status).toBe(415);
    const huge = `[${Array.from({ length: 40_000 }, (_, i) => `{"data":{"text":"item number ${i} padded out a little"}}`).join(',')}]`;
    const tooLarge = await importBody(id, huge, 'application/json');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await items(id)).toHaveLength(0);
    const forbidden = await call(t.baseUrl, annotator, 'POST', `/api/projects/${id}/items`, '[]', { 'content-type': 'application/json' });
    expect(forbidden.status).toBe(403);
    expect((await importBody(999_999, '[]', 'application/json')).status).toBe(404);
  });
});

describe('items resource', () => {
  it('creates, reads, updates and deletes single items', async () => {
    const id = await project('classification');
    const created = await call<Item>(t.baseUrl, t.admin, 'POST', '/api/items', {
      projectId: id,
      externalId: 'one',
      data: { text: 'hello' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ externalId: 'one', status: 'open' });
    expect(
      (await call(t.baseUrl, t.admin, 'POST', '/api/items', { projectId: id, externalId: 'one', data: { text: 'again' } })).status,
    ).toBe(409);
    const updated = await call<Item>(t.baseUrl, t.admin, 'PUT', `/api/items/${created.body.id}`, {
      ...created.body,
      data: { text: 'changed' },
    });
    expect(updated.body.data).toEqual({ text: 'changed' });
    const badData = await call<{ field: string }>(t.baseUrl, t.admin, 'PUT', `/api/items/${created.body.id}`, { data: 'text' });
    expect(badData.status).toBe(400);
    expect((await call(t.baseUrl, t.admin, 'DELETE', `/api/items/${created.body.id}`)).status).toBe(200);
    expect((await call(t.baseUrl, t.admin, 'GET', `/api/items/${created.body.id}`)).status).toBe(404);
  });
});
