import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/app-config.js';
import { createTessera, type Tessera } from '../../src/platform.js';
import { createTestDatabase } from './test-database.js';

export interface TestPlatform {
  tessera: Tessera;
  close(): Promise<void>;
}

/** The real application (services, repositories, migrations) on a fresh database, without HTTP. */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-medium-'));
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      TESSERA_DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      CHAIN_PORT: '0',
      // Test annotators are robots answering at machine speed: the speed rule is off unless a test
      // turns it on (anti-cheat tests).
      ANTI_CHEAT_MIN_MEDIAN_MS: '0',
      ...env,
    },
    process.cwd(),
  );
  const tessera = await createTessera(config);
  await tessera.app.init();
  return {
    tessera,
    async close() {
      await tessera.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
