import { ErrorCode } from './app.exception.js';

export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.INVALID_JSON:
    case ErrorCode.SIWE_MALFORMED:
    case ErrorCode.ITEM_INVALID:
    case ErrorCode.RESULT_INVALID:
    case ErrorCode.INVALID_VALUE:
    case ErrorCode.MALFORMED_REQUEST:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.SIWE_DOMAIN_MISMATCH:
    case ErrorCode.SIWE_URI_MISMATCH:
    case ErrorCode.SIWE_CHAIN_MISMATCH:
    case ErrorCode.SIWE_EXPIRED:
    case ErrorCode.SIWE_NOT_YET_VALID:
    case ErrorCode.NONCE_INVALID:
    case ErrorCode.SIGNATURE_INVALID:
    case ErrorCode.SESSION_TOO_OLD:
    case ErrorCode.FILE_URL_EXPIRED:
      return 401;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.ANNOTATOR_SUSPENDED:
    case ErrorCode.QUALIFICATION_FAILED:
    case ErrorCode.FILE_URL_INVALID:
    case ErrorCode.REVIEW_OWN_LABEL:
      return 403;
    case ErrorCode.ROUTE_NOT_FOUND:
    case ErrorCode.USER_NOT_FOUND:
    case ErrorCode.PROJECT_NOT_FOUND:
    case ErrorCode.ITEM_NOT_FOUND:
    case ErrorCode.FILE_NOT_FOUND:
    case ErrorCode.ASSIGNMENT_NOT_FOUND:
    case ErrorCode.ANNOTATION_NOT_FOUND:
    case ErrorCode.SUSPENSION_NOT_FOUND:
    case ErrorCode.QUALIFICATION_NOT_FOUND:
    case ErrorCode.EPOCH_NOT_FOUND:
      return 404;
    case ErrorCode.USER_ADDRESS_TAKEN:
    case ErrorCode.USER_HAS_WORK:
    case ErrorCode.PROJECT_NOT_ACTIVE:
    case ErrorCode.PROJECT_HAS_ANNOTATIONS:
    case ErrorCode.PROJECT_INVALID_CHANGE:
    case ErrorCode.PROJECT_BUDGET_SPENT:
    case ErrorCode.ITEM_HAS_ANNOTATIONS:
    case ErrorCode.ITEM_EXTERNAL_ID_TAKEN:
    case ErrorCode.LEASE_EXPIRED:
    case ErrorCode.ASSIGNMENT_CLOSED:
    case ErrorCode.NOTHING_TO_PAY:
    case ErrorCode.EPOCH_INVALID_STATE:
    case ErrorCode.CLAIM_NOT_AVAILABLE:
    case ErrorCode.CONFLICT:
    case ErrorCode.EPOCH_NOT_FAILED:
    case ErrorCode.EPOCH_TX_IN_FLIGHT:
    case ErrorCode.EPOCH_ROOT_POSTED:
    case ErrorCode.LEASE_LIMIT_REACHED:
    case ErrorCode.REVIEW_NOT_PENDING:
    case ErrorCode.OCEAN_NOT_CONFIGURED:
      return 409;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.QUALITY_INPUT_INVALID:
    case ErrorCode.JSON_TOO_COMPLEX:
    case ErrorCode.RELAY_BELOW_MINIMUM:
      return 422;
    case ErrorCode.RELAY_DAILY_CAP_REACHED:
      return 429;
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ErrorCode.REQUEST_TIMEOUT:
      return 408;
    case ErrorCode.HEADERS_TOO_LARGE:
      return 431;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.INTERNAL:
      return 500;
    case ErrorCode.CHAIN_UNAVAILABLE:
      return 503;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
