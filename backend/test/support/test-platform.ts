import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/app-config.js';
import { createTessera, type Tessera } from '../../src/platform.js';
import { createTestDatabase } from './test-database.js';

export interface TestPlatform {
  readonly tessera: Tessera;
  /**
   * Stops the application and starts it again on the same database and data folder, as a restart
   * would; `whileDown` runs in between.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
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
  const start = async (): Promise<Tessera> => {
    const started = await createTessera(config);
    await started.app.init();
    return started;
  };
  let tessera = await start();
  return {
    get tessera() {
      return tessera;
    },
    async restart(whileDown) {
      await tessera.close();
      await whileDown?.();
      tessera = await start();
    },
    async close() {
      await tessera.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
