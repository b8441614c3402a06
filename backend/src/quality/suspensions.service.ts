import { Injectable, Optional } from '@nestjs/common';
import type { Caller } from '../access/access.js';
import { CacheBus } from '../cache/cache-bus.js';
import { TtlCache } from '../cache/ttl-cache.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { QualityException } from './quality.exception.js';
import { mapMySuspension, mapSuspension, type MyStandingDto, type SUSPENSION_FILTERS, type SuspensionDto } from './suspensions.dto.js';
import { SuspensionsRepository } from './suspensions.repository.js';

/** How long "not suspended" is trusted without reading it again (another process's suspension is told at once through the CacheBus; this bounds a missed one). */
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

  constructor(
    private readonly suspensions: SuspensionsRepository,
    @Optional() bus?: CacheBus,
  ) {
    bus?.attach('suspensions', this.statuses);
  }

  isSuspended(annotatorId: number): Promise<boolean> {
    return this.statuses.getOrLoad(annotatorId, this.readStatus);
  }

  /** See `SuspensionsRepository.suspend`; false when they were suspended already. */
  async suspend(annotatorId: number, projectId: number | null, reasons: unknown): Promise<boolean> {
    const done = await this.suspensions.suspend(annotatorId, projectId, reasons);
    this.forget(annotatorId);
    return done;
  }

  /** An admin suspends the annotator by hand (everywhere); answers their active suspension. */
  async suspendByAdmin(admin: Caller, annotatorId: number, note: string | undefined): Promise<SuspensionDto> {
    await this.suspend(annotatorId, null, [{ rule: 'admin', by: admin.id, note: note ?? '' }]);
    // Already suspended, they keep that suspension: it is the one answered.
    const page = await this.suspensions.list({
      filter: { annotatorId, active: true },
      offset: 0,
      limit: 1,
      sortField: 'id',
      sortOrder: 'DESC',
    });
    if (!page.rows[0]) throw new QualityException(ErrorCode.USER_NOT_FOUND, `User ${annotatorId} not found`, 'annotatorId');
    return mapSuspension(page.rows[0]);
  }

  /** Lifts the suspension; the labels it discarded stay discarded. Lifting a lifted one changes nothing. */
  async lift(id: number, admin: Caller): Promise<SuspensionDto> {
    const lifted = await this.suspensions.lift(id, admin.id);
    if (!lifted) throw new QualityException(ErrorCode.SUSPENSION_NOT_FOUND, `Suspension ${id} not found`);
    this.forget(lifted.annotatorId);
    return mapSuspension((await this.suspensions.findById(lifted.id))!);
  }

  async list(query: ListQuery<(typeof SUSPENSION_FILTERS)[number]>): Promise<ListPage<SuspensionDto>> {
    const page = await this.suspensions.list(query);
    return { rows: page.rows.map(mapSuspension), total: page.total };
  }

  async get(id: number): Promise<SuspensionDto> {
    const row = await this.suspensions.findById(id);
    if (!row) throw new QualityException(ErrorCode.SUSPENSION_NOT_FOUND, `Suspension ${id} not found`);
    return mapSuspension(row);
  }

  /** The caller's own active suspension, if any: the rules that fired, its scope and their review request. */
  async standing(caller: Caller): Promise<MyStandingDto> {
    const row = await this.suspensions.activeOf(caller.id);
    return { suspension: row ? mapMySuspension(row) : null };
  }

  /** The suspended caller asks an admin to look again; the request shows on the suspension in the console. */
  async requestReview(caller: Caller, message: string): Promise<MyStandingDto> {
    if (!(await this.suspensions.requestReview(caller.id, message.trim()))) {
      throw new QualityException(ErrorCode.SUSPENSION_NOT_FOUND, 'You are not suspended: there is nothing to review');
    }
    return this.standing(caller);
  }

  private forget(annotatorId: number): void {
    this.statuses.delete(annotatorId);
  }
}
