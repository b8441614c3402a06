import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { encodeFunctionData, parseAbi } from 'viem';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Eip1193Provider } from '../../session/eip1193';
import { apiError, fakeApi, json, signIn } from '../testing/fakeApi';
import { EarningsPage } from './EarningsPage';
import { formatDate } from './earnings';
import type { ClaimProof, Earnings, EpochShare } from './types';

/** The annotator's labels and suspension, which the page also reads: nothing suspended, no labels yet. */
const STANDING = {
  'GET /api/me/suspension': json(200, { suspension: null }),
  'GET /api/me/labels': json(200, {
    counts: { submitted: 0, pending: 0, accepted: 0, rejected: 0, discarded: 0 },
    trust: [],
    trustRule: { parTrust: 0.8, minMultiplier: 0.5, maxMultiplier: 1.25, startingTrust: 0.7 },
    recent: [],
  }),
};

const HASH = `0x${'ab'.repeat(32)}`;
const PUSH_HASH = `0x${'cd'.repeat(32)}`;
const WALLET = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const CLAIMABLE: EpochShare = {
  epochId: 4,
  mode: 'claim',
  status: 'posted',
  amount: '12.5',
  amountWei: '12500000000000000000',
  leafIndex: 1,
  expiresAt: '2099-01-31T12:00:00.000Z',
  claimable: true,
  claimed: false,
  voided: false,
  txHash: null,
};

const EARNINGS: Earnings = {
  chain: {
    chainId: 31337,
    rpcUrl: 'http://127.0.0.1:8545',
    token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
    distributor: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    explorerTxUrl: 'https://explorer.example/tx/',
  },
  relay: { minAmount: '1', minAmountWei: '1000000000000000000', dailyCap: 3 },
  totals: { pending: '1.5', claimable: '12.5', claimed: '3', expired: '0.25' },
  epochs: [
    CLAIMABLE,
    {
      ...CLAIMABLE,
      epochId: 3,
      mode: 'push',
      status: 'paid',
      amount: '3',
      amountWei: '3000000000000000000',
      claimable: false,
      txHash: PUSH_HASH,
    },
    { ...CLAIMABLE, epochId: 2, amount: '0.25', expiresAt: '2020-01-01T00:00:00.000Z', status: 'swept', claimable: false },
  ],
  recent: [
    { id: '91', kind: 'reversal', amount: '0.5', projectId: 3, projectName: 'Pets', createdAt: '2026-11-25T10:00:00.000Z' },
    { id: '90', kind: 'reward', amount: '0.5', projectId: 3, projectName: 'Pets', createdAt: '2026-11-25T09:00:00.000Z' },
    { id: '89', kind: 'adjustment', amount: '2', projectId: null, projectName: null, createdAt: '2026-11-24T09:00:00.000Z' },
  ],
  datasetSales: [],
};

const CLAIMED: Earnings = {
  ...EARNINGS,
  totals: { ...EARNINGS.totals, claimable: '0', claimed: '15.5' },
  epochs: [{ ...CLAIMABLE, claimable: false, claimed: true, txHash: HASH }, ...EARNINGS.epochs.slice(1)],
};

const PROOF: ClaimProof = {
  epochId: 4,
  index: 1,
  account: '0x1234567890abcdef1234567890abcdef12345678',
  amountWei: '12500000000000000000',
  proof: [`0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`],
  distributor: EARNINGS.chain.distributor,
  chainId: 31337,
};

function providerError(code: number, message: string) {
  return Object.assign(new Error(message), { code });
}

/** An injected wallet on chain 1 that does not know chain 31337 until it is added. */
function installWallet(overrides: Record<string, (params?: unknown[]) => unknown> = {}) {
  let chainId = '0x1';
  const calls: Array<{ method: string; params?: unknown[] }> = [];
  const handlers: Record<string, (params?: unknown[]) => unknown> = {
    eth_requestAccounts: () => [WALLET],
    eth_chainId: () => chainId,
    wallet_switchEthereumChain: () => {
      throw providerError(4902, 'Unrecognized chain ID "0x7a69". Try adding the chain using wallet_addEthereumChain first.');
    },
    wallet_addEthereumChain: () => {
      chainId = '0x7a69';
      return null;
    },
    eth_sendTransaction: () => HASH,
    eth_getTransactionReceipt: (() => {
      let polls = 0;
      return () => (++polls < 2 ? null : { status: '0x1', transactionHash: HASH });
    })(),
    ...overrides,
  };
  const provider: Eip1193Provider = {
    // eslint-disable-next-line @typescript-eslint/require-await -- handlers throw like a wallet's request rejects
    request: async ({ method, params }) => {
      calls.push({ method, params });
      const handler = handlers[method];
      if (!handler) throw providerError(4200, `unsupported ${method}`);
      return handler(params);
    },
  };
  vi.stubGlobal('ethereum', provider);
  return calls;
}

function renderPage(onFindWork = vi.fn()) {
  render(<EarningsPage onFindWork={onFindWork} pollMs={5} />);
  return onFindWork;
}

describe('EarningsPage', () => {
  beforeEach(() => {
    signIn();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the totals, the payouts with their state and transaction, and recent entries with reversals negative', async () => {
    const api = fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, EARNINGS),
    });
    renderPage();
    const totals = await screen.findByText('Ready to claim', { selector: 'dt' });
    expect(totals.closest('div')?.textContent).toContain('12.5 tokens');
    for (const [label, amount] of [
      ['Pending', '1.5 tokens'],
      ['Claimed', '3 tokens'],
      ['Expired', '0.25 tokens'],
    ]) {
      expect(screen.getByText(label!, { selector: 'dt' }).closest('div')?.textContent).toContain(amount);
    }
    expect(api.callsTo('GET', '/api/me/earnings')[0]?.headers.get('authorization')).toBe('Bearer test-token');

    const payouts = screen.getByRole('table', { name: 'Payouts' });
    const [, claimableRow, pushRow, sweptRow] = within(payouts).getAllByRole('row');
    expect(within(claimableRow!).getByRole('rowheader').textContent).toBe('#4You claim it');
    expect(within(claimableRow!).getByText('Ready to claim')).toBeTruthy();
    expect(within(claimableRow!).getByText(formatDate(CLAIMABLE.expiresAt))).toBeTruthy();
    expect(within(claimableRow!).getByRole('button', { name: 'Claim payout #4 (12.5 tokens) from your wallet' })).toBeTruthy();
    expect(within(claimableRow!).getByRole('button', { name: 'Claim payout #4 (12.5 tokens) without gas' })).toBeTruthy();

    expect(within(pushRow!).getByText('Paid')).toBeTruthy();
    expect(within(pushRow!).getByText('Sent to your wallet')).toBeTruthy();
    const link = within(pushRow!).getByRole('link', { name: `View transaction ${PUSH_HASH}` });
    expect(link.getAttribute('href')).toBe(`https://explorer.example/tx/${PUSH_HASH}`);
    expect(within(pushRow!).queryByRole('button')).toBeNull();

    expect(within(sweptRow!).getByText('Expired')).toBeTruthy();
    expect(within(sweptRow!).queryByRole('button')).toBeNull();

    const recent = screen.getByRole('table', { name: 'Recent activity' });
    const [, reversal, reward, adjustment] = within(recent).getAllByRole('row');
    expect(within(reversal!).getByText('Reversal')).toBeTruthy();
    expect(within(reversal!).getByText('-0.5 tokens')).toBeTruthy();
    expect(within(reward!).getByText('0.5 tokens')).toBeTruthy();
    expect(within(reward!).getByText('Pets')).toBeTruthy();
    expect(within(adjustment!).getByText('Adjustment')).toBeTruthy();
    expect(within(adjustment!).getByText('—')).toBeTruthy();
  });

  it('shows dataset sales per dataset, and says when none has sold', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, {
        ...EARNINGS,
        recent: [
          { id: '95', kind: 'sale_share', amount: '0.75', projectId: null, projectName: null, createdAt: '2026-11-26T09:00:00.000Z' },
          ...EARNINGS.recent,
        ],
        datasetSales: [
          { versionId: 8, name: 'Pets v2', sales: 3, labels: 120, amount: '2.25' },
          { versionId: null, name: null, sales: 1, labels: 4, amount: '0.01' },
        ],
      }),
    });
    renderPage();
    const table = await screen.findByRole('table', { name: 'Dataset sales' });
    const [, pets, unknown] = within(table).getAllByRole('row');
    expect(within(pets!).getByText('Pets v2')).toBeTruthy();
    expect(within(pets!).getByText('3')).toBeTruthy();
    expect(within(pets!).getByText('120')).toBeTruthy();
    expect(within(pets!).getByText('2.25 tokens')).toBeTruthy();
    expect(within(unknown!).getByText('Dataset #?')).toBeTruthy();
    const recent = screen.getByRole('table', { name: 'Recent activity' });
    expect(within(recent).getByText('Dataset sale')).toBeTruthy();
  });

  it('says no dataset holding the labels has sold yet', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, EARNINGS),
    });
    renderPage();
    expect(await screen.findByText('None of the datasets holding your labels has been sold yet.')).toBeTruthy();
  });

  it('shows the bare hash when the chain has no explorer', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, { ...EARNINGS, chain: { ...EARNINGS.chain, explorerTxUrl: null } }),
    });
    renderPage();
    expect(await screen.findByText(PUSH_HASH)).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says how to earn when there is nothing yet, and leads to the projects', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, {
        ...EARNINGS,
        totals: { pending: '0', claimable: '0', claimed: '0', expired: '0' },
        epochs: [],
        recent: [],
      }),
    });
    const onFindWork = renderPage();
    expect(await screen.findByText('Label to earn: accepted labels show up here after the quality check.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Find a project' }));
    expect(onFindWork).toHaveBeenCalled();
  });

  it('says when the earnings cannot be loaded, and tries again', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': [apiError(500, 'INTERNAL', 'boom'), json(200, EARNINGS)],
    });
    renderPage();
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong: boom');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('-0.5 tokens')).toBeTruthy();
  });

  it('claims from the wallet: proof, chain added, the claim transaction to the distributor, receipt, refresh', async () => {
    const api = fakeApi({
      ...STANDING,
      'GET /api/me/earnings': [json(200, EARNINGS), json(200, CLAIMED)],
      'GET /api/me/epochs/4/proof': json(200, PROOF),
    });
    const wallet = installWallet();
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) from your wallet' }));

    expect(await screen.findByText('Payout #4 claimed: the tokens are in your wallet.')).toBeTruthy();
    expect(api.callsTo('GET', '/api/me/epochs/4/proof')).toHaveLength(1);
    expect(wallet.map((call) => call.method)).toEqual([
      'eth_requestAccounts',
      'eth_chainId',
      'wallet_switchEthereumChain',
      'wallet_addEthereumChain',
      'eth_chainId',
      'eth_sendTransaction',
      'eth_getTransactionReceipt',
      'eth_getTransactionReceipt',
    ]);
    const added = wallet.find((call) => call.method === 'wallet_addEthereumChain')?.params?.[0] as { chainId: string; rpcUrls: string[] };
    expect(added.chainId).toBe('0x7a69');
    expect(added.rpcUrls).toEqual(['http://127.0.0.1:8545']);
    const [tx] = wallet.find((call) => call.method === 'eth_sendTransaction')!.params as Array<{ from: string; to: string; data: string }>;
    expect(tx!.from).toBe(WALLET);
    expect(tx!.to).toBe(PROOF.distributor);
    expect(tx!.data).toBe(
      encodeFunctionData({
        abi: parseAbi(['function claim(uint256 epochId, uint256 index, address account, uint256 amount, bytes32[] proof)']),
        functionName: 'claim',
        args: [4n, 1n, PROOF.account as `0x${string}`, 12_500_000_000_000_000_000n, PROOF.proof as `0x${string}`[]],
      }),
    );
    // Refreshed: the epoch is claimed, with its transaction; no claim buttons remain.
    const row = screen.getByText('#4').closest('tr')!;
    expect(within(row).getByText('Claimed')).toBeTruthy();
    expect(within(row).getByRole('link', { name: `View transaction ${HASH}` })).toBeTruthy();
    expect(within(row).queryByRole('button')).toBeNull();
    expect(screen.getByText('Claimed', { selector: 'dt' }).closest('div')?.textContent).toContain('15.5 tokens');
  });

  it('says so when the claim is declined in the wallet, and sends nothing', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, EARNINGS),
      'GET /api/me/epochs/4/proof': json(200, PROOF),
    });
    installWallet({
      eth_chainId: () => '0x7a69',
      eth_sendTransaction: () => {
        throw providerError(4001, 'MetaMask Tx Signature: User denied transaction signature.');
      },
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) from your wallet' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You declined the transaction in your wallet. Nothing was sent.');
    expect(within(alert).queryByRole('button', { name: 'Claim without gas' })).toBeNull();
    // The epoch can be claimed again.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Claim payout #4 (12.5 tokens) from your wallet' }).disabled).toBe(false);
  });

  it('suggests the gas-free claim when the wallet has no ETH for gas, and it goes through', async () => {
    const api = fakeApi({
      ...STANDING,
      'GET /api/me/earnings': [json(200, EARNINGS), json(200, EARNINGS), json(200, CLAIMED)],
      'GET /api/me/epochs/4/proof': json(200, PROOF),
      'POST /api/me/epochs/4/claim': json(202, { status: 'queued', txHash: null }),
    });
    installWallet({
      eth_chainId: () => '0x7a69',
      eth_sendTransaction: () => {
        throw Object.assign(new Error('Internal JSON-RPC error.'), {
          code: -32603,
          data: { code: -32000, message: 'insufficient funds for gas * price + value' },
        });
      },
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) from your wallet' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your wallet has no ETH to pay the gas for this claim.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Claim without gas' }));
    expect(await screen.findByText('Payout #4 claimed: the tokens are in your wallet.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/me/epochs/4/claim')).toHaveLength(1);
  });

  it('offers the gas-free claim when there is no wallet', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, EARNINGS),
    });
    vi.stubGlobal('ethereum', undefined);
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) from your wallet' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No Ethereum wallet found in this browser.');
    expect(within(alert).getByRole('button', { name: 'Claim without gas' })).toBeTruthy();
  });

  it('claims without gas: asks the platform, shows the transaction, polls the earnings until claimed', async () => {
    const queued = { ...EARNINGS, epochs: [{ ...CLAIMABLE, claimable: false }, ...EARNINGS.epochs.slice(1)] };
    const api = fakeApi({
      ...STANDING,
      'GET /api/me/earnings': [json(200, EARNINGS), json(200, queued), json(200, queued), json(200, CLAIMED)],
      'POST /api/me/epochs/4/claim': json(202, { status: 'queued', txHash: HASH }),
    });
    const wallet = installWallet();
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) without gas' }));

    expect(await screen.findByText('Payout #4 claimed: the tokens are in your wallet.')).toBeTruthy();
    const post = api.callsTo('POST', '/api/me/epochs/4/claim');
    expect(post).toHaveLength(1);
    expect(post[0]!.headers.get('authorization')).toBe('Bearer test-token');
    // The first load, then polls until the epoch reads claimed.
    expect(api.callsTo('GET', '/api/me/earnings')).toHaveLength(4);
    expect(wallet).toEqual([]);
    expect(within(screen.getByText('#4').closest('tr')!).getByText('Claimed')).toBeTruthy();
  });

  it('shows the claim on its way while the platform sends it', async () => {
    let release: (response: Response) => void = () => undefined;
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': [json(200, EARNINGS), () => new Promise<Response>((resolve) => (release = resolve))],
      'POST /api/me/epochs/4/claim': json(202, { status: 'queued', txHash: HASH }),
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) without gas' }));
    expect(await screen.findByText(/Payout #4: Tessera is sending your claim…/)).toBeTruthy();
    const row = screen.getByText('#4').closest('tr')!;
    expect(within(row).getByText('Claim on its way')).toBeTruthy();
    expect(within(row).getByRole('link', { name: `View transaction ${HASH}` })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /without gas/ })).toBeNull();
    release(json(200, CLAIMED));
    await waitFor(() => expect(within(screen.getByText('#4').closest('tr')!).getByText('Claimed')).toBeTruthy());
  });

  it('shows the API refusal of a gas-free claim', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, EARNINGS),
      'POST /api/me/epochs/4/claim': apiError(409, 'ALREADY_CLAIMED', 'epoch 4 is claimed already'),
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) without gas' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong: epoch 4 is claimed already');
  });

  it('shows a cancelled (voided) payout as back in pending, and a payout on hold as such, without claim buttons', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, {
        ...EARNINGS,
        totals: { ...EARNINGS.totals, pending: '14', claimable: '0' },
        epochs: [
          { ...CLAIMABLE, epochId: 6, status: 'failed', claimable: false },
          { ...CLAIMABLE, epochId: 5, status: 'voided', claimable: false, voided: true },
        ],
      }),
    });
    renderPage();
    const voided = (await screen.findByText('#5')).closest('tr')!;
    expect(within(voided).getByText('Cancelled: back in pending')).toBeTruthy();
    expect(within(voided).queryByRole('button')).toBeNull();
    const held = screen.getByText('#6').closest('tr')!;
    expect(within(held).getByText('On hold: the payout failed')).toBeTruthy();
    expect(within(held).queryByRole('button')).toBeNull();
    expect(screen.getByText('Pending', { selector: 'dt' }).closest('div')?.textContent).toContain('14 tokens');
  });

  it('offers the gas-free claim only from the minimum, and says the terms', async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, {
        ...EARNINGS,
        relay: { minAmount: '20', minAmountWei: '20000000000000000000', dailyCap: 2 },
      }),
    });
    renderPage();
    expect(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) from your wallet' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /without gas/ })).toBeNull();
    expect(screen.getByText(/Without gas: payouts of 20 tokens or more, up to 2 claims a day\./)).toBeTruthy();
  });

  it("says when the platform's daily cap or minimum refuses a gas-free claim", async () => {
    fakeApi({
      ...STANDING,
      'GET /api/me/earnings': json(200, EARNINGS),
      'POST /api/me/epochs/4/claim': [
        apiError(429, 'RELAY_DAILY_CAP_REACHED', 'You have used your 3 gas-free claims of the last 24 hours'),
        apiError(422, 'RELAY_BELOW_MINIMUM', 'Gas-free claims start at 1 tokens'),
      ],
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) without gas' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'You have used your 3 claims without gas of the last 24 hours. Claim from your wallet, or try again later.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Claim payout #4 (12.5 tokens) without gas' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Tessera sends claims of 1 tokens or more. Claim this payout from your wallet.',
    );
  });
});
