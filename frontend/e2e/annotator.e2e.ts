import { Wallet } from 'ethers';
import type { Page } from '@playwright/test';
import { apiSession, expect, pageWithWallet, plainPage, shot, test, type ApiCall } from './support/fixtures';
import { atBothSizes } from './support/screens';

async function createProject(admin: ApiCall, name: string, overlap: number, texts: string[]): Promise<number> {
  const project = await admin('POST', '/api/projects', {
    name,
    type: 'classification',
    labels: ['positive', 'negative'],
    overlap,
    rewardPerLabel: '0.5',
    leaseSeconds: 300,
    status: 'active',
  });
  expect(project.status).toBe(201);
  const items = await admin('POST', `/api/projects/${project.body.id}/items`, JSON.stringify(texts.map((text) => ({ data: { text } }))));
  expect(items.status).toBeLessThan(300);
  return project.body.id as number;
}

async function signInOn(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
}

/**
 * Issue 14, the annotator's side: where their labels stand with the quality check (pending, corrected
 * while open), what a suspension says and the review request that reaches the console, the way on
 * from an empty project, no preselected option, the heading taking the focus, 404 pages.
 */
test.describe.serial('an annotator always knows where they stand', () => {
  const suffix = Date.now().toString(36);
  const names = { pending: `Reviews ${suffix}`, next: `Tweets ${suffix}` };
  const ids: Record<string, number> = {};

  test('labels wait for the quality check, counted as pending, and can be corrected while open', async ({
    browser,
    baseUrl,
    adminWallet,
  }) => {
    const admin = await apiSession(baseUrl, adminWallet);
    // Two labels per item: one annotator's label leaves each item waiting for the check.
    ids['pending'] = await createProject(admin, names.pending, 2, ['Great value, works well.', 'Broke after a day.']);
    ids['next'] = await createProject(admin, names.next, 2, ['Loving the new release!']);

    const annotator = Wallet.createRandom() as unknown as Wallet;
    const page = await pageWithWallet(browser, annotator);
    await signInOn(page, baseUrl, '/label');
    // After sign-in the keyboard is on the page's heading.
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeFocused();

    await page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: names.pending }) })
      .getByRole('button', { name: 'Start labeling' })
      .click();
    const group = page.getByRole('radiogroup', { name: 'Choose a label' });
    await expect(group).toBeVisible();
    // No option looks chosen when the item opens: the group has the focus, no radio is checked or focused.
    await expect(group).toBeFocused();
    for (const radio of await page.getByRole('radio').all()) {
      await expect(radio).not.toBeChecked();
      await expect(radio).not.toBeFocused();
    }
    // The countdown starts at the lease's length (5:00), never above it.
    const timer = page.getByRole('timer');
    const [minutes, seconds] = (/(\d+):(\d\d)/.exec((await timer.textContent()) ?? '') ?? []).slice(1).map(Number);
    expect(minutes! * 60 + seconds!).toBeLessThanOrEqual(300);
    expect(minutes! * 60 + seconds!).toBeGreaterThan(280);
    await atBothSizes(page, 'label-item-open');

    // Arrow keys from the focused group pick the first option; Enter submits.
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /positive/ })).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Broke after a day.')).toBeVisible();
    await expect(page.getByRole('radio', { name: /negative/ })).not.toBeChecked();
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');

    // Nothing left here: the panel leads to the next project with work and to the earnings.
    await expect(page.getByText('Nothing left to label in this project. Thank you!')).toBeVisible();
    // The first other project with work for this annotator (a database shared with earlier runs may hold more).
    const nextLink = page.getByRole('link', { name: /^Label “.+” next$/ });
    await expect(nextLink).toHaveAttribute('href', /^\/label\/projects\/\d+$/);
    const mine = await apiSession(baseUrl, annotator);
    const nextId = Number(/\d+$/.exec((await nextLink.getAttribute('href'))!)![0]);
    expect(nextId).not.toBe(ids['pending']);
    expect((await mine('GET', `/api/projects/${nextId}/progress`)).body.remaining).toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: 'See your earnings' })).toHaveAttribute('href', '/label/earnings');
    await atBothSizes(page, 'label-nothing-left');

    await page.getByRole('link', { name: 'See your earnings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Earnings' })).toBeFocused();
    const counts = page.getByRole('region', { name: 'Your labels and the quality check' });
    await expect(counts.locator('.count-submitted dd')).toHaveText('2');
    await expect(counts.locator('.count-pending dd')).toHaveText('2');
    await expect(counts.locator('.count-accepted dd')).toHaveText('0');
    await expect(page.getByRole('region', { name: 'Your trust multiplier' })).toContainText('trust 0.8 earns exactly the rate');
    const history = page.getByRole('table', { name: 'Your recent labels' });
    await expect(history.getByText('Awaiting the check')).toHaveCount(2);
    await atBothSizes(page, 'label-earnings-pending');

    // The first label (positive) is corrected while its item is open.
    await history.getByRole('button', { name: `Correct: ${names.pending}, positive` }).click();
    const editor = page.getByRole('region', { name: new RegExp(`Correct your label · ${names.pending}`) });
    await expect(editor.getByText('Great value, works well.')).toBeVisible();
    await expect(editor.getByRole('radio', { name: /positive/ })).toBeChecked();
    await atBothSizes(page, 'label-correct');
    await editor.getByText('negative').click();
    await editor.getByRole('button', { name: 'Save correction' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your label was corrected.' })).toBeVisible();
    await expect(history.getByRole('cell', { name: 'negative', exact: true })).toHaveCount(2);

    const labels = await mine('GET', '/api/me/labels');
    expect(labels.body.counts).toMatchObject({ submitted: 2, pending: 2, accepted: 0 });
    expect(labels.body.recent.map((l: { result: { label: string } }) => l.result.label)).toEqual(['negative', 'negative']);

    // The link to the next project with work leads there.
    await page.goto(`${baseUrl}/label/projects/${ids['pending']}`);
    await page.getByRole('link', { name: /^Label “.+” next$/ }).click();
    await expect(page).toHaveURL(new RegExp(`/label/projects/${nextId}$`));
    await expect(page.getByRole('timer')).toBeVisible();
  });

  test('a label can no longer be corrected once the check settled its item', async ({ baseUrl, adminWallet }) => {
    const admin = await apiSession(baseUrl, adminWallet);
    const projectId = await createProject(admin, `Settled ${suffix}`, 1, ['Fine.']);
    const annotator = await apiSession(baseUrl, Wallet.createRandom() as unknown as Wallet);
    const assignment = await annotator('GET', `/api/projects/${projectId}/next`);
    const submitted = await annotator('POST', `/api/assignments/${assignment.body.assignmentId}/submit`, {
      result: { label: 'positive' },
      leadTimeMs: 4000,
    });
    await admin('POST', `/api/projects/${projectId}/quality/aggregate`);
    await expect.poll(async () => (await annotator('GET', `/api/me/labels/${submitted.body.annotationId}`)).body.status).toBe('accepted');
    const refused = await annotator('PUT', `/api/me/labels/${submitted.body.annotationId}`, { result: { label: 'negative' } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ASSIGNMENT_CLOSED');
    expect((await annotator('GET', `/api/me/labels/${submitted.body.annotationId}`)).body.result).toEqual({ label: 'positive' });
  });

  test('a suspended annotator sees why on the project list and asks for a review that reaches the console', async ({
    browser,
    baseUrl,
    adminWallet,
  }) => {
    const admin = await apiSession(baseUrl, adminWallet);
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const annotator = await apiSession(baseUrl, wallet);
    const me = await annotator('GET', '/api/auth/me');
    const suspended = await admin('POST', '/api/suspensions', { annotatorId: me.body.id, note: 'answers copied from another account' });
    expect(suspended.status).toBe(201);

    const request = `I labeled every item myself; please look again (${suffix}).`;
    const page = await pageWithWallet(browser, wallet);
    await signInOn(page, baseUrl, '/label');
    const notice = page.getByRole('region', { name: 'Your account is suspended' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Suspended by an admin: answers copied from another account');
    await expect(notice).toContainText('An admin suspended your account; it applies to every project.');
    await expect(page.getByRole('article').filter({ hasText: names.pending })).toContainText('Suspended: labeling paused');
    await expect(page.getByRole('button', { name: 'Start labeling' })).toHaveCount(0);
    await atBothSizes(page, 'label-projects-suspended');

    await notice.getByLabel('Your message to the admins').fill(request);
    await notice.getByRole('button', { name: 'Send review request' }).click();
    await expect(notice.getByRole('status')).toContainText('Review requested on');
    await atBothSizes(page, 'label-review-requested');

    await page.getByRole('link', { name: 'Earnings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Earnings' })).toBeFocused();
    await expect(page.getByRole('region', { name: 'Your account is suspended' })).toContainText('Review requested on');
    await atBothSizes(page, 'label-earnings-suspended');

    const console = await pageWithWallet(browser, adminWallet);
    await signInOn(console, baseUrl, '/admin/suspensions');
    await expect(console.getByText(request)).toBeVisible();
    await atBothSizes(console, 'admin-suspensions-review-requested');
    const listed = await admin(
      'GET',
      `/api/suspensions?filter=${encodeURIComponent(JSON.stringify({ reviewRequested: true, annotatorId: me.body.id }))}`,
    );
    expect(listed.body).toEqual([expect.objectContaining({ annotatorId: me.body.id, active: true, reviewMessage: request })]);

    // The console's keyboard focus is visible.
    await console.keyboard.press('Tab');
    await console.keyboard.press('Tab');
    const outline = await console.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);

    // An unknown console path answers the console's own 404.
    await console.goto(`${baseUrl}/admin/no-such-page`);
    await expect(console.getByText(/not found/i).first()).toBeVisible();
    await atBothSizes(console, 'admin-not-found');
  });

  test('unknown paths answer each app’s own 404 page', async ({ browser, baseUrl }) => {
    const page = await plainPage(browser);
    await page.goto(`${baseUrl}/label/no-such-page`);
    await expect(page.getByRole('heading', { level: 1, name: 'This page does not exist.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with wallet' })).toHaveCount(0);
    await atBothSizes(page, 'label-not-found');
    await page.goto(`${baseUrl}/market/no-such-page`);
    await expect(page.getByText('There is no such page in the catalogue.')).toBeVisible();
    await atBothSizes(page, 'market-not-found');
  });

  test('key hints are hidden on a touch screen', async ({ browser, baseUrl }) => {
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const { injectWallet } = await import('./support/wallet');
    await injectWallet(page, wallet);
    await signInOn(page, baseUrl, `/label/projects/${ids['next']}`);
    await expect(page.getByRole('radiogroup', { name: 'Choose a label' })).toBeVisible();
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    await expect(page.locator('.shortcuts')).toBeHidden();
    await expect(page.locator('.label-key').first()).toBeHidden();
    await shot(page, 'label-item-touch-390');
    await context.close();
  });
});
