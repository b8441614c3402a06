/** The signed-in user, kept in localStorage so a reload keeps the session. */
export interface SessionUser {
  id: number;
  address: string;
  roles: string[];
}

export interface Session {
  token: string;
  /** The token stops working then; `keepSessionFresh` renews it before. */
  expiresAt: string;
  /** Renewals end here: then the wallet signs in again. Absent in sessions saved by older versions. */
  renewableUntil?: string;
  user: SessionUser;
}

const KEY = 'tessera.session';
type Listener = (session: Session | undefined, reason?: 'expired') => void;
const listeners = new Set<Listener>();
let watchingOtherTabs = false;

/** Another tab signed in, renewed or signed out: this one follows. */
function watchOtherTabs(): void {
  if (watchingOtherTabs || typeof window === 'undefined') return;
  watchingOtherTabs = true;
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY && event.key !== null) return;
    const session = loadSession();
    for (const listener of listeners) listener(session);
  });
}

export function loadSession(): Session | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as Session;
    if (new Date(session.expiresAt).getTime() <= Date.now()) {
      localStorage.removeItem(KEY);
      return undefined;
    }
    return session;
  } catch {
    return undefined;
  }
}

export function getToken(): string | undefined {
  return loadSession()?.token;
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  for (const listener of listeners) listener(session);
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
  for (const listener of listeners) listener(undefined);
}

/** The server refused the token: tell the UI so it can say why and offer to sign in again. */
export function expireSession(): void {
  localStorage.removeItem(KEY);
  for (const listener of listeners) listener(undefined, 'expired');
}

export function onSessionChange(listener: Listener): () => void {
  watchOtherTabs();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasRole(session: Session | undefined, role: string): boolean {
  return session?.user.roles.includes(role) ?? false;
}
