import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
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
  voidedAt: null,
  pendingTxs: 0,
  retrying: false,
  lastError: null,
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

  it('says a closed epoch whose transactions hit errors is being retried, and offers no void', async () => {
    signIn(['admin']);
    stubFetch({
      'GET /api/epochs/4': () =>
        jsonResponse({
          ...epoch,
          status: 'closed',
          root: null,
          postedAt: null,
          postTxHash: null,
          pendingTxs: 3,
          retrying: true,
          lastError: 'server response 429 Too Many Requests',
        }),
    });
    window.history.replaceState(null, '', '/admin/epochs/4/show');
    render(<AdminApp />);
    expect(
      await screen.findByText(
        'Sending 3 of its transactions hit errors; they are being retried and nothing is lost (last error: server response 429 Too Many Requests).',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Void epoch' })).toBeNull();
  });

  it('voids a failed epoch after a confirmation', async () => {
    signIn(['admin']);
    let current: Epoch = {
      ...epoch,
      status: 'failed',
      root: null,
      postedAt: null,
      postTxHash: null,
      lastError: 'execution reverted: AccessControlUnauthorizedAccount(0x1, 0x2)',
    };
    const calls = stubFetch({
      'GET /api/epochs/4': () => jsonResponse(current),
      'POST /api/epochs/4/void': () => {
        current = { ...current, status: 'voided', voidedAt: '2026-12-02T00:00:00.000Z' };
        return jsonResponse(current);
      },
    });
    window.history.replaceState(null, '', '/admin/epochs/4/show');
    render(<AdminApp />);
    expect(await screen.findByText(/A transaction failed for good \(execution reverted: AccessControlUnauthorizedAccount/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Void epoch' }));
    // Nothing is sent before the confirmation.
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Void epoch #4?')).toBeTruthy();
    expect(within(dialog).getByText(/the shares not paid on chain go back to the annotators as pending earnings/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Void epoch' }));
    expect(await screen.findByText('Epoch voided: its unpaid shares go into the next epoch.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST' && c.url.pathname === '/api/epochs/4/void')).toHaveLength(1);
    expect(await screen.findByText('Voided: its shares not paid on chain are pending again and go into the next epoch.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Void epoch' })).toBeNull());
  });

  it("shows the server's reason when a void is refused", async () => {
    signIn(['admin']);
    stubFetch({
      'GET /api/epochs/4': () => jsonResponse({ ...epoch, status: 'failed', lastError: 'reverted on chain in block 12' }),
      'POST /api/epochs/4/void': () =>
        jsonResponse(
          {
            statusCode: 409,
            code: 'EPOCH_TX_IN_FLIGHT',
            message: 'Epoch 4 has 1 signed transaction not settled yet: they could still be mined; void it once they are',
          },
          409,
        ),
    });
    window.history.replaceState(null, '', '/admin/epochs/4/show');
    render(<AdminApp />);
    fireEvent.click(await screen.findByRole('button', { name: 'Void epoch' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Void epoch' }));
    expect(
      await screen.findByText(
        'The epoch could not be voided: Epoch 4 has 1 signed transaction not settled yet: they could still be mined; void it once they are',
      ),
    ).toBeTruthy();
  });

  it('offers no void on an epoch that has not failed', async () => {
    signIn(['admin']);
    stubFetch({ 'GET /api/epochs/4': () => jsonResponse(epoch) });
    window.history.replaceState(null, '', '/admin/epochs/4/show');
    render(<AdminApp />);
    expect(await screen.findByText(ROOT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Void epoch' })).toBeNull();
  });
});
