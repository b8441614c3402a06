import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger, RequestMethod, ValidationPipe, type INestApplication, type ValidationError } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { CONSOLE_BASE, isAppPage, LABEL_BASE, MARKET_BASE } from '../../frontend/src/appPaths.js';
import { AppModule } from './app.module.js';
import { TokenService } from './auth/token.service.js';
import type { AppConfig } from './config/app-config.js';
import { openDatabase } from './database/data-source.js';
import { EmbeddedDatabase } from './database/embedded-postgres.js';
import { AppException, ErrorCode } from './errors/app.exception.js';
import { AppExceptionFilter } from './errors/app-exception.filter.js';
import { bodyPolicyFor, bodyRefusal, hasBody, isUploadRoute } from './http/body-policy.js';
import { answerClientError, frameworkErrorBody } from './http/client-error.js';
import { assertJsonWithinLimits, decodeUtf8 } from './http/json-limits.js';
import { registerCors } from './http/cors.js';
import { registerRateLimits, requestAccount } from './http/rate-limits.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { HealthService } from './health/health.service.js';
import { FileUrls } from './items/domain/file-urls.js';
import { createAppLogger } from './observability/app-logger.js';
import { registerObservability } from './observability/http-observability.js';

function firstError(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const message = Object.values(error.constraints)[0] ?? 'is invalid';
      return { field, message };
    }
    if (error.children?.length) return firstError(error.children, field);
  }
  return { field: prefix || 'body', message: 'is invalid' };
}

function streamsBody(request: FastifyRequest): boolean {
  return isUploadRoute(request.routeOptions.config);
}

/**
 * Bodies by route: every route gets MAX_BODY_BYTES and JSON (or no body at all for GET), only the
 * import route gets MAX_IMPORT_BYTES and its upload types as a raw stream (never buffered). A
 * Content-Length over the limit or a type the route does not take is refused in onRequest, before
 * the body is read, and the connection is closed rather than drained; a chunked JSON body is counted
 * as it arrives and cut at the limit. JSON is decoded as strict UTF-8 and held to the JSON limits.
 */
function configureParsers(fastify: FastifyInstance, config: AppConfig): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.is404) {
      // Nothing will read it: answer the 404 and close rather than take in the body.
      if (hasBody(request.headers)) void reply.header('connection', 'close');
      done();
      return;
    }
    const refusal = bodyRefusal(request.headers, bodyPolicyFor(request.method, request.routeOptions.config, config));
    if (refusal) {
      void reply.header('connection', 'close');
      done(refusal);
      return;
    }
    done();
  });
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', (request, payload, done) => {
    if (streamsBody(request)) {
      done(null, payload);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: Error | null, body?: unknown): void => {
      if (settled) return;
      settled = true;
      payload.off('data', onData);
      done(error, body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= config.maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop reading: Fastify answers with `Connection: close`, so the rest is never taken in.
      payload.pause();
      settle(
        new AppException(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than this route's limit of ${config.maxBodyBytes} bytes`),
      );
    };
    payload.on('data', onData);
    payload.on('end', () => {
      try {
        settle(null, parseJsonBody(Buffer.concat(chunks, size), config.jsonLimits));
      } catch (error) {
        settle(error as Error);
      }
    });
    // The client went away (or its framing broke) mid-body: nobody will read the answer, but it is no server error.
    payload.on('error', () => settle(new AppException(ErrorCode.MALFORMED_REQUEST, 'The request body was cut off', 'body')));
  });
  // Everything else: the import route reads its own stream; elsewhere only an empty body gets here
  // (react-admin sends DELETE with `Content-Type: text/plain` and nothing in it).
  fastify.addContentTypeParser('*', (request, payload, done) => {
    if (streamsBody(request)) done(null, payload);
    else if (!hasBody(request.headers)) done(null, undefined);
    else done(new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'This route takes application/json'), undefined);
  });
}

/** An empty body is no body; anything else must be strict UTF-8 JSON within the JSON limits. */
function parseJsonBody(bytes: Buffer, limits: AppConfig['jsonLimits']): unknown {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new AppException(ErrorCode.INVALID_JSON, 'Request body is not valid UTF-8');
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppException(ErrorCode.INVALID_JSON, 'Request body is not valid JSON');
  }
  assertJsonWithinLimits(value, limits, 'body');
  return value;
}

const APP_AREAS = [LABEL_BASE, CONSOLE_BASE, MARKET_BASE];

/**
 * The browser app on the same origin: hashed assets cached for good, and every page of the three
 * areas answered with index.html (client-side routing); the apps' own table of pages (appPaths.ts)
 * tells a page from a path that answers 404.
 */
async function serveFrontend(fastify: FastifyInstance, dir: string): Promise<void> {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) return;
  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    setHeaders: (res, file) => {
      if (file.includes(`${path.sep}assets${path.sep}`)) void res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  // A path that is no page of its app still gets the app's HTML (the app draws its own 404 page), with status 404.
  const sendIndex = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const html = await readFile(indexFile, 'utf8');
    const page = isAppPage(request.url.split('?', 1)[0]!);
    await reply
      .code(page ? 200 : 404)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(html);
  };
  // `/` itself is the provider module's NodeRootController: an Ocean Node root for scripts, /label for browsers.
  for (const area of APP_AREAS) {
    fastify.get(area, sendIndex);
    fastify.get(`${area}/*`, sendIndex);
  }
}

/** Every route is under `/api`; the browser app's pages are not. */
export const API_PREFIX = 'api';

/**
 * The OpenAPI document of the app's controllers (once `API_PREFIX` is set): served at
 * /api/docs/openapi.json, and written without a database by `backend/src/cli/openapi.ts` for the
 * browser's generated types.
 */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tessera API')
      .setDescription(
        'Label-to-earn: wallet sign-in, projects, items, assignments, annotations. Errors are {statusCode, code, message, field?}.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}

/** What a worker process answers over HTTP: its health and its metrics, for probes and scrapers. */
const WORKER_PATHS = ['/api/health', '/metrics'];

/** A worker process serves no API and no pages: everything but WORKER_PATHS is not found there. */
function restrictToWorkerPaths(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const pathname = request.url.split('?', 1)[0]!;
    if (WORKER_PATHS.some((allowed) => pathname === allowed || pathname.startsWith(`${allowed}/`))) {
      done();
      return;
    }
    void reply.code(404).send({
      statusCode: 404,
      code: ErrorCode.ROUTE_NOT_FOUND,
      message: `This is a worker process (TESSERA_ROLE=worker): it answers ${WORKER_PATHS.join(' and ')} only`,
    });
  });
}

export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  registerObservability(app, config);
  const fastify = app.getHttpAdapter().getInstance();
  if (config.role === 'worker') restrictToWorkerPaths(fastify);
  configureParsers(fastify, config);
  await app.register(fastifyMultipart, {
    // Only the import route takes multipart (see body-policy.ts); it reads files and skips fields.
    limits: { fileSize: config.maxImportBytes, files: 10_000, fields: 100, fieldSize: 64 * 1024, parts: 10_100 },
    throwFileSizeLimit: true,
  });
  registerSecurityHeaders(app, config.publicUrl);
  await registerCors(app, config.corsOrigins);
  const fileUrls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  await registerRateLimits(app, config.rateLimits, requestAccount(app.get(TokenService), fileUrls));
  if (config.frontendDir && config.role !== 'worker') await serveFrontend(fastify, config.frontendDir);
  // Ocean Node's root is `/` of the provider base URL (ocean.js reads its serviceEndpoints there).
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: '/', method: RequestMethod.GET }] });
  app.useGlobalFilters(new AppExceptionFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      transform: true,
      exceptionFactory: (errors) => {
        const { field, message } = firstError(errors);
        return new AppException(ErrorCode.VALIDATION_FAILED, message, field);
      },
    }),
  );
  const document = createApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}

export interface Tessera {
  app: NestFastifyApplication;
  dataSource: DataSource;
  config: AppConfig;
  /** The base URL it listens on, once `listen` ran. */
  url(): Promise<string>;
  /** Every route Fastify registered, as registered (complete once `init` or `listen` ran). */
  routes: ReadonlyArray<{ method: string; url: string }>;
  close(): Promise<void>;
}

/** Records the route table as Fastify builds it (the authorization matrix test checks each route). */
function recordRoutes(app: NestFastifyApplication): Array<{ method: string; url: string }> {
  const routes: Array<{ method: string; url: string }> = [];
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });
  return routes;
}

/** Stops taking connections and waits for the requests in flight, cutting what is still open after `graceMs`. */
async function closeHttp(app: NestFastifyApplication, graceMs: number, logger: Logger): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  try {
    if ((await Promise.race([fastify.close().then(() => 'done' as const), grace])) === 'late') {
      logger.warn(`requests still in flight after ${graceMs / 1000} s: closing their connections`);
      fastify.server.closeAllConnections();
      await fastify.close();
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the database (embedded unless DATABASE_URL), migrates it and builds the HTTP app. */
export async function createTessera(config: AppConfig): Promise<Tessera> {
  const appLogger = createAppLogger({ level: config.logLevel, format: config.observability.logFormat });
  Logger.overrideLogger(appLogger);
  const logger = new Logger('Tessera');
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (url === undefined) {
    const dir = path.join(config.dataDir, 'pg');
    logger.log(`no DATABASE_URL: starting embedded PostgreSQL in ${dir} on port ${config.embeddedPgPort}`);
    embedded = new EmbeddedDatabase({ dir, port: config.embeddedPgPort, database: 'tessera' });
    await embedded.start();
    url = embedded.url;
  }
  let dataSource: DataSource | undefined;
  try {
    dataSource = await openDatabase({ url, poolSize: config.dbPoolSize });
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, dataSource, url),
      // X-Forwarded-For is believed from TRUSTED_PROXIES only: from anyone else it would let a client pick its IP.
      new FastifyAdapter({
        bodyLimit: config.maxBodyBytes,
        trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
        clientErrorHandler: answerClientError,
        frameworkErrors: (error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply) => {
          const body = frameworkErrorBody(error);
          void reply.code(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
        },
      }),
      { logger: appLogger, abortOnError: false, bodyParser: false },
    );
    const routes = recordRoutes(app);
    await configureApp(app, config);
    // No enableShutdownHooks: main.ts turns SIGTERM into `close`, which stops in the order below (Nest's
    // own signal handler would close the application concurrently with it).
    const opened = dataSource;
    return {
      app,
      dataSource: opened,
      config,
      routes,
      url: () => app.getUrl().then((u) => u.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost')),
      /**
       * Stops in dependency order: readiness turns to "stopping" (for SHUTDOWN_DRAIN_SECONDS the process
       * still serves, so that a balancer probing it moves traffic away), HTTP next (no new connections; requests in flight finish, for up to
       * SHUTDOWN_GRACE_SECONDS, then their connections are cut), then the application's own shutdown
       * (the queue waits for its running jobs and stops, the listeners, the chain), then the database.
       */
      async close() {
        app.get(HealthService).stop();
        if (config.shutdownDrainSeconds > 0) {
          logger.log(`draining: readiness says "stopping"; still serving for ${config.shutdownDrainSeconds} s`);
          await sleep(config.shutdownDrainSeconds * 1000);
        }
        await closeHttp(app, config.shutdownGraceSeconds * 1000, logger);
        await app.close();
        if (opened.isInitialized) await opened.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
}
