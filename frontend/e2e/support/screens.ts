import { expect, type Locator, type Page } from '@playwright/test';
import { shot, type ApiCall } from './fixtures';

/** The laptop and the phone every screen is kept at. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/**
 * The current screen at both sizes, kept as `<name>-1280.png` and `<name>-390.png`: at each the
 * heading (when given) is visible and the document never scrolls sideways (the elements that stick
 * out are named on failure).
 */
export async function atBothSizes(page: Page, name: string, heading?: Locator): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    if (heading) await expect(heading, `${name}: heading at ${viewport.width} px`).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
        message: `${name} fits ${viewport.width} px`,
      })
      .toBeLessThanOrEqual(0)
      .catch(async (error: unknown) => {
        const wide = await page.evaluate((width) => {
          return [...document.querySelectorAll('body *')]
            .filter((element) => element.getBoundingClientRect().right > width + 1)
            .slice(0, 8)
            .map((element) => `${element.tagName}.${[...element.classList].join('.')}`);
        }, viewport.width);
        throw new Error(`${String(error)}\nwider than the screen: ${wide.join(' | ')}`);
      });
    // From the top: react-admin hides its app bar while the page is scrolled down.
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `${name}-${viewport.width}`);
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

/** Polls `probe` until it answers something (a state, not a clock: up to 60 s on a busy machine). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  let found: T | undefined;
  await expect.poll(async () => (found = await probe()) !== undefined, { message: what, timeout: 60_000 }).toBe(true);
  return found!;
}

/** Builds a version of the project and publishes it at `price`; answers the published version. */
export async function publishedDataset(
  admin: ApiCall,
  projectId: number,
  name: string,
  price: string,
): Promise<{ id: number; itemCount: number; files: Array<{ name: string; sha256: string }>; publication: { did: string } }> {
  const version = await waitFor('a ready dataset version', async () => {
    const created = await admin('POST', '/api/datasets', { projectId, name, license: 'CC-BY-4.0' });
    if (created.status !== 202) return undefined;
    const ready = await waitFor('the build', async () => {
      const answer = await admin('GET', `/api/datasets/${created.body.id}`);
      return answer.body.status === 'building' ? undefined : answer.body;
    });
    return ready.status === 'ready' && ready.itemCount > 0 ? ready : undefined;
  });
  expect((await admin('POST', `/api/datasets/${version.id}/publish`, { price })).status).toBe(202);
  return waitFor('the publication', async () => {
    const answer = await admin('GET', `/api/datasets/${version.id}`);
    return answer.body.publication?.status === 'published' ? answer.body : undefined;
  });
}
