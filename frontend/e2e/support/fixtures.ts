import path from 'node:path';
import { test as base, expect as baseExpect, type Browser, type Page } from '@playwright/test';
import { Wallet } from 'ethers';
import { signIn } from '../../../backend/test/support/wallet.js';
import { repoRoot } from './server';
import { injectWallet } from './wallet';

export interface Fixtures {
  baseUrl: string;
  adminWallet: Wallet;
  /** Every page a test opens through these helpers, checked for Content-Security-Policy violations at its end. */
  cspGuard: void;
}

/** A Content-Security-Policy violation as the page reported it. */
export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

let trackedPages: Page[] = [];

const seenBy = new WeakMap<Page, CspViolation[]>();

/**
 * Records the page's CSP violations across navigations: the `securitypolicyviolation` events of every
 * document it loads (reported to the test as they happen), and the console errors Chromium prints
 * for them (which also cover blocks no event reaches).
 */
export async function trackCsp(page: Page, checkAtEnd = true): Promise<Page> {
  const seen: CspViolation[] = [];
  seenBy.set(page, seen);
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      seen.push({ directive: 'console', blocked: message.text(), source: page.url() });
    }
  });
  await page.exposeFunction('__tesseraCspViolation', (violation: CspViolation) => {
    seen.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __tesseraCspViolation: (v: unknown) => Promise<void> }).__tesseraCspViolation;
      void report({ directive: event.effectiveDirective, blocked: event.blockedURI, source: `${event.sourceFile}:${event.lineNumber}` });
    });
  });
  if (checkAtEnd) trackedPages.push(page);
  return page;
}

/** The violations a tracked page reported so far. */
export function cspViolations(page: Page): CspViolation[] {
  return [...(seenBy.get(page) ?? [])];
}

/** A page of its own (new context), tracked for CSP violations, with no wallet. */
export async function plainPage(browser: Browser): Promise<Page> {
  return trackCsp(await (await browser.newContext()).newPage());
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
  cspGuard: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      trackedPages = [];
      await use();
      for (const page of trackedPages) baseExpect(cspViolations(page), `CSP violations on ${page.url()}`).toEqual([]);
      trackedPages = [];
    },
    { auto: true },
  ],
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
  const page = await trackCsp(await context.newPage());
  await injectWallet(page, wallet, options);
  return page;
}

export type ApiCall = (method: string, route: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** The API as a signed-in wallet, for arranging data and checking what the browser stored. */
export async function apiSession(baseUrl: string, wallet: Wallet): Promise<ApiCall & { token: string }> {
  const { token } = await signIn(baseUrl, wallet);
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
