import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { QueuePort } from '../queue/queue.port.js';
import type { CreditService } from '../rewards/credit.service.js';
import { AggregationService } from './aggregation.service.js';
import type { QualificationsRepository } from './qualifications.repository.js';
import type { QualityRepository } from './quality.repository.js';
import type { ReviewsRepository } from './reviews.repository.js';
import type { SuspensionsService } from './suspensions.service.js';

const T0 = Date.parse('2026-12-01T12:00:00Z');

/**
 * A queue that keeps every send and drops each of them, as pg-boss does for a project that has an
 * aggregation waiting already (one waiting job per key): the job that runs is that other one.
 */
function droppingQueue(): { queue: QueuePort; sends: number[] } {
  const sends: number[] = [];
  const queue = {
    send: () => {
      sends.push(Date.now() - T0);
      return Promise.resolve(null);
    },
  } as unknown as QueuePort;
  return { queue, sends };
}

function service(queue: QueuePort): AggregationService {
  const config = { antiCheat: { minLabels: 5, minMedianMs: 0 }, autoSuspend: false } as unknown as AppConfig;
  return new AggregationService(
    queue,
    {} as QualityRepository,
    {} as ProjectsService,
    {} as SuspensionsService,
    {} as ReviewsRepository,
    {} as QualificationsRepository,
    {} as CreditService,
    config,
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('AggregationService.schedule', () => {
  it('sends once per window, and once more when a window ends that skipped calls', async () => {
    const { queue, sends } = droppingQueue();
    const aggregation = service(queue);
    aggregation.schedule(7);
    expect(sends).toEqual([0]);
    // Labels arriving within the window: the job waiting may start before them, so they are owed a send.
    await vi.advanceTimersByTimeAsync(500);
    aggregation.schedule(7);
    aggregation.schedule(7);
    expect(sends).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sends).toEqual([0, 2_000]);
    // That send opened a window of its own, which skipped nothing: no more sends.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sends).toEqual([0, 2_000]);
  });

  it('keeps the windows of different projects apart', async () => {
    const { queue, sends } = droppingQueue();
    const aggregation = service(queue);
    aggregation.schedule(1);
    aggregation.schedule(2);
    aggregation.schedule(2);
    expect(sends).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sends).toEqual([0, 0, 2_000]);
  });
});
