import { Injectable } from '@nestjs/common';
import type { Caller } from '../access/access.js';
import { ErrorCode } from '../errors/app.exception.js';
import { CallersService } from '../users/callers.service.js';
import { AuthException } from './auth.exception.js';
import { TokenService, type SessionClaims } from './token.service.js';

/** Turns a bearer token into the caller as the database knows them now. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tokens: TokenService,
    private readonly callers: CallersService,
  ) {}

  /** `verified`: the claims of this very token, when something earlier in the request checked it already. */
  async authenticate(token: string, verified?: SessionClaims): Promise<{ session: SessionClaims; caller: Caller }> {
    const session = verified ?? (await this.tokens.verify(token));
    // Also holds for tokens issued before SESSION_MAX_AGE_SECONDS was lowered.
    if (this.tokens.renewableUntil(session.signedInAt).getTime() <= Date.now()) {
      throw new AuthException(ErrorCode.SESSION_TOO_OLD, 'This session is older than the longest allowed: sign in with your wallet again');
    }
    const caller = await this.callers.current(session.userId);
    if (!caller || caller.address.toLowerCase() !== session.address.toLowerCase()) {
      throw new AuthException(ErrorCode.UNAUTHENTICATED, 'This account no longer exists');
    }
    return { session, caller };
  }
}
