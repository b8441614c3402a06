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

export class CandidateScoreDto {
  @ApiProperty({ example: 'ds(smoothing=1)', description: 'Method and its parameters' }) candidate: string;
  @ApiProperty({ enum: ['mv', 'wawa', 'ds', 'mmce'] }) method: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The held-out score (nats per hidden vote): the mean of heldOutItem and heldOutTypical; null when no vote could be hidden',
  })
  heldOutLogLikelihood: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "Mean log-probability of a hidden vote by the model's full prediction for its item",
  })
  heldOutItem: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "The same for a typical item (the item's own terms, minimax entropy's, at their prior mean 0)",
  })
  heldOutTypical: number | null;
  @ApiProperty({
    description:
      "False for a method's setting that lost to another setting of the same method (by the mean of heldOutItem and heldOutTypical): it is not compared with the other methods",
  })
  settingChosen: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of the gold items hidden from the fit it got right; null without gold' })
  goldAccuracy: number | null;
}

/** How `auto` chose the method of the last run: every candidate's score and the winner's lead. */
export class MethodSelectionDto {
  @ApiProperty({ enum: ['gold', 'held-out-likelihood'] }) criterion: string;
  @ApiProperty({ example: 'ds(smoothing=1)' }) winner: string;
  @ApiProperty({
    description:
      "The winner's lead in the deciding criterion over the runner-up (with the held-out criterion: the best other method at its chosen setting)",
  })
  margin: number;
  @ApiProperty({ type: [CandidateScoreDto] }) scores: CandidateScoreDto[];
  @ApiProperty({ description: 'Votes scored by the held-out criterion' }) heldOutVotes: number;
  @ApiProperty({ description: 'Gold items scored by the gold criterion' }) goldItems: number;
  @ApiProperty({ description: 'Items the candidates were fitted on (a sample on a large project)' }) sampledItems: number;
  @ApiProperty() sampledVotes: number;
}

export class ProjectQualityDto {
  @ApiProperty({ nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'mv, wawa, ds or mmce for classification; auto otherwise' }) method:
    string | null;
  @ApiProperty({ nullable: true, type: MethodSelectionDto, description: 'How the last run chose its method (classification)' })
  selection: MethodSelectionDto | null;
  @ApiProperty({ type: QualityStatusCountsDto }) statuses: Record<string, number>;
  @ApiProperty({ nullable: true, type: Number, description: "Krippendorff's alpha (nominal), classification only" }) krippendorffAlpha:
    number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Fleiss' kappa, classification only" }) fleissKappa: number | null;
  @ApiProperty({ type: [ConfidenceBucketDto] }) confidenceHistogram: ConfidenceBucketDto[];
  @ApiProperty({ type: [WorkerQualityDto] }) workers: WorkerQualityDto[];
}
