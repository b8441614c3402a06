import { saveSession, type Session } from '../session/session';

/** A signed-in session for tests (stored where loadSession reads it). */
export function signIn(roles: string[] = ['admin'], token = 'test-token'): Session {
  const session: Session = {
    token,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { id: 7, address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', roles },
  };
  saveSession(session);
  return session;
}
