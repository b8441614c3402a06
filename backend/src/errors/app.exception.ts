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
  /** JSON nested too deep or holding too many keys (MAX_JSON_DEPTH, MAX_JSON_KEYS, MAX_JSON_OBJECT_KEYS). */
  JSON_TOO_COMPLEX: 'JSON_TOO_COMPLEX',
  /** A value that cannot be stored as given: a NUL character, an unpaired surrogate, a number out of range. */
  INVALID_VALUE: 'INVALID_VALUE',
  /** The database refused a write as conflicting with another row (validation should have said so first). */
  CONFLICT: 'CONFLICT',
  /** Refused by the HTTP parser before routing: not HTTP/1.1 as written, or headers past Node's limit, or too slow. */
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
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
  /** The session reached SESSION_MAX_AGE_SECONDS: renewals stop, the wallet signs in again. */
  SESSION_TOO_OLD: 'SESSION_TOO_OLD',
  /** Too many requests from this account or address in the rate-limit window. */
  RATE_LIMITED: 'RATE_LIMITED',
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
  /** A file URL whose signature does not match (altered, or made for another user). */
  FILE_URL_INVALID: 'FILE_URL_INVALID',
  /** A signed file URL past its expiry: load the page again for a fresh one. */
  FILE_URL_EXPIRED: 'FILE_URL_EXPIRED',
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
  /** Only an epoch that failed for good can be voided. */
  EPOCH_NOT_FAILED: 'EPOCH_NOT_FAILED',
  /** A signed transaction of the epoch is not settled: it could still be mined. */
  EPOCH_TX_IN_FLIGHT: 'EPOCH_TX_IN_FLIGHT',
  /** The claim epoch's root is on chain: annotators can claim it, it cannot be voided. */
  EPOCH_ROOT_POSTED: 'EPOCH_ROOT_POSTED',
  RELAY_BELOW_MINIMUM: 'RELAY_BELOW_MINIMUM',
  RELAY_DAILY_CAP_REACHED: 'RELAY_DAILY_CAP_REACHED',
  /** The chain's RPC did not answer a read the request needs; try again later. */
  CHAIN_UNAVAILABLE: 'CHAIN_UNAVAILABLE',
  /** PostgreSQL cannot be reached or is restarting; nothing was done, try again shortly. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  // datasets
  DATASET_NOT_FOUND: 'DATASET_NOT_FOUND',
  DATASET_FILE_NOT_FOUND: 'DATASET_FILE_NOT_FOUND',
  /** The version is still building, or failed: it has no files. */
  DATASET_NOT_READY: 'DATASET_NOT_READY',
  /** The version is published (or publishing) already: one asset per version. */
  DATASET_ALREADY_PUBLISHED: 'DATASET_ALREADY_PUBLISHED',
  /** Synthetic data cannot be made from this version (its project type has no synthesizer, or it has no records). */
  SYNTHETIC_UNSUPPORTED: 'SYNTHETIC_UNSUPPORTED',
  /** A byte range outside the file. */
  RANGE_NOT_SATISFIABLE: 'RANGE_NOT_SATISFIABLE',
  /** The stored labels could not be aggregated (the quality engine's own codes are in the message). */
  QUALITY_INPUT_INVALID: 'QUALITY_INPUT_INVALID',
  // ocean
  /** Ocean's contracts are not known on this chain (RPC_URL without an Ocean address file or DEPLOY_CONTRACTS). */
  OCEAN_NOT_CONFIGURED: 'OCEAN_NOT_CONFIGURED',
  // market and metadata role
  /** No indexed asset (with a DDO) has this DID. */
  ASSET_NOT_FOUND: 'ASSET_NOT_FOUND',
  // sales
  SALE_NOT_FOUND: 'SALE_NOT_FOUND',
  /** The version has no published asset to list or unlist. */
  DATASET_NOT_PUBLISHED: 'DATASET_NOT_PUBLISHED',
  /** The faucet only runs on the embedded development chain. */
  FAUCET_UNAVAILABLE: 'FAUCET_UNAVAILABLE',
  // provider (Ocean Node's /api/services/*)
  /** The DID names no asset this provider serves, or its service id is not one of the asset's. */
  PROVIDER_ASSET_NOT_FOUND: 'PROVIDER_ASSET_NOT_FOUND',
  /** The nonce is not larger than the last one this address used. */
  PROVIDER_NONCE_INVALID: 'PROVIDER_NONCE_INVALID',
  /** The signature over consumerAddress + nonce + command does not recover the consumer. */
  PROVIDER_SIGNATURE_INVALID: 'PROVIDER_SIGNATURE_INVALID',
  /** The transaction is no valid order of this service by this consumer (or it expired, or its provider fee is not ours). */
  PROVIDER_ORDER_INVALID: 'PROVIDER_ORDER_INVALID',
  /** The asset's NFT state does not allow ordering (end-of-life, deprecated, revoked, ordering off, unlisted). */
  PROVIDER_ASSET_NOT_ORDERABLE: 'PROVIDER_ASSET_NOT_ORDERABLE',
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

  /** Answered as `text/plain` (the message alone) instead of the JSON error body: Ocean Node's routes do so. */
  get plainText(): boolean {
    return false;
  }
}

/** The body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  field?: string;
}
