import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the metadata role refuses: unknown DIDs, queries and DDOs it cannot read, bad signatures. */
export class AquariusException extends AppException<
  | typeof ErrorCode.ASSET_NOT_FOUND
  | typeof ErrorCode.VALIDATION_FAILED
  | typeof ErrorCode.SIGNATURE_INVALID
  | typeof ErrorCode.OCEAN_NOT_CONFIGURED
> {}
