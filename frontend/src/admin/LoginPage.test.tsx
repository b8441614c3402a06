import { fireEvent, render, screen } from '@testing-library/react';
import { AdminContext, type AuthProvider } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { SignInError, type SignInFailure } from '../session/wallet';
import { i18nProvider } from './i18n/i18nProvider';
import { LoginPage } from './LoginPage';

function renderLogin(failure: SignInFailure) {
  const authProvider: AuthProvider = {
    login: vi.fn(() => Promise.reject(new SignInError(failure))),
    logout: () => Promise.resolve(),
    checkAuth: () => Promise.resolve(),
    checkError: () => Promise.resolve(),
    getPermissions: () => Promise.resolve([]),
  };
  render(
    <AdminContext i18nProvider={i18nProvider} authProvider={authProvider}>
      <LoginPage />
    </AdminContext>,
  );
  return authProvider;
}

describe('LoginPage', () => {
  it.each<[SignInFailure, string]>([
    [{ kind: 'no-wallet' }, 'No Ethereum wallet was found in this browser.'],
    [{ kind: 'wrong-chain', expected: 8996, actual: 1 }, 'Your wallet is on chain 1, but Tessera runs on chain 8996.'],
    [{ kind: 'rejected' }, 'You declined the request in your wallet'],
  ])('says what went wrong: %o', async (failure, text) => {
    const authProvider = renderLogin(failure);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with wallet' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(text);
    expect(authProvider.login).toHaveBeenCalledOnce();
    // The button is usable again for another try.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in with wallet' }).disabled).toBe(false);
  });
});
