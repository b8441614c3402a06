import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the quality module refuses: review decisions, and its other requests as they move here. */
export class QualityException extends AppException<
  | typeof ErrorCode.ITEM_NOT_FOUND
  | typeof ErrorCode.RESULT_INVALID
  | typeof ErrorCode.REVIEW_NOT_PENDING
  | typeof ErrorCode.REVIEW_OWN_LABEL
> {}
