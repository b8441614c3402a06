import { render, screen, within } from '@testing-library/react';
import { AdminContext, ResourceContextProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { listResponse, signIn, stubFetch } from '../testing';
import type { Epoch } from '../types';
import { EpochList } from './EpochList';

const POST_HASH = `0x${'5c'.repeat(32)}`;
const ROOT = `0x${'ab'.repeat(32)}`;

const epochs: Epoch[] = [
  {
    id: 4,
    mode: 'claim',
    status: 'posted',
    total: '12.5',
    totalWei: '12500000000000000000',
    recipients: 4,
    root: ROOT,
    expiresAt: '2027-01-01T00:00:00.000Z',
    createdAt: '2026-12-01T00:00:00.000Z',
    postedAt: '2026-12-01T00:05:00.000Z',
    claimedCount: 1,
    claimedAmount: '2.5',
    postTxHash: POST_HASH,
    voidedAt: null,
    pendingTxs: 0,
    retrying: false,
    lastError: null,
  },
  {
    id: 3,
    mode: 'push',
    status: 'closed',
    total: '3',
    totalWei: '3000000000000000000',
    recipients: 2,
    root: null,
    expiresAt: '2026-12-31T00:00:00.000Z',
    createdAt: '2026-11-30T00:00:00.000Z',
    postedAt: null,
    claimedCount: 0,
    claimedAmount: '0',
    postTxHash: null,
    voidedAt: null,
    pendingTxs: 3,
    retrying: true,
    lastError: 'server response 503 Service Unavailable',
  },
];

function renderWith(children: React.ReactNode) {
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={createDataProvider()}>
      <ResourceContextProvider value="epochs">{children}</ResourceContextProvider>
    </AdminContext>,
  );
}

describe('epochs', () => {
  beforeEach(() => {
    signIn(['admin']);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    // The lists keep their filters in the location.
    window.history.replaceState(null, '', '/');
  });

  it('lists epochs newest first with mode, status, totals, claims and the post transaction', async () => {
    const calls = stubFetch({ 'GET /api/epochs': () => listResponse('epochs', epochs) });
    renderWith(<EpochList />);
    const posted = (await screen.findByText('12.5')).closest('tr')!;
    expect(within(posted).getByText('Claim (Merkle root)')).toBeTruthy();
    expect(within(posted).getByText('Posted')).toBeTruthy();
    expect(within(posted).getByText('1 / 4 · 2.5')).toBeTruthy();
    expect(within(posted).getByRole('progressbar', { name: 'Claims of epoch 4' }).getAttribute('aria-valuenow')).toBe('25');
    expect(within(posted).getByTitle(POST_HASH).textContent).toBe('0x5c5c…5c5c');

    const closed = screen.getByText('Push (batch transfers)').closest('tr')!;
    expect(within(closed).getByText('Closed')).toBeTruthy();
    // Its transactions hit errors: retrying, not failed, with the last error at hand.
    expect(within(closed).getByText('Retrying').closest('[title]')?.getAttribute('title')).toBe('server response 503 Service Unavailable');
    expect(within(posted).queryByText('Retrying')).toBeNull();
    expect(within(closed).getAllByText('—')).toHaveLength(2);

    const query = calls[0]!.url.searchParams;
    expect(JSON.parse(query.get('sort')!)).toEqual(['id', 'DESC']);
    expect(screen.getByRole('link', { name: 'Close epoch' }).getAttribute('href')).toMatch(/\/epochs\/create$/);
  });

  it('says when there are no epochs yet', async () => {
    stubFetch({ 'GET /api/epochs': () => listResponse('epochs', []) });
    renderWith(<EpochList />);
    expect(await screen.findByText('No epochs yet')).toBeTruthy();
    expect(screen.getByText('Closing an epoch pays out the rewards credited so far.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Close epoch' })).toBeTruthy();
  });
});
