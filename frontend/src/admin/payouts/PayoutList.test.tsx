import { render, screen, within } from '@testing-library/react';
import { AdminContext, ResourceContextProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { listResponse, signIn, stubFetch } from '../testing';
import type { Payout } from '../types';
import { PayoutList } from './PayoutList';

const HASH = `0x${'9f'.repeat(32)}`;

const payouts: Payout[] = [
  {
    id: 9,
    purpose: 'claim:3:17',
    status: 'failed',
    hash: null,
    nonce: null,
    blockNumber: null,
    gasUsed: null,
    error: 'execution reverted: PayoutDistributorAlreadyClaimed(3, 17)',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:05.000Z',
  },
  {
    id: 8,
    purpose: 'epoch:3:post',
    status: 'confirmed',
    hash: HASH,
    nonce: 41,
    blockNumber: 1234,
    gasUsed: 98_765,
    error: null,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:12.000Z',
  },
];

function renderList() {
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={createDataProvider()}>
      <ResourceContextProvider value="payouts">
        <PayoutList />
      </ResourceContextProvider>
    </AdminContext>,
  );
}

describe('PayoutList', () => {
  beforeEach(() => {
    signIn(['admin']);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    // The lists keep their filters in the location.
    window.history.replaceState(null, '', '/');
  });

  it("lists the platform's transactions with purpose, status, hash, nonce, block, gas and error", async () => {
    const calls = stubFetch({ 'GET /api/payouts': () => listResponse('payouts', payouts) });
    renderList();
    const post = (await screen.findByText('epoch:3:post')).closest('tr')!;
    expect(within(post).getByText('Confirmed')).toBeTruthy();
    expect(within(post).getByTitle(HASH).textContent).toBe('0x9f9f…9f9f');
    expect(within(post).getByText('41')).toBeTruthy();
    expect(within(post).getByText('1,234')).toBeTruthy();
    expect(within(post).getByText('98,765')).toBeTruthy();

    const claim = screen.getByText('claim:3:17').closest('tr')!;
    expect(within(claim).getByText('Failed')).toBeTruthy();
    expect(within(claim).getByText('execution reverted: PayoutDistributorAlreadyClaimed(3, 17)')).toBeTruthy();
    expect(JSON.parse(calls[0]!.url.searchParams.get('sort')!)).toEqual(['id', 'DESC']);
  });

  it('says when the platform has sent nothing yet', async () => {
    stubFetch({ 'GET /api/payouts': () => listResponse('payouts', []) });
    renderList();
    expect(await screen.findByText('No chain transactions yet')).toBeTruthy();
  });
});
