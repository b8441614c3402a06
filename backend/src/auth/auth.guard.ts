import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '../access/access.js';
import { requireAccess } from '../access/access.exception.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { PUBLIC_ROUTE, QUERY_TOKEN, REQUIRED_PERMISSION, type RequestWithCaller } from './auth.decorators.js';
import { TokenService } from './token.service.js';

/** Every route is signed-in unless marked @Public(); @RequirePermission adds a role check. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const header = request.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    let token = value?.startsWith('Bearer ') ? value.slice('Bearer '.length).trim() : undefined;
    if (token === undefined && this.reflector.get<boolean>(QUERY_TOKEN, context.getHandler())) {
      const query = request.query as Record<string, unknown> | undefined;
      if (typeof query?.['token'] === 'string') token = query['token'];
    }
    if (token === undefined) throw new AppException(ErrorCode.UNAUTHENTICATED, 'Sign in first: missing Bearer token');
    request.caller = await this.tokens.verify(token);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission) requireAccess(request.caller, permission);
    return true;
  }
}
