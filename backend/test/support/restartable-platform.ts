import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { queryOnce } from './sql.js';
import { startPlatformProcess, type PlatformProcess } from './platform-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * For crash tests: platform processes that can be started, killed and started again on one
 * database and one data folder (made before the file's tests, removed after them), with `admin` as
 * an admin, and plain SQL on that database to see what a killed process left behind.
 */
export function restartablePlatform(name: string, admin: { address: string }) {
  let database: TestDatabase | undefined;
  let dataDir = '';
  const processes: PlatformProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), `tessera-${name}-`));
  });

  afterAll(async () => {
    for (const p of processes) await p.kill();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}): Promise<PlatformProcess> => {
    const platform = await startPlatformProcess({
      DATABASE_URL: database!.url,
      TESSERA_DATA_DIR: dataDir,
      ADMIN_ADDRESSES: admin.address,
      AUTO_SUSPEND: 'false',
      ...env,
    });
    processes.push(platform);
    return platform;
  };

  const query = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryOnce<T>(database!.url, text, params);

  return { start, query };
}
