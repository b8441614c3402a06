import { render, screen, within } from '@testing-library/react';
import { AdminContext, ResourceContextProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { listResponse, signIn, stubFetch } from '../testing';
import type { Payout } from '../types';
import { PayoutList } from './PayoutList';

const HASH = `0x${'9f'.repeat(32)}`;
const HASH2 = `0x${'7e'.repeat(32)}`;

const payouts: Payout[] = [
  {
    id: 10,
    purpose: 'epoch:4:mint',
    lane: 'payout',
    status: 'signed',
    hash: HASH2,
    versions: 2,
    sender: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    nonce: 42,
    blockNumber: null,
    gasUsed: null,
    error: null,
    attempts: 4,
    lastError: "Sender doesn't have enough funds to send tx",
    nextAttemptAt: '2026-12-01T11:00:30.000Z',
    createdAt: '2026-12-01T11:00:00.000Z',
    updatedAt: '2026-12-01T11:00:20.000Z',
  },
  {
    id: 9,
    purpose: 'claim:3:17',
    lane: 'relay',
    status: 'failed',
    hash: null,
    versions: 0,
    sender: null,
    nonce: null,
    blockNumber: null,
    gasUsed: null,
    error: 'execution reverted: PayoutDistributorAlreadyClaimed(3, 17)',
    attempts: 3,
    lastError: 'execution reverted: PayoutDistributorAlreadyClaimed(3, 17)',
    nextAttemptAt: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:05.000Z',
  },
  {
    id: 8,
    purpose: 'epoch:3:post',
    lane: 'payout',
    status: 'confirmed',
    hash: HASH,
    versions: 1,
    sender: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    nonce: 41,
    blockNumber: 1234,
    gasUsed: 98_765,
    error: null,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
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

  it("lists the platform's transactions with purpose, lane, status, hash, versions, nonce, block, gas, tries and errors", async () => {
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
    expect(within(claim).getAllByText('execution reverted: PayoutDistributorAlreadyClaimed(3, 17)')).toHaveLength(2);
    expect(within(claim).getByText('Gas-free claim')).toBeTruthy();

    // A transaction being retried: signed, replaced once (two versions), four failed tries, the last error and the next try.
    const retried = screen.getByText('epoch:4:mint').closest('tr')!;
    expect(within(retried).getByText('Signed')).toBeTruthy();
    expect(within(retried).getByText('Payout')).toBeTruthy();
    expect(within(retried).getByText('2')).toBeTruthy();
    expect(within(retried).getByText('4')).toBeTruthy();
    expect(within(retried).getByText("Sender doesn't have enough funds to send tx")).toBeTruthy();
    expect(within(retried).getByText(new Date('2026-12-01T11:00:30.000Z').toLocaleString())).toBeTruthy();
    expect(JSON.parse(calls[0]!.url.searchParams.get('sort')!)).toEqual(['id', 'DESC']);
  });

  it('says when the platform has sent nothing yet', async () => {
    stubFetch({ 'GET /api/payouts': () => listResponse('payouts', []) });
    renderList();
    expect(await screen.findByText('No chain transactions yet')).toBeTruthy();
  });
});
