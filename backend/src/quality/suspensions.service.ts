import { Injectable } from '@nestjs/common';
import type { SuspensionEntity } from './suspension.entity.js';
import { SuspensionsRepository } from './suspensions.repository.js';

/** How long "not suspended" is trusted without reading it again (other instances' suspensions show up then). */
const STATUS_CACHE_MS = 2_000;
const MAX_CACHED_STATUSES = 100_000;

/**
 * Suspending and lifting, and whether an annotator is suspended now. Every labeling call asks, so
 * the answer is cached briefly; a suspension or lift made through this process applies at once.
 */
@Injectable()
export class SuspensionsService {
  private readonly cache = new Map<number, { suspended: boolean; at: number }>();
  /** Counts changes: a read that overlapped one may hold the old answer, so it is not kept. */
  private changes = 0;

  constructor(private readonly suspensions: SuspensionsRepository) {}

  async isSuspended(annotatorId: number): Promise<boolean> {
    const cached = this.cache.get(annotatorId);
    if (cached && Date.now() - cached.at < STATUS_CACHE_MS) return cached.suspended;
    const before = this.changes;
    const suspended = await this.suspensions.isSuspended(annotatorId);
    if (before === this.changes) {
      if (this.cache.size >= MAX_CACHED_STATUSES) this.cache.clear();
      this.cache.set(annotatorId, { suspended, at: Date.now() });
    }
    return suspended;
  }

  /** See `SuspensionsRepository.suspend`; false when they were suspended already. */
  async suspend(annotatorId: number, projectId: number | null, reasons: unknown): Promise<boolean> {
    const done = await this.suspensions.suspend(annotatorId, projectId, reasons);
    this.forget(annotatorId);
    return done;
  }

  async lift(id: number, liftedBy: number): Promise<SuspensionEntity | null> {
    const lifted = await this.suspensions.lift(id, liftedBy);
    if (lifted) this.forget(lifted.annotatorId);
    return lifted;
  }

  private forget(annotatorId: number): void {
    this.changes++;
    this.cache.delete(annotatorId);
  }
}
