/** Who may do what. Pure: the guard and services call `canAccess`/`requireAccess`, nothing else decides. */
export const ROLES = ['annotator', 'reviewer', 'admin', 'buyer'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'assignment.work'
  | 'project.read'
  | 'project.manage'
  | 'item.manage'
  | 'annotation.read-all'
  | 'annotation.manage'
  | 'user.manage'
  | 'review.work'
  /** Own earnings, proofs and claims. */
  | 'rewards.own'
  /** Epochs, ledger, payouts, token. */
  | 'rewards.manage'
  /** Dataset versions: build, read, download their files. */
  | 'dataset.manage';

const GRANTS: Record<Role, readonly Permission[]> = {
  annotator: ['assignment.work', 'project.read', 'rewards.own'],
  reviewer: ['assignment.work', 'project.read', 'annotation.read-all', 'review.work', 'rewards.own'],
  buyer: ['project.read'],
  admin: [
    'assignment.work',
    'project.read',
    'project.manage',
    'item.manage',
    'annotation.read-all',
    'annotation.manage',
    'user.manage',
    'review.work',
    'rewards.own',
    'rewards.manage',
    'dataset.manage',
  ],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function canAccess(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => isRole(role) && GRANTS[role].includes(permission));
}

/** The signed-in caller, as the JWT states it. */
export interface Caller {
  id: number;
  address: string;
  roles: readonly Role[];
}
