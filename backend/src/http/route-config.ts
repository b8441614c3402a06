/** Where @nestjs/platform-fastify keeps a handler's Fastify route config (its FASTIFY_ROUTE_CONFIG_METADATA). */
const FASTIFY_ROUTE_CONFIG = '__fastify_route_config__';

/**
 * Adds to a route's Fastify `config`. Nest's @RouteConfig replaces the whole object; this merges, so
 * several decorators (rate-limit group, CORS) can each set their own key.
 */
export function addRouteConfig(config: Record<string, unknown>): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG, handler) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG, { ...current, ...config }, handler);
    return descriptor;
  };
}
