// Runs the quality engine off the main thread, so aggregating a big project never stalls requests.
import { parentPort } from 'node:worker_threads';
import { aggregateProject, type ProjectLabels } from './domain/project-aggregation.js';
import { QualityError } from './domain/quality-error.js';

parentPort!.on('message', (input: ProjectLabels) => {
  try {
    parentPort!.postMessage({ ok: true, value: aggregateProject(input) });
  } catch (error) {
    parentPort!.postMessage({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      code: error instanceof QualityError ? error.code : undefined,
    });
  }
});
