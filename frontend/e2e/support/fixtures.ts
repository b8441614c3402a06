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
  // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  baseUrl: async ({}, use) => {
    await use(process.env['TESSERA_E2E_URL']!);
  },
  // eslint-disable-next-line no-empty-pattern
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
  options?: { chainId?: number; reject?: boolean; rpcUrl?: string },
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await injectWallet(page, wallet, options);
  return page;
}

export type ApiCall = (method: string, route: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** The API as a signed-in wallet, for arranging data and checking what the browser stored. */
export async function apiSession(baseUrl: string, wallet: Wallet): Promise<ApiCall & { token: string }> {
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
  const call: ApiCall = async (method, route, body) => {
    const isForm = body instanceof FormData;
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : isForm || typeof body === 'string' ? (body as BodyInit) : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return Object.assign(call, { token });
}
