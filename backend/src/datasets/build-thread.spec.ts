import { describe, expect, it } from 'vitest';
import { outOfHeap, ROOMY_THREAD_HEAP, runBuildThread, THREAD_HEAP, type BuildThreadTask, type ThreadHeap } from './build-thread.js';

/** A describe task whose database refuses connections: the thread fails as soon as it connects. */
const task: BuildThreadTask = {
  kind: 'describe',
  connectionUrl: 'postgres://nobody@127.0.0.1:1/none',
  versionId: 1,
  synthetic: false,
  projectType: 'classification',
  context: {
    projectType: 'classification',
    intendedUse: null,
    description: '',
    license: 'CC-BY-4.0',
    filters: {},
    fractions: { train: 0.8, validation: 0.1, test: 0.1 },
    seed: 1,
    trust: [],
  },
};

const failure = (heap: ThreadHeap) =>
  runBuildThread(task, heap, () => undefined).then(
    () => null,
    (error: unknown) => error,
  );

describe('runBuildThread', () => {
  it("rejects with the thread's own failure, which is not running out of heap", async () => {
    const error = await failure(THREAD_HEAP);
    expect(error).toBeInstanceOf(Error);
    expect(outOfHeap(error)).toBe(false);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('tells a thread that ran out of its heap (so that the step can run again with a roomier one)', async () => {
    const error = await failure({ maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 });
    expect(outOfHeap(error)).toBe(true);
  });

  it('runs the retry without caps: V8 limits as the main thread has them, far above the usual caps', async () => {
    expect(ROOMY_THREAD_HEAP).toEqual({});
    const error = await failure(ROOMY_THREAD_HEAP);
    expect(outOfHeap(error)).toBe(false);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});
