import { ApiProperty } from '@nestjs/swagger';
import { getAddress } from 'ethers';
import type { AnnotatorDayRow, AnnotatorProjectRow, AnnotatorRow, AnnotatorSuspensionRow } from './annotator-quality.repository.js';
import { PROJECT_TYPES } from '../projects/domain/label-schema.js';
import type { ConfusionMatrix } from './domain/confusion.js';
import { SUSPENSION_REASONS_PROPERTY } from './suspensions.dto.js';

export class AnnotatorProjectScoreDto {
  @ApiProperty({ description: 'Labels the aggregation counted' }) labels: number;
  @ApiProperty({ description: 'Agreement with the inferred answers, 0..1 (Dawid-Skene: from the confusion matrix)' }) accuracy: number;
  @ApiProperty() goldSeen: number;
  @ApiProperty() goldCorrect: number;
  @ApiProperty({ nullable: true, type: Number, description: 'goldCorrect / goldSeen; null without gold items' }) goldAccuracy:
    number | null;
  @ApiProperty() computedAt: string;
}

export class AnnotatorProjectDto {
  @ApiProperty() projectId: number;
  @ApiProperty() projectName: string;
  @ApiProperty({ enum: PROJECT_TYPES, enumName: 'ProjectType' }) projectType: string;
  @ApiProperty({ description: 'Labels that count (not discarded)' }) submitted: number;
  @ApiProperty({ description: 'Labels discarded when the annotator was suspended' }) discarded: number;
  @ApiProperty({ type: AnnotatorProjectScoreDto, nullable: true, description: 'From the last aggregation; null until one counted them' })
  score: AnnotatorProjectScoreDto | null;
}

export class AnnotatorQualityDayDto {
  @ApiProperty({ example: '2026-11-25', description: 'UTC day' }) day: string;
  @ApiProperty({ description: 'Labels that count (not discarded)' }) labels: number;
  @ApiProperty({ description: 'Labels of the day discarded since; measured nowhere' }) discarded: number;
  @ApiProperty({ description: 'Labels on items with an aggregated result' }) compared: number;
  @ApiProperty({ description: 'Of those, labels equal to the result' }) agreed: number;
  @ApiProperty({ nullable: true, type: Number, description: 'agreed / compared, 0..1' }) agreement: number | null;
  @ApiProperty() goldSeen: number;
  @ApiProperty() goldCorrect: number;
  @ApiProperty({ nullable: true, type: Number, description: 'goldCorrect / goldSeen, 0..1' }) goldAccuracy: number | null;
}

export class AnnotatorConfusionDto {
  @ApiProperty() projectId: number;
  @ApiProperty() projectName: string;
  @ApiProperty({ type: [String], description: 'Row and column order' }) labels: string[];
  @ApiProperty({
    description: 'counts[row][column]: rows are the true labels (gold, else inferred), columns the annotator’s labels',
    type: 'array',
    items: { type: 'array', items: { type: 'integer' } },
  })
  counts: number[][];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'The diagonal' }) correct: number;
}

export class AnnotatorSuspensionDto {
  @ApiProperty() id: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null when an admin suspended directly' }) projectId: number | null;
  @ApiProperty({ nullable: true, type: String }) projectName: string | null;
  @ApiProperty(SUSPENSION_REASONS_PROPERTY) reasons: unknown;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) liftedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) liftedBy: number | null;
  @ApiProperty({ nullable: true, type: String }) liftedByAddress: string | null;
}

export class AnnotatorQualityDto {
  @ApiProperty() annotatorId: number;
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The project filter applied to days and confusion' }) projectId: number | null;
  @ApiProperty({ type: [AnnotatorProjectDto], description: 'Every project the annotator labeled in (not filtered)' })
  projects: AnnotatorProjectDto[];
  @ApiProperty({ type: [AnnotatorQualityDayDto], description: 'Days (UTC) with labels, oldest first' }) days: AnnotatorQualityDayDto[];
  @ApiProperty({ type: [AnnotatorConfusionDto], description: 'One per classification project in scope' })
  confusion: AnnotatorConfusionDto[];
  @ApiProperty({ type: [AnnotatorSuspensionDto], description: 'Every suspension, newest first (not filtered)' })
  suspensions: AnnotatorSuspensionDto[];
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function mapAnnotatorProject(row: AnnotatorProjectRow): AnnotatorProjectDto {
  const scored = row.computedAt !== null && row.labels !== null && row.accuracy !== null;
  const goldSeen = row.goldSeen ?? 0;
  const goldCorrect = row.goldCorrect ?? 0;
  return {
    projectId: row.projectId,
    projectName: row.projectName,
    projectType: row.projectType,
    submitted: row.submitted,
    discarded: row.discarded,
    score: scored
      ? {
          labels: row.labels!,
          accuracy: row.accuracy!,
          goldSeen,
          goldCorrect,
          goldAccuracy: ratio(goldCorrect, goldSeen),
          computedAt: row.computedAt!.toISOString(),
        }
      : null,
  };
}

export function mapAnnotatorDay(row: AnnotatorDayRow): AnnotatorQualityDayDto {
  return { ...row, agreement: ratio(row.agreed, row.compared), goldAccuracy: ratio(row.goldCorrect, row.goldSeen) };
}

export function mapAnnotatorSuspension(row: AnnotatorSuspensionRow): AnnotatorSuspensionDto {
  return {
    id: row.id,
    projectId: row.projectId,
    projectName: row.projectName,
    reasons: row.reasons,
    active: row.liftedAt === null,
    createdAt: row.createdAt.toISOString(),
    liftedAt: row.liftedAt?.toISOString() ?? null,
    liftedBy: row.liftedBy,
    liftedByAddress: row.liftedByAddress === null ? null : getAddress(row.liftedByAddress),
  };
}

export interface AnnotatorQualityParts {
  annotator: AnnotatorRow;
  projectId: number | null;
  projects: AnnotatorProjectRow[];
  days: AnnotatorDayRow[];
  confusion: Array<{ projectId: number; projectName: string; matrix: ConfusionMatrix }>;
  suspensions: AnnotatorSuspensionRow[];
}

export function mapAnnotatorQuality(parts: AnnotatorQualityParts): AnnotatorQualityDto {
  return {
    annotatorId: parts.annotator.id,
    address: getAddress(parts.annotator.address),
    projectId: parts.projectId,
    projects: parts.projects.map(mapAnnotatorProject),
    days: parts.days.map(mapAnnotatorDay),
    confusion: parts.confusion.map(({ projectId, projectName, matrix }) => ({ projectId, projectName, ...matrix })),
    suspensions: parts.suspensions.map(mapAnnotatorSuspension),
  };
}
