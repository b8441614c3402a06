import { Wallet } from 'ethers';
import { makePng } from '../../backend/src/demo/png';
import { apiSession, expect, pageWithWallet, shot, test } from './support/fixtures';

/**
 * An annotator labels one item of every project type in the browser, with the keyboard and the
 * mouse; the labels are then read back from the server.
 */
test.describe.serial('annotator labels every project type', () => {
  const suffix = Date.now().toString(36);
  const names = {
    classification: `Sentiment ${suffix}`,
    multilabel: `Topics ${suffix}`,
    spans: `Entities ${suffix}`,
    boxes: `Shapes ${suffix}`,
    text: `Captions ${suffix}`,
  };
  const ids: Record<string, number> = {};

  test('the admin arranges one project of each type', async ({ baseUrl, adminWallet }) => {
    const admin = await apiSession(baseUrl, adminWallet);
    const specs = [
      { type: 'classification', labels: ['positive', 'negative'], items: [{ data: { text: 'I loved every minute.' } }] },
      { type: 'multilabel', labels: ['economy', 'sports', 'politics'], items: [{ data: { text: 'Minister opens stadium' } }] },
      { type: 'spans', labels: ['PER', 'LOC'], items: [{ data: { text: 'Ada met Charles in London.' } }] },
      { type: 'boxes', labels: ['shape'], items: [] },
      { type: 'text', labels: [], items: [{ data: { text: 'Describe: a red square' } }] },
    ] as const;
    for (const spec of specs) {
      const created = await admin('POST', '/api/projects', {
        name: names[spec.type],
        type: spec.type,
        labels: spec.labels,
        overlap: 1,
        rewardPerLabel: '0.5',
        status: 'active',
        instructions: `Label the ${spec.type} item.`,
      });
      expect(created.status).toBe(201);
      ids[spec.type] = created.body.id;
      if (spec.items.length > 0) {
        const imported = await admin('POST', `/api/projects/${created.body.id}/items`, JSON.stringify(spec.items));
        expect(imported.body.imported).toBe(1);
      }
    }
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(makePng(400, 300, [30, 120, 220]))], { type: 'image/png' }), 'square.png');
    const uploaded = await admin('POST', `/api/projects/${ids['boxes']}/items`, form);
    expect(uploaded.body.imported).toBe(1);
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

    // The labels are in the database.
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
