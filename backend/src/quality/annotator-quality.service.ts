import { Injectable } from '@nestjs/common';
import { ErrorCode } from '../errors/app.exception.js';
import { ProjectsService } from '../projects/projects.service.js';
import { mapAnnotatorQuality, type AnnotatorQualityDto } from './annotator-quality.dto.js';
import { AnnotatorQualityRepository, type AnnotatorConfusionRow } from './annotator-quality.repository.js';
import { confusionMatrix } from './domain/confusion.js';
import { QualityException } from './quality.exception.js';

/** One annotator's quality for the console: per-project scores, per-day accuracy, confusion and suspensions. */
@Injectable()
export class AnnotatorQualityService {
  constructor(
    private readonly repository: AnnotatorQualityRepository,
    private readonly projects: ProjectsService,
  ) {}

  async annotatorQuality(annotatorId: number, projectId: number | null): Promise<AnnotatorQualityDto> {
    const [annotator, project] = await Promise.all([
      this.repository.findAnnotator(annotatorId),
      projectId === null ? null : this.projects.find(projectId),
    ]);
    if (!annotator) throw new QualityException(ErrorCode.USER_NOT_FOUND, `User ${annotatorId} not found`);
    if (projectId !== null && !project)
      throw new QualityException(ErrorCode.PROJECT_NOT_FOUND, `Project ${projectId} not found`, 'projectId');
    const [projects, days, cells, suspensions] = await Promise.all([
      this.repository.projects(annotatorId),
      this.repository.days(annotatorId, projectId),
      this.repository.confusion(annotatorId, projectId),
      this.repository.suspensions(annotatorId),
    ]);
    const cellsOf = new Map<number, AnnotatorConfusionRow[]>();
    for (const cell of cells) {
      const list = cellsOf.get(cell.projectId) ?? [];
      list.push(cell);
      cellsOf.set(cell.projectId, list);
    }
    const confusion = projects
      .filter((p) => p.projectType === 'classification' && (projectId === null || p.projectId === projectId))
      .map((p) => ({
        projectId: p.projectId,
        projectName: p.projectName,
        matrix: confusionMatrix(p.projectLabels, cellsOf.get(p.projectId) ?? []),
      }));
    return mapAnnotatorQuality({ annotator, projectId, projects, days, confusion, suspensions });
  }
}
