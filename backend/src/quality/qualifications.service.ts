import { Injectable } from '@nestjs/common';
import type { QualificationStatus } from './domain/qualification.js';
import { QualificationsRepository } from './qualifications.repository.js';

/** How long a failed verdict is trusted without reading it again (another instance may reset it). */
const FAILED_REFRESH_MS = 5_000;
const MAX_CACHED = 100_000;

/**
 * Each annotator's qualification verdict per project, as the labeling path asks for it on every
 * task: "passed" is final and kept, "failed" is read again every few seconds, a reset made here
 * applies to the very next task.
 */
@Injectable()
export class QualificationsService {
  private readonly verdicts = new Map<string, { status: QualificationStatus; at: number }>();

  constructor(private readonly rows: QualificationsRepository) {}

  /** The stored verdict, else `unjudged()` (a new annotator, or a project that asks for no qualification). */
  async status(projectId: number, annotatorId: number, unjudged: () => QualificationStatus): Promise<QualificationStatus> {
    const key = `${projectId}:${annotatorId}`;
    const cached = this.verdicts.get(key);
    if (cached && (cached.status === 'passed' || Date.now() - cached.at < FAILED_REFRESH_MS)) return cached.status;
    const status = (await this.rows.status(projectId, annotatorId)) ?? unjudged();
    // A qualifying annotator's verdict may land any moment: read it again on their next task.
    if (status !== 'qualifying') {
      if (this.verdicts.size > MAX_CACHED) this.verdicts.clear();
      this.verdicts.set(key, { status, at: Date.now() });
    }
    return status;
  }

  /** Lets the annotator take the project's qualification again; false when they had no verdict. */
  async reset(projectId: number, annotatorId: number): Promise<boolean> {
    const done = await this.rows.reset(projectId, annotatorId);
    this.verdicts.delete(`${projectId}:${annotatorId}`);
    return done;
  }
}
