import fastifyCors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { addRouteConfig } from './route-config.js';

/**
 * Opens one route to every origin (Access-Control-Allow-Origin: *), for public provider and metadata
 * routes that scripts on other sites call. Sessions are bearer tokens, never cookies, so `*` exposes
 * nothing a page could not read without CORS.
 */
export const PublicCors = (): MethodDecorator => addRouteConfig({ publicCors: true, cors: { origin: '*' } });

/** A Fastify route URL (`/api/x/:id`, `/files/*`) as a pattern for request paths. */
export function routePattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${escaped}$`);
}

const EXPOSED_HEADERS = ['Content-Range', 'X-Total-Count', 'X-Facets', 'Retry-After'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const MAX_AGE_SECONDS = 600;

/**
 * CORS by configuration: CORS_ORIGINS may call the API from their pages; anyone else gets no CORS
 * headers at all (same origin only), except on routes marked @PublicCors() (their route config
 * overrides the origin). The options are static, so the plugin normalizes them once, not per request
 * (a per-request delegator cost ~5 µs on every labeling call). A preflight reaches the OPTIONS
 * catch-all, whose config is the global one: for public routes it is answered here.
 */
export async function registerCors(app: NestFastifyApplication, allowedOrigins: readonly string[]): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const publicRoutes: RegExp[] = [];
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { publicCors?: boolean } | undefined)?.publicCors) publicRoutes.push(routePattern(route.url));
  });
  fastify.addHook('onRequest', (request: FastifyRequest, reply, done) => {
    if (request.method !== 'OPTIONS' || publicRoutes.length === 0 || request.headers['access-control-request-method'] === undefined) {
      done();
      return;
    }
    const path = request.url.split('?')[0] ?? '';
    if (!publicRoutes.some((pattern) => pattern.test(path))) {
      done();
      return;
    }
    const asked = request.headers['access-control-request-headers'];
    void reply
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', METHODS.join(', '))
      .header('access-control-max-age', String(MAX_AGE_SECONDS))
      .header('vary', 'Access-Control-Request-Headers');
    if (asked) void reply.header('access-control-allow-headers', asked);
    void reply.code(204).send();
  });
  await app.register(fastifyCors, {
    origin: allowedOrigins.length > 0 ? [...allowedOrigins] : false,
    credentials: false,
    exposedHeaders: EXPOSED_HEADERS,
    methods: METHODS,
    maxAge: MAX_AGE_SECONDS,
  });
}
