import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { Wallet } from 'ethers';
import { repoRoot } from './server';
import { injectWallet } from './wallet';

export interface Fixtures {
  baseUrl: string;
  adminWallet: Wallet;
}

export const test = base.extend<Fixtures>({
  baseUrl: async ({}, use) => {
    await use(process.env['TESSERA_E2E_URL']!);
  },
  adminWallet: async ({}, use) => {
    await use(new Wallet(process.env['TESSERA_E2E_ADMIN_KEY']!));
  },
});

export { expect } from '@playwright/test';

/** Screenshots of each screen are kept as test artifacts in frontend/test-results/screenshots. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(repoRoot, 'frontend/test-results/screenshots', `${name}.png`), fullPage: true });
}

export async function pageWithWallet(
  browser: import('@playwright/test').Browser,
  wallet: Wallet,
  options?: { chainId?: number; reject?: boolean },
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await injectWallet(page, wallet, options);
  return page;
}

/** The API as a signed-in wallet, for arranging data and checking what the browser stored. */
export async function apiSession(
  baseUrl: string,
  wallet: Wallet,
): Promise<(method: string, route: string, body?: unknown) => Promise<{ status: number; body: any }>> {
  const url = new URL(baseUrl);
  const { nonce } = (await (await fetch(`${baseUrl}/api/auth/nonce`)).json()) as { nonce: string };
  const message = [
    `${url.host} wants you to sign in with your Ethereum account:`,
    wallet.address,
    '',
    '',
    `URI: ${url.origin}`,
    'Version: 1',
    'Chain ID: 8996',
    `Nonce: ${nonce}`,
    `Issued At: ${new Date().toISOString()}`,
  ].join('\n');
  const verify = await fetch(`${baseUrl}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message, signature: await wallet.signMessage(message) }),
  });
  const { token } = (await verify.json()) as { token: string };
  return async (method, route, body) => {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}
