import { Wallet } from 'ethers';
import type { Locator, Page } from '@playwright/test';
import { makePng } from '../../backend/src/demo/png';
import { apiSession, expect, pageWithWallet, test, type ApiCall } from './support/fixtures';
import { atBothSizes, VIEWPORTS } from './support/screens';

/** The longest budget a project may have: 18 digits, 18 decimals. */
const LONG_BUDGET = '123456789012345678.123456789012345678';

/** The total react-admin's pagination shows ("1-4 of 4"). */
async function listTotal(page: Page): Promise<number> {
  const info = page.getByText(/^\d+-\d+ of \d+$/).first();
  await expect(info).toBeVisible();
  return Number(/of (\d+)$/.exec((await info.textContent())!)![1]);
}

/** Whether a text's box holds all of it (nothing cut off or hidden by overflow). */
async function fullyShown(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const parent = element.closest('.MuiCard-root, td')!.getBoundingClientRect();
    return element.scrollWidth <= Math.ceil(box.width) && box.left >= parent.left - 1 && box.right <= parent.right + 1;
  });
}

/** Each annotator takes the project's items in turn and answers with `answer(item's data)`. */
async function labelAll(session: ApiCall, projectId: number, answer: (data: Record<string, unknown>) => unknown): Promise<number> {
  let labelled = 0;
  for (;;) {
    const assignment = await session('GET', `/api/projects/${projectId}/next`);
    if (assignment.status !== 200) return labelled;
    const submitted = await session('POST', `/api/assignments/${assignment.body.assignmentId}/submit`, {
      result: answer(assignment.body.item.data as Record<string, unknown>),
      leadTimeMs: 4000,
    });
    expect(submitted.status).toBeLessThan(300);
    labelled++;
  }
}

/**
 * The console as admins and reviewers judge it: its label counts agree with each other, a reviewer
 * decides in the annotators' widgets (and can take an accept back), pages draw boxes and spans, and
 * long token amounts stay readable.
 */
test('the console: counts that agree, reviews in the labeling widgets, drawn results, amounts that fit', async ({
  browser,
  baseUrl,
  adminWallet,
}) => {
  test.setTimeout(180_000);
  const admin = await apiSession(baseUrl, adminWallet);
  const suffix = Date.now().toString(36);

  // Boxes: two images; two annotators draw the same square but call it differently, so the engine
  // cannot settle either item and both wait for a reviewer.
  const boxes = await admin('POST', '/api/projects', {
    name: `Shapes ${suffix}`,
    type: 'boxes',
    labels: ['square', 'circle'],
    overlap: 2,
    rewardPerLabel: '0.5',
    rewardBudget: LONG_BUDGET,
    status: 'active',
  });
  expect(boxes.status).toBe(201);
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(makePng(400, 300, [30, 120, 220]))], { type: 'image/png' }), 'blue.png');
  form.append('files', new Blob([new Uint8Array(makePng(400, 300, [220, 120, 30]))], { type: 'image/png' }), 'orange.png');
  expect((await admin('POST', `/api/projects/${boxes.body.id}/items`, form)).status).toBeLessThan(300);
  const [first, second, third] = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()] as unknown as Wallet[];
  const annotators = await Promise.all([first!, second!, third!].map((wallet) => apiSession(baseUrl, wallet)));
  expect(await labelAll(annotators[0]!, boxes.body.id, () => ({ boxes: [{ x: 40, y: 40, w: 120, h: 90, label: 'square' }] }))).toBe(2);
  expect(await labelAll(annotators[1]!, boxes.body.id, () => ({ boxes: [{ x: 42, y: 41, w: 118, h: 90, label: 'circle' }] }))).toBe(2);

  // Spans: one annotator's label stays, another's is discarded when an admin suspends them.
  const spans = await admin('POST', '/api/projects', {
    name: `Entities ${suffix}`,
    type: 'spans',
    labels: ['PER', 'LOC'],
    overlap: 1,
    rewardPerLabel: '0.5',
    status: 'active',
  });
  const sentences = ['Ada met Charles in London.', 'Grace flew to Boston.'];
  await admin('POST', `/api/projects/${spans.body.id}/items`, JSON.stringify(sentences.map((text) => ({ data: { text } }))));
  const spanOf = (text: string, word: string, label: string) => ({
    start: text.indexOf(word),
    end: text.indexOf(word) + word.length,
    label,
  });
  const takeOne = async (session: ApiCall) => {
    const assignment = await session('GET', `/api/projects/${spans.body.id}/next`);
    const text = assignment.body.item.data.text as string;
    const result = text.startsWith('Ada')
      ? { spans: [spanOf(text, 'Ada', 'PER'), spanOf(text, 'London', 'LOC')] }
      : { spans: [spanOf(text, 'Grace', 'PER'), spanOf(text, 'Boston', 'LOC')] };
    await session('POST', `/api/assignments/${assignment.body.assignmentId}/submit`, { result, leadTimeMs: 5000 });
    return text;
  };
  const keptText = await takeOne(annotators[0]!);
  await takeOne(annotators[2]!);
  const suspended = (await annotators[2]!('GET', '/api/auth/me')).body as { id: number };
  expect((await admin('POST', '/api/suspensions', { annotatorId: suspended.id, note: 'console test' })).status).toBe(201);

  const aggregated = await admin('POST', `/api/projects/${boxes.body.id}/quality/aggregate`);
  expect(aggregated.body.statuses).toMatchObject({ needs_review: 2 });
  const reviewFilter = encodeURIComponent(JSON.stringify({ projectId: boxes.body.id }));
  const queue = async () => (await admin('GET', `/api/review?filter=${reviewFilter}`)).body as Array<{ id: number; result: unknown }>;
  const [undone, fixed] = await queue();

  const page = await pageWithWallet(browser, adminWallet);
  await page.goto(`${baseUrl}/admin`);
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();

  // 1. One count of labels: the dashboard's, the sum over the projects and the annotations list's total.
  const labelsCard = page.locator('.MuiCard-root', { has: page.getByRole('heading', { name: 'Labels submitted' }) });
  await expect(labelsCard).toBeVisible();
  const submitted = Number((await labelsCard.getByTestId('labels-submitted').textContent())!.replace(/,/g, ''));
  expect(submitted).toBeGreaterThanOrEqual(6);
  await expect(labelsCard.getByText(/ counted · [1-9]\d* discarded$/)).toBeVisible();
  await expect(page.locator('.MuiCard-root', { has: page.getByRole('heading', { name: 'Pending reviews' }) })).toContainText('2');
  await expect(page.locator('.MuiCard-root', { has: page.getByRole('heading', { name: 'Active suspensions' }) })).toContainText(/[1-9]/);
  await atBothSizes(page, 'admin-dashboard');

  await page.goto(`${baseUrl}/admin/projects?perPage=100`);
  const perProject = page.getByRole('table').getByTestId('labels-submitted');
  await expect(perProject.first()).toBeVisible();
  const counts = (await perProject.allTextContents()).map((text) => Number(text.replace(/,/g, '')));
  expect(counts.reduce((sum, n) => sum + n, 0)).toBe(submitted);
  await atBothSizes(page, 'admin-projects');

  await page.goto(`${baseUrl}/admin/annotations`);
  expect(await listTotal(page)).toBe(submitted);
  await atBothSizes(page, 'admin-annotations');

  // A project's count links to its labels, as many as it says, the discarded one marked so.
  await page.goto(`${baseUrl}/admin/projects/${spans.body.id}/show`);
  await expect(page.getByText('1 counted · 1 discarded')).toBeVisible();
  await page.getByTestId('labels-submitted').click();
  expect(await listTotal(page)).toBe(2);
  await expect(page.getByRole('table').getByText('Discarded')).toHaveCount(1);

  // 2. The reviewer accepts, then takes it back with Undo: nothing reaches the server.
  await page.goto(`${baseUrl}/admin/review?filter=${reviewFilter}`);
  await page.getByRole('button', { name: `Accept the inferred answer of item ${undone!.id}` }).click();
  await expect(page.getByText('Accepted: Undo in the message below')).toBeVisible();
  await expect(page.getByText(`Item ${undone!.id} accepted`)).toBeVisible();
  await atBothSizes(page, 'admin-review-undo');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: `Accept the inferred answer of item ${undone!.id}` })).toBeVisible();
  await expect(page.getByText(`Item ${undone!.id} accepted`)).toBeHidden();
  expect((await queue()).map((item) => item.id)).toContain(undone!.id);

  // Fix: the inferred box in the annotators' widget, dragged to where it belongs, then saved.
  await page.getByRole('button', { name: `Fix the answer of item ${fixed!.id}` }).click();
  const dialog = page.getByRole('dialog', { name: `Fix the answer of item ${fixed!.id}` });
  const overlay = dialog.getByTestId('boxes-overlay');
  await expect(overlay.locator('[data-box="0"] rect').first()).toBeVisible();
  await atBothSizes(page, 'admin-review-fix');
  const before = (fixed!.result as { boxes: Array<{ x: number; y: number; w: number; h: number; label: string }> }).boxes[0]!;
  const scale = (await overlay.boundingBox())!.width / 400;
  const rect = (await overlay.locator('[data-box="0"] rect').first().boundingBox())!;
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await page.mouse.down();
  await page.mouse.move(rect.x + rect.width / 2 + 50 * scale, rect.y + rect.height / 2 + 30 * scale, { steps: 8 });
  await page.mouse.move(rect.x + rect.width / 2 + 100 * scale, rect.y + rect.height / 2 + 60 * scale, { steps: 8 });
  await page.mouse.up();
  const decision = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/api/review/${fixed!.id}`));
  await dialog.getByRole('button', { name: 'Fix and accept' }).click();
  const body = (await decision).postDataJSON() as { outcome: string; result: { boxes: (typeof before)[] } };
  expect(body.outcome).toBe('fixed_and_accepted');
  const [after] = body.result.boxes;
  expect(after!.x - before.x).toBeGreaterThan(95);
  expect(after!.x - before.x).toBeLessThan(105);
  expect(after!.y - before.y).toBeGreaterThan(55);
  expect(after!.y - before.y).toBeLessThan(65);
  // Moved, not resized (the widget keeps sub-pixel positions, hence the pixel of slack).
  expect(Math.abs(after!.w - before.w)).toBeLessThan(1);
  expect(Math.abs(after!.h - before.h)).toBeLessThan(1);
  expect(after!.label).toBe(before.label);
  await expect(page.getByText(`Item ${fixed!.id} fixed and accepted`)).toBeVisible();
  await expect.poll(async () => (await queue()).map((item) => item.id)).toEqual([undone!.id]);

  // Accepted for good this time: once its message is dismissed, the decision goes.
  await expect(page.getByRole('button', { name: `Accept the inferred answer of item ${undone!.id}` })).toBeVisible();
  await page.getByRole('button', { name: `Accept the inferred answer of item ${undone!.id}` }).click();
  await expect(page.getByText(`Item ${undone!.id} accepted`)).toBeVisible();
  await page.locator('#main-content').click({ position: { x: 2, y: 2 } });
  await expect.poll(async () => (await queue()).length).toBe(0);

  // 3. The item page draws each label: boxes over the image, spans over the text.
  await page.goto(`${baseUrl}/admin/items/${fixed!.id}/show`);
  const drawn = page.getByRole('region', { name: /^Label #\d+$/ });
  await expect(drawn).toHaveCount(2);
  for (const label of await drawn.all()) await expect(label.getByTestId('boxes-overlay').locator('[data-box] rect').first()).toBeVisible();
  await atBothSizes(page, 'admin-item-boxes');
  const spanItems = await admin('GET', `/api/items?filter=${encodeURIComponent(JSON.stringify({ projectId: spans.body.id }))}`);
  const keptItem = (spanItems.body as Array<{ id: number; data: { text: string } }>).find((item) => item.data.text === keptText)!;
  await page.goto(`${baseUrl}/admin/items/${keptItem.id}/show`);
  const spanLabel = page.getByRole('region', { name: /^Label #\d+$/ });
  await expect(spanLabel.locator('mark.span-mark')).toHaveCount(2);
  await expect(spanLabel.locator('mark.span-mark').first()).toContainText(keptText.startsWith('Ada') ? 'Ada' : 'Grace');
  await atBothSizes(page, 'admin-item-spans');
  // The item whose only label was discarded says so, and lists that one label.
  const discardedItem = (spanItems.body as Array<{ id: number; data: { text: string } }>).find((item) => item.data.text !== keptText)!;
  await page.goto(`${baseUrl}/admin/items/${discardedItem.id}/show`);
  await expect(page.getByText('0 counted · 1 discarded')).toBeVisible();
  await expect(page.getByRole('table').getByText('Discarded')).toHaveCount(1);
  await page.goto(`${baseUrl}/admin/items/${keptItem.id}/show`);
  await page.getByRole('row').nth(1).click();
  await expect(page).toHaveURL(/\/admin\/annotations\/\d+\/show$/);
  await expect(page.locator('mark.span-mark')).toHaveCount(2);
  await atBothSizes(page, 'admin-annotation');

  // 4. A budget of 18 digits and 18 decimals reads rounded, with its unit, whole on hover, never cut.
  await page.goto(`${baseUrl}/admin/token`);
  // The first cell after the project's name: its budget (by CSS: resizing may leave a modal aria-hiding the page).
  const budget = page
    .locator('tr', { hasText: `Shapes ${suffix}` })
    .locator('td')
    .first()
    .locator('[data-exact]');
  await expect(budget).toHaveText('1.23E17 TSR');
  await expect(budget).toHaveAttribute('aria-label', '123,456,789,012,345,678.123456789012345678 TSR');
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await budget.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'center' }));
    expect(await fullyShown(budget), `budget shown whole at ${viewport.width}`).toBe(true);
    for (const card of await page
      .locator('.MuiCard-root')
      .filter({ has: page.getByRole('heading', { level: 2 }) })
      .all()) {
      expect(await card.evaluate((element) => element.scrollWidth <= element.clientWidth), `a card fits at ${viewport.width}`).toBe(true);
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
  await budget.hover();
  await expect(page.getByRole('tooltip')).toHaveText('123,456,789,012,345,678.123456789012345678 TSR');
  await atBothSizes(page, 'admin-token');

  // 5. The project form: a template per type fills the labels; the preview is the annotators' widget, live.
  await page.goto(`${baseUrl}/admin/projects/create`);
  await expect(async () => {
    const listbox = page.getByRole('listbox');
    if (!(await listbox.isVisible())) await page.getByRole('combobox', { name: 'Type' }).click();
    await listbox.getByRole('option', { name: 'Bounding boxes' }).click({ timeout: 2_000 });
    await expect(listbox).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Objects' }).click();
  const preview = page.getByRole('region', { name: 'What annotators see' });
  await expect(preview.getByRole('button', { name: /person/ })).toBeVisible();
  await expect(preview.getByText(/Draw a tight box around every object/)).toBeVisible();
  const scene = preview.getByTestId('boxes-overlay');
  await scene.scrollIntoViewIfNeeded();
  const area = (await scene.boundingBox())!;
  await page.mouse.click(area.x + 5, area.y + 5);
  await page.mouse.move(area.x + area.width * 0.2, area.y + area.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.4, area.y + area.height * 0.6, { steps: 6 });
  await page.mouse.up();
  await expect(preview.getByText(/Box 1: person/)).toBeVisible();
  await atBothSizes(page, 'admin-project-create');
});
