import { AppException, ErrorCode } from '../errors/app.exception.js';
import { canAccess, type Caller, type Permission } from './access.js';

export class AccessException extends AppException<typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN> {}

export function requireAccess(caller: Caller | undefined, permission: Permission): Caller {
  if (caller === undefined) throw new AccessException(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  if (!canAccess(caller.roles, permission)) {
    throw new AccessException(ErrorCode.FORBIDDEN, `Your roles (${caller.roles.join(', ')}) do not allow ${permission}`);
  }
  return caller;
}
