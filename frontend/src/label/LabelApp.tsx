import { lazy, Suspense, useEffect, useState } from 'react';
import { AppLink } from './AppLink';
import { routeKey, useHeadingFocus } from './headingFocus';
import { t } from '../i18n/i18n';
import { clearSession, expireSession, loadSession, onSessionChange, type Session } from '../session/session';
import './label.css';
import './LabelApp.css';
import { ProjectList } from './ProjectList';
import { EARNINGS_PATH, navigate, projectPath, PROJECTS_PATH, useRoute } from './router';
import { Workspace } from './Workspace';

// The wallet code (viem) is only needed to sign in: signed-in annotators never download it.
const SignIn = lazy(() => import('../session/SignIn').then((module) => ({ default: module.SignIn })));
// The earnings page and its claim code (viem's ABI encoder) load when an annotator opens it.
const EarningsPage = lazy(() => import('./earnings/EarningsPage').then((module) => ({ default: module.EarningsPage })));

/** The longest delay setTimeout accepts. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

function useSession(): { session: Session | undefined; expired: boolean; signedIn: (session: Session) => void } {
  const [session, setSession] = useState(loadSession);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    const stop = onSessionChange((next, reason) => {
      setSession(next);
      setExpired(reason === 'expired');
    });
    return () => {
      stop();
    };
  }, []);

  // The token stops working at expiresAt: say so then rather than on the next failed call.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(expireSession, Math.min(MAX_TIMEOUT_MS, Math.max(0, Date.parse(session.expiresAt) - Date.now())));
    return () => clearTimeout(timer);
  }, [session]);

  return {
    session,
    expired,
    signedIn: (next) => {
      setSession(next);
      setExpired(false);
    },
  };
}

function NotFound() {
  useEffect(() => {
    document.title = `${t('tessera.standing.notFoundTitle')} · ${t('tessera.app.name')}`;
  }, []);
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('tessera.label.notFound')}</h1>
      <AppLink className="button-link" path={PROJECTS_PATH}>
        {t('tessera.label.back')}
      </AppLink>
    </section>
  );
}

/** The annotator app (/label): sign-in, project list and the labeling workspace. */
export default function LabelApp() {
  const { session, expired, signedIn } = useSession();
  const route = useRoute();

  useHeadingFocus(session ? routeKey(route) : 'sign-in');

  function page() {
    // An unknown path is this app's 404 whether or not anyone is signed in.
    if (route.page === 'notFound') return <NotFound />;
    if (!session) {
      return (
        <Suspense fallback={<p className="loading">{t('tessera.label.loading')}</p>}>
          <SignIn onSignedIn={signedIn} expired={expired} />
        </Suspense>
      );
    }
    switch (route.page) {
      case 'projects':
        return <ProjectList onOpen={(projectId) => navigate(projectPath(projectId))} />;
      case 'workspace':
        return <Workspace key={route.projectId} projectId={route.projectId} session={session} onBack={() => navigate(PROJECTS_PATH)} />;
      case 'earnings':
        return (
          <Suspense fallback={<p className="loading">{t('tessera.label.loading')}</p>}>
            <EarningsPage onFindWork={() => navigate(PROJECTS_PATH)} />
          </Suspense>
        );
      default:
        return <NotFound />;
    }
  }

  return (
    <div className="tessera-label">
      <header className="app-header">
        <AppLink className="brand" path={PROJECTS_PATH}>
          {t('tessera.app.name')}
        </AppLink>
        {session && (
          <div className="account">
            <AppLink className="nav-link" path={EARNINGS_PATH} current={route.page === 'earnings'}>
              {t('tessera.earnings.link')}
            </AppLink>
            <span className="address" title={session.user.address}>
              {t('tessera.signIn.signedInAs', { address: shortAddress(session.user.address) })}
            </span>
            <button type="button" onClick={clearSession}>
              {t('tessera.signIn.signOut')}
            </button>
          </div>
        )}
      </header>
      <main className="app-main">{page()}</main>
    </div>
  );
}
