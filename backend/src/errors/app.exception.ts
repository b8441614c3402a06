/**
 * Every error a client can see. Modules throw their own subclass of AppException with one of these
 * codes; `http-status.ts` maps each code to an HTTP status in one exhaustive switch.
 */
export const ErrorCode = {
  // request shape
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  INVALID_JSON: 'INVALID_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  INTERNAL: 'INTERNAL',
  // auth
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  SIWE_MALFORMED: 'SIWE_MALFORMED',
  SIWE_DOMAIN_MISMATCH: 'SIWE_DOMAIN_MISMATCH',
  SIWE_URI_MISMATCH: 'SIWE_URI_MISMATCH',
  SIWE_CHAIN_MISMATCH: 'SIWE_CHAIN_MISMATCH',
  SIWE_EXPIRED: 'SIWE_EXPIRED',
  SIWE_NOT_YET_VALID: 'SIWE_NOT_YET_VALID',
  NONCE_INVALID: 'NONCE_INVALID',
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  // users
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  USER_ADDRESS_TAKEN: 'USER_ADDRESS_TAKEN',
  USER_HAS_WORK: 'USER_HAS_WORK',
  // projects
  PROJECT_NOT_FOUND: 'PROJECT_NOT_FOUND',
  PROJECT_NOT_ACTIVE: 'PROJECT_NOT_ACTIVE',
  PROJECT_HAS_ANNOTATIONS: 'PROJECT_HAS_ANNOTATIONS',
  PROJECT_INVALID_CHANGE: 'PROJECT_INVALID_CHANGE',
  PROJECT_BUDGET_SPENT: 'PROJECT_BUDGET_SPENT',
  // items and files
  ITEM_NOT_FOUND: 'ITEM_NOT_FOUND',
  ITEM_HAS_ANNOTATIONS: 'ITEM_HAS_ANNOTATIONS',
  ITEM_INVALID: 'ITEM_INVALID',
  ITEM_EXTERNAL_ID_TAKEN: 'ITEM_EXTERNAL_ID_TAKEN',
  FILE_NOT_FOUND: 'FILE_NOT_FOUND',
  // assignments and annotations
  ASSIGNMENT_NOT_FOUND: 'ASSIGNMENT_NOT_FOUND',
  LEASE_EXPIRED: 'LEASE_EXPIRED',
  ASSIGNMENT_CLOSED: 'ASSIGNMENT_CLOSED',
  RESULT_INVALID: 'RESULT_INVALID',
  ANNOTATION_NOT_FOUND: 'ANNOTATION_NOT_FOUND',
  /** A new annotator already holds as many live leases as they may (NEW_ANNOTATOR_MAX_LEASES). */
  LEASE_LIMIT_REACHED: 'LEASE_LIMIT_REACHED',
  // quality
  ANNOTATOR_SUSPENDED: 'ANNOTATOR_SUSPENDED',
  SUSPENSION_NOT_FOUND: 'SUSPENSION_NOT_FOUND',
  QUALIFICATION_FAILED: 'QUALIFICATION_FAILED',
  QUALIFICATION_NOT_FOUND: 'QUALIFICATION_NOT_FOUND',
  /** The item is not waiting for review (never aggregated, settled, or decided by another reviewer). */
  REVIEW_NOT_PENDING: 'REVIEW_NOT_PENDING',
  /** Reviewers do not decide items they labelled. */
  REVIEW_OWN_LABEL: 'REVIEW_OWN_LABEL',
  // rewards
  NOTHING_TO_PAY: 'NOTHING_TO_PAY',
  EPOCH_NOT_FOUND: 'EPOCH_NOT_FOUND',
  EPOCH_INVALID_STATE: 'EPOCH_INVALID_STATE',
  CLAIM_NOT_AVAILABLE: 'CLAIM_NOT_AVAILABLE',
  /** The stored labels could not be aggregated (the quality engine's own codes are in the message). */
  QUALITY_INPUT_INVALID: 'QUALITY_INPUT_INVALID',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppException<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    /** Dotted path of the offending input, e.g. `result.spans[0].end`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  field?: string;
}
