import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../session/session';
import { SignInError, type SignInFailure } from '../session/wallet';
import { canAccess, canUseConsole } from './access';
import { authProvider } from './authProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { describeSignInError } from './signInMessage';
import { signIn } from './testing';

const wallet = vi.hoisted(() => ({ signInWithWallet: vi.fn() }));
vi.mock('../session/wallet', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../session/wallet')>()),
  signInWithWallet: wallet.signInWithWallet,
}));

const translate = (key: string, options?: object) => i18nProvider.translate(key, options);

afterEach(() => {
  wallet.signInWithWallet.mockReset();
});

describe('authProvider.checkAuth', () => {
  it('resolves with a session', async () => {
    signIn(['admin']);
    await expect(authProvider.checkAuth()).resolves.toBeUndefined();
  });

  it('rejects without a session, quietly (the login page explains)', async () => {
    await expect(authProvider.checkAuth()).rejects.toEqual({ message: false });
  });

  it('rejects an expired session', async () => {
    saveSession({ token: 't', expiresAt: new Date(Date.now() - 1000).toISOString(), user: { id: 1, address: '0x1', roles: ['admin'] } });
    await expect(authProvider.checkAuth()).rejects.toEqual({ message: false });
  });
});

describe('authProvider.checkError', () => {
  it('logs out on 401', async () => {
    await expect(authProvider.checkError({ status: 401, message: 'Sign in first' })).rejects.toThrow('tessera.admin.auth.expired');
  });

  it('keeps the session on 403, 404 and 500', async () => {
    for (const status of [403, 404, 500]) await expect(authProvider.checkError({ status })).resolves.toBeUndefined();
  });
});

describe('authProvider identity and permissions', () => {
  it('names the user by their short address and lists their roles', async () => {
    signIn(['reviewer', 'annotator']);
    await expect(authProvider.getIdentity()).resolves.toMatchObject({ id: 7, fullName: '0xf39F…2266' });
    await expect(authProvider.getPermissions()).resolves.toEqual(['reviewer', 'annotator']);
  });

  it('has no permissions without a session', async () => {
    await expect(authProvider.getPermissions()).resolves.toEqual([]);
  });

  it('logout clears the session', async () => {
    signIn(['admin']);
    await authProvider.logout();
    await expect(authProvider.checkAuth()).rejects.toBeDefined();
  });

  it('canAccess reads the roles of the session', async () => {
    signIn(['reviewer']);
    await expect(authProvider.canAccess({ resource: 'annotations', action: 'list' })).resolves.toBe(true);
    await expect(authProvider.canAccess({ resource: 'annotations', action: 'delete' })).resolves.toBe(false);
    localStorage.clear();
    await expect(authProvider.canAccess({ resource: 'annotations', action: 'list' })).resolves.toBe(false);
  });
});

describe('canAccess (pure)', () => {
  const resources = ['projects', 'items', 'annotations', 'users', 'dashboard', 'review', 'suspensions'];
  const writes = ['create', 'edit', 'delete', 'import', 'clone'];
  const reads = ['list', 'show', 'export'];

  it('an admin may do everything', () => {
    for (const resource of resources) {
      for (const action of [...reads, ...writes, 'read', 'decide']) expect(canAccess(['admin'], { resource, action })).toBe(true);
    }
  });

  it('a reviewer reads annotations, works the review queue and nothing else', () => {
    for (const action of reads) expect(canAccess(['reviewer'], { resource: 'annotations', action })).toBe(true);
    for (const action of writes) expect(canAccess(['reviewer'], { resource: 'annotations', action })).toBe(false);
    for (const action of ['list', 'decide']) expect(canAccess(['reviewer'], { resource: 'review', action })).toBe(true);
    for (const action of ['show', ...writes]) expect(canAccess(['reviewer'], { resource: 'review', action })).toBe(false);
    for (const resource of ['projects', 'items', 'users', 'dashboard', 'suspensions']) {
      for (const action of [...reads, ...writes, 'read']) expect(canAccess(['reviewer'], { resource, action })).toBe(false);
    }
  });

  it('annotators, buyers, unknown roles and no roles are refused everything', () => {
    for (const roles of [['annotator'], ['buyer'], ['annotator', 'buyer'], ['Admin'], ['superuser'], []]) {
      for (const resource of resources) {
        for (const action of [...reads, ...writes, 'decide']) expect(canAccess(roles, { resource, action })).toBe(false);
      }
      expect(canUseConsole(roles)).toBe(false);
    }
  });

  it('roles add up: reviewer + admin is an admin', () => {
    expect(canAccess(['reviewer', 'admin'], { resource: 'users', action: 'delete' })).toBe(true);
    expect(canUseConsole(['annotator', 'reviewer'])).toBe(true);
  });
});

describe('authProvider.login', () => {
  it('signs in with the wallet', async () => {
    wallet.signInWithWallet.mockResolvedValue({});
    await authProvider.login();
    expect(wallet.signInWithWallet).toHaveBeenCalledOnce();
  });

  it('lets each sign-in failure through with a clear message', async () => {
    const cases: Array<[SignInFailure, string]> = [
      [{ kind: 'no-wallet' }, 'No Ethereum wallet was found'],
      [{ kind: 'wrong-chain', expected: 8996, actual: 1 }, 'Your wallet is on chain 1, but Tessera runs on chain 8996'],
      [{ kind: 'rejected' }, 'You declined the request in your wallet'],
      [{ kind: 'failed', message: 'nonce expired' }, 'Sign-in failed: nonce expired'],
    ];
    for (const [failure, text] of cases) {
      wallet.signInWithWallet.mockRejectedValueOnce(new SignInError(failure));
      const error = await authProvider.login().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SignInError);
      expect(describeSignInError(error, translate)).toContain(text);
    }
  });
});
