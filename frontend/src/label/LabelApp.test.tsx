import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LabelApp, { shortAddress } from './LabelApp';
import { parseRoute } from './router';
import { apiError, fakeApi, json, signIn, testSession } from './testing/fakeApi';
import type { Project } from './types';

const PROJECTS: Project[] = [
  {
    id: 3,
    name: 'Pets',
    type: 'classification',
    labels: ['cat', 'dog'],
    overlap: 1,
    maxOverlap: 1,
    targetConfidence: 0.8,
    leaseSeconds: 600,
    rewardPerLabel: '0.5',
    instructions: '',
    status: 'active',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  },
  {
    id: 4,
    name: 'Streets',
    type: 'boxes',
    labels: ['car'],
    overlap: 2,
    maxOverlap: 2,
    targetConfidence: 0.8,
    leaseSeconds: 600,
    rewardPerLabel: '2',
    instructions: '',
    status: 'active',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  },
];

describe('LabelApp', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/label');
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for a wallet sign-in when there is no session', async () => {
    fakeApi({});
    render(<LabelApp />);
    expect(await screen.findByRole('heading', { name: 'Sign in with your wallet' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('lists the projects, then opens the workspace with Start labeling and comes back', async () => {
    signIn();
    const api = fakeApi({
      'GET /api/projects': json(200, PROJECTS),
      'GET /api/projects/3/progress': json(200, { remaining: 8, done: 1 }),
      'GET /api/projects/4/progress': json(200, { remaining: 0, done: 0 }),
      'GET /api/projects/3': json(200, PROJECTS[0]),
      'GET /api/projects/3/next': json(200, {
        assignmentId: 11,
        item: { id: 'ref110', data: { text: 'A cat sleeps.' } },
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      }),
    });
    render(<LabelApp />);
    expect(screen.getByText('Signed in as 0x1234…5678')).toBeTruthy();
    const pets = (await screen.findByRole('heading', { name: 'Pets' })).closest('article') as HTMLElement;
    expect(within(pets).getByText('0.5 tokens per accepted label')).toBeTruthy();
    expect(within(pets).getByText('Pick one label')).toBeTruthy();
    expect(await within(pets).findByText('1 labeled · 8 left')).toBeTruthy();
    const listCall = api.calls.find((call) => call.path === '/api/projects');
    expect(listCall).toBeTruthy();

    await userEvent.click(within(pets).getByRole('button', { name: 'Start labeling' }));
    expect(window.location.pathname).toBe('/label/projects/3');
    expect(await screen.findByText('A cat sleeps.')).toBeTruthy();

    act(() => {
      window.history.back();
    });
    expect(await screen.findByRole('heading', { name: 'Projects' })).toBeTruthy();
    expect(window.location.pathname).toBe('/label');
  });

  it('shows the empty state when no project is open', async () => {
    signIn();
    fakeApi({ 'GET /api/projects': json(200, []) });
    render(<LabelApp />);
    expect(await screen.findByText('No projects are open for labeling right now. Check back later.')).toBeTruthy();
  });

  it('opens the earnings page from the header', async () => {
    signIn();
    fakeApi({
      'GET /api/projects': json(200, []),
      'GET /api/me/earnings': json(200, {
        chain: { chainId: 31337, rpcUrl: 'http://127.0.0.1:8545', token: '0x1', distributor: '0x2', explorerTxUrl: null },
        relay: { minAmount: '1', minAmountWei: '1000000000000000000', dailyCap: 3 },
        totals: { pending: '0.5', claimable: '0', claimed: '0', expired: '0' },
        epochs: [],
        recent: [],
      }),
    });
    render(<LabelApp />);
    await screen.findByText('No projects are open for labeling right now. Check back later.');
    const link = screen.getByRole('link', { name: 'Earnings' });
    expect(link.getAttribute('href')).toBe('/label/earnings');
    await userEvent.click(link);
    expect(window.location.pathname).toBe('/label/earnings');
    expect(await screen.findByRole('heading', { name: 'Earnings' })).toBeTruthy();
    expect(await screen.findByText('0.5 tokens')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Earnings' }).getAttribute('aria-current')).toBe('page');
  });

  it('signs out, and says the session expired when the server refuses the token', async () => {
    signIn();
    fakeApi({ 'GET /api/projects': [json(200, []), apiError(401, 'UNAUTHORIZED', 'token expired')] });
    const { unmount } = render(<LabelApp />);
    await screen.findByText('No projects are open for labeling right now. Check back later.');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in with your wallet' })).toBeTruthy();
    expect(screen.queryByText('Your session has expired. Sign in again to continue.')).toBeNull();
    unmount();

    signIn();
    render(<LabelApp />);
    expect(await screen.findByText('Your session has expired. Sign in again to continue.')).toBeTruthy();
  });

  it('tells a suspended annotator why, offers no Start labeling, and sends their review request', async () => {
    signIn();
    const suspension = {
      id: 5,
      projectId: 3,
      projectName: 'Pets',
      scope: 'all_projects',
      reasons: [{ rule: 'too_fast', medianServerTimeMs: 800, labels: 30 }],
      createdAt: '2026-11-25T10:00:00.000Z',
      reviewRequestedAt: null,
      reviewMessage: null,
    };
    const api = fakeApi({
      'GET /api/projects': json(200, PROJECTS),
      'GET /api/projects/3/progress': json(200, { remaining: 8, done: 1 }),
      'GET /api/projects/4/progress': json(200, { remaining: 0, done: 0 }),
      'GET /api/me/suspension': json(200, { suspension }),
      'POST /api/me/suspension/review-request': json(200, {
        suspension: { ...suspension, reviewRequestedAt: '2026-11-26T09:00:00.000Z', reviewMessage: 'I read them all' },
      }),
    });
    render(<LabelApp />);
    const notice = await screen.findByRole('region', { name: 'Your account is suspended' });
    expect(within(notice).getByText('It fired on your labels in “Pets” and applies to every project.')).toBeTruthy();
    expect(
      within(notice).getByText('Too fast: your labels took 0.8 s each (median of 30), faster than the items can be read.'),
    ).toBeTruthy();
    await screen.findByRole('heading', { name: 'Pets' });
    expect(screen.queryByRole('button', { name: 'Start labeling' })).toBeNull();
    expect(screen.getAllByText('Suspended: labeling paused')).toHaveLength(2);

    await userEvent.click(within(notice).getByRole('button', { name: 'Send review request' }));
    expect(within(notice).getByText('Write a few words first.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/me/suspension/review-request')).toHaveLength(0);
    await userEvent.type(within(notice).getByLabelText('Your message to the admins'), 'I read them all');
    await userEvent.click(within(notice).getByRole('button', { name: 'Send review request' }));
    expect(await within(notice).findByRole('status')).toBeTruthy();
    expect(api.callsTo('POST', '/api/me/suspension/review-request')[0]?.body).toEqual({ message: 'I read them all' });
  });

  it('answers an unknown path with its 404 page, signed in or not', async () => {
    window.history.replaceState(null, '', '/label/nowhere');
    fakeApi({});
    render(<LabelApp />);
    expect(await screen.findByRole('heading', { level: 1, name: 'This page does not exist.' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Sign in with your wallet' })).toBeNull();
  });

  it('puts the focus on the new page’s heading after a navigation', async () => {
    signIn();
    fakeApi({ 'GET /api/projects': json(200, []), 'GET /api/me/earnings': [new Error('offline')] });
    render(<LabelApp />);
    await screen.findByText('No projects are open for labeling right now. Check back later.');
    await userEvent.click(screen.getByRole('link', { name: 'Earnings' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Earnings' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await userEvent.click(screen.getByRole('link', { name: 'Tessera' }));
    const projects = await screen.findByRole('heading', { level: 1, name: 'Projects' });
    await waitFor(() => expect(document.activeElement).toBe(projects));
  });

  it('routes /label, /label/projects/:id, /label/earnings and nothing else', () => {
    expect(parseRoute('/label')).toEqual({ page: 'projects' });
    expect(parseRoute('/label/')).toEqual({ page: 'projects' });
    expect(parseRoute('/label/projects/12')).toEqual({ page: 'workspace', projectId: 12 });
    expect(parseRoute('/label/earnings')).toEqual({ page: 'earnings' });
    expect(parseRoute('/label/earnings/')).toEqual({ page: 'earnings' });
    expect(parseRoute('/label/projects/0')).toEqual({ page: 'notFound' });
    expect(parseRoute('/label/projects/abc')).toEqual({ page: 'notFound' });
    expect(shortAddress(testSession.user.address)).toBe('0x1234…5678');
  });
});
