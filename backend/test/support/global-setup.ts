/**
 * One PostgreSQL for the medium and end-to-end tiers: DATABASE_URL when set (real PostgreSQL),
 * else an embedded server in backend/.tessera-test. Each test file makes its own database in it.
 */
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { EmbeddedDatabase } from '../../src/database/embedded-postgres.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env['TEST_EMBEDDED_PG_PORT'] ?? 54339);

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['DATABASE_URL'];
  if (external) {
    project.provide('adminDatabaseUrl', external);
    return () => Promise.resolve();
  }
  const server = new EmbeddedDatabase({ dir: path.resolve(here, '../../.tessera-test/pg'), port: PORT, database: 'postgres' });
  // Another tier's setup in this run may have started it already.
  const mine = !(await listening(PORT));
  if (mine) await server.start();
  else await server.attach();
  project.provide('adminDatabaseUrl', server.url);
  return async () => {
    if (mine) await server.stop();
  };
}
