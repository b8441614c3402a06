import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Wallet } from 'ethers';
import type { Locator, Page } from '@playwright/test';
import { apiSession, expect, pageWithWallet, plainPage, test, type ApiCall } from './support/fixtures';
import { atBothSizes, publishedDataset, waitFor } from './support/screens';
import { repoRoot } from './support/server';

/** The console's page heading: the title react-admin writes into the app bar. */
function consoleTitle(page: Page, text: string | RegExp): Locator {
  return page.locator('#react-admin-title').filter({ hasText: text });
}

async function labelAll(session: ApiCall, projectId: number, answer: (data: Record<string, unknown>) => unknown): Promise<void> {
  for (;;) {
    const assignment = await session('GET', `/api/projects/${projectId}/next`);
    if (assignment.status !== 200) return;
    const submitted = await session('POST', `/api/assignments/${assignment.body.assignmentId}/submit`, {
      result: answer(assignment.body.item.data as Record<string, unknown>),
      leadTimeMs: 3000,
    });
    expect(submitted.status).toBeLessThan(300);
  }
}

async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
}

/**
 * Every screen of the annotator app, the console and the market, at 1280x800 and 390x844, on one set
 * of data: a project of each type, an annotator with labels awaiting the check, a suspended annotator
 * who asked for a review, a closed epoch, and a published dataset.
 */
test.describe.serial('every screen at 1280x800 and 390x844', () => {
  const tag = Date.now().toString(36);
  const annotator = Wallet.createRandom() as unknown as Wallet;
  const suspended = Wallet.createRandom() as unknown as Wallet;
  const projects: Record<'classification' | 'multilabel' | 'text' | 'boxes' | 'spans' | 'sales', { id: number; name: string }> = {
    classification: { id: 0, name: `Reviews ${tag}` },
    multilabel: { id: 0, name: `Topics ${tag}` },
    text: { id: 0, name: `Captions ${tag}` },
    boxes: { id: 0, name: `Street ${tag}` },
    spans: { id: 0, name: `People ${tag}` },
    sales: { id: 0, name: `Sentiment ${tag}` },
  };
  let dataset: { id: number; did: string; name: string };

  test.beforeAll(async ({ baseUrl, adminWallet }) => {
    test.setTimeout(120_000);
    const admin = await apiSession(baseUrl, adminWallet);
    const create = async (key: keyof typeof projects, type: string, labels: string[], overlap: number, items: unknown) => {
      const created = await admin('POST', '/api/projects', {
        name: projects[key].name,
        type,
        labels,
        overlap,
        rewardPerLabel: '0.5',
        status: 'active',
        instructions: 'Read each item to the end before you answer; when in doubt, skip it.',
      });
      expect(created.status).toBe(201);
      projects[key].id = created.body.id;
      const imported = await admin(
        'POST',
        `/api/projects/${created.body.id}/items`,
        items instanceof FormData ? items : JSON.stringify(items),
      );
      expect(imported.status).toBeLessThan(300);
    };
    await create('classification', 'classification', ['positive', 'negative', 'neutral'], 2, [
      { data: { text: 'Great value, works exactly as described and arrived early.' } },
    ]);
    await create('multilabel', 'multilabel', ['sports', 'politics', 'science', 'culture'], 2, [
      { data: { text: 'The physics Nobel went to a team measuring gravitational waves.' } },
    ]);
    await create('text', 'text', [], 2, [{ data: { text: 'A dog catches a frisbee in a park.' } }]);
    const scene = new FormData();
    const png = readFileSync(path.join(repoRoot, 'backend/src/demo/images/street-scene.png'));
    scene.append('files', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'street-scene.png');
    await create('boxes', 'boxes', ['car', 'person', 'dog', 'tree', 'house'], 2, scene);
    await create('spans', 'spans', ['PER', 'LOC', 'DATE'], 2, [{ data: { text: 'Ada Lovelace met Charles Babbage in London in 1833.' } }]);
    const texts = Array.from({ length: 6 }, (_, n) => ({ data: { text: `review ${n}: ${n % 2 ? 'awful' : 'lovely'} ${tag}` } }));
    await create('sales', 'classification', ['positive', 'negative'], 2, texts);

    // Two annotators settle the sales project; the first annotator's labels there are accepted.
    const first = await apiSession(baseUrl, annotator);
    const second = await apiSession(baseUrl, Wallet.createRandom() as unknown as Wallet);
    for (const session of [first, second]) {
      await labelAll(session, projects.sales.id, (data) => ({ label: String(data['text']).includes('lovely') ? 'positive' : 'negative' }));
    }
    await admin('POST', `/api/projects/${projects.sales.id}/quality/aggregate`);

    // The suspended annotator labelled once, then was suspended and asked for a review.
    const other = await apiSession(baseUrl, suspended);
    const assignment = await other('GET', `/api/projects/${projects.classification.id}/next`);
    await other('POST', `/api/assignments/${assignment.body.assignmentId}/submit`, { result: { label: 'positive' }, leadTimeMs: 3000 });
    const me = await other('GET', '/api/auth/me');
    const suspension = await admin('POST', '/api/suspensions', { annotatorId: me.body.id, note: 'answers copied from another account' });
    expect(suspension.status).toBe(201);
    expect((await other('POST', '/api/me/suspension/review-request', { message: 'I labelled every item myself.' })).status).toBeLessThan(
      300,
    );

    // An epoch closes once the accepted labels are credited (the credits follow the aggregation).
    await waitFor('a closed epoch', async () =>
      (await admin('POST', '/api/epochs', { mode: 'claim' })).status === 201 ? true : undefined,
    );

    const published = await publishedDataset(admin, projects.sales.id, projects.sales.name, '2.5');
    dataset = { id: published.id, did: published.publication.did, name: projects.sales.name };
  });

  test('the annotator app', async ({ browser, baseUrl }) => {
    const page = await pageWithWallet(browser, annotator);
    await page.goto(`${baseUrl}/label`);
    await atBothSizes(page, 'label-sign-in', page.getByRole('heading', { level: 1, name: 'Sign in with your wallet' }));
    await signIn(page);
    await atBothSizes(page, 'label-projects', page.getByRole('heading', { level: 1, name: 'Projects' }));

    // Each widget, its item skipped after (an annotator holds only a few items open at a time) but
    // the classification item's, which is answered: nothing is left there.
    for (const type of ['multilabel', 'text', 'boxes', 'spans', 'classification'] as const) {
      await page.goto(`${baseUrl}/label/projects/${projects[type].id}`);
      await expect(page.getByRole('timer')).toBeVisible();
      await atBothSizes(page, `label-${type}`, page.getByRole('heading', { level: 1, name: projects[type].name }));
      if (type !== 'classification') {
        await page.getByRole('button', { name: 'Skip' }).click();
        await expect(page.getByText('Nothing left to label in this project. Thank you!')).toBeVisible();
      }
    }
    await page.getByRole('radiogroup', { name: 'Choose a label' }).focus();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Nothing left to label in this project. Thank you!')).toBeVisible();
    await atBothSizes(page, 'label-nothing-left', page.getByRole('heading', { level: 1, name: projects.classification.name }));

    // Earnings: labels awaiting the check, the trust multiplier, the history of one's labels.
    await page.getByRole('link', { name: 'See your earnings' }).click();
    await expect(page.getByRole('region', { name: 'Your labels and the quality check' }).locator('.count-pending dd')).toHaveText('1');
    await expect(page.getByRole('region', { name: 'Your trust multiplier' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Your recent labels' })).toBeVisible();
    await atBothSizes(page, 'label-earnings', page.getByRole('heading', { level: 1, name: 'Earnings' }));
    await page.getByRole('table', { name: 'Your recent labels' }).scrollIntoViewIfNeeded();
    await page
      .getByRole('button', { name: new RegExp(`^Correct: ${projects.classification.name}`) })
      .first()
      .click();
    const editor = page.getByRole('region', { name: new RegExp(`Correct your label · ${projects.classification.name}`) });
    await expect(editor.getByRole('radio', { name: /positive/ })).toBeChecked();
    await atBothSizes(page, 'label-my-labels-correct', editor.getByRole('heading').first());

    // An unknown path answers HTTP 404 with the app, which draws its own 404 page.
    expect((await page.goto(`${baseUrl}/label/no-such-page`))?.status()).toBe(404);
    await atBothSizes(page, 'label-not-found', page.getByRole('heading', { level: 1, name: 'This page does not exist.' }));

    // The suspended annotator: the notice with the rule, its scope and the review requested.
    const barred = await pageWithWallet(browser, suspended);
    await barred.goto(`${baseUrl}/label`);
    await signIn(barred);
    const notice = barred.getByRole('region', { name: 'Your account is suspended' });
    await expect(notice).toContainText('Review requested on');
    await atBothSizes(barred, 'label-suspended', barred.getByRole('heading', { level: 1, name: 'Projects' }));
    await barred.getByRole('link', { name: 'Earnings' }).click();
    await expect(notice).toBeVisible();
    await atBothSizes(barred, 'label-earnings-suspended', barred.getByRole('heading', { level: 1, name: 'Earnings' }));
  });

  test('the console', async ({ browser, baseUrl, adminWallet }) => {
    test.setTimeout(180_000);
    const admin = await apiSession(baseUrl, adminWallet);
    const page = await pageWithWallet(browser, adminWallet);
    await page.goto(`${baseUrl}/admin`);
    await atBothSizes(page, 'admin-sign-in', page.getByRole('heading', { level: 1 }));
    await signIn(page);
    await expect(page.locator('.MuiCard-root', { has: page.getByRole('heading', { name: 'Labels submitted' }) })).toBeVisible();
    await atBothSizes(page, 'admin-dashboard', consoleTitle(page, 'Dashboard'));

    const first = async (resource: string, filter: Record<string, unknown> = {}) =>
      ((await admin('GET', `/api/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`)).body as Array<{ id: number }>)[0]!.id;
    const item = await first('items', { projectId: projects.sales.id });
    const annotation = await first('annotations', { projectId: projects.sales.id });
    const user = (await (await apiSession(baseUrl, annotator))('GET', '/api/auth/me')).body.id as number;
    const suspension = await first('suspensions', { reviewRequested: true });
    const epoch = await first('epochs');

    const pages: Array<[name: string, route: string, title: string | RegExp, ready?: (page: Page) => Locator]> = [
      ['admin-projects', '/projects', 'Projects', (p) => p.getByText(projects.sales.name).first()],
      ['admin-project-show', `/projects/${projects.sales.id}/show`, projects.sales.name],
      ['admin-project-items', `/projects/${projects.sales.id}/show/items`, projects.sales.name],
      ['admin-project-quality', `/projects/${projects.sales.id}/show/quality`, projects.sales.name],
      ['admin-project-edit', `/projects/${projects.spans.id}`, projects.spans.name],
      ['admin-items', '/items', 'Items', (p) => p.getByRole('table')],
      ['admin-item-show', `/items/${item}/show`, new RegExp(`${item}`), (p) => p.getByRole('region', { name: /^Label #\d+$/ }).first()],
      ['admin-annotations', '/annotations', 'Annotations', (p) => p.getByRole('table')],
      ['admin-annotation-show', `/annotations/${annotation}/show`, new RegExp(`${annotation}`)],
      ['admin-review', '/review', /Review/],
      ['admin-suspensions', '/suspensions', 'Suspensions', (p) => p.getByText('I labelled every item myself.').first()],
      ['admin-suspension-show', `/suspensions/${suspension}/show`, /Suspension/],
      ['admin-epochs', '/epochs', 'Epochs', (p) => p.getByRole('table')],
      ['admin-epoch-show', `/epochs/${epoch}/show`, /Epoch/],
      ['admin-ledger', '/ledger', 'Ledger'],
      ['admin-payouts', '/payouts', 'Chain transactions'],
      ['admin-users', '/users', 'Users', (p) => p.getByRole('table')],
      ['admin-user-show', `/users/${user}/show`, /User|0x/],
      ['admin-user-quality', `/users/${user}/show/quality`, /User|0x/],
      ['admin-datasets', '/datasets', 'Datasets', (p) => p.getByText(dataset.name).first()],
      ['admin-dataset-show', `/datasets/${dataset.id}/show`, dataset.name],
      ['admin-sales', '/sales', /Sales/],
      ['admin-token', '/token', /Token/, (p) => p.getByText('Project budgets')],
      ['admin-not-found', '/no-such-page', /.*/, (p) => p.getByText(/not found/i).first()],
    ];
    for (const [name, route, title, ready] of pages) {
      const response = await page.goto(`${baseUrl}/admin${route}`);
      expect(response?.status(), `${name}: HTTP status`).toBe(name === 'admin-not-found' ? 404 : 200);
      if (ready) await expect(ready(page), `${name} shows its content`).toBeVisible();
      await atBothSizes(page, name, name === 'admin-not-found' ? page.getByText(/not found/i).first() : consoleTitle(page, title));
    }

    // The project form with a template chosen and the live preview of the annotators' view.
    await page.goto(`${baseUrl}/admin/projects/create`);
    await expect(async () => {
      const listbox = page.getByRole('listbox');
      if (!(await listbox.isVisible())) await page.getByRole('combobox', { name: 'Type' }).click();
      await listbox.getByRole('option', { name: 'Text spans' }).click({ timeout: 2_000 });
      await expect(listbox).toBeHidden({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    const preview = page.getByRole('region', { name: 'What annotators see' });
    await expect(preview).toBeVisible();
    await atBothSizes(page, 'admin-project-create', consoleTitle(page, /Create/));
  });

  test('the market', async ({ browser, baseUrl }) => {
    const buyer = Wallet.createRandom() as unknown as Wallet;
    const page = await pageWithWallet(browser, buyer);
    await page.goto(`${baseUrl}/market`);
    await expect(page.getByRole('article', { name: dataset.name })).toBeVisible();
    await atBothSizes(page, 'market-catalogue', page.getByRole('heading', { level: 1 }));
    await page.getByRole('article', { name: dataset.name }).getByRole('link').click();
    await expect(page.getByRole('table', { name: 'Sample records of the train split' })).toBeVisible();
    await atBothSizes(page, 'market-asset', page.getByRole('heading', { level: 1, name: dataset.name }));
    await page.getByRole('link', { name: 'My purchases' }).click();
    await atBothSizes(page, 'market-purchases-signed-out', page.getByRole('heading', { level: 1 }));
    await signIn(page);
    await expect(page.getByRole('button', { name: 'Sign in with wallet' })).toHaveCount(0);
    await atBothSizes(page, 'market-purchases', page.getByRole('heading', { level: 1 }));

    const stranger = await plainPage(browser);
    expect((await stranger.goto(`${baseUrl}/market/no-such-page`))?.status()).toBe(404);
    await atBothSizes(stranger, 'market-not-found', stranger.getByRole('heading', { level: 1 }));
  });
});
