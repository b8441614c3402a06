import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Wallet } from 'ethers';
import type { Browser, Locator, Page } from '@playwright/test';
import { apiSession, expect, shot, test, trackCsp, type ApiCall } from './support/fixtures';
import { repoRoot } from './support/server';
import { injectWallet } from './support/wallet';

/**
 * The boxes and spans tools as a Label Studio user would try them, in Chromium: the demo street scene
 * fits the screen above the action bar, a box is resized by each of its eight handles, zoom and pan
 * leave boxes where they are on the image, labels change per box, a finger draws and moves a box; text
 * selections snap to words, spans are relabelled in place, and the keyboard caret makes spans.
 */

const BOX_LABELS = ['car', 'person', 'dog', 'tree', 'house'];
const SPAN_LABELS = ['PER', 'LOC', 'DATE'];
const SENTENCE = 'Ada Lovelace met Charles Babbage in London in 1833.';
const tag = Date.now().toString(36);
const names = { boxes: `Street ${tag}`, spans: `People ${tag}` };
const ids = { boxes: 0, spans: 0 };

interface Geometry {
  x: number;
  y: number;
  w: number;
  h: number;
}

async function createProjects(admin: ApiCall): Promise<void> {
  const base = { overlap: 10, rewardPerLabel: '0.5', status: 'active' };
  const boxes = await admin('POST', '/api/projects', { ...base, name: names.boxes, type: 'boxes', labels: BOX_LABELS });
  expect(boxes.status).toBe(201);
  ids.boxes = boxes.body.id;
  const form = new FormData();
  const scene = readFileSync(path.join(repoRoot, 'backend/src/demo/images/street-scene.png'));
  form.append('files', new Blob([new Uint8Array(scene)], { type: 'image/png' }), 'street-scene.png');
  expect((await admin('POST', `/api/projects/${boxes.body.id}/items`, form)).body.imported).toBe(1);
  const spans = await admin('POST', '/api/projects', { ...base, name: names.spans, type: 'spans', labels: SPAN_LABELS });
  expect(spans.status).toBe(201);
  ids.spans = spans.body.id;
  await admin('POST', `/api/projects/${spans.body.id}/items`, JSON.stringify([{ data: { text: SENTENCE } }]));
}

/** A new annotator, signed in, on the project's first item; a phone with a touch screen when asked. */
async function annotate(
  browser: Browser,
  baseUrl: string,
  project: string,
  phone = false,
  wallet = Wallet.createRandom() as unknown as Wallet,
): Promise<Page> {
  const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } : {});
  const page = await trackCsp(await context.newPage());
  await injectWallet(page, wallet);
  await page.goto(`${baseUrl}/label`);
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await page.getByRole('article', { name: project }).getByRole('button').first().click();
  await expect(page.getByRole('heading', { name: project })).toBeVisible();
  return page;
}

/** Box `index` as stored (natural image pixels), read from the overlay. */
async function boxAt(page: Page, index = 0): Promise<Geometry> {
  const rect = page.locator(`[data-box="${index}"] rect.box-body`);
  const [x, y, w, h] = await Promise.all(['x', 'y', 'width', 'height'].map(async (name) => Number(await rect.getAttribute(name))));
  return { x: x!, y: y!, w: w!, h: h! };
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
}

/** The result the server stored for this annotator in a project. */
async function storedResult(admin: ApiCall, project: number, wallet: Wallet): Promise<unknown> {
  const list = await admin('GET', `/api/annotations?filter=${encodeURIComponent(JSON.stringify({ projectId: project }))}`);
  return (list.body as Array<{ annotatorAddress: string; result: unknown }>).find((row) => row.annotatorAddress === wallet.address)?.result;
}

/** The middle of the part of a locator's box that the image viewport shows. */
async function visibleMiddle(page: Page, locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  const view = (await page.getByTestId('boxes-viewport').boundingBox())!;
  const left = Math.max(box.x, view.x);
  const right = Math.min(box.x + box.width, view.x + view.width);
  const top = Math.max(box.y, view.y);
  const bottom = Math.min(box.y + box.height, view.y + view.height);
  expect(right - left, 'part of the box is on screen').toBeGreaterThan(20);
  expect(bottom - top, 'part of the box is on screen').toBeGreaterThan(20);
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
}

/** The image's on-screen box and the screen pixels per image pixel. */
async function stage(page: Page): Promise<{ x: number; y: number; perPixel: number }> {
  const image = (await page.getByRole('img', { name: 'Image to label' }).boundingBox())!;
  return { x: image.x, y: image.y, perPixel: image.width / 640 };
}

/** The action bar's top edge is at or below the image viewport's bottom edge. */
async function expectImageClearOfActionBar(page: Page): Promise<void> {
  const viewport = (await page.getByTestId('boxes-viewport').boundingBox())!;
  const bar = (await page.getByRole('button', { name: 'Submit' }).locator('xpath=..').boundingBox())!;
  const window = page.viewportSize()!;
  expect(viewport.y + viewport.height).toBeLessThanOrEqual(bar.y + 1);
  expect(viewport.y + viewport.height).toBeLessThanOrEqual(window.height);
}

/** The screen box of the character at a text offset in the text to label. */
async function characterBox(page: Page, offset: number): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.getByRole('region', { name: 'Text to label' }).evaluate((element, at) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let remaining = at;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = (node as Text).length;
      if (remaining < length) {
        const range = document.createRange();
        range.setStart(node, remaining);
        range.setEnd(node, remaining + 1);
        const rect = range.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }
      remaining -= length;
    }
    throw new Error(`offset ${at} is past the text`);
  }, offset);
}

test.describe.serial('boxes and spans tools', () => {
  test.beforeAll(async ({ baseUrl, adminWallet }) => {
    await createProjects(await apiSession(baseUrl, adminWallet));
  });

  test('boxes: the image fits above the action bar; eight handles resize; zoom and pan keep boxes on the image; labels per box', async ({
    browser,
    baseUrl,
    adminWallet,
  }) => {
    const annotator = Wallet.createRandom() as unknown as Wallet;
    const page = await annotate(browser, baseUrl, names.boxes, false, annotator);
    const image = page.getByRole('img', { name: 'Image to label' });
    await expect(image).toBeVisible();
    await expect(page.getByRole('status', { name: 'Zoom' })).not.toHaveText('100%');
    await expectImageClearOfActionBar(page);

    // Draw a box on the house (image pixels 288-482 x 118-308), smaller than it, to grow with the handles.
    let at = await stage(page);
    const screen = (x: number, y: number) => ({ x: at.x + x * at.perPixel, y: at.y + y * at.perPixel });
    await mouseDrag(page, screen(320, 160), screen(450, 280));
    await expect(page.getByRole('button', { name: /^Box 1: car/ })).toBeVisible();
    let box = await boxAt(page);
    expect(box.x).toBeCloseTo(320, -0.5);
    expect(box.w).toBeCloseTo(130, -0.5);
    await expect(page.locator('[data-handle]')).toHaveCount(8);

    // Each handle, dragged 20 screen pixels outwards, moves exactly its own edges.
    const outwards: Record<string, [number, number]> = {
      nw: [-1, -1],
      n: [0, -1],
      ne: [1, -1],
      e: [1, 0],
      se: [1, 1],
      s: [0, 1],
      sw: [-1, 1],
      w: [-1, 0],
    };
    for (const [handle, [dx, dy]] of Object.entries(outwards)) {
      const before = await boxAt(page);
      const grip = await center(page.locator(`[data-handle="${handle}"]`));
      await mouseDrag(page, grip, { x: grip.x + dx * 20, y: grip.y + dy * 20 });
      await expect.poll(async () => JSON.stringify(await boxAt(page)), { message: handle }).not.toBe(JSON.stringify(before));
      const after = await boxAt(page);
      const moved = 20 / at.perPixel;
      const left = before.x - after.x;
      const top = before.y - after.y;
      const right = after.x + after.w - (before.x + before.w);
      const bottom = after.y + after.h - (before.y + before.h);
      expect(
        [left, top, right, bottom].map((edge) => Math.round(edge / moved) || 0),
        handle,
      ).toEqual([dx < 0 ? 1 : 0, dy < 0 ? 1 : 0, dx > 0 ? 1 : 0, dy > 0 ? 1 : 0]);
    }

    // The box's label: the label bar relabels the selected box; the list's menu relabels any box.
    await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /tree/ }).click();
    await expect(page.getByRole('button', { name: /^Box 1: tree/ })).toBeVisible();
    await expect(page.locator('[data-box="0"]')).toHaveAttribute('data-label', 'tree');
    await page.getByRole('combobox', { name: 'Label of Box 1' }).selectOption('house');
    await expect(page.locator('[data-box="0"]')).toHaveAttribute('data-label', 'house');
    await shot(page, 'widgets-boxes');

    // Zoom in with the wheel over the box and with the keyboard: the box keeps its image coordinates and
    // is drawn over the same image pixels.
    box = await boxAt(page);
    const car = await center(page.locator('[data-box="0"] rect.box-body'));
    await page.mouse.move(car.x, car.y);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await stage(page)).perPixel).toBeGreaterThan(at.perPixel * 1.3);
    await page.keyboard.press('+');
    at = await stage(page);
    const shown = (await page.locator('[data-box="0"] rect.box-body').boundingBox())!;
    expect(await boxAt(page)).toEqual(box);
    expect((shown.x - at.x) / at.perPixel).toBeCloseTo(box.x, -0.5);
    expect(shown.width / at.perPixel).toBeCloseTo(box.w, -0.5);

    // Pan with the hand tool: the image moves under the viewport, the box with it, its coordinates unchanged.
    await page.getByRole('button', { name: 'Pan' }).click();
    const viewport = (await page.getByTestId('boxes-viewport').boundingBox())!;
    const middle = { x: viewport.x + viewport.width / 2, y: viewport.y + viewport.height / 2 };
    await mouseDrag(page, middle, { x: middle.x + 120, y: middle.y - 60 });
    const panned = await stage(page);
    expect(Math.abs(panned.x - at.x) + Math.abs(panned.y - at.y)).toBeGreaterThan(50);
    expect(await boxAt(page)).toEqual(box);
    const shownAfterPan = (await page.locator('[data-box="0"] rect.box-body').boundingBox())!;
    expect((shownAfterPan.x - panned.x) / panned.perPixel).toBeCloseTo(box.x, -0.5);
    await page.getByRole('button', { name: 'Pan' }).click();

    // A move at this zoom level is measured in image pixels: 40 screen pixels are 40 / scale.
    const grab = await visibleMiddle(page, page.locator('[data-box="0"] rect.box-body'));
    await mouseDrag(page, grab, { x: grab.x + 40, y: grab.y });
    await expect.poll(async () => (await boxAt(page)).x).toBeCloseTo(box.x + 40 / panned.perPixel, 0);
    await page.keyboard.press('0');
    await expect(page.getByRole('status', { name: 'Zoom' })).toHaveText(`${Math.round((await stage(page)).perPixel * 100)}%`);
    await expectImageClearOfActionBar(page);

    // The stored label is what the overlay showed.
    const shownLast = await boxAt(page);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByText(/Nothing left to label/)).toBeVisible();
    const admin = await apiSession(baseUrl, adminWallet);
    expect(await storedResult(admin, ids.boxes, annotator)).toEqual({ boxes: [{ ...shownLast, label: 'house' }] });
  });

  test('boxes on a phone: the image fits above the action bar, a finger draws and moves a box, two fingers zoom', async ({
    browser,
    baseUrl,
  }) => {
    const page = await annotate(browser, baseUrl, names.boxes, true);
    await expect(page.getByRole('img', { name: 'Image to label' })).toBeVisible();
    await expectImageClearOfActionBar(page);
    const kinds: string[] = [];
    await page.exposeFunction('__pointerKind', (kind: string) => kinds.push(kind));
    await page.getByTestId('boxes-overlay').evaluate((overlay) => {
      overlay.addEventListener(
        'pointerdown',
        (event) =>
          void (window as unknown as { __pointerKind: (k: string) => Promise<void> }).__pointerKind((event as PointerEvent).pointerType),
      );
    });
    const touch = await page.context().newCDPSession(page);
    const finger = async (points: Array<{ x: number; y: number }>) => {
      await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]!] });
      for (const point of points.slice(1)) await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
      await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const at = await stage(page);
    const screen = (x: number, y: number) => ({ x: Math.round(at.x + x * at.perPixel), y: Math.round(at.y + y * at.perPixel) });
    // Around the house (image pixels 288-482 x 118-308).
    await finger([screen(288, 118), screen(380, 200), screen(482, 308)]);
    await expect(page.getByRole('button', { name: /^Box 1: car/ })).toBeVisible();
    expect(kinds).toContain('touch');
    const drawn = await boxAt(page);
    expect(drawn.x).toBeCloseTo(288, -1);
    expect(drawn.y + drawn.h).toBeCloseTo(308, -1);
    // Its label from its list entry, then the box dragged 30 image pixels right with the finger.
    await page.getByRole('combobox', { name: 'Label of Box 1' }).selectOption('house');
    await expect(page.getByRole('button', { name: /^Box 1: house/ })).toBeVisible();
    const inside = screen(drawn.x + drawn.w / 2, drawn.y + drawn.h / 2);
    await finger([inside, { x: inside.x + 15 * at.perPixel, y: inside.y }, { x: Math.round(inside.x + 30 * at.perPixel), y: inside.y }]);
    await expect.poll(async () => (await boxAt(page)).x).toBeCloseTo(drawn.x + 30, -0.5);
    expect((await boxAt(page)).w).toBe(drawn.w);
    await shot(page, 'widgets-boxes-mobile');

    // Two fingers spread apart zoom in around their middle and draw nothing.
    const zoom = page.getByRole('status', { name: 'Zoom' });
    const before = Number.parseInt((await zoom.textContent())!, 10);
    const sky = screen(200, 60);
    const spread = (gap: number) => [
      { x: sky.x - gap, y: sky.y, id: 0 },
      { x: sky.x + gap, y: sky.y, id: 1 },
    ];
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: spread(20) });
    for (const gap of [30, 40, 50, 60]) await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: spread(gap) });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => Number.parseInt((await zoom.textContent())!, 10)).toBeGreaterThan(before * 2);
    await expect(page.getByRole('button', { name: /^Box \d/ })).toHaveCount(1);
  });

  test('spans: a selection inside words snaps to them, labels show on spans, a span is relabelled, the caret makes spans', async ({
    browser,
    baseUrl,
    adminWallet,
  }) => {
    const annotator = Wallet.createRandom() as unknown as Wallet;
    const page = await annotate(browser, baseUrl, names.spans, false, annotator);
    const text = page.getByRole('region', { name: 'Text to label' });
    await expect(text).toHaveText(SENTENCE);

    // Drag from inside "Charles" ("ar") to inside "Babbage" ("bb"): the selection becomes "Charles Babbage".
    const from = await characterBox(page, SENTENCE.indexOf('Charles') + 2);
    const to = await characterBox(page, SENTENCE.indexOf('Babbage') + 3);
    await mouseDrag(page, { x: from.x + 1, y: from.y + from.height / 2 }, { x: to.x + to.width - 1, y: to.y + to.height / 2 });
    await expect(page.getByText('Selected: “Charles Babbage”')).toBeVisible();
    await page.keyboard.press('1');
    await expect(page.getByRole('button', { name: '“Charles Babbage” as PER', exact: true })).toBeVisible();
    // The label is printed on the span.
    const mark = text.locator('mark', { hasText: 'Babbage' });
    expect(await mark.evaluate((element) => getComputedStyle(element, '::after').content)).toBe('"PER"');

    // "London" labelled PER by mistake (a double-click selects the word), then relabelled LOC in place.
    const london = await characterBox(page, SENTENCE.indexOf('London') + 2);
    await page.mouse.dblclick(london.x + 1, london.y + london.height / 2);
    await page.keyboard.press('1');
    await expect(page.getByRole('button', { name: '“London” as PER', exact: true })).toBeVisible();
    const met = await characterBox(page, SENTENCE.indexOf('met') + 1);
    await page.mouse.click(met.x + 1, met.y + met.height / 2);
    await expect(page.getByRole('button', { name: '“London” as PER', exact: true })).toHaveAttribute('aria-pressed', 'false');
    await page.mouse.click(london.x + 1, london.y + london.height / 2);
    await expect(page.getByRole('button', { name: '“London” as PER', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'LOC' }).click();
    await expect(page.getByRole('button', { name: '“London” as LOC', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: /^“.*” as PER$/ })).toHaveCount(1);

    // The keyboard: the caret shows in the focused text and moves by word; Shift+arrow selects a word.
    await text.focus();
    await page.keyboard.press('Home');
    const caret = page.getByTestId('span-caret');
    await expect(caret).toBeVisible();
    const first = await characterBox(page, 0);
    expect(Math.abs((await caret.boundingBox())!.x - first.x)).toBeLessThan(3);
    await page.keyboard.press('ArrowRight');
    const afterAda = await characterBox(page, 2);
    await expect.poll(async () => Math.abs((await caret.boundingBox())!.x - (afterAda.x + afterAda.width))).toBeLessThan(3);
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByText('Selected: “Lovelace”')).toBeVisible();
    await page.keyboard.press('1');
    await expect(page.getByRole('button', { name: '“Lovelace” as PER', exact: true })).toBeVisible();
    // The caret waits right after the new span for the next one.
    const lastOfLovelace = await characterBox(page, SENTENCE.indexOf('Lovelace') + 7);
    await expect.poll(async () => Math.abs((await caret.boundingBox())!.x - (lastOfLovelace.x + lastOfLovelace.width))).toBeLessThan(3);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('3');
    await expect(page.getByRole('button', { name: '“1833” as DATE', exact: true })).toBeVisible();
    await expect(text).toHaveText(SENTENCE);
    await shot(page, 'widgets-spans');

    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByText(/Nothing left to label/)).toBeVisible();
    const span = (word: string, label: string) => ({ start: SENTENCE.indexOf(word), end: SENTENCE.indexOf(word) + word.length, label });
    expect(await storedResult(await apiSession(baseUrl, adminWallet), ids.spans, annotator)).toEqual({
      spans: [span('Lovelace', 'PER'), span('Charles Babbage', 'PER'), span('London', 'LOC'), span('1833', 'DATE')],
    });
  });

  test('spans on a phone', async ({ browser, baseUrl }) => {
    const page = await annotate(browser, baseUrl, names.spans, true);
    const text = page.getByRole('region', { name: 'Text to label' });
    await expect(text).toHaveText(SENTENCE);
    await text.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowRight');
    await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'PER' }).tap();
    await expect(page.getByRole('button', { name: '“Ada” as PER', exact: true })).toBeVisible();
    await shot(page, 'widgets-spans-mobile');
  });

  test('spans on a phone: a finger’s selection inside words snaps to them, unless character precision is on', async ({
    browser,
    baseUrl,
  }) => {
    const page = await annotate(browser, baseUrl, names.spans, true);
    const text = page.getByRole('region', { name: 'Text to label' });
    await expect(text).toHaveText(SENTENCE);
    // A long press and the selection handles leave a DOM selection and no mouseup: here the finger
    // touches the text, and the handles' selection (from inside "Charles" to inside "Babbage") is set.
    const touchSelect = async (from: number, to: number) => {
      const at = await characterBox(page, from);
      await page.touchscreen.tap(at.x + at.width / 2, at.y + at.height / 2);
      await text.evaluate(
        (element, [start, end]) => {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          const points: Array<[Node, number]> = [];
          let offset = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const length = (node as Text).length;
            for (const wanted of [start!, end!]) if (wanted >= offset && wanted <= offset + length) points.push([node, wanted - offset]);
            offset += length;
          }
          window.getSelection()!.setBaseAndExtent(points[0]![0], points[0]![1], points.at(-1)![0], points.at(-1)![1]);
        },
        [from, to],
      );
    };
    const labels = page.getByRole('toolbar', { name: 'Labels' });
    await touchSelect(SENTENCE.indexOf('Charles') + 2, SENTENCE.indexOf('Babbage') + 3);
    await labels.getByRole('button', { name: 'PER' }).tap();
    await expect(page.getByRole('button', { name: '“Charles Babbage” as PER', exact: true })).toBeVisible();

    await labels.getByRole('button', { name: 'Character precision' }).tap();
    await touchSelect(SENTENCE.indexOf('London') + 1, SENTENCE.indexOf('London') + 4);
    await labels.getByRole('button', { name: 'LOC' }).tap();
    await expect(page.getByRole('button', { name: '“ond” as LOC', exact: true })).toBeVisible();
    await shot(page, 'widgets-spans-touch-390');
  });
});
