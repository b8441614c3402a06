import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Wallet } from 'ethers';
import { chromiumPath } from './browser';
import { repoRoot, startServer } from './server';

/** One platform for the browser tests; its URL and the admin's key reach the tests through env. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Workers inherit the environment: they launch the browser found here.
  process.env['CHROMIUM_PATH'] = await chromiumPath();
  const admin = Wallet.createRandom();
  const server = await startServer({ ADMIN_ADDRESSES: admin.address });
  process.env['TESSERA_E2E_URL'] = server.baseUrl;
  process.env['TESSERA_E2E_ADMIN_KEY'] = admin.privateKey;
  mkdirSync(path.join(repoRoot, 'frontend/test-results/screenshots'), { recursive: true });
  return () => server.stop();
}
