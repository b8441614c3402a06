import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createTessera, type Tessera } from '../../src/platform.js';
import { freePort } from './free-port.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { signIn, type Session } from './wallet.js';

export interface TestApp {
  tessera: Tessera;
  config: AppConfig;
  baseUrl: string;
  admin: Session;
  adminWallet: Wallet;
  close(): Promise<void>;
}

// Kept for the tests that import it from here.
export { freePort };

/** The real app on a fresh database and a random port, with one configured admin signed in. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-test-'));
  const adminWallet = Wallet.createRandom() as unknown as Wallet;
  const port = await freePort();
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      TESSERA_DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      // Each app gets its own embedded chain on a free port.
      CHAIN_PORT: '0',
      PORT: String(port),
      ADMIN_ADDRESSES: adminWallet.address,
      // Test annotators are robots answering at machine speed: the speed rule is off unless a test
      // turns it on (anti-cheat tests).
      ANTI_CHEAT_MIN_MEDIAN_MS: '0',
      ...env,
    },
    process.cwd(),
  );
  const app = await createTessera(config);
  await app.app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://localhost:${port}`;
  const admin = await signIn(baseUrl, adminWallet, config.chainId);
  return {
    tessera: app,
    config,
    baseUrl,
    admin,
    adminWallet,
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
