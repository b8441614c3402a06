import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the projects module refuses: unknown projects, settings that do not hold together, changes that would orphan labels. */
export class ProjectException extends AppException<
  | typeof ErrorCode.PROJECT_NOT_FOUND
  | typeof ErrorCode.PROJECT_HAS_ANNOTATIONS
  | typeof ErrorCode.PROJECT_INVALID_CHANGE
  | typeof ErrorCode.VALIDATION_FAILED
> {}
