import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the catalogue refuses: unknown assets and bad list parameters. */
export class MarketException extends AppException<
  typeof ErrorCode.ASSET_NOT_FOUND | typeof ErrorCode.VALIDATION_FAILED | typeof ErrorCode.INVALID_VALUE
> {}
