import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../../src/demo/png.js';
import { FileUrls } from '../../src/items/domain/file-urls.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, type Session } from '../support/wallet.js';

/** Item files reach the users the API showed them to, through signed short-lived URLs, never a session token. */
let t: TestApp;
let urls: FileUrls;
let owner: Session;
let stranger: Session;
let cid: string;
let ownerUrl: string;
const png = makePng(40, 30);

interface Assignment {
  assignmentId: number;
  item: { id: string; data: { image: string }; files: Record<string, string> };
}

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

async function get(
  route: string,
  session?: Session,
): Promise<{ status: number; body: Buffer; json: () => ErrorBody; type: string | null }> {
  const response = await fetch(`${t.baseUrl}${route}`, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    body,
    json: () => JSON.parse(body.toString('utf8')) as ErrorBody,
    type: response.headers.get('content-type'),
  };
}

beforeAll(async () => {
  t = await startTestApp();
  urls = new FileUrls(t.config.jwtSecret, t.config.fileUrlTtlSeconds);
  const project = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    name: 'Street scenes',
    type: 'boxes',
    labels: ['car'],
    overlap: 1,
    rewardPerLabel: '1',
    status: 'active',
  });
  const form = new FormData();
  form.append('files', new Blob([png], { type: 'image/png' }), 'street.png');
  const imported = await call<{ imported: number }>(t.baseUrl, t.admin, 'POST', `/api/projects/${project.body.id}/items`, form);
  expect(imported.body.imported).toBe(1);
  [owner, stranger] = await Promise.all([
    signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet),
    signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet),
  ]);
  const assignment = await call<Assignment>(t.baseUrl, owner, 'GET', `/api/projects/${project.body.id}/next`);
  expect(assignment.status).toBe(200);
  cid = /^ipfs:\/\/(\w+)$/.exec(assignment.body.item.data.image)![1]!;
  ownerUrl = assignment.body.item.files[cid]!;
  // The only item is leased to `owner`: the stranger is handed no assignment, so no URL for it.
  expect((await call(t.baseUrl, stranger, 'GET', `/api/projects/${project.body.id}/next`)).status).toBe(204);
});

afterAll(async () => {
  await t?.close();
});

describe('signed file URLs', () => {
  it('the annotator holding the lease loads the image from the URL the assignment gave, with no token in it', async () => {
    expect(ownerUrl).toMatch(new RegExp(`^/api/files/${cid}\\?u=${owner.user.id}&exp=\\d+&sig=[\\w-]{43}$`));
    expect(ownerUrl).not.toContain(owner.token);
    const file = await get(ownerUrl);
    expect(file.status).toBe(200);
    expect(file.type).toBe('image/png');
    expect(file.body.equals(png)).toBe(true);
    // Sent along with the owner's own session it works too.
    expect((await get(ownerUrl, owner)).status).toBe(200);
  });

  it('expires within FILE_URL_TTL_SECONDS (rounded up to the minute)', () => {
    const exp = Number(new URL(ownerUrl, t.baseUrl).searchParams.get('exp'));
    const now = Date.now() / 1000;
    expect(exp).toBeGreaterThan(now + t.config.fileUrlTtlSeconds - 5);
    expect(exp).toBeLessThanOrEqual(now + t.config.fileUrlTtlSeconds + 60);
  });

  it("refuses another user presenting the owner's URL", async () => {
    const refused = await get(ownerUrl, stranger);
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ statusCode: 403, code: 'FILE_URL_INVALID', message: 'This file URL was made for another user' });
  });

  it('refuses a URL with any part altered', async () => {
    const url = new URL(ownerUrl, t.baseUrl);
    const altered = (name: string, value: string): string => {
      const copy = new URL(url);
      copy.searchParams.set(name, value);
      return `${copy.pathname}${copy.search}`;
    };
    const sig = url.searchParams.get('sig')!;
    const tampered = [
      altered('u', String(stranger.user.id)),
      altered('exp', String(Number(url.searchParams.get('exp')) + 3600)),
      altered('sig', `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`),
      altered('sig', ''),
      `/api/files/${cid}`,
      `/api/files/${cid}?token=${owner.token}`,
    ];
    for (const route of tampered) {
      const refused = await get(route);
      expect(refused.status, route).toBe(403);
      expect(refused.json().code, route).toBe('FILE_URL_INVALID');
    }
    // The same signature on another file does not open it.
    const other = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';
    expect((await get(`/api/files/${other}${url.search}`)).status).toBe(403);
  });

  it('refuses an expired URL with 401', async () => {
    const expired = urls.url(cid, owner.user.id, Date.now() - (t.config.fileUrlTtlSeconds + 120) * 1000);
    const refused = await get(expired);
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ statusCode: 401, code: 'FILE_URL_EXPIRED' });
  });

  it('refuses a URL made for a user who was deleted since', async () => {
    const leaving = await signIn(t.baseUrl, Wallet.createRandom() as unknown as Wallet);
    const url = urls.url(cid, leaving.user.id);
    expect((await get(url)).status).toBe(200);
    expect((await call(t.baseUrl, t.admin, 'DELETE', `/api/users/${leaving.user.id}`)).status).toBe(200);
    const refused = await get(url);
    expect(refused.status).toBe(403);
    expect(refused.json().code).toBe('FILE_URL_INVALID');
  });

  it("gives admins their own URLs with the items they list, and the annotator's stop at the API", async () => {
    const listed = await call<Array<{ files: Record<string, string> }>>(t.baseUrl, t.admin, 'GET', '/api/items');
    const adminUrl = listed.body[0]!.files[cid]!;
    expect(adminUrl).toContain(`u=${t.admin.user.id}&`);
    expect((await get(adminUrl)).status).toBe(200);
    expect((await get(adminUrl, owner)).status).toBe(403);
  });
});
