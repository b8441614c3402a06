/** The header a request id comes in and goes back out on. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What a caller's (or a load balancer's) request id may look like to be kept: short, printable, no
 * spaces. Anything else is replaced, so that a header cannot forge or flood log lines.
 */
const WELL_FORMED = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The incoming request id when it is well-formed (one header, one value); undefined when a new one must be made. */
export function acceptedRequestId(header: string | readonly string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  return WELL_FORMED.test(header) ? header : undefined;
}
