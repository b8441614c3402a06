import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'off';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Who may read /metrics. With a token: only a bearer of it (compared in constant time). Without
 * one: anyone outside production (a development machine, tests, the load bench); in production
 * nobody, since metrics tell volumes and routes to whoever asks.
 */
export function metricsAccess(token: string | undefined, production: boolean, authorization: string | undefined): MetricsAccess {
  if (token === undefined) return production ? 'off' : 'allowed';
  const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
  if (!match) return 'unauthorized';
  return timingSafeEqual(digest(match[1]!), digest(token)) ? 'allowed' : 'unauthorized';
}
