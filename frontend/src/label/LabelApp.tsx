import { lazy, Suspense, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
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

/** An in-app link: a real href (new tab, copy) that navigates without a reload on a plain click. */
function AppLink({
  path,
  className,
  current = false,
  children,
}: {
  path: string;
  className?: string;
  current?: boolean;
  children: ReactNode;
}) {
  return (
    <a
      className={className}
      href={path}
      aria-current={current ? 'page' : undefined}
      onClick={(event: MouseEvent) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(path);
      }}
    >
      {children}
    </a>
  );
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

/** The annotator app (/label): sign-in, project list and the labeling workspace. */
export default function LabelApp() {
  const { session, expired, signedIn } = useSession();
  const route = useRoute();

  function page() {
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
      case 'notFound':
        return (
          <section className="not-found">
            <h1>{t('tessera.label.notFound')}</h1>
            <button type="button" onClick={() => navigate(PROJECTS_PATH)}>
              {t('tessera.label.back')}
            </button>
          </section>
        );
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
