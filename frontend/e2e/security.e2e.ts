import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Wallet } from 'ethers';
import type { Locator, Page } from '@playwright/test';
import { makePng } from '../../backend/src/demo/png';
import { repoRoot } from './support/server';
import { apiSession, cspViolations, expect, pageWithWallet, shot, test, trackCsp } from './support/fixtures';

const dist = path.join(repoRoot, 'frontend/dist');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** The image has arrived and decoded (a blocked or refused one has no natural size). */
async function expectLoaded(image: Locator): Promise<void> {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0))).toBeGreaterThan(0);
}

function expectPolicy(header: string | undefined): void {
  expect(header).toContain("default-src 'self'");
  expect(header).toContain("script-src 'self'");
  expect(header).toContain("frame-ancestors 'none'");
}

test.describe('the browser areas under the Content-Security-Policy', () => {
  test('the built app never puts a session token in a URL', () => {
    const code = filesUnder(dist).filter((file) => /\.(js|html)$/.test(file));
    expect(code.length).toBeGreaterThan(0);
    for (const file of code) expect(readFileSync(file, 'utf8'), path.relative(dist, file)).not.toContain('token=');
  });

  test('a violation is caught (the guard itself works)', async ({ browser, baseUrl }) => {
    // Violations on purpose: this page is left out of the end-of-test check.
    const page = await trackCsp(await (await browser.newContext()).newPage(), false);
    await page.goto(`${baseUrl}/market`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    await expect.poll(() => cspViolations(page).some((v) => v.directive === 'script-src-elem' && v.blocked === 'inline')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  });

  test('/label, /admin, /market and the API docs run signed in with no violation', async ({ browser, baseUrl, adminWallet }) => {
    const admin = await apiSession(baseUrl, adminWallet);
    const name = `Parking lot ${Date.now().toString(36)}`;
    const project = await admin('POST', '/api/projects', {
      name,
      type: 'boxes',
      labels: ['car'],
      overlap: 1,
      rewardPerLabel: '0.5',
      status: 'active',
    });
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(makePng(320, 200, [200, 60, 40]))], { type: 'image/png' }), 'lot.png');
    expect((await admin('POST', `/api/projects/${project.body.id}/items`, form)).body.imported).toBe(1);

    // The annotator app: sign-in, projects, an image assignment loaded through its signed URL, earnings.
    const annotator: Page = await pageWithWallet(browser, Wallet.createRandom() as unknown as Wallet);
    const labelPage = await annotator.goto(`${baseUrl}/label`);
    expectPolicy(labelPage?.headers()['content-security-policy']);
    await annotator.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(annotator.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await annotator.getByRole('article', { name }).getByRole('button').first().click();
    const image = annotator.getByRole('img', { name: 'Image to label' });
    await expectLoaded(image);
    expect(await image.getAttribute('src')).toMatch(/^\/api\/files\/\w+\?u=\d+&exp=\d+&sig=[\w-]+$/);
    await shot(annotator, 'csp-label-boxes');
    await annotator.goto(`${baseUrl}/label/earnings`);
    await expect(annotator.getByRole('heading', { name: 'Earnings' })).toBeVisible();
    expect(cspViolations(annotator)).toEqual([]);

    // The console: dashboard (charts, emotion styles), the item list with its thumbnail, the token page.
    const console = await pageWithWallet(browser, adminWallet);
    expectPolicy((await console.goto(`${baseUrl}/admin`))?.headers()['content-security-policy']);
    await console.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(console.getByText('Labels per day')).toBeVisible();
    await console.goto(`${baseUrl}/admin/items?filter=${encodeURIComponent(JSON.stringify({ projectId: project.body.id }))}`);
    await expectLoaded(console.getByRole('img', { name: /^Image of item \d+$/ }).first());
    await console.goto(`${baseUrl}/admin/token`);
    await expect(console.getByText('8996').first()).toBeVisible();
    await console.goto(`${baseUrl}/admin/review`);
    await expect(console.getByText('Nothing to review')).toBeVisible();
    expect(cspViolations(console)).toEqual([]);

    // The buyer area, and Swagger UI at /api/docs under the same policy.
    const market = await pageWithWallet(browser, Wallet.createRandom() as unknown as Wallet);
    expectPolicy((await market.goto(`${baseUrl}/market`))?.headers()['content-security-policy']);
    await expect(market.getByRole('heading', { name: 'Dataset catalogue' })).toBeVisible();
    expectPolicy((await market.goto(`${baseUrl}/api/docs`))?.headers()['content-security-policy']);
    await expect(market.getByText('Tessera API').first()).toBeVisible();
    await expect(market.locator('.opblock').first()).toBeVisible();
    expect(cspViolations(market)).toEqual([]);
  });
});
