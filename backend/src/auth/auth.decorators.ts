import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Caller, Permission } from '../access/access.js';
import type { SessionClaims } from './token.service.js';

export const PUBLIC_ROUTE = 'tessera:public';
export const REQUIRED_PERMISSION = 'tessera:permission';

/** The route needs no sign-in. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs this permission (checked by `requireAccess` in the guard). */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSION, permission);

export interface RequestWithCaller {
  caller?: Caller;
  session?: SessionClaims;
  headers: Record<string, string | string[] | undefined>;
}

/** The bearer token of an `Authorization` header, if it has one. */
export function bearerToken(headers: RequestWithCaller['headers']): string | undefined {
  const header = headers['authorization'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.startsWith('Bearer ') ? value.slice('Bearer '.length).trim() : undefined;
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
  if (!caller) throw new Error('CurrentCaller used on a public route');
  return caller;
});

/** The verified session token's claims (who signed in, when), on signed-in routes. */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): SessionClaims => {
  const session = context.switchToHttp().getRequest<RequestWithCaller>().session;
  if (!session) throw new Error('CurrentSession used on a public route');
  return session;
});
