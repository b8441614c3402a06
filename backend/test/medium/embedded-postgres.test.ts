import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { freePort } from '../support/test-app.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-embedded-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps data across restarts and recovers from a SIGKILLed owner', async () => {
    const port = await freePort();
    const pgDir = path.join(dir, 'pg');
    // A separate Node process starts the server and writes a row, then is killed without cleanup.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, '../support/embedded-owner.ts'), pgDir, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`owner exited with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const stalePid = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(stalePid)).toBe(true);

    const server = new EmbeddedDatabase({ dir: pgDir, port, database: 'tessera' });
    await server.start();
    try {
      expect(alive(stalePid)).toBe(false);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const rows = await client.query('SELECT note FROM survived');
      await client.end();
      expect(rows.rows).toEqual([{ note: 'written before the crash' }]);
    } finally {
      await server.stop();
    }
    expect(existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
