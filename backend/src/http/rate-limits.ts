import { isIPv6 } from 'node:net';
import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { bearerToken, type RequestWithCaller } from '../auth/auth.decorators.js';
import type { TokenService } from '../auth/token.service.js';
import type { RateLimitConfig } from '../config/app-config.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import type { FileUrls } from '../items/domain/file-urls.js';
import { addRouteConfig } from './route-config.js';

export class RateLimitException extends AppException<typeof ErrorCode.RATE_LIMITED> {}

/**
 * `sign-in`, `faucet`: their own stricter limits. `catalogue`: public searches that read the whole
 * catalogue, at the anonymous limit per client network whether or not the request carries a session
 * (free accounts would otherwise each bring a quota of their own to one address).
 */
export type RateLimitGroupName = 'sign-in' | 'faucet' | 'catalogue';

interface TesseraRouteConfig {
  rateLimitGroup?: RateLimitGroupName;
  signedFileUrl?: boolean;
}

/** The route gets its group's stricter limit, counted per client network and route, whoever asks. */
export const RateLimitGroup = (group: RateLimitGroupName): MethodDecorator => addRouteConfig({ rateLimitGroup: group });

/** The route is reached through signed file URLs: a valid one counts against the user it names. */
export const SignedFileUrlRoute = (): MethodDecorator => addRouteConfig({ signedFileUrl: true });

/** The account a request proves it acts for (a valid session token or signed file URL), if any. */
export type RequestAccount = (request: FastifyRequest) => Promise<number | undefined>;

export function requestAccount(tokens: TokenService, fileUrls: FileUrls): RequestAccount {
  return async (request) => {
    const token = bearerToken(request.headers);
    if (token !== undefined) {
      try {
        const session = await tokens.verify(token);
        // Kept for the auth guard, which would otherwise verify the same token again.
        (request as RequestWithCaller).session = session;
        return session.userId;
      } catch {
        return undefined;
      }
    }
    const config = request.routeOptions.config as TesseraRouteConfig;
    const cid = (request.params as Record<string, unknown> | undefined)?.['cid'];
    if (config.signedFileUrl && typeof cid === 'string') {
      const checked = fileUrls.check(cid, request.query as Record<string, unknown>);
      if (checked.ok) return checked.userId;
    }
    return undefined;
  };
}

function ipv6Groups(ip: string): number[] {
  let address = ip.split('%')[0]!;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    address = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const first = head === '' ? [] : head.split(':');
  const last = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? first : [...first, ...Array<string>(8 - first.length - last.length).fill('0'), ...last];
  return groups.map((group) => Number.parseInt(group, 16));
}

/**
 * Whose quota an anonymous request uses: an IPv4 address as it is, an IPv4-mapped IPv6 address as
 * IPv4, any other IPv6 address by its /64 (one subscriber usually holds a whole /64).
 */
export function clientNetwork(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const groups = ipv6Groups(ip);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/**
 * One limiter for every route: signed-in callers by account (RATE_LIMIT_PER_USER), anonymous ones by
 * IP (RATE_LIMIT_PER_IP), sign-in routes by IP and route (RATE_LIMIT_SIGN_IN_PER_IP), the faucet by IP
 * (RATE_LIMIT_FAUCET_PER_IP), catalogue searches by IP and route (RATE_LIMIT_PER_IP) whoever asks. The client IP is the socket's, or X-Forwarded-For's from TRUSTED_PROXIES
 * only. Over the limit: 429 RATE_LIMITED with Retry-After. Counters live in this process.
 */
export async function registerRateLimits(app: NestFastifyApplication, limits: RateLimitConfig, account: RequestAccount): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: limits.windowSeconds * 1000,
    cache: 100_000,
    keyGenerator: async (request) => {
      const group = (request.routeOptions.config as TesseraRouteConfig).rateLimitGroup;
      if (group) return `${group}:${request.routeOptions.url ?? ''}:${clientNetwork(request.ip)}`;
      const userId = await account(request);
      return userId === undefined ? `ip:${clientNetwork(request.ip)}` : `user:${userId}`;
    },
    max: (_request, key) => {
      if (key.startsWith('user:')) return limits.perUser;
      if (key.startsWith('ip:')) return limits.perIp;
      if (key.startsWith('faucet:')) return limits.faucetPerIp;
      if (key.startsWith('catalogue:')) return limits.perIp;
      return limits.signInPerIp;
    },
    // Retry-After on a 429 only: three x-ratelimit-* headers on every answer would cost each labeling call.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_request, context) =>
      new RateLimitException(ErrorCode.RATE_LIMITED, `Too many requests: try again in ${context.after}`),
  });
}
