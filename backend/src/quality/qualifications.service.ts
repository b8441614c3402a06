import { Injectable, Optional } from '@nestjs/common';
import { CacheBus } from '../cache/cache-bus.js';
import { TtlCache } from '../cache/ttl-cache.js';
import type { QualificationStatus } from './domain/qualification.js';
import { QualificationsRepository } from './qualifications.repository.js';

/** How long a failed verdict is trusted without reading it again (another instance may reset it). */
const FAILED_REFRESH_MS = 5_000;
const MAX_CACHED = 100_000;

/**
 * Each annotator's qualification verdict per project, as the labeling path asks for it on every
 * lease: "passed" is final and kept, "failed" is read again every few seconds, a reset made here
 * applies to the very next lease.
 */
@Injectable()
export class QualificationsService {
  /** "passed" is final; a qualifying annotator's verdict may land any moment: read it again on their next lease. */
  private readonly verdicts = new TtlCache<string, QualificationStatus>({
    maxEntries: MAX_CACHED,
    ttlMs: (status) => (status === 'passed' ? Infinity : status === 'failed' ? FAILED_REFRESH_MS : 0),
  });

  constructor(
    private readonly rows: QualificationsRepository,
    @Optional() bus?: CacheBus,
  ) {
    bus?.attach('qualifications', this.verdicts);
  }

  /** The stored verdict, else `unjudged()` (a new annotator, or a project that asks for no qualification). */
  status(projectId: number, annotatorId: number, unjudged: () => QualificationStatus): Promise<QualificationStatus> {
    return this.verdicts.getOrLoad(
      `${projectId}:${annotatorId}`,
      async () => (await this.rows.status(projectId, annotatorId)) ?? unjudged(),
    );
  }

  /** How many gold items the project has: with none, nobody qualifies and no assignment is a check. */
  goldCount(projectId: number): Promise<number> {
    return this.rows.goldCount(projectId);
  }

  /** Lets the annotator take the project's qualification again; false when they had no verdict. */
  async reset(projectId: number, annotatorId: number): Promise<boolean> {
    const done = await this.rows.reset(projectId, annotatorId);
    this.verdicts.delete(`${projectId}:${annotatorId}`);
    return done;
  }
}
