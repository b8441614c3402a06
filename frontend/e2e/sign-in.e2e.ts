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

test.describe('console sign-in', () => {
  test('a signed-out deep link shows the sign-in button at once, Back leaves the console, and signing in lands on the link', async ({
    browser,
    baseUrl,
    adminWallet,
  }) => {
    const page = await pageWithWallet(browser, adminWallet);
    // Count the app's history writes: the redirect to sign-in must be one replace, never a loop of pushes.
    await page.addInitScript(() => {
      const counts = { push: 0, replace: 0 };
      (window as unknown as { __history: typeof counts }).__history = counts;
      const push = history.pushState.bind(history);
      const replace = history.replaceState.bind(history);
      history.pushState = (...args: Parameters<History['pushState']>) => {
        counts.push++;
        push(...args);
      };
      history.replaceState = (...args: Parameters<History['replaceState']>) => {
        counts.replace++;
        replace(...args);
      };
    });
    await page.goto(`${baseUrl}/label`);
    await page.goto(`${baseUrl}/admin/review`);
    // The state that proves there was no loop: the sign-in page, reached without a single push.
    await expect(page.getByRole('button', { name: 'Sign in with wallet' })).toBeVisible();
    await expect(page).toHaveURL(`${baseUrl}/admin/login`);
    expect(await page.evaluate(() => (window as unknown as { __history: { push: number } }).__history.push)).toBe(0);

    await page.goBack();
    await expect(page).toHaveURL(`${baseUrl}/label`);
    await expect(page.getByRole('button', { name: 'Sign in with wallet' })).toBeVisible();

    await page.goForward();
    await expect(page).toHaveURL(`${baseUrl}/admin/login`);
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(page).toHaveURL(`${baseUrl}/admin/review`);
    await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
  });
});
