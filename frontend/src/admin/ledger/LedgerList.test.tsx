import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, ResourceContextProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { jsonResponse, listResponse, signIn, stubFetch } from '../testing';
import type { LedgerEntry } from '../types';
import { LedgerList } from './LedgerList';

const ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const entries: LedgerEntry[] = [
  {
    id: '12',
    annotatorId: 8,
    address: ADDRESS,
    projectId: 3,
    projectName: 'Pets',
    annotationId: 501,
    kind: 'reversal',
    amount: '-0.625',
    multiplierBps: null,
    createdAt: '2026-12-01T10:00:00.000Z',
  },
  {
    id: '11',
    annotatorId: 8,
    address: ADDRESS,
    projectId: 3,
    projectName: 'Pets',
    annotationId: 501,
    kind: 'reward',
    amount: '0.625',
    multiplierBps: 12_500,
    createdAt: '2026-12-01T09:00:00.000Z',
  },
  {
    id: '10',
    annotatorId: 8,
    address: ADDRESS,
    projectId: null,
    projectName: null,
    annotationId: null,
    kind: 'adjustment',
    amount: '5',
    multiplierBps: null,
    createdAt: '2026-11-30T09:00:00.000Z',
  },
];

function renderList() {
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={createDataProvider()}>
      <ResourceContextProvider value="ledger">
        <LedgerList />
      </ResourceContextProvider>
    </AdminContext>,
  );
}

describe('LedgerList', () => {
  beforeEach(() => {
    signIn(['admin']);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    // The lists keep their filters in the location.
    window.history.replaceState(null, '', '/');
  });

  it('lists entries newest first: kind, signed amount, multiplier, project and annotator', async () => {
    const calls = stubFetch({
      'GET /api/ledger': () => listResponse('ledger', entries),
      'GET /api/users': () => listResponse('users', []),
      'GET /api/projects': () => listResponse('projects', []),
    });
    renderList();
    const reversal = (await screen.findByText('-0.625')).closest('tr')!;
    expect(within(reversal).getByText('Reversal')).toBeTruthy();
    expect(within(reversal).getByText('Pets')).toBeTruthy();
    expect(within(reversal).getByTitle(ADDRESS).textContent).toBe('0x7099…79C8');
    expect(within(reversal).getByText('501')).toBeTruthy();

    const reward = screen.getByText('0.625').closest('tr')!;
    expect(within(reward).getByText('Reward')).toBeTruthy();
    expect(within(reward).getByText('1.25×')).toBeTruthy();

    const adjustment = screen.getByText('Adjustment').closest('tr')!;
    expect(within(adjustment).getByText('5')).toBeTruthy();
    expect(within(adjustment).getAllByText('—')).toHaveLength(2);

    const list = calls.find((call) => call.url.pathname === '/api/ledger')!;
    expect(JSON.parse(list.url.searchParams.get('sort')!)).toEqual(['id', 'DESC']);
  });

  it("shows each amount with the reward token's unit once the chain has answered", async () => {
    stubFetch({
      'GET /api/ledger': () => listResponse('ledger', entries),
      'GET /api/users': () => listResponse('users', []),
      'GET /api/projects': () => listResponse('projects', []),
      'GET /api/chain': () => jsonResponse({ token: { symbol: 'TSR' }, distributor: {}, budgets: [] }),
    });
    renderList();
    expect(await screen.findByText('-0.625 TSR')).toBeTruthy();
    expect(screen.getByText('0.625 TSR')).toBeTruthy();
  });

  it('shows an unsigned reversal as negative', async () => {
    stubFetch({
      'GET /api/ledger': () => listResponse('ledger', [{ ...entries[0]!, amount: '0.625' }]),
      'GET /api/users': () => listResponse('users', []),
      'GET /api/projects': () => listResponse('projects', []),
    });
    renderList();
    expect(await screen.findByText('-0.625')).toBeTruthy();
  });

  it('filters on the kind', async () => {
    const calls = stubFetch({
      'GET /api/ledger': () => listResponse('ledger', entries),
      'GET /api/users': () => listResponse('users', []),
      'GET /api/projects': () => listResponse('projects', []),
    });
    renderList();
    await screen.findByText('-0.625');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Kind' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Reversal' }));
    await waitFor(() => {
      const filters = calls.filter((call) => call.url.pathname === '/api/ledger').map((call) => call.url.searchParams.get('filter'));
      expect(filters.map((filter) => JSON.parse(filter!) as unknown)).toContainEqual({ kind: 'reversal' });
    });
  });

  it('says the ledger is empty', async () => {
    stubFetch({
      'GET /api/ledger': () => listResponse('ledger', []),
      'GET /api/users': () => listResponse('users', []),
      'GET /api/projects': () => listResponse('projects', []),
    });
    renderList();
    expect(await screen.findByText('The ledger is empty')).toBeTruthy();
  });
});
