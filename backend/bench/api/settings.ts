/** The API bench's settings (environment) and targets, and where its files are. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export const ITEMS = envInt('BENCH_ITEMS', 100_000);
export const ANNOTATORS = envInt('BENCH_ANNOTATORS', 64);
export const SECONDS = envInt('BENCH_SECONDS', 15);
export const WARMUP_SECONDS = envInt('BENCH_WARMUP_SECONDS', 3, 0);
export const RAW_SECONDS = envInt('BENCH_RAW_SECONDS', 10);
export const RAW_CONNECTIONS = envInt('BENCH_RAW_CONNECTIONS', 64);
export const CPU_PROF = process.env['BENCH_SERVER_CPU_PROF'] === '1';
export const DIAG = process.env['BENCH_DIAG'] === '1';
export const STRICT = process.env['BENCH_STRICT'] === '1';
export const LOG_LEVEL = process.env['BENCH_LOG_LEVEL'] ?? 'warn';
export const EXTERNAL_DATABASE_URL = process.env['DATABASE_URL'] || undefined;
export const CHAIN_ID = 8996;

export const TARGET_IMPORT_SECONDS = 10;
export const TARGET_LABELS_PER_SECOND = 1000;
export const TARGET_P99_MS = 100;
export const TARGET_RATIO = 0.3;

const here = path.dirname(fileURLToPath(import.meta.url)); // backend/dist/backend/bench/api
export const backendDir = path.resolve(here, '../../../..');
export const serverMain = path.resolve(here, '../../src/main.js');
export const resultsDir = path.join(backendDir, 'bench', 'results');
