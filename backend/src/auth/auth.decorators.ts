import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Caller, Permission } from '../access/access.js';

export const PUBLIC_ROUTE = 'tessera:public';
export const REQUIRED_PERMISSION = 'tessera:permission';
export const QUERY_TOKEN = 'tessera:query-token';

/** The route needs no sign-in. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs this permission (checked by `requireAccess` in the guard). */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSION, permission);

/** The route also takes the session token as `?token=` (for `<img src>` and downloads). */
export const AllowQueryToken = (): MethodDecorator => SetMetadata(QUERY_TOKEN, true);

export interface RequestWithCaller {
  caller?: Caller;
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
  if (!caller) throw new Error('CurrentCaller used on a public route');
  return caller;
});
