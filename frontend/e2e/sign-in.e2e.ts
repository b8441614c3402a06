import { Wallet } from 'ethers';
import { expect, pageWithWallet, plainPage, shot, test } from './support/fixtures';

test.describe('wallet sign-in', () => {
  test('explains a missing wallet', async ({ browser, baseUrl }) => {
    const page = await plainPage(browser);
    await page.goto(`${baseUrl}/label`);
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(page.getByRole('alert')).toContainText('No Ethereum wallet found');
    await shot(page, 'sign-in-no-wallet');
  });

  test('explains a wallet on the wrong chain', async ({ browser, baseUrl }) => {
    const page = await pageWithWallet(browser, Wallet.createRandom() as unknown as Wallet, { chainId: 1 });
    await page.goto(`${baseUrl}/label`);
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(page.getByRole('alert')).toContainText('chain 1');
    await expect(page.getByRole('alert')).toContainText('8996');
  });

  test('explains a rejected signature', async ({ browser, baseUrl }) => {
    const page = await pageWithWallet(browser, Wallet.createRandom() as unknown as Wallet, { reject: true });
    await page.goto(`${baseUrl}/label`);
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(page.getByRole('alert')).toContainText('declined');
    await shot(page, 'sign-in-rejected');
  });

  test('signs in, survives a reload, and shows the expired state when the session ends', async ({ browser, baseUrl }) => {
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const page = await pageWithWallet(browser, wallet);
    await page.goto(`${baseUrl}/label`);
    await shot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    // The server no longer accepts the token (e.g. it expired): the app says so and offers sign-in.
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('tessera.session')!) as { token: string };
      session.token = `${session.token.slice(0, -4)}AAAA`;
      localStorage.setItem('tessera.session', JSON.stringify(session));
    });
    await page.reload();
    await expect(page.getByText('Your session has expired')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with wallet' })).toBeVisible();
  });
});
