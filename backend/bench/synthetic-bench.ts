/**
 * Synthetic-data benchmark, run by `npm run bench` (compiled: node dist/backend/bench/synthetic-bench.js):
 * a classified source of BENCH_SYNTH_SOURCE rows (20,000) with correlated mixed fields (numbers, a
 * date, a boolean, a category; src/datasets/synthetic/domain/correlated-source.ts), then
 * `synthesize` of BENCH_SYNTH_ROWS rows (100,000) read to the end, with the report.
 * Target: 100k tabular rows with the report in under 10 s (wall time). Prints the time of each phase,
 * the process's own CPU time (on a shared machine the wall time includes waiting for a core), peak
 * heap and the report's scores. BENCH_STRICT=1: exit 1 when the target fails.
 */
import { performance } from 'node:perf_hooks';
import { CORRELATED_SCHEMA, correlatedSource } from '../src/datasets/synthetic/domain/correlated-source.js';
import { synthesize } from '../src/datasets/synthetic/synthesize.js';
import { fmt, fmtInt, verdict } from './support/format.js';

const SOURCE_ROWS = Number(process.env['BENCH_SYNTH_SOURCE'] ?? 20_000);
const ROWS = Number(process.env['BENCH_SYNTH_ROWS'] ?? 100_000);
const TARGET_MS = 10_000;
const MB = 1024 * 1024;

async function main(): Promise<void> {
  const source = correlatedSource(SOURCE_ROWS, 1);
  let peakHeap = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const synthesis = synthesize(source, CORRELATED_SCHEMA, { rows: ROWS, seed: 42 });
  const fitted = performance.now();
  let count = 0;
  for await (const record of synthesis.records) {
    count++;
    if (record.id.length === 0) throw new Error('a record without an id');
    if (count % 10_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  // The report is computed as the last row is read: reading the rows includes it.
  const report = await synthesis.report;
  const done = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const totalMs = done - started;

  console.log(`synthetic: ${fmtInt(count)} rows from ${fmtInt(SOURCE_ROWS)} source rows (fit ${fmtInt(report.samples.realRows)})`);
  console.log(
    `  fit ${fmt((fitted - started) / 1000, 2)} s, rows and report ${fmt((done - fitted) / 1000, 2)} s; ` +
      `CPU time of this process ${fmt((cpu.user + cpu.system) / 1e6, 2)} s (the rest of the wall time it waited for a core); ` +
      `peak heap ${fmtInt(peakHeap / MB)} MB`,
  );
  const score = (value: number | null) => (value === null ? 'n/a' : fmt(value, 3));
  console.log(
    `  column shapes ${score(report.scores.columnShapes)}, column pair trends ${score(report.scores.columnPairTrends)}, ` +
      `overall ${score(report.scores.overall)}, utility (TSTR/TRTR) ${score(report.scores.utility)} ` +
      `(${score(report.utility?.trainOnSynthetic ?? null)} / ${score(report.utility?.trainOnReal ?? null)})`,
  );
  const dcr = report.privacy.dcr;
  console.log(
    `  privacy: exact copies ${fmtInt(report.privacy.exactCopies)}, DCRBaselineProtection ${score(dcr?.baselineProtection ?? null)}, ` +
      `closer than real rows to each other ${score(dcr?.closerThanRealShare ?? null)}`,
  );
  console.log(
    `  ${verdict(totalMs < TARGET_MS)} ${fmtInt(count)} synthetic rows with the report in ${fmt(totalMs / 1000, 2)} s (target < ${TARGET_MS / 1000} s)`,
  );
  if (process.env['BENCH_STRICT'] === '1' && totalMs >= TARGET_MS) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
