import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the labeling path refuses: work that may not be handed out, and labels that cannot be recorded. */
export class AssignmentException extends AppException<
  | typeof ErrorCode.ANNOTATOR_SUSPENDED
  | typeof ErrorCode.PROJECT_NOT_ACTIVE
  | typeof ErrorCode.PROJECT_BUDGET_SPENT
  | typeof ErrorCode.QUALIFICATION_FAILED
  | typeof ErrorCode.LEASE_LIMIT_REACHED
  | typeof ErrorCode.ASSIGNMENT_NOT_FOUND
  | typeof ErrorCode.ASSIGNMENT_CLOSED
  | typeof ErrorCode.LEASE_EXPIRED
  | typeof ErrorCode.RESULT_INVALID
> {}
