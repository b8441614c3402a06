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
   * would; `whileDown` runs in between; `env` changes settings for this and later boots.
   */
  restart(whileDown?: () => Promise<void>, env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/** The real application (services, repositories, migrations) on a fresh database, without HTTP. */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-medium-'));
  let settings: Record<string, string> = {
    DATABASE_URL: database.url,
    TESSERA_DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    CHAIN_PORT: '0',
    // Test annotators are robots answering at machine speed: the speed rule is off unless a test
    // turns it on (anti-cheat tests).
    ANTI_CHEAT_MIN_MEDIAN_MS: '0',
    ...env,
  };
  const start = async (): Promise<Tessera> => {
    const started = await createTessera(loadConfig(settings, process.cwd()));
    await started.app.init();
    return started;
  };
  let tessera = await start();
  return {
    get tessera() {
      return tessera;
    },
    async restart(whileDown, env = {}) {
      await tessera.close();
      await whileDown?.();
      settings = { ...settings, ...env };
      tessera = await start();
    },
    async close() {
      await tessera.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
