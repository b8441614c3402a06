import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pendingKey } from './pendingSubmits';
import { apiError, fakeApi, json, noContent, offline, signIn, testSession, type Reply } from './testing/fakeApi';
import type { Project, Assignment } from './types';
import { Workspace } from './Workspace';

const PROJECT: Project = {
  id: 3,
  name: 'Pets',
  type: 'classification',
  labels: ['cat', 'dog', 'bird'],
  overlap: 1,
  maxOverlap: 1,
  targetConfidence: 0.8,
  leaseSeconds: 600,
  rewardPerLabel: '0.5',
  instructions: 'Pick the animal in the sentence.',
  status: 'active',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

function assignment(assignmentId: number, text: string, extra: Partial<Assignment> = {}): Assignment {
  return {
    assignmentId,
    item: { id: `ref${assignmentId * 10}`, data: { text }, files: {} },
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    ...extra,
  };
}

function server(routes: Record<string, Reply | Reply[]> = {}, project: Project = PROJECT) {
  return fakeApi({
    'GET /api/projects/3': json(200, project),
    'GET /api/projects/3/progress': json(200, { remaining: 5, done: 2 }),
    'GET /api/projects/3/next': [json(200, assignment(11, 'A cat sleeps.')), json(200, assignment(12, 'A dog barks.'))],
    'POST /api/assignments/11/submit': json(201, { annotationId: 500 }),
    'POST /api/assignments/11/skip': noContent(),
    'PUT /api/assignments/11/draft': json(200, { expiresAt: new Date(Date.now() + 600_000).toISOString() }),
    ...routes,
  });
}

function renderWorkspace() {
  return render(<Workspace projectId={3} session={testSession} onBack={() => undefined} />);
}

describe('Workspace', () => {
  beforeEach(() => {
    signIn();
    window.__tesseraTimings = [];
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('labels with a digit, submits with Enter and shows the next item at once', async () => {
    const api = server();
    renderWorkspace();
    expect(await screen.findByText('A cat sleeps.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Pets' })).toBeTruthy();
    expect(screen.getByText('Pick the animal in the sentence.')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('2 labeled · 5 left')).toBeTruthy());
    expect(screen.getByRole('timer').textContent).toMatch(/Time left: (10:00|9:5\d)/);

    await userEvent.keyboard('2');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'dog' }).checked).toBe(true);
    await userEvent.keyboard('{Enter}');

    expect(await screen.findByText('A dog barks.')).toBeTruthy();
    const submits = api.callsTo('POST', '/api/assignments/11/submit');
    expect(submits).toHaveLength(1);
    const body = submits[0]?.body as { result: unknown; leadTimeMs: number };
    expect(body.result).toEqual({ label: 'dog' });
    expect(Number.isInteger(body.leadTimeMs) && body.leadTimeMs >= 0).toBe(true);
    expect(api.callsTo('GET', '/api/projects/3/next')).toHaveLength(2);
    // The new item starts blank, the count moves, the wait is measured for the benchmark.
    expect(screen.getAllByRole('radio').some((radio) => (radio as HTMLInputElement).checked)).toBe(false);
    expect(screen.getByText('3 labeled · 4 left')).toBeTruthy();
    expect(window.__tesseraTimings).toHaveLength(1);
    expect(Number(document.body.dataset['lastSubmitToNextMs'])).toBeGreaterThanOrEqual(0);
    expect(localStorage.getItem(pendingKey(11))).toBeNull();
  });

  it('takes the next item from the submit answer: one request per label', async () => {
    const api = server({
      'GET /api/projects/3/next': [json(200, assignment(11, 'A cat sleeps.')), noContent()],
      'POST /api/assignments/11/submit': json(201, { annotationId: 500, next: assignment(12, 'A dog barks.') }),
      'POST /api/assignments/12/submit': json(201, { annotationId: 501, next: null }),
    });
    renderWorkspace();
    expect(await screen.findByText('A cat sleeps.')).toBeTruthy();
    await userEvent.keyboard('1{Enter}');
    expect(await screen.findByText('A dog barks.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/assignments/11/submit')[0]?.query).toBe('?next=true');
    expect(api.callsTo('GET', '/api/projects/3/next')).toHaveLength(1);
    expect(screen.getByText('3 labeled · 4 left')).toBeTruthy();
    // No next assignment in the answer: /next says why (here, nothing left).
    await userEvent.keyboard('2{Enter}');
    expect(await screen.findByText('Nothing left to label in this project. Thank you!')).toBeTruthy();
    expect(api.callsTo('GET', '/api/projects/3/next')).toHaveLength(2);
  });

  it('says there is nothing left on 204', async () => {
    server({ 'GET /api/projects/3/next': noContent() });
    renderWorkspace();
    expect(await screen.findByText('Nothing left to label in this project. Thank you!')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
  });

  it('does not submit without a label, and says so', async () => {
    const api = server();
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByText('Pick a label first (keys 1-9).')).toBeTruthy();
    expect(api.callsTo('POST', '/api/assignments/11/submit')).toHaveLength(0);
  });

  it('keeps a submit through a lost connection and sends it once the connection is back', async () => {
    const api = server({ 'POST /api/assignments/11/submit': [offline(), json(201, { annotationId: 500 })] });
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    await userEvent.keyboard('1');
    await userEvent.keyboard('{Enter}');

    expect(await screen.findByText(/Connection lost: your label is kept/)).toBeTruthy();
    expect(JSON.parse(localStorage.getItem(pendingKey(11)) ?? 'null')).toMatchObject({ assignmentId: 11, result: { label: 'cat' } });
    expect(screen.getByText('A cat sleeps.')).toBeTruthy();

    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(await screen.findByText('A dog barks.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/assignments/11/submit')).toHaveLength(2);
    expect(localStorage.getItem(pendingKey(11))).toBeNull();
    expect(screen.queryByText(/Connection lost/)).toBeNull();
  });

  it('sends a submit left from an earlier visit before asking for work', async () => {
    localStorage.setItem(
      pendingKey(9),
      JSON.stringify({ assignmentId: 9, projectId: 3, userId: testSession.user.id, result: { label: 'bird' }, leadTimeMs: 5, queuedAt: 1 }),
    );
    const api = server({ 'POST /api/assignments/9/submit': json(201, { annotationId: 400 }) });
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    const order = api.calls.map((call) => `${call.method} ${call.path}`);
    expect(order.indexOf('POST /api/assignments/9/submit')).toBeLessThan(order.indexOf('GET /api/projects/3/next'));
    expect(localStorage.getItem(pendingKey(9))).toBeNull();
  });

  it('shows the expired state when the server says the lease ran out, and moves on with Next item', async () => {
    server({ 'POST /api/assignments/11/submit': apiError(409, 'LEASE_EXPIRED', 'The lease ran out') });
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    await userEvent.keyboard('3{Enter}');
    expect(await screen.findByText('Your time on this item ran out; it went back to the pool.')).toBeTruthy();
    expect(localStorage.getItem(pendingKey(11))).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Next item' }));
    expect(await screen.findByText('A dog barks.')).toBeTruthy();
  });

  it('keeps the work and shows the message when the server refuses the result', async () => {
    server({
      'POST /api/assignments/11/submit': apiError(400, 'RESULT_INVALID', 'result.label "dog" is not one of the labels', 'result.label'),
    });
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    await userEvent.keyboard('2{Enter}');
    expect(await screen.findByText('This label cannot be submitted: result.label "dog" is not one of the labels')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'dog' }).checked).toBe(true);
    expect(screen.getByText('A cat sleeps.')).toBeTruthy();
  });

  it('ends the item when the countdown reaches zero', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    server({
      'GET /api/projects/3/next': [
        json(200, assignment(11, 'A cat sleeps.', { expiresAt: soon })),
        json(200, assignment(12, 'A dog barks.')),
      ],
    });
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    expect(await screen.findByText('Your time on this item ran out; it went back to the pool.', {}, { timeout: 10_000 })).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('A dog barks.')).toBeTruthy();
  });

  it('skips with S and undoes with Ctrl+Z', async () => {
    const api = server();
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    await userEvent.keyboard('1');
    await userEvent.keyboard('2');
    await userEvent.keyboard('{Control>}z{/Control}');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'cat' }).checked).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getAllByRole('radio').some((radio) => (radio as HTMLInputElement).checked)).toBe(false);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Undo' }).disabled).toBe(true);

    await userEvent.keyboard('s');
    expect(await screen.findByText('A dog barks.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/assignments/11/skip')).toHaveLength(1);
    expect(api.callsTo('POST', '/api/assignments/11/submit')).toHaveLength(0);
  });

  it('autosaves a draft after a pause and restores a draft from /next', async () => {
    const api = server({ 'GET /api/projects/3/next': json(200, assignment(11, 'A cat sleeps.', { draft: { label: 'bird' } })) });
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'bird' }).checked).toBe(true);
    expect(api.callsTo('PUT', '/api/assignments/11/draft')).toHaveLength(0);

    await userEvent.keyboard('1');
    await userEvent.keyboard('2');
    await waitFor(() => expect(api.callsTo('PUT', '/api/assignments/11/draft')).toHaveLength(1), { timeout: 10_000 });
    expect(api.callsTo('PUT', '/api/assignments/11/draft')[0]?.body).toEqual({ result: { label: 'dog' } });
    expect(await screen.findByText('Draft saved')).toBeTruthy();
  });

  it('submits free text with Ctrl+Enter, and Enter alone makes a new line', async () => {
    const api = server({}, { ...PROJECT, type: 'text', labels: [] });
    renderWorkspace();
    await screen.findByText('A cat sleeps.');
    const box = screen.getByRole('textbox');
    await waitFor(() => expect(document.activeElement).toBe(box));
    await userEvent.keyboard('one{Enter}two s 1');
    expect((box as HTMLTextAreaElement).value).toBe('one\ntwo s 1');
    expect(api.callsTo('POST', '/api/assignments/11/submit')).toHaveLength(0);
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText('A dog barks.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/assignments/11/submit')[0]?.body).toMatchObject({ result: { text: 'one\ntwo s 1' } });
  });
});

describe('Workspace with region widgets', () => {
  beforeEach(() => {
    signIn();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('submits spans selected in the text with exact offsets', async () => {
    const text = 'Élodie flew to Zürich 🛫 today.';
    const api = server(
      {
        'GET /api/projects/3/next': [json(200, assignment(11, text)), json(200, assignment(12, 'Next text.'))],
      },
      { ...PROJECT, type: 'spans', labels: ['PER', 'LOC'] },
    );
    renderWorkspace();
    const region = await screen.findByRole('region', { name: 'Text to label' });
    const node = region.firstChild?.firstChild as Text;
    const range = document.createRange();
    range.setStart(node, text.indexOf('Zürich'));
    range.setEnd(node, text.indexOf('Zürich') + 6);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    await userEvent.keyboard('2');
    expect(screen.getByText('“Zürich” as LOC')).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Next text.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/assignments/11/submit')[0]?.body).toMatchObject({
      result: { spans: [{ start: 15, end: 21, label: 'LOC' }] },
    });
  });

  it('shows an ipfs:// image through the signed URL the assignment carries and submits drawn boxes', async () => {
    const cid = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';
    const image = { image: `ipfs://${cid}`, width: 640, height: 480 };
    const signed = (n: number) => ({ [cid]: `/api/files/${cid}?u=1&exp=1796300000&sig=${String(n).repeat(43)}` });
    const api = server(
      {
        'GET /api/projects/3/next': [
          json(200, { ...assignment(11, ''), item: { id: 'ref110', data: image, files: signed(1) } }),
          json(200, { ...assignment(12, ''), item: { id: 'ref120', data: image, files: signed(2) } }),
        ],
      },
      { ...PROJECT, type: 'boxes', labels: ['car', 'person'] },
    );
    renderWorkspace();
    const img = await screen.findByRole('img', { name: 'Image to label' });
    expect(img.getAttribute('src')).toBe(signed(1)[cid]);
    expect(img.getAttribute('src')).not.toContain('token');
    const overlay = screen.getByTestId('boxes-overlay');
    // Without layout (happy-dom) the widget shows the image at scale 1.
    fireEvent.pointerDown(overlay, { clientX: 600, clientY: 400, pointerId: 1, button: 0 });
    fireEvent.pointerMove(overlay, { clientX: 700, clientY: 500, pointerId: 1 });
    fireEvent.pointerUp(overlay, { clientX: 700, clientY: 500, pointerId: 1 });
    await userEvent.keyboard('2{Enter}');
    await waitFor(() => expect(api.callsTo('POST', '/api/assignments/11/submit')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/assignments/11/submit')[0]?.body).toMatchObject({
      result: { boxes: [{ x: 600, y: 400, w: 40, h: 80, label: 'person' }] },
    });
  });
});
