import type { TranslateFunction } from 'react-admin';
import { SignInError, type SignInFailure } from '../session/wallet';

export function describeSignInFailure(failure: SignInFailure, translate: TranslateFunction): string {
  switch (failure.kind) {
    case 'no-wallet':
      return translate('tessera.admin.login.noWallet');
    case 'wrong-chain':
      return translate('tessera.admin.login.wrongChain', { expected: failure.expected, actual: failure.actual });
    case 'rejected':
      return translate('tessera.admin.login.rejected');
    case 'failed':
      return translate('tessera.admin.login.failed', { message: failure.message });
  }
}

/** What the login page says when `login()` rejects. */
export function describeSignInError(error: unknown, translate: TranslateFunction): string {
  if (error instanceof SignInError) return describeSignInFailure(error.failure, translate);
  return translate('tessera.admin.login.failed', { message: error instanceof Error ? error.message : String(error) });
}
