import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { TtlCache } from '../cache/ttl-cache.js';
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

/**
 * Bearer JWTs (HS256). Verified tokens are remembered until they expire (every labeling call carries
 * one), at most MAX_CACHED_TOKENS of them: past that, the one verified longest ago is verified again.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  private readonly verified = new TtlCache<string, SessionClaims>({
    maxEntries: MAX_CACHED_TOKENS,
    ttlMs: (claims) => claims.expiresAt.getTime() - Date.now(),
  });
  private readonly check = (token: string): Promise<SessionClaims> => this.checkToken(token);

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

  /** The token's claims; UNAUTHENTICATED when it is not one of ours, was tampered with or has expired. */
  verify(token: string): Promise<SessionClaims> {
    return this.verified.getOrLoad(token, this.check);
  }

  private async checkToken(token: string): Promise<SessionClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: this.config.publicUrl.origin });
      const userId = Number(payload.sub);
      const authTime = payload['auth_time'];
      if (!Number.isInteger(userId) || typeof payload['addr'] !== 'string' || typeof authTime !== 'number' || payload.exp === undefined) {
        // Tokens from before roles left the JWT carry no auth_time: their holders sign in again.
        throw new AuthException(ErrorCode.UNAUTHENTICATED, 'Session token is not valid any more: sign in again');
      }
      return {
        userId,
        address: payload['addr'],
        signedInAt: new Date(authTime * 1000),
        expiresAt: new Date(payload.exp * 1000),
      };
    } catch (error) {
      if (error instanceof AppException) throw error;
      const message = error instanceof joseErrors.JWTExpired ? 'Session expired: sign in again' : 'Invalid token';
      throw new AuthException(ErrorCode.UNAUTHENTICATED, message);
    }
  }
}
