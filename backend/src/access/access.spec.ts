import { describe, expect, it } from 'vitest';
import { toErrorBody } from '../errors/app-exception.filter.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { canAccess, isRole, ROLES, type Caller, type Permission, type Role } from './access.js';
import { AccessException, requireAccess } from './access.exception.js';

const PERMISSIONS: readonly Permission[] = [
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
];

/** The intended grants, written out independently of access.ts. */
const GRANTED: Record<Role, readonly Permission[]> = {
  annotator: ['assignment.work', 'project.read', 'rewards.own'],
  reviewer: ['assignment.work', 'project.read', 'annotation.read-all', 'review.work', 'rewards.own'],
  buyer: ['project.read'],
  admin: PERMISSIONS,
};

describe('canAccess', () => {
  for (const role of ROLES) {
    it.each(PERMISSIONS)(`${role} -> %s`, (permission) => {
      expect(canAccess([role], permission)).toBe(GRANTED[role].includes(permission));
    });
  }

  it('an annotator cannot manage projects, items, annotations or users', () => {
    for (const permission of ['project.manage', 'item.manage', 'annotation.manage', 'annotation.read-all', 'user.manage'] as const) {
      expect(canAccess(['annotator'], permission)).toBe(false);
    }
    expect(canAccess(['annotator'], 'assignment.work')).toBe(true);
  });

  it('an admin can do everything', () => {
    for (const permission of PERMISSIONS) expect(canAccess(['admin'], permission)).toBe(true);
  });

  it('a buyer cannot work on assignments, only read projects', () => {
    expect(canAccess(['buyer'], 'assignment.work')).toBe(false);
    expect(canAccess(['buyer'], 'project.read')).toBe(true);
  });

  it('grants the union of several roles', () => {
    expect(canAccess(['buyer', 'annotator'], 'assignment.work')).toBe(true);
    expect(canAccess(['buyer', 'reviewer'], 'annotation.read-all')).toBe(true);
    expect(canAccess(['buyer', 'reviewer'], 'annotation.manage')).toBe(false);
  });

  it('no roles grant nothing', () => {
    for (const permission of PERMISSIONS) expect(canAccess([], permission)).toBe(false);
  });

  it('unknown role strings grant nothing', () => {
    for (const roles of [['superuser'], ['Admin'], ['ADMIN'], [' admin'], [''], ['constructor'], ['__proto__'], ['toString']]) {
      for (const permission of PERMISSIONS) expect(canAccess(roles, permission)).toBe(false);
    }
  });

  it('an unknown role next to a known one does not widen it', () => {
    expect(canAccess(['superuser', 'annotator'], 'user.manage')).toBe(false);
    expect(canAccess(['superuser', 'annotator'], 'assignment.work')).toBe(true);
  });
});

describe('isRole', () => {
  it('knows exactly the four roles', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'annotator', 'buyer', 'reviewer']);
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ['Admin', 'root', '', 'constructor', 'hasOwnProperty']) expect(isRole(value)).toBe(false);
  });
});

describe('requireAccess', () => {
  const annotator: Caller = { id: 7, address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', roles: ['annotator'] };

  function thrownBy(fn: () => unknown): AccessException {
    let thrown: unknown;
    try {
      fn();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AccessException);
    expect(thrown).toBeInstanceOf(AppException);
    return thrown as AccessException;
  }

  it('returns the caller when the permission is granted', () => {
    expect(requireAccess(annotator, 'assignment.work')).toBe(annotator);
  });

  it('an undefined caller is UNAUTHENTICATED (401)', () => {
    const error = thrownBy(() => requireAccess(undefined, 'project.read'));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(toErrorBody(error).statusCode).toBe(401);
  });

  it('a missing permission is FORBIDDEN (403), naming roles and permission', () => {
    const error = thrownBy(() => requireAccess(annotator, 'project.manage'));
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(error.message).toContain('annotator');
    expect(error.message).toContain('project.manage');
    expect(error.name).toBe('AccessException');
    expect(toErrorBody(error)).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('a signed-in caller with no roles is FORBIDDEN, not UNAUTHENTICATED', () => {
    const error = thrownBy(() => requireAccess({ ...annotator, roles: [] }, 'project.read'));
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
  });

  it('a buyer may not work on assignments', () => {
    expect(thrownBy(() => requireAccess({ ...annotator, roles: ['buyer'] }, 'assignment.work')).code).toBe(ErrorCode.FORBIDDEN);
  });

  it('an admin passes every check', () => {
    const admin: Caller = { ...annotator, roles: ['admin'] };
    for (const permission of PERMISSIONS) expect(requireAccess(admin, permission)).toBe(admin);
  });
});
