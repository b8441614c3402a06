import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { isRole, type Caller } from '../access/access.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';

interface CachedCaller {
  caller: Caller;
  expiresAtMs: number;
}

/** Bearer JWTs (HS256). Verified tokens are cached until they expire: every labeling call carries one. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  private readonly cache = new Map<string, CachedCaller>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  async issue(caller: Caller): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    const token = await new SignJWT({ addr: caller.address, roles: caller.roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(caller.id))
      .setIssuedAt()
      .setIssuer(this.config.publicUrl.origin)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<Caller> {
    const cached = this.cache.get(token);
    if (cached && cached.expiresAtMs > Date.now()) return cached.caller;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: this.config.publicUrl.origin });
      const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((r): r is string => typeof r === 'string') : [];
      const caller: Caller = { id: Number(payload.sub), address: String(payload['addr']), roles: roles.filter(isRole) };
      if (!Number.isInteger(caller.id)) throw new AppException(ErrorCode.UNAUTHENTICATED, 'Token has no subject');
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(token, { caller, expiresAtMs: (payload.exp ?? 0) * 1000 });
      return caller;
    } catch (error) {
      if (error instanceof AppException) throw error;
      const message = error instanceof joseErrors.JWTExpired ? 'Session expired: sign in again' : 'Invalid token';
      throw new AppException(ErrorCode.UNAUTHENTICATED, message);
    }
  }
}
