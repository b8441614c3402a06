import { useState } from 'react';
import { t } from '../i18n/i18n';
import type { Session } from './session';
import { SignInError, signInWithWallet, type SignInFailure } from './wallet';

function describe(failure: SignInFailure): string {
  switch (failure.kind) {
    case 'no-wallet':
      return t('tessera.signIn.noWallet');
    case 'wrong-chain':
      return t('tessera.signIn.wrongChain', { expected: failure.expected, actual: failure.actual });
    case 'rejected':
      return t('tessera.signIn.rejected');
    case 'failed':
      return t('tessera.signIn.failed', { message: failure.message });
  }
}

/** The wallet sign-in card, with a clear message for every way it can fail. */
export function SignIn({ onSignedIn, expired = false }: { onSignedIn: (session: Session) => void; expired?: boolean }) {
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function signIn(): Promise<void> {
    setWorking(true);
    setError(undefined);
    try {
      onSignedIn(await signInWithWallet());
    } catch (caught) {
      setError(caught instanceof SignInError ? describe(caught.failure) : String(caught));
    } finally {
      setWorking(false);
    }
  }

  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('tessera.signIn.title')}</h1>
      <p>{t('tessera.signIn.explain')}</p>
      {expired && !error && (
        <p role="status" className="notice">
          {t('tessera.signIn.expired')}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="button" className="primary" onClick={() => void signIn()} disabled={working}>
        {working ? t('tessera.signIn.working') : t('tessera.signIn.button')}
      </button>
    </section>
  );
}
