/**
 * Writes the API's OpenAPI document and the browser's types generated from it, without a database or
 * a chain: Nest builds the module graph in preview mode (no provider is instantiated), which is all
 * Swagger reads. Run through `npm run api:types` (write) and `npm run api:types:check` (compare),
 * which load the sources with `swc-loader.js` (decorator metadata, no build).
 *
 *   openapi.ts --types FILE      write the generated types to FILE
 *   openapi.ts --check FILE      exit 1, with a diff summary, when FILE is not what --types would write
 *   openapi.ts --document FILE   also write the OpenAPI document (JSON; "-" for standard output)
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';

const HEADER = `/**
 * Generated from the API's OpenAPI document by \`npm run api:types\` (backend/src/cli/openapi.ts, with
 * openapi-typescript): do not edit. Change the backend's DTOs and their Swagger decorators, then
 * regenerate; \`npm run api:types:check\` (part of \`npm test\`) fails while this file is out of date.
 */
`;

/** The document the running server serves at /api/docs/openapi.json. */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  const [{ AppModule }, { API_PREFIX, createApiDocument }] = await importApp();
  // Preview mode never calls a factory, so neither the database nor the chain nor the queue is opened;
  // the settings only shape which modules are imported, and every setting has a default.
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'openapi-document-generation-only-00' }, process.cwd());
  const dataSource = new DataSource({ type: 'postgres' });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, dataSource, 'postgres://unused'),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
      abortOnError: false,
    },
  );
  try {
    app.setGlobalPrefix(API_PREFIX);
    return createApiDocument(app);
  } finally {
    await app.close();
  }
}

/** Loaded late so that a missing contracts build gets a message saying so. */
async function importApp(): Promise<[typeof import('../app.module.js'), typeof import('../platform.js')]> {
  try {
    return await Promise.all([import('../app.module.js'), import('../platform.js')]);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('contracts')) {
      throw new Error(`${(error as Error).message}\nThe backend imports the contracts package: run \`npm run -w contracts build\` first.`);
    }
    throw error;
  }
}

/** The types file, formatted as the repository's Prettier settings want it at `file`. */
export async function generateTypes(document: OpenAPIObject, file: string): Promise<string> {
  const ast = await openapiTS(document as unknown as OpenAPI3, { silent: true, exportType: true });
  const options = await resolveConfig(file);
  return format(HEADER + astToString(ast), { ...options, filepath: file });
}

function diffSummary(committed: string, fresh: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-api-types-'));
  try {
    const freshFile = path.join(dir, path.basename(committed));
    writeFileSync(freshFile, fresh);
    const diff = spawnSync(
      'diff',
      ['-u', '--label', `${committed} (committed)`, '--label', `${committed} (generated)`, committed, freshFile],
      {
        encoding: 'utf8',
      },
    );
    const lines = diff.stdout.split('\n');
    const changed = lines.filter((l) => /^[+-](?![+-]{2} )/.test(l)).length;
    const shown = lines.slice(0, 80).join('\n');
    return `${changed} line(s) differ${lines.length > 80 ? ' (first 80 lines of the diff)' : ''}:\n${shown}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { types: { type: 'string' }, check: { type: 'string' }, document: { type: 'string' } },
  });
  if (!values.types && !values.check && !values.document) {
    process.stderr.write('Usage: openapi.ts [--types FILE | --check FILE] [--document FILE|-]\n');
    return 2;
  }
  const document = await buildApiDocument();
  if (values.document === '-') process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  else if (values.document) writeFileSync(values.document, `${JSON.stringify(document, null, 2)}\n`);
  if (values.types) {
    writeFileSync(values.types, await generateTypes(document, values.types));
    process.stderr.write(`wrote ${values.types}\n`);
  }
  if (values.check) {
    const fresh = await generateTypes(document, values.check);
    let committed: string | undefined;
    try {
      committed = readFileSync(values.check, 'utf8');
    } catch {
      // missing: reported below
    }
    if (committed !== fresh) {
      process.stderr.write(
        `${values.check} is out of date with the API's OpenAPI document: run \`npm run api:types\` and commit the result.\n` +
          (committed === undefined ? `(${values.check} does not exist)\n` : `${diffSummary(values.check, fresh)}\n`),
      );
      return 1;
    }
    process.stderr.write(`${values.check} matches the API's OpenAPI document\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
