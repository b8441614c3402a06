import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ConsensusStatus } from './domain/consensus-status.js';

export class ConfidenceBucketDto {
  @ApiProperty({ example: 0.8 }) from: number;
  @ApiProperty({ example: 0.9 }) to: number;
  @ApiProperty() items: number;
}

export class WorkerQualityDto {
  @ApiProperty() annotatorId: number;
  @ApiProperty() address: string;
  @ApiProperty() labels: number;
  @ApiProperty() accuracy: number;
  @ApiProperty() goldSeen: number;
  @ApiProperty() goldCorrect: number;
  @ApiProperty({ description: 'Gold accuracy blended with accuracy against the inferred answers, in [0, 1]; box merging weighs by it' })
  trust: number;
}

export class QualificationDto {
  @ApiProperty() annotatorId: number;
  @ApiProperty() address: string;
  @ApiProperty({ enum: ['qualifying', 'passed', 'failed'], enumName: 'QualificationStatus' }) status: string;
  @ApiProperty({ description: 'Gold items answered when the verdict was given' }) goldSeen: number;
  @ApiProperty() goldCorrect: number;
  @ApiProperty() updatedAt: string;
}

/** Items per aggregation status; a status no item has is left out. */
export class QualityStatusCountsDto {
  @ApiPropertyOptional({ description: 'Settled: confidence reached the target' }) confident?: number;
  @ApiPropertyOptional({ description: 'Unsure, more annotators asked' }) needs_more_labels?: number;
  @ApiPropertyOptional({ description: 'Unsure at the most labels an item may get: waiting for a reviewer' }) needs_review?: number;
}

// A status added to the domain fails to compile here until it is documented above.
const _countsEveryStatus = (counts: Required<QualityStatusCountsDto>): Record<ConsensusStatus, number> => counts;

export class ProjectQualityDto {
  @ApiProperty({ nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'mv, wawa or ds for classification; auto otherwise' }) method: string | null;
  @ApiProperty({ type: QualityStatusCountsDto }) statuses: Record<string, number>;
  @ApiProperty({ nullable: true, type: Number, description: "Krippendorff's alpha (nominal), classification only" }) krippendorffAlpha:
    number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Fleiss' kappa, classification only" }) fleissKappa: number | null;
  @ApiProperty({ type: [ConfidenceBucketDto] }) confidenceHistogram: ConfidenceBucketDto[];
  @ApiProperty({ type: [WorkerQualityDto] }) workers: WorkerQualityDto[];
}
