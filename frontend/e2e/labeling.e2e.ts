import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Wallet } from 'ethers';
import { makePng } from '../../backend/src/demo/png';
import type { Page } from '@playwright/test';
import { apiSession, expect, pageWithWallet, shot, test } from './support/fixtures';

/**
 * Picks an option of a select in the console. Retried: on a busy machine a click that lands while the
 * menu is still opening can be lost, leaving the menu open over the form.
 */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await expect(async () => {
    const listbox = page.getByRole('listbox');
    if (!(await listbox.isVisible())) await page.getByLabel(label).click();
    await listbox.getByRole('option', { name: option }).click({ timeout: 2_000 });
    await expect(listbox).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('combobox', { name: label })).toHaveText(option);
}

/**
 * An annotator labels one item of every project type in the browser, with the keyboard and the
 * mouse; the labels are then read back from the server.
 */
test.describe.serial('an admin sets up every project type, an annotator labels them', () => {
  const suffix = Date.now().toString(36);
  const names = {
    classification: `Sentiment ${suffix}`,
    multilabel: `Topics ${suffix}`,
    spans: `Entities ${suffix}`,
    boxes: `Shapes ${suffix}`,
    text: `Captions ${suffix}`,
  };
  const ids: Record<string, number> = {};

  test('an admin signs in to the console, creates a project of each type and imports items', async ({
    browser,
    baseUrl,
    adminWallet,
  }, testInfo) => {
    const files = testInfo.outputPath('imports');
    mkdirSync(files, { recursive: true });
    const specs = [
      {
        type: 'classification',
        typeName: 'Classification',
        labels: ['positive', 'negative'],
        file: 'reviews.jsonl',
        body: '{"data":{"text":"I loved every minute."}}\n',
      },
      {
        type: 'multilabel',
        typeName: 'Multi-label',
        labels: ['economy', 'sports', 'politics'],
        file: 'headlines.json',
        body: '[{"data":{"text":"Minister opens stadium"}}]',
      },
      {
        type: 'spans',
        typeName: 'Text spans',
        labels: ['PER', 'LOC'],
        file: 'sentences.csv',
        body: 'externalId,text\ns1,Ada met Charles in London.\n',
      },
      { type: 'boxes', typeName: 'Bounding boxes', labels: ['shape'], file: 'square.png', body: makePng(400, 300, [30, 120, 220]) },
      { type: 'text', typeName: 'Free text', labels: [], file: 'captions.jsonl', body: '{"data":{"text":"Describe: a red square"}}\n' },
    ] as const;
    const page = await pageWithWallet(browser, adminWallet);
    await page.goto(`${baseUrl}/admin`);
    await shot(page, 'admin-sign-in');
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(page.getByText('Labels per day')).toBeVisible();
    await shot(page, 'admin-dashboard');
    for (const spec of specs) {
      await page.goto(`${baseUrl}/admin/projects/create`);
      await page.getByLabel('Name').first().fill(names[spec.type]);
      await choose(page, 'Type', spec.typeName);
      for (const label of spec.labels) {
        await page.getByLabel('New label').fill(label);
        await page.keyboard.press('Enter');
      }
      await page.getByLabel('Reward per label').fill('0.5');
      await page.getByLabel('Instructions').fill(`Label the ${spec.type} item.`);
      await choose(page, 'Status', 'Active');
      if (spec.type === 'classification') await shot(page, 'admin-project-create');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('button', { name: 'Import items' })).toBeVisible();
      ids[spec.type] = Number(/projects\/(\d+)/.exec(new URL(page.url()).pathname)![1]);
      await page.getByRole('button', { name: 'Import items' }).click();
      const file = path.join(files, spec.file);
      writeFileSync(file, spec.body);
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(page.getByText('Import finished')).toBeVisible();
      if (spec.type === 'boxes') await shot(page, 'admin-import-result');
      await page.getByRole('button', { name: 'Close' }).click();
    }
    await page.goto(`${baseUrl}/admin/projects`);
    await expect(page.getByRole('columnheader', { name: 'Progress' })).toBeVisible();
    await shot(page, 'admin-projects');
    await page.goto(`${baseUrl}/admin/items`);
    await expect(page.getByText('Ada met Charles in London.').first()).toBeVisible();
    await shot(page, 'admin-items');
    // Every project now holds its one imported item.
    const admin = await apiSession(baseUrl, adminWallet);
    for (const spec of specs) {
      const project = await admin('GET', `/api/projects/${ids[spec.type]}`);
      expect(project.body, spec.type).toMatchObject({ type: spec.type, status: 'active', labels: spec.labels, stats: { items: 1 } });
    }
  });

  test('an annotator labels each type with keyboard and mouse', async ({ browser, baseUrl, adminWallet }) => {
    const annotator = Wallet.createRandom() as unknown as Wallet;
    const page = await pageWithWallet(browser, annotator);
    await page.goto(`${baseUrl}/label`);
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await shot(page, 'label-projects');

    const open = async (name: string) => {
      await page.goto(`${baseUrl}/label`);
      const card = page.getByRole('article', { name });
      await card.getByRole('button').first().click();
      await expect(page.getByRole('heading', { name })).toBeVisible();
    };

    // Classification: digit key, then Enter.
    await open(names.classification);
    await expect(page.getByText('I loved every minute.')).toBeVisible();
    await shot(page, 'label-classification');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect(page.getByText(/Nothing left to label/)).toBeVisible();

    // Multi-label: toggle two labels with the mouse and one off with a key, then Enter.
    await open(names.multilabel);
    await page.getByRole('checkbox', { name: /sports/ }).click();
    await page.getByRole('checkbox', { name: /politics/ }).click();
    await page.getByRole('checkbox', { name: /economy/ }).click();
    await page.keyboard.press('1');
    await shot(page, 'label-multilabel');
    await page.keyboard.press('Enter');
    await expect(page.getByText(/Nothing left to label/)).toBeVisible();

    // Spans: double-click a word to select it, press the label key; a second one with the mouse.
    await open(names.spans);
    const text = page.getByRole('region', { name: /text/i });
    await text.getByText('Ada met Charles in London.').dblclick({ position: { x: 8, y: 8 } });
    await page.keyboard.press('1');
    await expect(page.getByRole('button', { name: /Remove .*Ada.*PER/ })).toBeVisible();
    await shot(page, 'label-spans');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByText(/Nothing left to label/)).toBeVisible();

    // Boxes: drag a box on the image with the mouse, then submit with Enter.
    await open(names.boxes);
    const image = page.getByRole('img', { name: 'Image to label' });
    await expect(image).toBeVisible();
    const area = (await image.boundingBox())!;
    await page.mouse.move(area.x + area.width * 0.25, area.y + area.height * 0.25);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width * 0.5, area.y + area.height * 0.5, { steps: 5 });
    await page.mouse.move(area.x + area.width * 0.75, area.y + area.height * 0.75, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByRole('button', { name: /Remove Box 1/ })).toBeVisible();
    await shot(page, 'label-boxes');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByText(/Nothing left to label/)).toBeVisible();

    // Free text: type, then Ctrl+Enter.
    await open(names.text);
    await page.getByRole('textbox').fill('A bright red square on white.');
    await shot(page, 'label-text');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText(/Nothing left to label/)).toBeVisible();
    await shot(page, 'label-nothing-left');

    // The labels are in the database, and in the console.
    const console = await pageWithWallet(browser, adminWallet);
    await console.goto(`${baseUrl}/admin`);
    await console.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(console.getByText('Labels per day')).toBeVisible();
    await console.goto(`${baseUrl}/admin/annotations`);
    await expect(console.getByText(annotator.address.slice(0, 6)).first()).toBeVisible();
    await shot(console, 'admin-annotations');
    await console.goto(`${baseUrl}/admin/users`);
    await shot(console, 'admin-users');
    await console.goto(`${baseUrl}/admin/review`);
    await expect(console.getByText('Nothing to review')).toBeVisible();
    await shot(console, 'admin-review');
    await console.goto(`${baseUrl}/admin/suspensions`);
    await shot(console, 'admin-suspensions');
    await console.goto(`${baseUrl}/admin/projects/${ids['classification']}/show/quality`);
    await expect(console.getByRole('button', { name: /Recompute now/ })).toBeVisible();
    await shot(console, 'admin-project-quality');
    await console.goto(`${baseUrl}/admin/users`);
    await console.getByRole('link', { name: `Quality of ${annotator.address.slice(0, 6)}…${annotator.address.slice(-4)}` }).click();
    await expect(console.getByText('5 labels in 5 projects')).toBeVisible();
    await expect(console.getByRole('table', { name: 'Per project' }).getByRole('row')).toHaveCount(6);
    await shot(console, 'admin-annotator-quality');
    const admin = await apiSession(baseUrl, adminWallet);
    const results: Record<string, unknown> = {};
    for (const [type, id] of Object.entries(ids)) {
      const list = await admin('GET', `/api/annotations?filter=${encodeURIComponent(JSON.stringify({ projectId: id }))}`);
      expect(list.body, type).toHaveLength(1);
      expect(list.body[0].annotatorAddress).toBe(annotator.address);
      results[type] = list.body[0].result;
    }
    expect(results['classification']).toEqual({ label: 'positive' });
    expect(results['multilabel']).toEqual({ labels: ['sports', 'politics'] });
    expect(results['spans']).toEqual({ spans: [{ start: 0, end: 3, label: 'PER' }] });
    expect(results['text']).toEqual({ text: 'A bright red square on white.' });
    const [box] = (results['boxes'] as { boxes: Array<{ x: number; y: number; w: number; h: number; label: string }> }).boxes;
    expect(box!.label).toBe('shape');
    expect(box!.x).toBeGreaterThan(90);
    expect(box!.x).toBeLessThan(110);
    expect(box!.w).toBeGreaterThan(190);
    expect(box!.w).toBeLessThan(210);
    expect(box!.y + box!.h).toBeLessThanOrEqual(300);
  });
});
