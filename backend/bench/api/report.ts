/** The API bench's report: the table with PASS/FAIL and its details (stdout), and the JSON results file. */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuLine } from '../support/cpu.js';
import { fmt, fmtInt, verdict } from '../support/format.js';
import type { ImportResult } from './import.js';
import type { LabelingResult } from './labeling.js';
import type { RawResult } from './raw-baseline.js';
import {
  ANNOTATORS,
  ITEMS,
  RAW_CONNECTIONS,
  RAW_SECONDS,
  SECONDS,
  TARGET_IMPORT_SECONDS,
  TARGET_LABELS_PER_SECOND,
  TARGET_P99_MS,
  TARGET_RATIO,
  WARMUP_SECONDS,
} from './settings.js';

/** What one run measured. */
export interface BenchRun {
  startedAt: Date;
  /** performance.now() when the run started. */
  wallStart: number;
  embedded: boolean;
  pgVersion: string;
  pgSettings: Record<string, string>;
  bootSeconds: number;
  imported: ImportResult;
  labeling: LabelingResult;
  /** Annotations in the database after the labeling run. */
  stored: number;
  chained: LabelingResult;
  raw: RawResult;
  /** BENCH_DIAG's statement plans and table states, as report lines. */
  diagnostics: string[];
}

function ratios(run: BenchRun): { ratio: number; ratioPass: boolean; chainedRatio: number } {
  const ratio = run.labeling.labelsPerSecond / run.raw.insertsPerSecond;
  return { ratio, ratioPass: ratio >= TARGET_RATIO, chainedRatio: run.chained.labelsPerSecond / run.raw.insertsPerSecond };
}

/** The printed report, line by line. */
export function reportLines(run: BenchRun): string[] {
  const { imported, labeling, chained, raw, pgVersion, diagnostics } = run;
  const { ratio, ratioPass, chainedRatio } = ratios(run);
  const dbName = run.embedded
    ? `embedded PostgreSQL ${pgVersion.split(' ')[0]?.split('.')[0] ?? pgVersion}`
    : `PostgreSQL ${pgVersion} via DATABASE_URL`;
  const lines = [
    '',
    `Tessera API benchmark (loopback, ${os.availableParallelism()} cores, ${dbName})`,
    `import ${fmtInt(ITEMS / 1000)}k items (JSONL, one request)`.padEnd(42) +
      `${fmt(imported.seconds, 2)} s   ${fmtInt(imported.itemsPerSecond)} items/s   ` +
      `imported ${fmtInt(imported.response.imported)}/${fmtInt(ITEMS)}   target < ${TARGET_IMPORT_SECONDS} s   ${verdict(imported.pass)}`,
    `labeling, ${ANNOTATORS} annotators, ${SECONDS} s`.padEnd(42) +
      `${fmtInt(labeling.labelsPerSecond)} labels/s   p50 ${fmt(labeling.latencyMs.p50)} ms  p95 ${fmt(labeling.latencyMs.p95)} ms  ` +
      `p99 ${fmt(labeling.latencyMs.p99)} ms  max ${fmt(labeling.latencyMs.max)} ms   errors ${labeling.errors}   ` +
      `target >= ${fmtInt(TARGET_LABELS_PER_SECOND)}/s, p99 < ${TARGET_P99_MS} ms, 0 errors   ${verdict(labeling.pass)}`,
    `raw single-row INSERT commits, ${RAW_CONNECTIONS} conns`.padEnd(42) +
      `${fmtInt(raw.insertsPerSecond)} inserts/s   p50 ${fmt(raw.latencyMs.p50)} ms  p99 ${fmt(raw.latencyMs.p99)} ms   errors ${raw.errors}`,
    'ratio labels/s / raw inserts/s'.padEnd(42) + `${fmt(ratio, 2)}   target >= ${TARGET_RATIO}   ${verdict(ratioPass)}`,
    `labeling chained (submit?next=true)`.padEnd(42) +
      `${fmtInt(chained.labelsPerSecond)} labels/s   p50 ${fmt(chained.latencyMs.p50)} ms  p99 ${fmt(chained.latencyMs.p99)} ms   ` +
      `errors ${chained.errors}   ratio ${fmt(chainedRatio, 2)}   ${verdict(chained.pass && chainedRatio >= TARGET_RATIO)}`,
    '',
    'details',
    `  server boot (embedded PG init + migrations)  ${fmt(run.bootSeconds)} s`,
    `  import body ${fmt(imported.bodyBytes / 1_048_576)} MiB streamed; cpu (% of one core): ${cpuLine(imported.cpu)}`,
    `  labeling: ${fmtInt(labeling.labels)} labels in the window (${fmtInt(labeling.labelsIncludingWarmup)} with warm-up, ` +
      `${fmtInt(run.stored)} annotations stored); next p50 ${fmt(labeling.nextMs.p50)} / p99 ${fmt(labeling.nextMs.p99)} ms, ` +
      `submit p50 ${fmt(labeling.submitMs.p50)} / p99 ${fmt(labeling.submitMs.p99)} ms`,
    `  labeling cpu (% of one core): ${cpuLine(labeling.cpu)}`,
    `  labels per second over the window: ${labeling.perSecond.map((n) => fmtInt(n)).join(' ')}`,
    `  chained, labels per second over the window: ${chained.perSecond.map((n) => fmtInt(n)).join(' ')}`,
    `  raw baseline cpu (% of one core): ${cpuLine(raw.cpu)}`,
    `  postgres: ${Object.entries(run.pgSettings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  ];
  if (labeling.errors > 0) {
    lines.push(`  labeling errors by kind: ${JSON.stringify(labeling.errorsByKind)}`);
    for (const sample of labeling.errorSamples) lines.push(`    ${sample.phase} ${sample.request} -> ${sample.status}: ${sample.body}`);
  }
  for (const [name, result] of [
    ['labeling', labeling],
    ['chained labeling', chained],
  ] as const) {
    if (result.exhaustedAnnotators > 0) {
      lines.push(
        `  WARNING (${name}): ${result.exhaustedAnnotators} annotators got no assignment (nothing left to label), the first ${fmt(result.firstExhaustedAt ?? 0)} s ` +
          `into the window: labels/s is understated; raise BENCH_ITEMS`,
      );
    }
  }
  if (labeling.activity) {
    lines.push('  server pg connections while labeling (pg_stat_activity samples, state and wait event):');
    for (const w of labeling.activity.waits.slice(0, 8)) lines.push(`    ${w.query.padEnd(40)} ${fmt(w.share * 100)}%`);
  }
  if (diagnostics.length) lines.push('  statements the server ran most while labeling, with their generic plans:', ...diagnostics);
  lines.push(`  total wall time ${fmt((performance.now() - run.wallStart) / 1000)} s (before shutdown)`);
  return lines;
}

/** The results file's content (bench/results/api-bench.json); `pass` is the verdict on the targets. */
export function resultsJson(run: BenchRun) {
  const { imported, labeling, chained, raw, diagnostics } = run;
  const { ratio, ratioPass, chainedRatio } = ratios(run);
  return {
    startedAt: run.startedAt.toISOString(),
    environment: {
      node: process.version,
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      database: run.embedded ? 'embedded' : 'external',
      postgresVersion: run.pgVersion,
      postgresSettings: run.pgSettings,
      serverBootSeconds: run.bootSeconds,
    },
    settings: {
      items: ITEMS,
      annotators: ANNOTATORS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rawSeconds: RAW_SECONDS,
      rawConnections: RAW_CONNECTIONS,
    },
    targets: { importSeconds: TARGET_IMPORT_SECONDS, labelsPerSecond: TARGET_LABELS_PER_SECOND, p99Ms: TARGET_P99_MS, ratio: TARGET_RATIO },
    import: imported,
    labeling: { ...labeling, annotationsStored: run.stored },
    labelingChained: { ...chained, ratio: chainedRatio },
    ...(diagnostics.length ? { diagnostics } : {}),
    raw,
    ratio: { value: ratio, pass: ratioPass },
    pass: imported.pass && labeling.pass && ratioPass,
  };
}
