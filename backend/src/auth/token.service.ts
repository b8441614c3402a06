import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { AuthException } from './auth.exception.js';

/**
 * What a session token states: whose session it is and when the wallet signed. Roles are not in it:
 * they are read from the database on each request, so a change applies at once.
 */
export interface SessionClaims {
  userId: number;
  address: string;
  /** When the wallet signed in; renewals never take a session past this plus SESSION_MAX_AGE_SECONDS. */
  signedInAt: Date;
  expiresAt: Date;
}

const MAX_CACHED_TOKENS = 50_000;

/** Bearer JWTs (HS256). Verified tokens are cached until they expire: every labeling call carries one. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  private readonly cache = new Map<string, SessionClaims>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  /** The last moment a session signed in at `signedInAt` may last. */
  renewableUntil(signedInAt: Date): Date {
    return new Date(signedInAt.getTime() + this.config.sessionMaxAgeSeconds * 1000);
  }

  /** A token for JWT_TTL_SECONDS, cut short at the session's maximum age. */
  async issue(user: { id: number; address: string }, signedInAt: Date): Promise<{ token: string; expiresAt: Date }> {
    const expiresAtMs = Math.min(Date.now() + this.config.jwtTtlSeconds * 1000, this.renewableUntil(signedInAt).getTime());
    const expiresAt = new Date(Math.floor(expiresAtMs / 1000) * 1000);
    const token = await new SignJWT({ addr: user.address, auth_time: Math.floor(signedInAt.getTime() / 1000) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(user.id))
      .setIssuedAt()
      .setIssuer(this.config.publicUrl.origin)
      .setExpirationTime(expiresAt.getTime() / 1000)
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<SessionClaims> {
    const cached = this.cache.get(token);
    if (cached && cached.expiresAt.getTime() > Date.now()) return cached;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: this.config.publicUrl.origin });
      const userId = Number(payload.sub);
      const authTime = payload['auth_time'];
      if (!Number.isInteger(userId) || typeof payload['addr'] !== 'string' || typeof authTime !== 'number' || payload.exp === undefined) {
        // Tokens from before roles left the JWT carry no auth_time: their holders sign in again.
        throw new AuthException(ErrorCode.UNAUTHENTICATED, 'Session token is not valid any more: sign in again');
      }
      const claims: SessionClaims = {
        userId,
        address: payload['addr'],
        signedInAt: new Date(authTime * 1000),
        expiresAt: new Date(payload.exp * 1000),
      };
      if (this.cache.size >= MAX_CACHED_TOKENS) this.cache.clear();
      this.cache.set(token, claims);
      return claims;
    } catch (error) {
      if (error instanceof AppException) throw error;
      const message = error instanceof joseErrors.JWTExpired ? 'Session expired: sign in again' : 'Invalid token';
      throw new AuthException(ErrorCode.UNAUTHENTICATED, message);
    }
  }
}
