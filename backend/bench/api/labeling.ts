/**
 * The API bench's labeling loop: BENCH_ANNOTATORS signed-in annotators label for BENCH_SECONDS after
 * a warm-up, each as fast as the server answers.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool as HttpPool } from 'undici';
import { cpuShare, cpuSnapshot, type CpuShare } from '../support/cpu.js';
import { sampleActivity, type Activity } from '../support/diagnostics.js';
import type { BenchServer } from '../support/server.js';
import type { Session } from '../support/sign-in.js';
import { summarize, type LatencySummary } from '../support/statistics.js';
import { DIAG, SECONDS, TARGET_LABELS_PER_SECOND, TARGET_P99_MS, WARMUP_SECONDS } from './settings.js';

export interface ErrorSample {
  phase: 'warmup' | 'measure';
  request: string;
  status: number | string;
  body: string;
}

export interface LabelingResult {
  annotators: number;
  warmupSeconds: number;
  seconds: number;
  labels: number;
  labelsPerSecond: number;
  latencyMs: LatencySummary;
  nextMs: LatencySummary;
  submitMs: LatencySummary;
  labelsIncludingWarmup: number;
  errors: number;
  errorsByKind: Record<string, number>;
  errorSamples: ErrorSample[];
  exhaustedAnnotators: number;
  /** Seconds into the measured window (negative: during warm-up) when the first annotator got 204. */
  firstExhaustedAt: number | null;
  /** Labels completed in each second of the measured window. */
  perSecond: number[];
  pass: boolean;
  cpu: CpuShare;
  activity?: Activity;
}

/**
 * The annotators' loop. Separate: GET next, then POST submit, per label. Chained: POST submit?next=true
 * answers the next assignment with the submit, so after the first assignment each label is one request.
 */
export async function runLabeling(
  http: HttpPool,
  server: BenchServer,
  sessions: readonly Session[],
  projectId: number,
  chained = false,
  /** Each annotator's pause after a label, on average (uniform over 0.5x..1.5x); 0: flat out. */
  thinkMs = 0,
): Promise<LabelingResult> {
  const latencies: number[] = [];
  const nextLatencies: number[] = [];
  const submitLatencies: number[] = [];
  const errorsByKind: Record<string, number> = {};
  const errorSamples: ErrorSample[] = [];
  let errors = 0;
  let labelsIncludingWarmup = 0;
  let exhausted = 0;
  let firstExhaustedAt: number | undefined;
  const perSecond = new Array<number>(SECONDS).fill(0);

  const t0 = performance.now();
  const measureStart = t0 + WARMUP_SECONDS * 1000;
  const measureEnd = measureStart + SECONDS * 1000;
  const submitBody = JSON.stringify({ result: { label: 'cat' }, leadTimeMs: 1000 });

  const recordError = (request: string, status: number | string, body: string): void => {
    errors++;
    const kind = `${request} ${status}`;
    errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
    if (errorSamples.length < 10) {
      errorSamples.push({ phase: performance.now() < measureStart ? 'warmup' : 'measure', request, status, body: body.slice(0, 300) });
    }
  };

  const worker = async (session: Session): Promise<void> => {
    const auth = `Bearer ${session.token}`;
    let chainedAssignment: { assignmentId: number } | undefined;
    while (performance.now() < measureEnd) {
      const started = performance.now();
      let nextDone = started;
      try {
        let assignment = chainedAssignment;
        if (!assignment) {
          const next = await http.request({ path: `/api/projects/${projectId}/next`, method: 'GET', headers: { authorization: auth } });
          const nextText = await next.body.text();
          nextDone = performance.now();
          if (next.statusCode === 204) {
            exhausted++;
            firstExhaustedAt ??= (nextDone - measureStart) / 1000;
            return;
          }
          if (next.statusCode !== 200) {
            recordError('GET /api/projects/:id/next', next.statusCode, nextText);
            await sleep(10);
            continue;
          }
          assignment = JSON.parse(nextText) as { assignmentId: number };
        }
        const submit = await http.request({
          path: `/api/assignments/${assignment.assignmentId}/submit${chained ? '?next=true' : ''}`,
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: submitBody,
        });
        const submitText = await submit.body.text();
        const done = performance.now();
        if (submit.statusCode !== 201) {
          recordError('POST /api/assignments/:id/submit', submit.statusCode, submitText);
          chainedAssignment = undefined;
          await sleep(10);
          continue;
        }
        if (chained) {
          chainedAssignment = (JSON.parse(submitText) as { next: { assignmentId: number } | null }).next ?? undefined;
          if (!chainedAssignment && done < measureEnd) {
            exhausted++;
            firstExhaustedAt ??= (done - measureStart) / 1000;
          }
        }
        labelsIncludingWarmup++;
        if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
        if (done >= measureStart && done <= measureEnd) {
          latencies.push(done - started);
          const second = Math.min(SECONDS - 1, Math.floor((done - measureStart) / 1000));
          perSecond[second] = (perSecond[second] ?? 0) + 1;
          nextLatencies.push(nextDone - started);
          submitLatencies.push(done - nextDone);
        }
      } catch (error) {
        recordError('network', (error as { code?: string }).code ?? 'error', String(error));
        await sleep(10);
      }
    }
  };

  const workers = Promise.all(sessions.map((s) => worker(s)));
  let activity: Promise<Activity> | undefined;
  await sleep(Math.max(0, measureStart - performance.now()));
  const cpuBefore = cpuSnapshot(server.child.pid);
  if (DIAG) activity = sampleActivity(server.pgUrl, () => performance.now() >= measureEnd);
  await sleep(Math.max(0, measureEnd - performance.now()));
  const cpu = cpuShare(cpuBefore, cpuSnapshot(server.child.pid), server.embedded);
  await workers;

  const latencyMs = summarize(latencies);
  const labelsPerSecond = latencies.length / SECONDS;
  const result: LabelingResult = {
    annotators: sessions.length,
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    labels: latencies.length,
    labelsPerSecond,
    latencyMs,
    nextMs: summarize(nextLatencies),
    submitMs: summarize(submitLatencies),
    labelsIncludingWarmup,
    errors,
    errorsByKind,
    errorSamples,
    exhaustedAnnotators: exhausted,
    firstExhaustedAt: firstExhaustedAt ?? null,
    perSecond,
    pass: labelsPerSecond >= TARGET_LABELS_PER_SECOND && latencyMs.p99 < TARGET_P99_MS && errors === 0,
    cpu,
  };
  if (activity) result.activity = await activity;
  return result;
}
