import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AdminApp from '../AdminApp';
import { jsonResponse, listResponse, signIn, stubFetch } from '../testing';
import { bpsToPercent, percentToBps } from './salesApi';
import type { Revenue, Sale } from './types';

const SALE: Sale = {
  id: 3,
  chainId: 8996,
  txHash: `0x${'ab'.repeat(32)}`,
  logIndex: 2,
  blockNumber: 90,
  soldAt: '2026-12-04T10:00:00.000Z',
  nftAddress: `0x${'12'.repeat(20)}`,
  datatokenAddress: `0x${'34'.repeat(20)}`,
  did: 'did:op:1',
  serviceIndex: 0,
  consumer: `0x${'56'.repeat(20)}`,
  payer: `0x${'56'.repeat(20)}`,
  amount: '2.5',
  amountWei: '2500000000000000000',
  baseTokenAddress: `0x${'78'.repeat(20)}`,
  versionId: 5,
  datasetName: 'Pets v2',
  shareBps: 3000,
  shared: '0.75',
  annotators: 2,
};

const REVENUE: Revenue = {
  datasets: [
    {
      id: 5,
      name: 'Pets v2',
      nftAddress: SALE.nftAddress,
      did: 'did:op:1',
      sales: 1,
      revenue: '2.5',
      shared: '0.75',
      lastSaleAt: SALE.soldAt,
      listed: true,
    },
    {
      id: 6,
      name: 'Pets v3',
      nftAddress: `0x${'9a'.repeat(20)}`,
      did: 'did:op:2',
      sales: 0,
      revenue: '0',
      shared: '0',
      lastSaleAt: null,
      listed: false,
    },
  ],
  annotators: [
    { id: 11, address: `0x${'aa'.repeat(20)}`, sales: 1, datasets: 1, amount: '0.5' },
    { id: 12, address: `0x${'bb'.repeat(20)}`, sales: 1, datasets: 1, amount: '0.25' },
  ],
};

describe('SalesList', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('shows the orders, revenue per dataset and per annotator, and the share, from the console menu', async () => {
    signIn(['admin']);
    stubFetch({
      'GET /api/sales': () => listResponse('sales', [SALE]),
      'GET /api/sales/revenue': () => jsonResponse(REVENUE),
      'GET /api/sales/settings': () => jsonResponse({ shareBps: 3000, configured: false }),
    });
    window.history.replaceState(null, '', '/admin/sales');
    render(<AdminApp />);
    const orders = await screen.findByText(SALE.txHash);
    const row = orders.closest('tr')!;
    expect(within(row).getByText('2.5')).toBeTruthy();
    expect(within(row).getByText('0.75')).toBeTruthy();
    expect(within(row).getByText(SALE.consumer)).toBeTruthy();

    const datasets = await screen.findByRole('table', { name: 'Revenue per dataset' });
    const [, pets, petsV3] = within(datasets).getAllByRole('row');
    expect(within(pets!).getByText('Pets v2')).toBeTruthy();
    expect(within(pets!).getByText('Listed')).toBeTruthy();
    expect(within(petsV3!).getByText('Unlisted')).toBeTruthy();
    const annotators = screen.getByRole('table', { name: 'Revenue per annotator' });
    expect(within(annotators).getByText(REVENUE.annotators[0]!.address)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Share (%)').value).toBe('30');
    expect(screen.getByRole('menuitem', { name: 'Sales' })).toBeTruthy();
  });

  it('changes the share in basis points and refuses what is not a percentage', async () => {
    signIn(['admin']);
    const calls = stubFetch({
      'GET /api/sales': () => listResponse('sales', []),
      'GET /api/sales/revenue': () => jsonResponse({ datasets: [], annotators: [] }),
      'GET /api/sales/settings': () => jsonResponse({ shareBps: 3000, configured: false }),
      'PUT /api/sales/settings': (call) => jsonResponse({ ...(call.body as object), configured: true }),
    });
    window.history.replaceState(null, '', '/admin/sales');
    render(<AdminApp />);
    expect(await screen.findByText('No sales yet')).toBeTruthy();
    const input = await screen.findByLabelText('Share (%)');
    const save = screen.getByRole('button', { name: 'Save' });
    await userEvent.clear(input);
    await userEvent.type(input, '101');
    expect(screen.getByText('A percentage from 0 to 100, with at most two decimals')).toBeTruthy();
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(input);
    await userEvent.type(input, '12.5');
    await userEvent.click(save);
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ shareBps: 1250 });
    expect(await screen.findByText('The annotators now get 12.5 % of each sale')).toBeTruthy();
  });

  it('unlists a listed dataset and lists an unlisted one', async () => {
    signIn(['admin']);
    const calls = stubFetch({
      'GET /api/sales': () => listResponse('sales', [SALE]),
      'GET /api/sales/revenue': () => jsonResponse(REVENUE),
      'GET /api/sales/settings': () => jsonResponse({ shareBps: 3000, configured: true }),
      'POST /api/datasets/5/listing': () => jsonResponse({ versionId: 5, listed: false, state: 5, status: 'queued', txHash: null }),
      'POST /api/datasets/6/listing': () => jsonResponse({ versionId: 6, listed: true, state: 0, status: 'queued', txHash: null }),
    });
    window.history.replaceState(null, '', '/admin/sales');
    render(<AdminApp />);
    await userEvent.click(await screen.findByRole('button', { name: 'Unlist Pets v2 from the market' }));
    await userEvent.click(screen.getByRole('button', { name: 'List Pets v3 on the market again' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.url.pathname, c.body])).toEqual([
      ['/api/datasets/5/listing', { listed: false }],
      ['/api/datasets/6/listing', { listed: true }],
    ]);
    // The revenue (with the listing) is read again after each change.
    await waitFor(() => expect(calls.filter((c) => c.url.pathname === '/api/sales/revenue').length).toBeGreaterThanOrEqual(2));
  });
});

describe('percentToBps', () => {
  it('reads a percentage with at most two decimals from 0 to 100', () => {
    expect(percentToBps('30')).toBe(3000);
    expect(percentToBps(' 12.5 ')).toBe(1250);
    expect(percentToBps('0')).toBe(0);
    expect(percentToBps('100')).toBe(10_000);
    expect(percentToBps('0.01')).toBe(1);
    for (const bad of ['', '-1', '100.01', '1.234', 'abc', '1e2']) expect(percentToBps(bad)).toBeUndefined();
    expect(bpsToPercent(1250)).toBe('12.5');
  });
});
