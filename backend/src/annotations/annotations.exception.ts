import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the annotations module refuses: unknown labels or items, results that break the label schema, labelling an item twice, a list query the caller may not make. */
export class AnnotationException extends AppException<
  | typeof ErrorCode.ANNOTATION_NOT_FOUND
  | typeof ErrorCode.ITEM_NOT_FOUND
  | typeof ErrorCode.RESULT_INVALID
  | typeof ErrorCode.ASSIGNMENT_CLOSED
  | typeof ErrorCode.ANNOTATOR_SUSPENDED
  | typeof ErrorCode.VALIDATION_FAILED
> {}
