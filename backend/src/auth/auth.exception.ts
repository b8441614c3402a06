import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the auth module refuses: sign-in messages and signatures that do not check out, and sessions not (or no longer) valid. */
export class AuthException extends AppException<
  | typeof ErrorCode.SIWE_MALFORMED
  | typeof ErrorCode.SIWE_DOMAIN_MISMATCH
  | typeof ErrorCode.SIWE_URI_MISMATCH
  | typeof ErrorCode.SIWE_CHAIN_MISMATCH
  | typeof ErrorCode.SIWE_EXPIRED
  | typeof ErrorCode.SIWE_NOT_YET_VALID
  | typeof ErrorCode.SIGNATURE_INVALID
  | typeof ErrorCode.NONCE_INVALID
  | typeof ErrorCode.UNAUTHENTICATED
  | typeof ErrorCode.SESSION_TOO_OLD
> {}
