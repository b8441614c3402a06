import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../backend/test/support/free-port.js';
import { spawnPlatform } from '../../../backend/test/support/platform-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The built platform (backend serving frontend/dist) as a separate process on an embedded
 * PostgreSQL in a fresh folder, as `npm start` runs it.
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const pgPort = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-browser-'));
  const platform = spawnPlatform({
    main: path.join(repoRoot, 'backend/dist/backend/src/main.js'),
    cwd: repoRoot,
    port,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      TESSERA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      CHAIN_PORT: '0',
      DEMO_DATA: 'false',
      ...env,
    },
    onLine: (line, stream) => process[stream].write(`${line}\n`),
  });
  await platform.waitForHealth(60_000);
  return {
    baseUrl: platform.baseUrl,
    dataDir,
    async stop() {
      await platform.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
