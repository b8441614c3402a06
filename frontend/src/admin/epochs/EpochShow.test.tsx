import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AdminApp from '../AdminApp';
import { jsonResponse, signIn, stubFetch } from '../testing';
import type { Epoch } from '../types';

const ROOT = `0x${'ab'.repeat(32)}`;
const POST_HASH = `0x${'5c'.repeat(32)}`;

const epoch: Epoch = {
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
};

describe('EpochShow', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('shows an epoch with its Merkle root and post transaction in full, from the console menu', async () => {
    signIn(['admin']);
    stubFetch({ 'GET /api/epochs/4': () => jsonResponse(epoch) });
    window.history.replaceState(null, '', '/admin/epochs/4/show');
    render(<AdminApp />);
    expect(await screen.findByText(ROOT)).toBeTruthy();
    expect(screen.getByText(POST_HASH)).toBeTruthy();
    expect(screen.getByText('12500000000000000000')).toBeTruthy();
    expect(screen.getByText('1 / 4 · 2.5')).toBeTruthy();
    expect(screen.getByText('Merkle root')).toBeTruthy();
    for (const name of ['Epochs', 'Ledger', 'Chain transactions', 'Token']) {
      expect(screen.getByRole('menuitem', { name })).toBeTruthy();
    }
  });

  it('says when the epoch is not posted yet', async () => {
    signIn(['admin']);
    stubFetch({ 'GET /api/epochs/4': () => jsonResponse({ ...epoch, status: 'closed', root: null, postedAt: null, postTxHash: null }) });
    window.history.replaceState(null, '', '/admin/epochs/4/show');
    render(<AdminApp />);
    expect(await screen.findByText('Not built yet')).toBeTruthy();
    expect(screen.getAllByText('Not posted yet')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Sweep unclaimed tokens' })).toBeNull();
  });

  it('offers the sweep of an expired claim epoch, and queues it', async () => {
    signIn(['admin']);
    const calls = stubFetch({
      'GET /api/epochs/4': () => jsonResponse({ ...epoch, expiresAt: '2020-01-01T00:00:00.000Z' }),
      'POST /api/epochs/4/sweep': () => jsonResponse({ status: 'queued' }, 202),
    });
    window.history.replaceState(null, '', '/admin/epochs/4/show');
    render(<AdminApp />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sweep unclaimed tokens' }));
    expect(await screen.findByText(/Sweep queued/)).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/epochs/4/sweep')).toBe(true));
  });

  it('does not offer a sweep before expiry', async () => {
    signIn(['admin']);
    stubFetch({ 'GET /api/epochs/4': () => jsonResponse({ ...epoch, expiresAt: '2999-01-01T00:00:00.000Z' }) });
    window.history.replaceState(null, '', '/admin/epochs/4/show');
    render(<AdminApp />);
    expect(await screen.findByText(ROOT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sweep unclaimed tokens' })).toBeNull();
  });
});
