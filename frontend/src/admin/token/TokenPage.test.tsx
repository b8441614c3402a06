import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AdminContext } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AdminApp from '../AdminApp';
import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { jsonResponse, signIn, stubFetch } from '../testing';
import { TokenPage } from './TokenPage';
import type { ChainInfo } from '../types';

const info: ChainInfo = {
  chainId: 31337,
  rpcUrl: 'http://127.0.0.1:8545',
  blockNumber: 1234,
  operator: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  operatorEth: '9999.5',
  token: { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', name: 'Tessera Reward', symbol: 'TSR', totalSupply: '1000000' },
  distributor: { address: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', balance: '250.5' },
  budgets: [
    { projectId: 1, name: 'Cats and dogs', budget: '1000', credited: '700', committed: '850' },
    { projectId: 2, name: 'Streets', budget: null, credited: '12.5', committed: '14' },
    { projectId: 3, name: 'Spent', budget: '10', credited: '10', committed: '10' },
  ],
};

function openTokenPage(answer: () => Response) {
  const calls = stubFetch({ 'GET /api/chain': answer });
  window.history.replaceState(null, '', '/admin/token');
  render(<AdminApp />);
  return calls;
}

describe('Token page', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('shows the supply, the distributor balance, the operator gas and the chain', async () => {
    signIn(['admin']);
    openTokenPage(() => jsonResponse(info));
    const supply = (await screen.findByRole('heading', { name: 'Supply of Tessera Reward' })).closest('.MuiCard-root')!;
    // Rounded to fit the card; the exact amount is its accessible name and its tooltip.
    expect(within(supply as HTMLElement).getByText('1M TSR')).toBeTruthy();
    expect(within(supply as HTMLElement).getByLabelText('1,000,000 TSR')).toBeTruthy();
    expect(within(supply as HTMLElement).getByText(info.token.address)).toBeTruthy();
    const distributor = screen.getByRole('heading', { name: 'Distributor balance' }).closest('.MuiCard-root') as HTMLElement;
    expect(within(distributor).getByText('250.5 TSR')).toBeTruthy();
    const operator = screen.getByRole('heading', { name: 'Operator gas' }).closest('.MuiCard-root') as HTMLElement;
    expect(within(operator).getByText('9,999.5 ETH')).toBeTruthy();
    expect(within(operator).getByText(info.operator)).toBeTruthy();
    expect(screen.queryByText(/The operator has no ETH/)).toBeNull();
    expect(screen.getByText('Block 1,234')).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: 'Token' })).toBeTruthy();
  });

  it('lists project budgets: budget, credited, committed, left and a bar of the share used', async () => {
    signIn(['admin']);
    openTokenPage(() => jsonResponse(info));
    const table = await screen.findByRole('table', { name: 'Project budgets' });
    const [, cats, streets, spent] = within(table).getAllByRole('row');
    expect(within(cats!).getByText('1,000 TSR')).toBeTruthy();
    expect(within(cats!).getByText('700 TSR')).toBeTruthy();
    expect(within(cats!).getByText('850 TSR')).toBeTruthy();
    expect(within(cats!).getByText('150 TSR')).toBeTruthy();
    const catsBar = within(cats!).getByRole('progressbar', { name: 'Budget used by Cats and dogs' });
    expect(catsBar.getAttribute('aria-valuenow')).toBe('85');
    expect(within(cats!).getByText('85%')).toBeTruthy();
    expect(within(cats!).getByRole('link', { name: 'Cats and dogs' }).getAttribute('href')).toBe('/admin/projects/1/show');

    expect(within(streets!).getByText('No limit')).toBeTruthy();
    expect(within(streets!).queryByRole('progressbar')).toBeNull();

    expect(within(spent!).getByText('0 TSR')).toBeTruthy();
    expect(within(spent!).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });

  it('warns when the operator has no gas money, and says when there are no projects', async () => {
    signIn(['admin']);
    openTokenPage(() => jsonResponse({ ...info, operatorEth: '0.0', budgets: [] }));
    expect(await screen.findByText(/The operator has no ETH: it cannot post epochs/)).toBeTruthy();
    expect(screen.getByText('No projects yet.')).toBeTruthy();
  });

  it('says when the chain cannot be read, and retries', async () => {
    signIn(['admin']);
    // react-admin's data provider proxy logs every failed call; this one is expected.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let answers = 0;
    const calls = stubFetch({
      'GET /api/chain': () =>
        answers++ === 0
          ? jsonResponse({ statusCode: 503, code: 'CHAIN_UNAVAILABLE', message: 'the node does not answer' }, 503)
          : jsonResponse(info),
    });
    // Without react-query's retries (three, seconds apart), so the error shows at once.
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <AdminContext i18nProvider={i18nProvider} dataProvider={createDataProvider()} queryClient={queryClient}>
        <TokenPage />
      </AdminContext>,
    );
    expect(await screen.findByText('The chain could not be read: the node does not answer')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('1M TSR')).toBeTruthy();
    await waitFor(() => expect(calls.filter((call) => call.url.pathname === '/api/chain')).toHaveLength(2));
  });

  it('is not offered to reviewers', async () => {
    signIn(['reviewer']);
    const calls = openTokenPage(() => jsonResponse(info));
    expect(await screen.findByText(/Your wallet has the reviewer role/)).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: 'Token' })).toBeNull();
    expect(calls.filter((call) => call.url.pathname === '/api/chain')).toHaveLength(0);
  });
});
