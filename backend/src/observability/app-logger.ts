import type { LoggerService } from '@nestjs/common';
import { pino, stdTimeFunctions, type DestinationStream, type Level, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { AppConfig } from '../config/app-config.js';
import { currentLogContext } from './log-context.js';

/** LOG_LEVEL names Nest's levels; pino calls `log` info and has no `verbose` (debug shows it, as Nest's debug did). */
const PINO_LEVEL: Record<AppConfig['logLevel'], Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

/** A line ending in `at file:line:column`: the stack Nest passes before the context in `error(message, stack, context)`. */
const STACK = /\n\s+at .+/;

export interface AppLoggerOptions {
  level: AppConfig['logLevel'];
  format: AppConfig['observability']['logFormat'];
  /** Where lines go; standard output (synchronously, so nothing is lost at exit) when absent. */
  destination?: DestinationStream;
}

/**
 * Nest's LoggerService on pino: every `new Logger(context).log(...)` in the code base becomes one
 * structured line with its `context`, and, inside a request or a job, the `requestId` (and `queue`,
 * `jobId`) of log-context.ts. JSON for log collectors; `pretty` for a terminal.
 */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest's `(message, ...params, context?)`, and for errors `(message, stack?, context?)`, as pino fields. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    if (level === 'error' || level === 'fatal') {
      // Nest's Logger always passes [stack or undefined, context] here; a caller of the service itself may pass one.
      if (rest.length >= 2 || (rest.length === 1 && (rest[0] === undefined || (typeof rest[0] === 'string' && STACK.test(rest[0]))))) {
        const stack = rest.shift();
        if (typeof stack === 'string') fields['stack'] = stack;
      }
    }
    if (typeof rest.at(-1) === 'string') fields['context'] = rest.pop();
    if (rest.length > 0) fields['params'] = rest;
    if (message instanceof Error) {
      fields['err'] = message;
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      fields['data'] = message;
      this.pino[level](fields);
    } else {
      this.pino[level](fields, String(message));
    }
  }
}

function prettyStream(): DestinationStream {
  return PinoPretty({
    sync: true,
    colorize: process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,requestId',
    messageFormat: '{if context}[{context}] {end}{if requestId}<{requestId}> {end}{msg}',
    singleLine: true,
  });
}

/** Standard output, one stream per format for the whole process (tests start many applications in one). */
const stdout = new Map<AppLoggerOptions['format'], DestinationStream>();

function standardOutput(format: AppLoggerOptions['format']): DestinationStream {
  let stream = stdout.get(format);
  if (!stream) {
    stream = format === 'json' ? pino.destination({ fd: 1, sync: true }) : prettyStream();
    stdout.set(format, stream);
  }
  return stream;
}

export function createAppLogger(options: AppLoggerOptions): AppLogger {
  const destination = options.destination ?? standardOutput(options.format);
  return new AppLogger(
    pino(
      {
        level: PINO_LEVEL[options.level],
        timestamp: stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => ({ ...currentLogContext() }),
      },
      destination,
    ),
  );
}
