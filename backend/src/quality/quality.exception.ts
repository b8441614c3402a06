import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the quality module refuses: review decisions, suspensions, qualifications and aggregation runs. */
export class QualityException extends AppException<
  | typeof ErrorCode.ITEM_NOT_FOUND
  | typeof ErrorCode.RESULT_INVALID
  | typeof ErrorCode.REVIEW_NOT_PENDING
  | typeof ErrorCode.REVIEW_OWN_LABEL
  | typeof ErrorCode.PROJECT_NOT_FOUND
  | typeof ErrorCode.USER_NOT_FOUND
  | typeof ErrorCode.SUSPENSION_NOT_FOUND
  | typeof ErrorCode.QUALIFICATION_NOT_FOUND
  | typeof ErrorCode.QUALITY_INPUT_INVALID
  | typeof ErrorCode.VALIDATION_FAILED
> {}
