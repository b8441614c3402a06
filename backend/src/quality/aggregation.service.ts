import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ProjectType } from '../projects/domain/label-schema.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import { aggregateProject } from './domain/project-aggregation.js';
import { QualityRepository } from './quality.repository.js';

export const AGGREGATE_QUEUE = 'quality.aggregate';
/** Submits within this window share one aggregation run. */
const DEBOUNCE_SECONDS = 2;

/**
 * Background aggregation: submits schedule their project (at most one waiting run per project);
 * a run recomputes the whole project from the stored labels, so it is idempotent and a crashed run
 * is simply retried.
 */
@Injectable()
export class AggregationService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AggregationService.name);
  /** Projects scheduled lately by this instance: saves a queue write per submit. */
  private readonly recentlyScheduled = new Map<number, number>();

  constructor(
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
    private readonly quality: QualityRepository,
    private readonly projects: ProjectsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.declare(AGGREGATE_QUEUE, { onePerKey: true });
    await this.queue.work<{ projectId: number }>(
      AGGREGATE_QUEUE,
      async (jobs) => {
        for (const job of jobs) await this.aggregate(job.data.projectId);
      },
      { pollingIntervalSeconds: 1 },
    );
  }

  /** Asks for an aggregation of the project soon. Cheap to call on every submit. */
  schedule(projectId: number): void {
    const now = Date.now();
    if ((this.recentlyScheduled.get(projectId) ?? 0) > now) return;
    this.recentlyScheduled.set(projectId, now + DEBOUNCE_SECONDS * 1000);
    this.queue
      .send(AGGREGATE_QUEUE, { projectId }, { singletonKey: String(projectId), startAfterSeconds: DEBOUNCE_SECONDS })
      .catch((error: unknown) => {
        this.recentlyScheduled.delete(projectId);
        this.logger.warn(`could not schedule aggregation of project ${projectId}: ${String(error)}`);
      });
  }

  /** Recomputes every item decision and worker score of the project. */
  async aggregate(projectId: number): Promise<void> {
    const project = await this.projects.findById(projectId);
    if (!project) return;
    const started = Date.now();
    const { items, labels } = await this.quality.projectLabels(projectId);
    const decision = aggregateProject({
      type: project.type as ProjectType,
      labels: project.labels,
      items,
      annotations: labels,
      targetConfidence: project.targetConfidence,
      minLabels: project.overlap,
      maxOverlap: project.maxOverlap,
    });
    await this.quality.saveResults(projectId, decision.method, decision.items, decision.workers, decision.grow);
    this.logger.log(`project ${projectId}: ${decision.items.length} items aggregated (${decision.method}) in ${Date.now() - started} ms`);
  }
}
