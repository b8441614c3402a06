import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the sales module refuses: unknown sales and versions, unpublished versions, bad input, a chain that does not answer. */
export class SalesException extends AppException<
  | typeof ErrorCode.SALE_NOT_FOUND
  | typeof ErrorCode.DATASET_NOT_FOUND
  | typeof ErrorCode.DATASET_NOT_PUBLISHED
  | typeof ErrorCode.CONFLICT
  | typeof ErrorCode.VALIDATION_FAILED
  | typeof ErrorCode.CHAIN_UNAVAILABLE
> {}
