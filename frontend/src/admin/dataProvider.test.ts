import { HttpError } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider, formFieldOf, toHttpError, writableData } from './dataProvider';
import { signIn } from './testing';

interface Call {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
}

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Stubs fetch with one answer per call, recording what was asked. */
function stubFetch(...responses: Response[]): Call[] {
  const calls: Call[] = [];
  const fetchMock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({
      url: new URL(raw, 'http://localhost'),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body,
    });
    const response = responses.shift();
    if (!response) throw new Error(`unexpected fetch ${raw}`);
    return Promise.resolve(response);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

function only(calls: Call[]): Call {
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

const project = { id: 3, name: 'Cats', type: 'classification', labels: ['cat', 'dog'], status: 'draft' };

describe('dataProvider', () => {
  const provider = createDataProvider('/api');

  beforeEach(() => {
    signIn(['admin'], 'tok-123');
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('getList sends filter, range and sort, and reads the total from Content-Range', async () => {
    const calls = stubFetch(jsonResponse([project], 200, { 'Content-Range': 'projects 10-10/11' }));
    const result = await provider.getList('projects', {
      filter: { q: 'cat', status: 'active' },
      pagination: { page: 3, perPage: 5 },
      sort: { field: 'name', order: 'DESC' },
    });
    const call = only(calls);
    expect(call.method).toBe('GET');
    expect(call.url.pathname).toBe('/api/projects');
    expect(JSON.parse(call.url.searchParams.get('filter')!)).toEqual({ q: 'cat', status: 'active' });
    expect(JSON.parse(call.url.searchParams.get('range')!)).toEqual([10, 14]);
    expect(JSON.parse(call.url.searchParams.get('sort')!)).toEqual(['name', 'DESC']);
    expect(result).toEqual({ data: [project], total: 11 });
  });

  it('sends the session token as a bearer header', async () => {
    const calls = stubFetch(jsonResponse(project));
    await provider.getOne('projects', { id: 3 });
    const call = only(calls);
    expect(call.url.pathname).toBe('/api/projects/3');
    expect(call.headers.get('authorization')).toBe('Bearer tok-123');
  });

  it('sends no authorization header without a session', async () => {
    localStorage.clear();
    const calls = stubFetch(jsonResponse(project));
    await provider.getOne('projects', { id: 3 });
    expect(only(calls).headers.has('authorization')).toBe(false);
  });

  it('getMany asks for a range as long as the id list', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => i + 1);
    const calls = stubFetch(
      jsonResponse(
        ids.map((id) => ({ id })),
        200,
        { 'Content-Range': 'projects 0-29/30' },
      ),
    );
    const result = await provider.getMany('projects', { ids });
    const call = only(calls);
    expect(JSON.parse(call.url.searchParams.get('filter')!)).toEqual({ id: ids });
    expect(JSON.parse(call.url.searchParams.get('range')!)).toEqual([0, 29]);
    expect(result.data).toHaveLength(30);
  });

  it('getManyReference filters on the target', async () => {
    const calls = stubFetch(jsonResponse([], 200, { 'Content-Range': 'items */0' }));
    const result = await provider.getManyReference('items', {
      target: 'projectId',
      id: 3,
      filter: { status: 'open' },
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'id', order: 'ASC' },
    });
    const call = only(calls);
    expect(call.url.pathname).toBe('/api/items');
    expect(JSON.parse(call.url.searchParams.get('filter')!)).toEqual({ status: 'open', projectId: 3 });
    expect(result.total).toBe(0);
  });

  it('create POSTs only the writable fields, without empty optional ones', async () => {
    const calls = stubFetch(jsonResponse({ ...project, id: 4 }));
    const result = await provider.create('projects', {
      data: { ...project, id: 99, stats: { items: 1 }, leaseSeconds: null, overlap: 2, rewardPerLabel: '0.5', createdAt: 'x' },
    });
    const call = only(calls);
    expect(call.method).toBe('POST');
    expect(call.url.pathname).toBe('/api/projects');
    expect(call.headers.get('content-type')).toBe('application/json');
    expect(call.body).toEqual({
      name: 'Cats',
      type: 'classification',
      labels: ['cat', 'dog'],
      status: 'draft',
      overlap: 2,
      rewardPerLabel: '0.5',
    });
    expect(result.data).toMatchObject({ id: 4 });
  });

  it('project writes carry the quality settings and the reward budget; an update sends a cleared budget as null', async () => {
    const settings = { maxOverlap: 5, targetConfidence: 0.9, goldRate: 0.1, qualificationSize: 4, qualificationMinAccuracy: 0.75 };
    const { id: _id, ...fields } = project;
    const created = stubFetch(jsonResponse({ ...project, id: 4 }));
    await provider.create('projects', { data: { ...project, overlap: 2, rewardPerLabel: '0.5', rewardBudget: null, ...settings } });
    expect(only(created).body).toEqual({ ...fields, overlap: 2, rewardPerLabel: '0.5', ...settings });

    const budgeted = stubFetch(jsonResponse({ ...project, id: 4 }));
    await provider.create('projects', { data: { ...project, overlap: 2, rewardPerLabel: '0.5', rewardBudget: '1000.5' } });
    expect(only(budgeted).body).toMatchObject({ rewardBudget: '1000.5' });

    const updated = stubFetch(jsonResponse(project));
    await provider.update('projects', { id: 3, data: { ...project, rewardBudget: null, leaseSeconds: null }, previousData: project });
    const call = only(updated);
    expect(call.body).toEqual({ ...fields, rewardBudget: null });
    expect(call.body).not.toHaveProperty('leaseSeconds');
  });

  it('closing an epoch POSTs only its mode and expiry', async () => {
    const calls = stubFetch(jsonResponse({ id: 3, mode: 'push', status: 'closed' }, 201));
    await provider.create('epochs', { data: { mode: 'push', expiresInDays: 14, id: 'x', status: 'closed' } });
    const call = only(calls);
    expect(call.url.pathname).toBe('/api/epochs');
    expect(call.body).toEqual({ mode: 'push', expiresInDays: 14 });
  });

  it('create of an item leaves out a blank externalId', async () => {
    const calls = stubFetch(jsonResponse({ id: 1 }));
    await provider.create('items', { data: { projectId: 3, externalId: '  ', data: { text: 'hi' } } });
    expect(only(calls).body).toEqual({ projectId: 3, data: { text: 'hi' } });
  });

  it('update PUTs the writable fields to /api/<resource>/<id>', async () => {
    const calls = stubFetch(jsonResponse({ id: 5, address: '0xabc', roles: ['admin'] }));
    await provider.update('users', {
      id: 5,
      data: { id: 5, address: '0xabc', roles: ['admin'], createdAt: 'x', lastSignInAt: null },
      previousData: { id: 5 },
    });
    const call = only(calls);
    expect(call.method).toBe('PUT');
    expect(call.url.pathname).toBe('/api/users/5');
    expect(call.body).toEqual({ roles: ['admin'] });
  });

  it('delete sends DELETE /api/<resource>/<id>', async () => {
    const calls = stubFetch(jsonResponse({ id: 9 }));
    const result = await provider.delete('annotations', { id: 9 });
    const call = only(calls);
    expect(call.method).toBe('DELETE');
    expect(call.url.pathname).toBe('/api/annotations/9');
    expect(call.headers.get('authorization')).toBe('Bearer tok-123');
    expect(result.data).toEqual({ id: 9 });
  });

  it('maps a 400 naming a field to react-admin form errors', async () => {
    stubFetch(
      jsonResponse(
        { statusCode: 400, code: 'VALIDATION_FAILED', field: 'rewardPerLabel', message: 'rewardPerLabel must be a decimal string' },
        400,
      ),
    );
    const error = await provider.create('projects', { data: project }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    const http = error as HttpError;
    expect(http.status).toBe(400);
    expect(http.message).toBe('rewardPerLabel must be a decimal string');
    expect((http.body as { errors: unknown }).errors).toEqual({
      rewardPerLabel: 'rewardPerLabel must be a decimal string',
      root: { serverError: 'rewardPerLabel must be a decimal string' },
    });
  });

  it('maps a nested field (labels[1]) onto its input', async () => {
    stubFetch(jsonResponse({ code: 'VALIDATION_FAILED', field: 'labels[1]', message: 'label "cat" appears twice' }, 400));
    const error = (await provider
      .update('projects', { id: 3, data: project, previousData: project })
      .catch((e: unknown) => e)) as HttpError;
    expect(Object.keys((error.body as { errors: object }).errors)).toEqual(['labels', 'root']);
  });

  it('maps a 409 naming a field (e.g. address taken) too', async () => {
    stubFetch(jsonResponse({ code: 'USER_ADDRESS_TAKEN', field: 'address', message: 'This address has an account' }, 409));
    const error = (await provider.create('users', { data: { address: '0x1', roles: [] } }).catch((e: unknown) => e)) as HttpError;
    expect(error.status).toBe(409);
    expect((error.body as { errors: Record<string, unknown> }).errors['address']).toBe('This address has an account');
  });

  it('leaves errors without a field as plain HTTP errors', async () => {
    stubFetch(jsonResponse({ code: 'FORBIDDEN', message: 'Your roles (annotator) do not allow user.manage' }, 403));
    const error = (await provider.getOne('users', { id: 1 }).catch((e: unknown) => e)) as HttpError;
    expect(error.status).toBe(403);
    expect(error.message).toBe('Your roles (annotator) do not allow user.manage');
    expect((error.body as { errors?: unknown }).errors).toBeUndefined();
  });

  it('surfaces a 401 as HttpError 401 (authProvider.checkError then logs out)', async () => {
    stubFetch(jsonResponse({ code: 'UNAUTHENTICATED', message: 'Sign in first' }, 401));
    const error = (await provider
      .getList('projects', { filter: {}, pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' } })
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(401);
  });

  it('getChainInfo reads /api/chain', async () => {
    const info = { chainId: 31337, blockNumber: 12, budgets: [] };
    const calls = stubFetch(jsonResponse(info));
    expect(await provider.getChainInfo()).toEqual(info);
    expect(only(calls).url.pathname).toBe('/api/chain');
  });

  it('getDashboardStats reads /api/stats/dashboard', async () => {
    const stats = { labelsPerDay: [], activeAnnotators: { today: 1, last7Days: 2, last30Days: 3 }, totals: {}, projects: [] };
    const calls = stubFetch(jsonResponse(stats));
    await expect(provider.getDashboardStats()).resolves.toEqual(stats);
    const call = only(calls);
    expect(call.url.pathname).toBe('/api/stats/dashboard');
    expect(call.headers.get('authorization')).toBe('Bearer tok-123');
  });

  const quality = {
    computedAt: '2026-11-25T10:00:00.000Z',
    method: 'dawid-skene',
    statuses: { confident: 8, needs_review: 1 },
    krippendorffAlpha: 0.71,
    fleissKappa: null,
    confidenceHistogram: [{ from: 0.9, to: 1, items: 8 }],
    workers: [{ annotatorId: 2, address: '0xabc', labels: 12, accuracy: 0.75, goldSeen: 4, goldCorrect: 3 }],
  };

  it('getProjectQuality reads /api/projects/<id>/quality', async () => {
    const calls = stubFetch(jsonResponse(quality));
    await expect(provider.getProjectQuality(3)).resolves.toEqual(quality);
    const call = only(calls);
    expect(call.method).toBe('GET');
    expect(call.url.pathname).toBe('/api/projects/3/quality');
    expect(call.headers.get('authorization')).toBe('Bearer tok-123');
  });

  it('aggregateProjectQuality POSTs to /api/projects/<id>/quality/aggregate and resolves with the new figures', async () => {
    const calls = stubFetch(jsonResponse(quality));
    await expect(provider.aggregateProjectQuality(3)).resolves.toEqual(quality);
    const call = only(calls);
    expect(call.method).toBe('POST');
    expect(call.url.pathname).toBe('/api/projects/3/quality/aggregate');
    expect(call.headers.get('authorization')).toBe('Bearer tok-123');
  });

  it('getProjectQuality surfaces a refusal as an HttpError', async () => {
    stubFetch(jsonResponse({ code: 'FORBIDDEN', message: 'Admins only' }, 403));
    const error = (await provider.getProjectQuality(3).catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(403);
    expect(error.message).toBe('Admins only');
  });

  it('getAnnotatorQuality reads /api/annotators/<id>/quality, with the project filter when given', async () => {
    const answer = { annotatorId: 8, address: '0xabc', projectId: null, projects: [], days: [], confusion: [], suspensions: [] };
    const calls = stubFetch(jsonResponse(answer), jsonResponse({ ...answer, projectId: 3 }));
    await expect(provider.getAnnotatorQuality(8)).resolves.toEqual(answer);
    await provider.getAnnotatorQuality(8, 3);
    expect(calls.map((call) => `${call.method} ${call.url.pathname}${call.url.search}`)).toEqual([
      'GET /api/annotators/8/quality',
      'GET /api/annotators/8/quality?projectId=3',
    ]);
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer tok-123');
  });
});

/** Just enough of XMLHttpRequest to drive an upload from a test. */
class FakeXhr {
  static last: FakeXhr | undefined;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  aborted = false;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('dataProvider.importItems', () => {
  const provider = createDataProvider('/api');

  beforeEach(() => {
    signIn(['admin'], 'tok-123');
    FakeXhr.last = undefined;
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('POSTs the files as multipart with the bearer token, reports upload progress and resolves with the summary', async () => {
    const progress: number[] = [];
    const files = [new File(['[{"data":{"text":"a"}}]'], 'a.json'), new File(['text\nb\n'], 'b.csv')];
    const done = provider.importItems(3, files, { onProgress: (percent) => progress.push(percent) });
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/projects/3/items');
    expect(xhr.headers['authorization']).toBe('Bearer tok-123');
    expect(xhr.body).toBeInstanceOf(FormData);
    expect((xhr.body as FormData).getAll('files').map((file) => (file as File).name)).toEqual(['a.json', 'b.csv']);
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 200, total: 200 });
    const summary = { imported: 1, duplicates: 0, rejected: [{ line: 2, file: 'b.csv', message: 'bad' }], rejectedCount: 1 };
    xhr.respond(200, summary);
    await expect(done).resolves.toEqual(summary);
    expect(progress).toEqual([25, 100]);
  });

  it('rejects with the mapped HttpError when the import is refused', async () => {
    const done = provider.importItems(3, [new File(['x'], 'x.json')]);
    FakeXhr.last!.respond(413, { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' });
    const error = (await done.catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(413);
    expect(error.message).toBe('Request body is too large');
  });

  it('aborts the upload when the signal fires', async () => {
    const controller = new AbortController();
    const done = provider.importItems(3, [new File(['x'], 'x.json')], { signal: controller.signal });
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeXhr.last!.aborted).toBe(true);
  });
});

describe('dataProvider review queue', () => {
  const provider = createDataProvider('/api');

  beforeEach(() => {
    signIn(['reviewer'], 'tok-123');
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists the review queue through getList, reading the total from `review a-b/total`', async () => {
    const item = { id: 5, projectId: 3, data: { text: 'a cat' }, result: { label: 'cat' }, confidence: 0.4, labels: [] };
    const calls = stubFetch(jsonResponse([item], 200, { 'Content-Range': 'review 0-0/42' }));
    const result = await provider.getList('review', {
      filter: { projectId: 3 },
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'confidence', order: 'ASC' },
    });
    const call = only(calls);
    expect(call.url.pathname).toBe('/api/review');
    expect(JSON.parse(call.url.searchParams.get('filter')!)).toEqual({ projectId: 3 });
    expect(JSON.parse(call.url.searchParams.get('range')!)).toEqual([0, 24]);
    expect(JSON.parse(call.url.searchParams.get('sort')!)).toEqual(['confidence', 'ASC']);
    expect(result).toEqual({ data: [item], total: 42 });
  });

  it('decideReview POSTs the outcome, and the fixed result only with fixed_and_accepted', async () => {
    const calls = stubFetch(jsonResponse({ itemId: 5, outcome: 'accepted' }), jsonResponse({ itemId: 5, outcome: 'fixed_and_accepted' }));
    await expect(provider.decideReview(5, 'accepted', { label: 'ignored' })).resolves.toEqual({ itemId: 5, outcome: 'accepted' });
    await provider.decideReview(5, 'fixed_and_accepted', { label: 'dog' });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.url.pathname).toBe('/api/review/5');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer tok-123');
    expect(calls[0]!.body).toEqual({ outcome: 'accepted' });
    expect(calls[1]!.body).toEqual({ outcome: 'fixed_and_accepted', result: { label: 'dog' } });
  });

  it('decideReview maps a RESULT_INVALID 400 to a form error on result, and keeps the 409 status', async () => {
    stubFetch(
      jsonResponse({ statusCode: 400, code: 'RESULT_INVALID', field: 'result.label', message: 'label must be one of cat, dog' }, 400),
      jsonResponse({ statusCode: 409, message: 'The item is no longer waiting for review' }, 409),
    );
    const invalid = (await provider.decideReview(5, 'fixed_and_accepted', { label: 'cow' }).catch((e: unknown) => e)) as HttpError;
    expect(invalid).toBeInstanceOf(HttpError);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      code: 'RESULT_INVALID',
      errors: { result: 'label must be one of cat, dog', root: { serverError: 'label must be one of cat, dog' } },
    });
    const gone = (await provider.decideReview(5, 'rejected').catch((e: unknown) => e)) as HttpError;
    expect(gone.status).toBe(409);
    expect(gone.message).toBe('The item is no longer waiting for review');
  });

  it('sends only the writable fields of a suspension', async () => {
    const calls = stubFetch(jsonResponse({ id: 1 }), jsonResponse({ id: 1, active: false }));
    await provider.create('suspensions', { data: { annotatorId: 8, note: '  ' } });
    await provider.update('suspensions', { id: 1, data: { id: 1, active: false, reasons: [] }, previousData: { id: 1 } });
    expect(calls[0]!.body).toEqual({ annotatorId: 8 });
    expect(calls[1]!.method).toBe('PUT');
    expect(calls[1]!.url.pathname).toBe('/api/suspensions/1');
    expect(calls[1]!.body).toEqual({ active: false });
  });
});

describe('data provider helpers', () => {
  it('formFieldOf keeps the input name of a nested field', () => {
    expect(formFieldOf('labels[2]')).toBe('labels');
    expect(formFieldOf('data.text')).toBe('data');
    expect(formFieldOf('name')).toBe('name');
  });

  it('toHttpError falls back to the status text', () => {
    const error = toHttpError(502, 'Bad Gateway', undefined);
    expect(error.message).toBe('Bad Gateway');
    expect(error.status).toBe(502);
  });

  it('writableData passes unknown resources through', () => {
    expect(writableData('other', 'create', { a: 1 })).toEqual({ a: 1 });
  });
});
