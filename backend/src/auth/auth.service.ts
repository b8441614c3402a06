import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getAddress, verifyMessage } from 'ethers';
import type { Caller } from '../access/access.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { UserDto } from '../users/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { AuthNonceRepository } from './auth-nonce.repository.js';
import type { NonceDto, SessionDto } from './auth.dto.js';
import { AuthException } from './auth.exception.js';
import { checkSiweMessage, parseSiweMessage, type SiweProblem } from './domain/siwe-message.js';
import { TokenService, type SessionClaims } from './token.service.js';

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CLOCK_SKEW_MS = 60_000;

function problemToException(problem: SiweProblem): AuthException {
  switch (problem.kind) {
    case 'malformed':
      return new AuthException(ErrorCode.SIWE_MALFORMED, `Malformed sign-in message: ${problem.message}`, `message.${problem.field}`);
    case 'domain':
      return new AuthException(ErrorCode.SIWE_DOMAIN_MISMATCH, problem.message, 'message.domain');
    case 'uri':
      return new AuthException(ErrorCode.SIWE_URI_MISMATCH, problem.message, 'message.uri');
    case 'chain':
      return new AuthException(ErrorCode.SIWE_CHAIN_MISMATCH, problem.message, 'message.chainId');
    case 'expired':
      return new AuthException(ErrorCode.SIWE_EXPIRED, problem.message, 'message.expirationTime');
    case 'not-yet-valid':
      return new AuthException(ErrorCode.SIWE_NOT_YET_VALID, problem.message, 'message.notBefore');
    default: {
      const unreachable: never = problem;
      return unreachable;
    }
  }
}

function newNonce(): string {
  const bytes = randomBytes(24);
  return Array.from(bytes, (b) => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join('');
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly nonces: AuthNonceRepository,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  async nonce(): Promise<NonceDto> {
    const nonce = newNonce();
    const expiresAt = await this.nonces.create(nonce, this.config.nonceTtlSeconds);
    return { nonce, expiresAt: expiresAt.toISOString() };
  }

  /** EIP-4361 verification: message checks, signature, then the single-use nonce. */
  async verify(text: string, signature: string): Promise<SessionDto> {
    const parsed = parseSiweMessage(text);
    if (!parsed.ok) throw problemToException(parsed.problem);
    const message = parsed.message;
    const problem = checkSiweMessage(message, {
      publicUrl: this.config.publicUrl,
      chainId: this.config.chainId,
      now: new Date(),
      skewMs: CLOCK_SKEW_MS,
    });
    if (problem) throw problemToException(problem);
    let signer: string;
    try {
      signer = verifyMessage(text, signature);
    } catch {
      throw new AuthException(ErrorCode.SIGNATURE_INVALID, 'Signature cannot be decoded', 'signature');
    }
    if (signer.toLowerCase() !== message.address.toLowerCase()) {
      throw new AuthException(ErrorCode.SIGNATURE_INVALID, 'Signature was not made by the address in the message', 'signature');
    }
    if (!(await this.nonces.consume(message.nonce))) {
      throw new AuthException(ErrorCode.NONCE_INVALID, 'Nonce is unknown, expired or already used: ask for a new one', 'message.nonce');
    }
    const address = getAddress(message.address.toLowerCase());
    const user = await this.users.signIn(address, this.config.adminAddresses.includes(address) ? ['admin'] : []);
    return this.session(user, new Date());
  }

  /** A fresh token for a session still in force, up to its maximum age; the user's current roles with it. */
  async renew(session: SessionClaims, caller: Caller): Promise<SessionDto> {
    const user = await this.users.find(caller.id);
    if (!user) throw new AuthException(ErrorCode.UNAUTHENTICATED, 'This account no longer exists');
    return this.session(user, session.signedInAt);
  }

  private async session(user: UserDto, signedInAt: Date): Promise<SessionDto> {
    const { token, expiresAt } = await this.tokens.issue({ id: user.id, address: user.address }, signedInAt);
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      renewableUntil: this.tokens.renewableUntil(signedInAt).toISOString(),
      user,
    };
  }

  async me(id: number): Promise<UserDto> {
    const user = await this.users.find(id);
    if (!user) throw new AuthException(ErrorCode.UNAUTHENTICATED, 'This account no longer exists');
    return user;
  }
}
