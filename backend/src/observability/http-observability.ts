import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { metricsAccess } from './domain/metrics-access.js';
import { acceptedRequestId, REQUEST_ID_HEADER } from './domain/request-id.js';
import { runInLogContext } from './log-context.js';
import { httpRequestDuration } from './metrics.js';
import { MetricsService } from './metrics.service.js';

/** Requests matching no route: one label for all of them, so that scanners cannot grow the label set. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Each request's log context, entered in onRequest and re-entered where Fastify goes on in another
 * async context (the body is read on socket events): as @fastify/request-context does.
 */
const scopes = new WeakMap<FastifyRequest, AsyncResource>();

/**
 * Request ids, HTTP metrics and GET /metrics. Registered before anything else, so that every
 * answer (refusals before routing included) carries X-Request-Id and is measured.
 */
export function registerObservability(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  const logger = new Logger('Http');
  // One line per request only at LOG_LEVEL=debug: at load, the histogram says the same for far less.
  const accessLines = config.logLevel === 'debug';
  fastify.addHook('onRequest', (request, reply, done) => {
    const requestId = acceptedRequestId(request.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    void reply.header(REQUEST_ID_HEADER, requestId);
    runInLogContext({ requestId }, () => {
      const scope = new AsyncResource('tessera-request');
      scopes.set(request, scope);
      scope.runInAsyncScope(done);
    });
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const scope = scopes.get(request);
    if (scope) scope.runInAsyncScope(done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const status = reply.statusCode;
    httpRequestDuration.observe({ method: request.method, route, status_class: `${Math.floor(status / 100)}xx` }, reply.elapsedTime / 1000);
    if (accessLines) {
      const line = (): void => logger.debug(`${request.method} ${route} ${status} in ${reply.elapsedTime.toFixed(1)} ms`);
      const scope = scopes.get(request);
      if (scope) scope.runInAsyncScope(line);
      else line();
    }
    done();
  });

  const metrics = app.get(MetricsService);
  const production = config.nodeEnv === 'production';
  if (production && config.observability.metricsToken === undefined) {
    logger.log('GET /metrics is off: set METRICS_TOKEN to let Prometheus scrape it with that bearer token');
  }
  // Beside the API, not under /api: where Prometheus looks by default.
  fastify.get('/metrics', async (request, reply) => {
    switch (metricsAccess(config.observability.metricsToken, production, request.headers.authorization)) {
      case 'off':
        return reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Metrics are off: set METRICS_TOKEN\n');
      case 'unauthorized':
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .header('content-type', 'text/plain; charset=utf-8')
          .send('GET /metrics takes Authorization: Bearer <METRICS_TOKEN>\n');
      case 'allowed':
        return reply
          .header('content-type', metrics.contentType)
          .header('cache-control', 'no-store')
          .send(await metrics.scrape());
    }
  });
}
