import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '../access/access.js';
import { requireAccess } from '../access/access.exception.js';
import { ErrorCode } from '../errors/app.exception.js';
import { AuthException } from './auth.exception.js';
import { bearerToken, PUBLIC_ROUTE, REQUIRED_PERMISSION, type RequestWithCaller } from './auth.decorators.js';
import { SessionsService } from './sessions.service.js';

/** Every route is signed-in unless marked @Public(); @RequirePermission adds a role check. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const token = bearerToken(request.headers);
    if (token === undefined) throw new AuthException(ErrorCode.UNAUTHENTICATED, 'Sign in first: missing Bearer token');
    // The rate limiter verified this request's token already (see http/rate-limits.ts).
    const { session, caller } = await this.sessions.authenticate(token, request.session);
    request.session = session;
    request.caller = caller;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission) requireAccess(request.caller, permission);
    return true;
  }
}
