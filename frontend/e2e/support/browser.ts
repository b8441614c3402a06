import { existsSync } from 'node:fs';

/** Flags for a headless Chromium on a machine with no display and a closed network (see DESIGN.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else Debian's when installed, else
 * the one shipped inside the `@sparticuz/chromium` npm package (unpacked to the temp folder on first
 * use). Never a browser downloaded at run time, so `npm ci && npm test` works with Node alone.
 */
export async function chromiumPath(): Promise<string> {
  const configured = process.env['CHROMIUM_PATH'];
  if (configured) return configured;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}
