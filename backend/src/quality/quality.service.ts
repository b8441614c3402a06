import { Injectable } from '@nestjs/common';
import { getAddress } from 'ethers';
import { ErrorCode } from '../errors/app.exception.js';
import { ProjectsService } from '../projects/projects.service.js';
import { AggregationService } from './aggregation.service.js';
import { fleissKappa, krippendorffAlpha } from './domain/agreement.js';
import type { Vote } from './domain/votes.js';
import { QualityError } from './domain/quality-error.js';
import { trustOf } from './domain/trust.js';
import { QualificationsRepository } from './qualifications.repository.js';
import { QualificationsService } from './qualifications.service.js';
import type { ProjectQualityDto, QualificationDto } from './quality.dto.js';
import { QualityException } from './quality.exception.js';
import { QualityRepository } from './quality.repository.js';

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

@Injectable()
export class QualityService {
  constructor(
    private readonly quality: QualityRepository,
    private readonly projects: ProjectsService,
    private readonly aggregation: AggregationService,
    private readonly qualificationRows: QualificationsRepository,
    private readonly qualificationVerdicts: QualificationsService,
  ) {}

  async aggregateNow(projectId: number): Promise<ProjectQualityDto> {
    await this.requireProject(projectId);
    try {
      await this.aggregation.aggregate(projectId);
    } catch (error) {
      if (error instanceof QualityError) throw new QualityException(ErrorCode.QUALITY_INPUT_INVALID, `${error.code}: ${error.message}`);
      throw error;
    }
    return this.projectQuality(projectId);
  }

  async qualifications(projectId: number): Promise<QualificationDto[]> {
    await this.requireProject(projectId);
    return (await this.qualificationRows.list(projectId)).map((q) => ({
      annotatorId: q.annotatorId,
      address: getAddress(q.address),
      status: q.status,
      goldSeen: q.goldSeen,
      goldCorrect: q.goldCorrect,
      updatedAt: q.updatedAt.toISOString(),
    }));
  }

  /** Lets an annotator take the project's qualification again. */
  async resetQualification(projectId: number, annotatorId: number): Promise<void> {
    await this.requireProject(projectId);
    if (!(await this.qualificationVerdicts.reset(projectId, annotatorId))) {
      throw new QualityException(
        ErrorCode.QUALIFICATION_NOT_FOUND,
        `Annotator ${annotatorId} has no qualification in project ${projectId}`,
      );
    }
  }

  async projectQuality(projectId: number): Promise<ProjectQualityDto> {
    const project = await this.requireProject(projectId);
    const [counts, confidences, workers, last, run] = await Promise.all([
      this.quality.statusCounts(projectId),
      this.quality.confidences(projectId),
      this.quality.workers(projectId),
      this.quality.lastComputed(projectId),
      this.quality.lastRun(projectId),
    ]);
    let alpha: number | null = null;
    let kappa: number | null = null;
    if (project.type === 'classification') {
      const { labels } = await this.quality.projectLabels(projectId);
      const votes: Vote[] = labels.map((l) => ({
        item: String(l.itemId),
        worker: String(l.annotatorId),
        label: String(l.result['label']),
      }));
      alpha = finiteOrNull(krippendorffAlpha(votes));
      kappa = finiteOrNull(fleissKappa(votes));
    }
    const histogram = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, items: 0 }));
    for (const c of confidences) histogram[Math.min(9, Math.floor(c * 10))]!.items++;
    return {
      computedAt: last?.computedAt.toISOString() ?? null,
      method: last?.method ?? null,
      selection: run?.selection ?? null,
      statuses: Object.fromEntries(counts.map((c) => [c.status, c.n])),
      krippendorffAlpha: alpha,
      fleissKappa: kappa,
      confidenceHistogram: histogram,
      workers: workers.map((w) => ({
        annotatorId: w.annotatorId,
        address: getAddress(w.address),
        labels: w.labels,
        accuracy: w.accuracy,
        goldSeen: w.goldSeen,
        goldCorrect: w.goldCorrect,
        trust: trustOf(w),
      })),
    };
  }

  /** Each annotator's trust in the project now (trust.ts), for whoever records it (a dataset's datasheet). */
  async workerTrust(projectId: number): Promise<Map<number, number>> {
    return new Map((await this.quality.workers(projectId)).map((w) => [w.annotatorId, trustOf(w)]));
  }

  private async requireProject(projectId: number) {
    const project = await this.projects.find(projectId);
    if (!project) throw new QualityException(ErrorCode.PROJECT_NOT_FOUND, `Project ${projectId} not found`);
    return project;
  }
}
