import { Wallet } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { AuthService } from '../../src/auth/auth.service.js';
import type { Tessera } from '../../src/platform.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { UsersService } from '../../src/users/users.service.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { siweMessage } from '../support/wallet.js';

/** ADMIN_ADDRESSES is read again at every boot; admins made in the console are the console's to remove. */
let platform: TestPlatform | undefined;
afterAll(async () => {
  await platform?.close();
});

const listed = (admins: Wallet[]) => ({ ADMIN_ADDRESSES: admins.map((wallet) => wallet.address).join(',') });

/** Boots the application (again, on the same database) with these configured admins. */
async function boot(admins: Wallet[]): Promise<Tessera> {
  if (platform) await platform.restart(undefined, listed(admins));
  else platform = await startTestPlatform(listed(admins));
  return platform.tessera;
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

    // `former` leaves the list; `later`, already a user, joins it.
    tessera = await boot([founder, later]);
    expect(await rolesOf(tessera, former)).toEqual(['annotator', 'reviewer']);
    expect(await rolesOf(tessera, promoted)).toEqual(['admin', 'annotator']);
    expect(await rolesOf(tessera, founder)).toContain('admin');
    expect(await rolesOf(tessera, later)).toEqual(['admin', 'annotator']);
    // Signing in again does not bring it back.
    expect((await signIn(tessera, former)).roles).toEqual(['annotator', 'reviewer']);

    // Nobody listed: the configured admins go, the console's admin stays.
    tessera = await boot([]);
    expect(await rolesOf(tessera, founder)).toEqual(['annotator']);
    expect(await rolesOf(tessera, later)).toEqual(['annotator']);
    expect(await rolesOf(tessera, promoted)).toEqual(['admin', 'annotator']);

    // Listed again: admin again, and again the configuration's to take.
    tessera = await boot([former]);
    expect(await rolesOf(tessera, former)).toEqual(['admin', 'annotator', 'reviewer']);
    tessera = await boot([]);
    expect(await rolesOf(tessera, former)).toEqual(['annotator', 'reviewer']);
  });
});
