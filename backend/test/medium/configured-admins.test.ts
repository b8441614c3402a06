import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createTessera, type Tessera } from '../../src/platform.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { UsersService } from '../../src/users/users.service.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { siweMessage } from '../support/wallet.js';

/** ADMIN_ADDRESSES is read again at every boot; admins made in the console are the console's to remove. */
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-admins-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Boots the application on the one database of this file, with these configured admins. */
async function boot(admins: Wallet[]): Promise<Tessera> {
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      TESSERA_DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      CHAIN_PORT: '0',
      ADMIN_ADDRESSES: admins.map((wallet) => wallet.address).join(','),
    },
    process.cwd(),
  );
  const tessera = await createTessera(config);
  await tessera.app.init();
  return tessera;
}

/** The real sign-in: a nonce, an EIP-4361 message signed by the wallet, verified by the service. */
async function signIn(tessera: Tessera, wallet: Wallet): Promise<{ id: number; roles: string[] }> {
  const auth = tessera.app.get(AuthService);
  const { nonce } = await auth.nonce();
  const url = tessera.config.publicUrl;
  const message = siweMessage({ domain: url.host, address: wallet.address, uri: url.origin, chainId: tessera.config.chainId, nonce });
  const session = await auth.verify(message, await wallet.signMessage(message));
  return session.user;
}

async function rolesOf(tessera: Tessera, wallet: Wallet): Promise<string[]> {
  return (await tessera.app.get(UsersRepository).findByAddress(wallet.address))!.roles;
}

describe('configured admins', () => {
  it('an address taken out of ADMIN_ADDRESSES loses admin at the next boot; an admin made in the console keeps it', async () => {
    const [founder, former, promoted, later] = [0, 1, 2, 3].map(() => Wallet.createRandom() as unknown as Wallet) as [
      Wallet,
      Wallet,
      Wallet,
      Wallet,
    ];

    let tessera = await boot([founder, former]);
    const founderUser = await signIn(tessera, founder);
    const formerUser = await signIn(tessera, former);
    const promotedUser = await signIn(tessera, promoted);
    await signIn(tessera, later);
    expect(formerUser.roles).toEqual(['annotator', 'admin']);
    const users = tessera.app.get(UsersService);
    const founderCaller: Caller = { id: founderUser.id, address: founder.address, roles: ['annotator', 'admin'] };
    // The console makes `promoted` an admin, and gives `former` the reviewer role on top.
    await users.updateRoles(founderCaller, promotedUser.id, ['annotator', 'admin']);
    await users.updateRoles(founderCaller, formerUser.id, ['admin', 'annotator', 'reviewer']);
    await tessera.close();

    // `former` leaves the list; `later`, already a user, joins it.
    tessera = await boot([founder, later]);
    expect(await rolesOf(tessera, former)).toEqual(['annotator', 'reviewer']);
    expect(await rolesOf(tessera, promoted)).toEqual(['admin', 'annotator']);
    expect(await rolesOf(tessera, founder)).toContain('admin');
    expect(await rolesOf(tessera, later)).toEqual(['admin', 'annotator']);
    // Signing in again does not bring it back.
    expect((await signIn(tessera, former)).roles).toEqual(['annotator', 'reviewer']);
    await tessera.close();

    // Nobody listed: the configured admins go, the console's admin stays.
    tessera = await boot([]);
    expect(await rolesOf(tessera, founder)).toEqual(['annotator']);
    expect(await rolesOf(tessera, later)).toEqual(['annotator']);
    expect(await rolesOf(tessera, promoted)).toEqual(['admin', 'annotator']);
    await tessera.close();

    // Listed again: admin again, and again the configuration's to take.
    tessera = await boot([former]);
    expect(await rolesOf(tessera, former)).toEqual(['admin', 'annotator', 'reviewer']);
    await tessera.close();
    tessera = await boot([]);
    expect(await rolesOf(tessera, former)).toEqual(['annotator', 'reviewer']);
    await tessera.close();
  });
});
