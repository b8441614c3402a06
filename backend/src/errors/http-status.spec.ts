import { describe, expect, it } from 'vitest';
import { ErrorCode } from './app.exception.js';
import { httpStatusFor } from './http-status.js';

/** The status each code is documented to have; a new code must be added here on purpose. */
const EXPECTED: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  INTERNAL: 500,
  JSON_TOO_COMPLEX: 422,
  INVALID_VALUE: 400,
  CONFLICT: 409,
  MALFORMED_REQUEST: 400,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SIWE_MALFORMED: 400,
  SIWE_DOMAIN_MISMATCH: 401,
  SIWE_URI_MISMATCH: 401,
  SIWE_CHAIN_MISMATCH: 401,
  SIWE_EXPIRED: 401,
  SIWE_NOT_YET_VALID: 401,
  NONCE_INVALID: 401,
  SIGNATURE_INVALID: 401,
  SESSION_TOO_OLD: 401,
  RATE_LIMITED: 429,
  FILE_URL_INVALID: 403,
  FILE_URL_EXPIRED: 401,
  USER_NOT_FOUND: 404,
  USER_ADDRESS_TAKEN: 409,
  USER_HAS_WORK: 409,
  PROJECT_NOT_FOUND: 404,
  QUALIFICATION_FAILED: 403,
  QUALIFICATION_NOT_FOUND: 404,
  REVIEW_NOT_PENDING: 409,
  REVIEW_OWN_LABEL: 403,
  LEASE_LIMIT_REACHED: 409,
  QUALITY_INPUT_INVALID: 422,
  SYNTHETIC_UNSUPPORTED: 422,
  DATASET_ALREADY_PUBLISHED: 409,
  NOTHING_TO_PAY: 409,
  EPOCH_NOT_FOUND: 404,
  DATASET_NOT_FOUND: 404,
  DATASET_FILE_NOT_FOUND: 404,
  ASSET_NOT_FOUND: 404,
  DATASET_NOT_READY: 409,
  RANGE_NOT_SATISFIABLE: 416,
  EPOCH_INVALID_STATE: 409,
  CLAIM_NOT_AVAILABLE: 409,
  EPOCH_NOT_FAILED: 409,
  EPOCH_TX_IN_FLIGHT: 409,
  EPOCH_ROOT_POSTED: 409,
  RELAY_BELOW_MINIMUM: 422,
  RELAY_DAILY_CAP_REACHED: 429,
  CHAIN_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  OCEAN_NOT_CONFIGURED: 409,
  DATASET_NOT_PUBLISHED: 409,
  FAUCET_UNAVAILABLE: 404,
  SALE_NOT_FOUND: 404,
  PROVIDER_ASSET_NOT_FOUND: 404,
  PROVIDER_NONCE_INVALID: 401,
  PROVIDER_SIGNATURE_INVALID: 401,
  PROVIDER_ORDER_INVALID: 403,
  PROVIDER_ASSET_NOT_ORDERABLE: 403,
  PROJECT_NOT_ACTIVE: 409,
  PROJECT_HAS_ANNOTATIONS: 409,
  PROJECT_INVALID_CHANGE: 409,
  PROJECT_BUDGET_SPENT: 409,
  ITEM_NOT_FOUND: 404,
  ITEM_HAS_ANNOTATIONS: 409,
  ITEM_INVALID: 400,
  ITEM_EXTERNAL_ID_TAKEN: 409,
  FILE_NOT_FOUND: 404,
  ASSIGNMENT_NOT_FOUND: 404,
  LEASE_EXPIRED: 409,
  ASSIGNMENT_CLOSED: 409,
  RESULT_INVALID: 400,
  ANNOTATION_NOT_FOUND: 404,
  ANNOTATOR_SUSPENDED: 403,
  SUSPENSION_NOT_FOUND: 404,
};

describe('httpStatusFor', () => {
  const codes = Object.values(ErrorCode);

  it('the table above lists every code', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...codes].sort());
  });

  it('each code constant equals its own name', () => {
    for (const [name, value] of Object.entries(ErrorCode)) expect(value).toBe(name);
  });

  it.each(codes)('%s maps to a 4xx or 5xx status', (code) => {
    const status = httpStatusFor(code);
    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
  });

  it.each(codes)('%s maps to its documented status', (code) => {
    expect(httpStatusFor(code)).toBe(EXPECTED[code]);
  });

  it('only INTERNAL and an unreachable chain or database (503: try again) are server errors', () => {
    expect(codes.filter((code) => httpStatusFor(code) >= 500)).toEqual([
      ErrorCode.INTERNAL,
      ErrorCode.CHAIN_UNAVAILABLE,
      ErrorCode.DATABASE_UNAVAILABLE,
    ]);
  });

  it('every *_NOT_FOUND code is a 404', () => {
    for (const code of codes.filter((c) => c.endsWith('_NOT_FOUND'))) expect(httpStatusFor(code)).toBe(404);
  });
});
