import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger, ValidationPipe, type LogLevel, type ValidationError } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { TokenService } from './auth/token.service.js';
import type { AppConfig } from './config/app-config.js';
import { openDatabase } from './database/data-source.js';
import { EmbeddedDatabase } from './database/embedded-postgres.js';
import { AppException, ErrorCode } from './errors/app.exception.js';
import { AppExceptionFilter } from './errors/app-exception.filter.js';
import { registerCors } from './http/cors.js';
import { registerRateLimits, requestAccount } from './http/rate-limits.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { FileUrls } from './items/file-urls.js';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

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
  return (request.routeOptions.config as { streamBody?: boolean } | undefined)?.streamBody === true;
}

/**
 * Body parsing: imports get the raw request stream (never buffered); every other JSON body is
 * parsed with the normal size limit.
 */
function configureParsers(fastify: FastifyInstance, config: AppConfig): void {
  const jsonParser = fastify.getDefaultJsonParser('error', 'ignore');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', (request, payload, done) => {
    if (streamsBody(request)) {
      done(null, payload);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > config.maxBodyBytes) {
        payload.removeAllListeners('data');
        payload.resume();
        done(new AppException(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${config.maxBodyBytes} bytes`), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (size > config.maxBodyBytes) return;
      void jsonParser(request, Buffer.concat(chunks).toString('utf8'), done);
    });
    payload.on('error', (error) => done(error, undefined));
  });
  fastify.addContentTypeParser(
    [
      'text/csv',
      'application/x-ndjson',
      'application/jsonl',
      'application/x-jsonlines',
      'application/jsonlines',
      'application/octet-stream',
    ],
    (request, payload, done) => {
      if (streamsBody(request)) done(null, payload);
      else done(new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'This route takes application/json'), undefined);
    },
  );
}

const APP_AREAS = ['/label', '/admin', '/market'];

/**
 * The browser app on the same origin: hashed assets cached for good, and every page of the three
 * areas answered with index.html (client-side routing).
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
  const sendIndex = async (_request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const html = await readFile(indexFile, 'utf8');
    await reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };
  fastify.get('/', (_request, reply) => reply.redirect('/label'));
  for (const area of APP_AREAS) {
    fastify.get(area, sendIndex);
    fastify.get(`${area}/*`, sendIndex);
  }
}

export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  configureParsers(fastify, config);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.maxImportBytes, files: 10_000, fields: 100, parts: 10_100 },
    throwFileSizeLimit: true,
  });
  registerSecurityHeaders(app, config.publicUrl);
  await registerCors(app, config.corsOrigins);
  const fileUrls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  await registerRateLimits(app, config.rateLimits, requestAccount(app.get(TokenService), fileUrls));
  if (config.frontendDir) await serveFrontend(fastify, config.frontendDir);
  app.setGlobalPrefix('api');
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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tessera API')
      .setDescription('Label-to-earn: wallet sign-in, projects, items, tasks, annotations. Errors are {statusCode, code, message, field?}.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}

export interface Tessera {
  app: NestFastifyApplication;
  dataSource: DataSource;
  config: AppConfig;
  /** The base URL it listens on, once `listen` ran. */
  url(): Promise<string>;
  close(): Promise<void>;
}

/** Starts the database (embedded unless DATABASE_URL), migrates it and builds the HTTP app. */
export async function createTessera(config: AppConfig): Promise<Tessera> {
  Logger.overrideLogger(LOG_LEVELS[config.logLevel]);
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
        bodyLimit: config.maxImportBytes,
        trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
      }),
      { logger: LOG_LEVELS[config.logLevel], abortOnError: false, bodyParser: false },
    );
    await configureApp(app, config);
    app.enableShutdownHooks();
    const opened = dataSource;
    return {
      app,
      dataSource: opened,
      config,
      url: () => app.getUrl().then((u) => u.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost')),
      async close() {
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
