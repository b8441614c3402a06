/**
 * Browser benchmark for the annotator area (`npm run bench`):
 * - the JavaScript a signed-in annotator downloads to open /label, gzip-compressed (target <= 200 kB);
 * - submit-to-next-item time measured inside Chromium on loopback (target p95 < 100 ms).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Wallet } from 'ethers';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../support/browser';
import { apiSession } from '../support/fixtures';
import { repoRoot, startServer } from '../support/server';
import { injectWallet } from '../support/wallet';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
}

const dist = path.join(repoRoot, 'frontend/dist');
const LABELS = Number(process.env['BENCH_LABELS'] ?? 150);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The entry chunk, the annotator app chunk and everything they import statically. */
function labelJavaScript(signedIn: boolean): { files: string[]; gzipBytes: number; rawBytes: number } {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
  const labelKey = Object.keys(manifest).find((key) => key.endsWith('label/LabelApp.tsx'))!;
  const start = [entryKey, labelKey];
  if (!signedIn) {
    const signIn = Object.keys(manifest).find((key) => key.endsWith('session/SignIn.tsx'));
    if (signIn) start.push(signIn);
  }
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  start.forEach(visit);
  const files = [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(dist, file));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

async function submitToNext(): Promise<number[]> {
  const admin = Wallet.createRandom();
  // A robot labels far faster than a person: the anti-cheat rules would rightly suspend it.
  const server = await startServer({ ADMIN_ADDRESSES: admin.address, AUTO_SUSPEND: 'false' });
  try {
    const api = await apiSession(server.baseUrl, admin as unknown as Wallet);
    const project = await api('POST', '/api/projects', {
      name: 'Browser bench',
      type: 'classification',
      labels: ['yes', 'no'],
      overlap: 1,
      rewardPerLabel: '0.1',
      status: 'active',
    });
    const items = Array.from({ length: LABELS + 20 }, (_, i) => ({ data: { text: `Benchmark item number ${i}` } }));
    await api('POST', `/api/projects/${project.body.id}/items`, JSON.stringify(items));
    const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const page = await (await browser.newContext()).newPage();
      await injectWallet(page, Wallet.createRandom() as unknown as Wallet);
      await page.goto(`${server.baseUrl}/label`);
      await page.getByRole('button', { name: 'Sign in with wallet' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.goto(`${server.baseUrl}/label/projects/${project.body.id}`);
      await page.getByText('Benchmark item number 0', { exact: true }).waitFor();
      for (let i = 0; i < LABELS; i++) {
        await page.keyboard.press('1');
        await page.keyboard.press('Enter');
        await page.getByText(`Benchmark item number ${i + 1}`, { exact: true }).waitFor();
      }
      return await page.evaluate(() => (window as unknown as { __tesseraTimings?: number[] }).__tesseraTimings ?? []);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const signedIn = labelJavaScript(true);
  const signedOut = labelJavaScript(false);
  const timings = (await submitToNext()).sort((a, b) => a - b);
  const p50 = percentile(timings, 50);
  const p95 = percentile(timings, 95);
  const sizePass = signedOut.gzipBytes <= 200_000;
  const timePass = timings.length >= LABELS * 0.9 && p95 < 100;
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  console.log(`\nTessera browser benchmark (Chromium at ${await chromiumPath()}, loopback)`);
  console.log(
    `/label initial JS (gzip)         signed in ${kb(signedIn.gzipBytes)} · before sign-in ${kb(signedOut.gzipBytes)} (${signedOut.files.length} files, ${kb(signedOut.rawBytes)} raw)   target <= 200 kB   ${sizePass ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `submit -> next item shown        n=${timings.length}  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  max ${(timings.at(-1) ?? Number.NaN).toFixed(1)} ms   target p95 < 100 ms   ${timePass ? 'PASS' : 'FAIL'}`,
  );
  const out = path.join(repoRoot, 'frontend/test-results/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'browser-bench.json'),
    JSON.stringify({ labelJs: { signedIn, signedOut }, submitToNextMs: { n: timings.length, p50, p95, all: timings } }, null, 2),
  );
  if (!sizePass || !timePass) process.exitCode = 1;
}

await main();
