import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Wallet } from 'ethers';
import { apiSession, expect, pageWithWallet, shot, test } from './support/fixtures';
import { publishedDataset } from './support/screens';

/**
 * A new buyer on the embedded chain: searches the catalogue, narrows it by quality, opens a priced
 * dataset, takes test funds from the faucet, buys in the wallet (an approval, then one
 * buy-and-order transaction), downloads a file whose bytes are the version's, and finds the order
 * under "My purchases".
 */
test('a buyer finds, buys and downloads a dataset, and finds it under my purchases', async ({ browser, baseUrl, adminWallet }) => {
  const admin = await apiSession(baseUrl, adminWallet);
  const tag = Date.now().toString(36);
  const project = await admin('POST', '/api/projects', {
    name: `Market ${tag}`,
    type: 'classification',
    labels: ['positive', 'negative'],
    overlap: 2,
    rewardPerLabel: '1',
    status: 'active',
  });
  expect(project.status).toBe(201);
  const texts = Array.from({ length: 6 }, (_, n) => ({ data: { text: `review ${n}: ${n % 2 ? 'awful' : 'lovely'} ${tag}` } }));
  await admin('POST', `/api/projects/${project.body.id}/items`, JSON.stringify(texts));
  for (const wallet of [Wallet.createRandom(), Wallet.createRandom()] as unknown as Wallet[]) {
    const session = await apiSession(baseUrl, wallet);
    for (;;) {
      const assignment = await session('GET', `/api/projects/${project.body.id}/next`);
      if (assignment.status !== 200) break;
      const text = assignment.body.item.data.text as string;
      await session('POST', `/api/assignments/${assignment.body.assignmentId}/submit`, {
        result: { label: text.includes('lovely') ? 'positive' : 'negative' },
        leadTimeMs: 2500,
      });
    }
  }
  await admin('POST', `/api/projects/${project.body.id}/quality/aggregate`);
  const published = await publishedDataset(admin, project.body.id, `Sentiment ${tag}`, '2.5');
  const chain = (await admin('GET', '/api/chain')).body as { rpcUrl: string };

  const buyer = Wallet.createRandom() as unknown as Wallet;
  const page = await pageWithWallet(browser, buyer, { rpcUrl: chain.rpcUrl });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${baseUrl}/market`);
  await page.getByRole('searchbox', { name: 'Search datasets' }).fill(`Sentiment ${tag}`);
  await page.getByRole('searchbox', { name: 'Search datasets' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '1 dataset' })).toBeVisible();
  // Narrowed by quality: the labels agree, so a high confidence floor keeps it.
  await page.getByRole('slider', { name: /Confidence at least/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('article', { name: `Sentiment ${tag}` })).toBeVisible();
  await shot(page, 'market-catalogue-1280');
  await page
    .getByRole('article', { name: `Sentiment ${tag}` })
    .getByRole('link')
    .click();
  await expect(page.getByRole('heading', { level: 1, name: `Sentiment ${tag}` })).toBeVisible();
  await expect(page.getByText('2.5 OCEAN')).toBeVisible();
  // A preview of the records before buying: the train split's rows, without who labelled them.
  const sample = page.getByRole('table', { name: 'Sample records of the train split' });
  await expect(sample.getByRole('row').nth(1)).toContainText(tag);
  await expect(sample.getByRole('columnheader', { name: 'annotations' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Get test funds' }).click();
  await expect(page.getByText(/your balance: [1-9]/)).toBeVisible();
  await page.getByRole('button', { name: 'Buy' }).click();
  await expect(page.getByText(/^Bought \(order 0x/)).toBeVisible({ timeout: 60_000 });
  await shot(page, 'market-asset-bought-1280');

  const jsonl = published.files.find((f) => f.name === 'data.jsonl')!;
  const row = page.getByRole('row').filter({ hasText: 'data.jsonl' });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('data.jsonl');
  const saved = await download.path();
  expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(jsonl.sha256);

  await page.getByRole('link', { name: 'My purchases' }).click();
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(page.getByRole('link', { name: `Sentiment ${tag}` })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('cell', { name: /until|no expiry/ })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'market-purchases-390');
});
