import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppLogger } from './app-logger.js';
import { runInLogContext } from './log-context.js';

/** A logger whose JSON lines land in `lines`. */
function capture(level: 'error' | 'warn' | 'log' | 'debug' = 'log') {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createAppLogger({ level, format: 'json', destination }), lines };
}

afterEach(() => {
  Logger.overrideLogger(['log', 'error', 'warn']);
});

describe('AppLogger', () => {
  it("writes Nest's Logger calls as JSON lines with level, time, context and message", () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    new Logger('Queue').log('project 3: aggregating');
    new Logger('Queue').warn('slow');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', context: 'Queue', msg: 'project 3: aggregating' });
    expect(lines[1]).toMatchObject({ level: 'warn', context: 'Queue', msg: 'slow' });
    expect(Date.parse(String(lines[0]!['time']))).not.toBeNaN();
  });

  it('keeps the stack an error is logged with apart from its context', () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    const error = new Error('boom');
    new Logger('Errors').error('request failed', error.stack);
    new Logger('Errors').error('no stack');
    expect(lines[0]).toMatchObject({ level: 'error', context: 'Errors', msg: 'request failed' });
    expect(String(lines[0]!['stack'])).toContain('at ');
    expect(lines[1]).toMatchObject({ level: 'error', context: 'Errors', msg: 'no stack' });
    expect(lines[1]).not.toHaveProperty('stack');
  });

  it('adds the request id and job of the context the line is written in', async () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    await runInLogContext({ requestId: 'req-1', queue: 'quality.aggregate', jobId: 'j-9' }, async () => {
      await Promise.resolve();
      new Logger('AggregationService').log('inside');
    });
    new Logger('AggregationService').log('outside');
    expect(lines[0]).toMatchObject({ requestId: 'req-1', queue: 'quality.aggregate', jobId: 'j-9', msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('leaves out levels under LOG_LEVEL', () => {
    const { logger, lines } = capture('warn');
    Logger.overrideLogger(logger);
    new Logger('X').log('hidden');
    new Logger('X').debug('hidden too');
    new Logger('X').warn('shown');
    expect(lines.map((line) => line['msg'])).toEqual(['shown']);
  });

  it('shows debug (and verbose) lines at LOG_LEVEL=debug', () => {
    const { logger, lines } = capture('debug');
    Logger.overrideLogger(logger);
    new Logger('X').debug('d');
    new Logger('X').verbose('v');
    expect(lines.map((line) => [line['level'], line['msg']])).toEqual([
      ['debug', 'd'],
      ['debug', 'v'],
    ]);
  });
});
