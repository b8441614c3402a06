/**
 * Who may do what in the console. Pure, so it is tested on its own and the authProvider only feeds
 * it the session's roles. It mirrors the API's grants (backend/src/access/access.ts): the server
 * decides in the end, this only keeps the console from offering what would be refused.
 */

/** The react-admin actions that only read. */
const READ_ACTIONS: readonly string[] = ['list', 'show', 'export'];

export interface AccessRequest {
  resource: string;
  action: string;
}

export function canAccess(roles: readonly string[], { resource, action }: AccessRequest): boolean {
  if (roles.includes('admin')) return true;
  if (roles.includes('reviewer')) {
    if (resource === 'annotations') return READ_ACTIONS.includes(action);
    // The review queue: list it and decide (accept, reject, fix) its items.
    if (resource === 'review') return action === 'list' || action === 'decide';
    return false;
  }
  return false;
}

/** Whether these roles open the console at all (anyone else gets the "no admin role" page). */
export function canUseConsole(roles: readonly string[]): boolean {
  return roles.includes('admin') || roles.includes('reviewer');
}
