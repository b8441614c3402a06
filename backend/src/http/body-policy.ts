/**
 * What body each route takes, decided from the request line and headers alone so that a body that
 * is too large or of a type the route does not take is refused before a byte of it is read.
 */
import { AppException, ErrorCode } from '../errors/app.exception.js';

/**
 * `@RouteConfig` of a route that takes uploads as a raw stream (the item import): it gets
 * MAX_IMPORT_BYTES instead of MAX_BODY_BYTES, and only the media types it lists.
 */
export interface UploadRouteConfig {
  streamBody: true;
  uploadTypes: readonly string[];
  /** A smaller limit than MAX_IMPORT_BYTES, for a route that reads its stream whole (the provider's encrypt). */
  maxBytes?: number;
}

export interface BodyPolicy {
  limit: number;
  /** Lowercase media types without parameters; empty: the route takes no body. */
  mediaTypes: readonly string[];
}

const JSON_TYPES = ['application/json'] as const;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** RFC 2046 section 5.1.1. */
const MAX_BOUNDARY_LENGTH = 70;

export function isUploadRoute(routeConfig: unknown): routeConfig is UploadRouteConfig {
  return (routeConfig as Partial<UploadRouteConfig> | undefined)?.streamBody === true;
}

export function bodyPolicyFor(method: string, routeConfig: unknown, limits: { maxBodyBytes: number; maxImportBytes: number }): BodyPolicy {
  if (isUploadRoute(routeConfig)) {
    return { limit: Math.min(routeConfig.maxBytes ?? limits.maxImportBytes, limits.maxImportBytes), mediaTypes: routeConfig.uploadTypes };
  }
  return { limit: limits.maxBodyBytes, mediaTypes: METHODS_WITH_BODY.has(method) ? JSON_TYPES : [] };
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** True when the request carries a body: chunked, or a Content-Length other than 0. */
export function hasBody(headers: Headers): boolean {
  if (header(headers, 'transfer-encoding') !== undefined) return true;
  const length = header(headers, 'content-length');
  return length !== undefined && length.trim() !== '0';
}

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Why the request's body is refused, if it is: size first (413: Content-Length over the route's
 * limit), then type (415), then a multipart body without a usable boundary (400).
 */
export function bodyRefusal(headers: Headers, policy: BodyPolicy): AppException | undefined {
  if (!hasBody(headers)) return undefined;
  const length = Number(header(headers, 'content-length'));
  if (length > policy.limit) {
    return new AppException(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than this route's limit of ${policy.limit} bytes`);
  }
  const contentType = header(headers, 'content-type');
  const type = mediaTypeOf(contentType);
  if (!policy.mediaTypes.includes(type)) {
    const takes = policy.mediaTypes.length === 0 ? 'no body' : policy.mediaTypes.join(', ');
    return new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `This route takes ${takes}, not ${type === '' ? 'an untyped body' : type}`);
  }
  if (type === 'multipart/form-data') {
    const boundary = multipartBoundary(contentType!);
    if (boundary === undefined || boundary.length === 0 || boundary.length > MAX_BOUNDARY_LENGTH) {
      return new AppException(
        ErrorCode.VALIDATION_FAILED,
        `multipart/form-data needs a boundary parameter of 1 to ${MAX_BOUNDARY_LENGTH} characters`,
        'content-type',
      );
    }
  }
  return undefined;
}
