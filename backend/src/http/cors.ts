import fastifyCors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { addRouteConfig } from './route-config.js';

/**
 * Opens one route to every origin (Access-Control-Allow-Origin: *), for public provider and metadata
 * routes that scripts on other sites call. Sessions are bearer tokens, never cookies, so `*` exposes
 * nothing a page could not read without CORS.
 */
export const PublicCors = (): MethodDecorator => addRouteConfig({ publicCors: true });

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

/**
 * CORS by configuration: CORS_ORIGINS may call the API from their pages; anyone else gets no CORS
 * headers at all (same origin only), except on routes marked @PublicCors().
 */
export async function registerCors(app: NestFastifyApplication, allowedOrigins: readonly string[]): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const publicRoutes: RegExp[] = [];
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { publicCors?: boolean } | undefined)?.publicCors) publicRoutes.push(routePattern(route.url));
  });
  const isPublic = (request: FastifyRequest): boolean => {
    if ((request.routeOptions.config as { publicCors?: boolean }).publicCors) return true;
    // A preflight reaches the OPTIONS catch-all: judge it by the route it asks about.
    if (request.method !== 'OPTIONS') return false;
    const path = request.url.split('?')[0] ?? '';
    return publicRoutes.some((pattern) => pattern.test(path));
  };
  await app.register(fastifyCors, {
    delegator: (request, callback) => {
      const open = isPublic(request);
      callback(null, {
        origin: open ? '*' : allowedOrigins.length > 0 ? [...allowedOrigins] : false,
        credentials: false,
        exposedHeaders: ['Content-Range', 'X-Total-Count', 'Retry-After'],
        methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
        maxAge: 600,
      });
    },
  });
}
