import { Injectable } from '@nestjs/common';
import { TtlCache } from '../cache/ttl-cache.js';
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
  private readonly statuses = new TtlCache<number, boolean>({ maxEntries: MAX_CACHED_STATUSES, ttlMs: STATUS_CACHE_MS });
  private readonly readStatus = (annotatorId: number): Promise<boolean> => this.suspensions.isSuspended(annotatorId);

  constructor(private readonly suspensions: SuspensionsRepository) {}

  isSuspended(annotatorId: number): Promise<boolean> {
    return this.statuses.getOrLoad(annotatorId, this.readStatus);
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
    this.statuses.delete(annotatorId);
  }
}
