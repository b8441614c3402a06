import type { AuthProvider, UserIdentity } from 'react-admin';
import { clearSession, loadSession } from '../session/session';
import { signInWithWallet } from '../session/wallet';
import { canAccess } from './access';
import { shortAddress } from './address';

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Wallet sign-in (EIP-4361) for the console. `login` lets `SignInError` through untouched so the
 * login page can say which of no-wallet, wrong-chain or rejected happened.
 */
export const authProvider = {
  async login() {
    await signInWithWallet();
  },

  logout() {
    clearSession();
    return Promise.resolve();
  },

  checkAuth() {
    if (loadSession()) return Promise.resolve();
    // `message: false`: no notification, the login page explains what to do.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- react-admin's contract is a plain object
    return Promise.reject({ message: false });
  },

  checkError(error: unknown) {
    // 401: the token is gone or revoked server-side. 403 only means "not this": the session stays.
    if (statusOf(error) === 401) return Promise.reject(new Error('tessera.admin.auth.expired'));
    return Promise.resolve();
  },

  getIdentity(): Promise<UserIdentity> {
    const session = loadSession();
    if (!session) return Promise.reject(new Error('tessera.admin.auth.signInRequired'));
    return Promise.resolve({ id: session.user.id, fullName: shortAddress(session.user.address), address: session.user.address });
  },

  getPermissions(): Promise<string[]> {
    return Promise.resolve(loadSession()?.user.roles ?? []);
  },

  canAccess({ resource, action }) {
    return Promise.resolve(canAccess(loadSession()?.user.roles ?? [], { resource, action }));
  },
} satisfies AuthProvider;
