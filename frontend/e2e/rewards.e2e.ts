import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { apiSession, expect, pageWithWallet, shot, test, type ApiCall } from './support/fixtures';
import { waitFor } from './support/screens';

/** Hardhat's second development account (public): gas money for a test annotator on the embedded chain. */
const FAUCET_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const ERC20 = ['function balanceOf(address) view returns (uint256)'];

/**
 * Labels earn tokens: the quality engine accepts two annotators' labels, the admin closes an epoch in
 * the console, and each annotator claims in the browser — one from their own wallet, one gas-free.
 */
test('annotators claim their rewards in the browser after an admin closes an epoch', async ({ browser, baseUrl, adminWallet }) => {
  const admin = await apiSession(baseUrl, adminWallet);
  const project = await admin('POST', '/api/projects', {
    name: `Rewards ${Date.now().toString(36)}`,
    type: 'classification',
    labels: ['yes', 'no'],
    overlap: 2,
    rewardPerLabel: '2',
    status: 'active',
  });
  expect(project.status).toBe(201);
  const items = [1, 2, 3].map((n) => ({ data: { text: `Is ${n} odd?` } }));
  await admin('POST', `/api/projects/${project.body.id}/items`, JSON.stringify(items));
  const wallets = [Wallet.createRandom(), Wallet.createRandom()] as unknown as Wallet[];
  const sessions: ApiCall[] = [];
  for (const wallet of wallets) {
    const session = await apiSession(baseUrl, wallet);
    sessions.push(session);
    for (;;) {
      const assignment = await session('GET', `/api/projects/${project.body.id}/next`);
      if (assignment.status !== 200) break;
      const n = Number(/\d+/.exec(assignment.body.item.data.text as string)![0]);
      await session('POST', `/api/assignments/${assignment.body.assignmentId}/submit`, {
        result: { label: n % 2 ? 'yes' : 'no' },
        leadTimeMs: 3000 + n * 91,
      });
    }
  }
  await admin('POST', `/api/projects/${project.body.id}/quality/aggregate`);
  const earned = await waitFor('credits', async () => {
    const totals = await Promise.all(sessions.map(async (s) => (await s('GET', '/api/me/earnings')).body.totals.pending as string));
    return totals.every((t) => t !== '0') ? totals : undefined;
  });

  // The admin closes a claim epoch in the console; the outbox funds and posts it.
  const console = await pageWithWallet(browser, adminWallet);
  await console.goto(`${baseUrl}/admin/epochs/create`);
  await console.getByRole('button', { name: 'Sign in with wallet' }).click();
  await console.getByRole('button', { name: 'Close epoch' }).click();
  // The console shows the new epoch's page once the close went through.
  await expect(console).toHaveURL(/\/admin\/epochs\/\d+\/show$/);
  const epochId = Number(/\/epochs\/(\d+)\/show$/.exec(console.url())![1]);
  await waitFor('the epoch to be posted', async () =>
    (await admin('GET', `/api/epochs/${epochId}`)).body.status === 'posted' ? true : undefined,
  );
  await console.goto(`${baseUrl}/admin/epochs`);
  await expect(console.getByText('posted').first()).toBeVisible();
  await shot(console, 'admin-epochs');
  await console.goto(`${baseUrl}/admin/token`);
  await expect(console.getByText('Project budgets')).toBeVisible();
  await shot(console, 'admin-token');
  await console.goto(`${baseUrl}/admin/ledger`);
  await shot(console, 'admin-ledger');
  await console.goto(`${baseUrl}/admin/payouts`);
  await expect(console.getByText(`epoch:${epochId}:post`)).toBeVisible();
  await shot(console, 'admin-payouts');

  const chain = (await admin('GET', '/api/chain')).body as { rpcUrl: string; chainId: number; token: { address: string } };
  const provider = new JsonRpcProvider(chain.rpcUrl, chain.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  try {
    // Annotator 1 has gas and claims from their wallet.
    await (await new Wallet(FAUCET_KEY, provider).sendTransaction({ to: wallets[0]!.address, value: 10n ** 17n })).wait();
    const first = await pageWithWallet(browser, wallets[0]!, { rpcUrl: chain.rpcUrl });
    await first.goto(`${baseUrl}/label`);
    await first.getByRole('button', { name: 'Sign in with wallet' }).click();
    await first.getByRole('link', { name: 'Earnings' }).click();
    await expect(first.getByText(earned[0]!).first()).toBeVisible();
    await shot(first, 'label-earnings');
    await first.getByRole('button', { name: new RegExp(`Claim payout #${epochId} .* from your wallet`) }).click();
    await expect(first.getByText(`Payout #${epochId} claimed: the tokens are in your wallet.`)).toBeVisible({ timeout: 30_000 });
    await shot(first, 'label-earnings-claimed');

    // Annotator 2 has no gas: Tessera sends the claim.
    const second = await pageWithWallet(browser, wallets[1]!, { rpcUrl: chain.rpcUrl });
    await second.goto(`${baseUrl}/label/earnings`);
    await second.getByRole('button', { name: 'Sign in with wallet' }).click();
    await second.getByRole('button', { name: new RegExp(`Claim payout #${epochId} .* without gas`) }).click();
    await expect(second.getByText(`Payout #${epochId} claimed: the tokens are in your wallet.`)).toBeVisible({ timeout: 30_000 });

    // Each wallet holds exactly what its ledger says it earned.
    const token = new Contract(chain.token.address, ERC20, provider);
    for (const [i, wallet] of wallets.entries()) {
      const earnings = (await sessions[i]!('GET', '/api/me/earnings')).body;
      const mine = earnings.epochs.find((e: { epochId: number }) => e.epochId === epochId);
      expect(mine).toMatchObject({ claimed: true });
      expect((await token.getFunction('balanceOf')(wallet.address)) as bigint).toBe(BigInt(mine.amountWei as string));
      expect(earnings.totals.claimed).toBe(earned[i]);
    }
  } finally {
    provider.destroy();
  }
});
