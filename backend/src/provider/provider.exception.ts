import { AppException, type ErrorCode } from '../errors/app.exception.js';

/**
 * What the provider refuses (Ocean Node's /api/services/*). Answered as plain text, as Ocean Node
 * answers, with the status its code maps to: every refusal of a download is a 4xx and serves nothing.
 */
export class ProviderException extends AppException<
  | typeof ErrorCode.PROVIDER_ASSET_NOT_FOUND
  | typeof ErrorCode.PROVIDER_NONCE_INVALID
  | typeof ErrorCode.PROVIDER_SIGNATURE_INVALID
  | typeof ErrorCode.PROVIDER_ORDER_INVALID
  | typeof ErrorCode.PROVIDER_ASSET_NOT_ORDERABLE
  | typeof ErrorCode.OCEAN_NOT_CONFIGURED
  | typeof ErrorCode.RANGE_NOT_SATISFIABLE
  | typeof ErrorCode.VALIDATION_FAILED
> {
  override get plainText(): boolean {
    return true;
  }
}

/** Another refusal on the provider's routes (a query's validation, a dataset's): its own code and status, as plain text too. */
export class ProviderRefusal extends AppException {
  constructor(error: AppException) {
    super(error.code, error.message, error.field);
  }

  override get plainText(): boolean {
    return true;
  }
}
