import { ApiProperty } from '@nestjs/swagger';

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
  @ApiProperty({ enum: ['qualifying', 'passed', 'failed'] }) status: string;
  @ApiProperty({ description: 'Gold items answered when the verdict was given' }) goldSeen: number;
  @ApiProperty() goldCorrect: number;
  @ApiProperty() updatedAt: string;
}

export class ProjectQualityDto {
  @ApiProperty({ nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'mv, wawa or ds for classification; auto otherwise' }) method: string | null;
  @ApiProperty({
    description: 'Items per status: confident, needs_more_labels, needs_review',
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  statuses: Record<string, number>;
  @ApiProperty({ nullable: true, type: Number, description: "Krippendorff's alpha (nominal), classification only" }) krippendorffAlpha:
    number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Fleiss' kappa, classification only" }) fleissKappa: number | null;
  @ApiProperty({ type: [ConfidenceBucketDto] }) confidenceHistogram: ConfidenceBucketDto[];
  @ApiProperty({ type: [WorkerQualityDto] }) workers: WorkerQualityDto[];
}
